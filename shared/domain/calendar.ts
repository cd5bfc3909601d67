// The council's business calendar: when the council is open, in Europe/London local time.
// Data (weekly opening hours, bank holidays, dated closures) validated when loaded; every
// question about time ("is it open?", "when is close of business on the 2nd working day?")
// is answered here, so the SLA clock and the channels share one idea of a working day.
//
// London local time <-> UTC is converted with Intl.DateTimeFormat (no tz library). Local times
// that do not exist or happen twice follow one rule, the same as Temporal's 'compatible':
// - spring forward (last Sunday in March, 01:00 -> 02:00): a local time in the missing hour is
//   moved forward by the gap, so 01:30 is read as 02:30 BST (01:30 UTC);
// - fall back (last Sunday in October, 02:00 -> 01:00): a local time in the repeated hour is
//   the EARLIER of the two, so 01:30 is read as 01:30 BST (00:30 UTC).
// Opening hours never fall in those hours in practice; the rule keeps the answer deterministic.
import * as z from './schema.ts';

export const TIME_ZONE = 'Europe/London';

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A calendar date in London, 'YYYY-MM-DD'. */
export type LocalDate = string;

/** How wording is meant to reach the resident: read on a screen, or spoken by text-to-speech. */
export type WordingStyle = 'written' | 'spoken';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MINUTES_IN_DAY = 24 * 60;
/** How far ahead a search for opening time looks before deciding the calendar is never open. */
const SEARCH_DAYS = 800;

const localDate = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD, e.g. 2026-12-24'),
  z.refine(isRealDate, 'is not a date on the calendar'),
);
const clockTime = z.string().check(
  z.regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, "must be a 24-hour time written HH:MM, e.g. '08:30' or '17:00'"),
);

const TimeWindowSchema = z.strictObject({ opens: clockTime, closes: clockTime });

export const CalendarSchema = z.strictObject({
  timeZone: z.literal(TIME_ZONE),
  /** Open windows per day, in order; several a day allowed (a lunch break); [] means closed all day. */
  openingHours: z.strictObject({
    monday: z.array(TimeWindowSchema),
    tuesday: z.array(TimeWindowSchema),
    wednesday: z.array(TimeWindowSchema),
    thursday: z.array(TimeWindowSchema),
    friday: z.array(TimeWindowSchema),
    saturday: z.array(TimeWindowSchema),
    sunday: z.array(TimeWindowSchema),
  }),
  bankHolidays: z.strictObject({
    region: z.literal('england-and-wales'),
    /** false: bank holidays are ordinary days for this calendar (e.g. a 24/7 service). */
    closed: z.boolean(),
    /** The years `dates` covers, in full: a date outside them cannot be placed on the calendar. */
    years: z.strictObject({ from: z.int(), to: z.int() }),
    /** Every bank holiday in those years. `npm run calendar:bank-holidays` writes them (from
     * date-holidays, checked against GOV.UK's list by the tests); add a one-off (a state occasion) by hand. */
    dates: z.array(z.strictObject({ date: localDate, name: z.string().check(z.minLength(1)) })),
  }),
  /** Dated closures, first to last day inclusive; with `hours`, closed only between those times each day. */
  closures: z.array(
    z.strictObject({
      name: z.string().check(z.minLength(1)),
      from: localDate,
      to: localDate,
      hours: z.optional(TimeWindowSchema),
    }),
  ),
});

export type CalendarData = z.infer<typeof CalendarSchema>;
export type TimeWindow = z.infer<typeof TimeWindowSchema>;

export interface BankHoliday {
  date: LocalDate;
  name: string;
}

/** One stretch of open time, as instants. */
export interface OpenWindow {
  opens: Date;
  closes: Date;
}

/** What a London wall clock shows at an instant. */
export interface LondonTime {
  date: LocalDate;
  /** 'HH:MM' */
  time: string;
  /** Minutes since local midnight, 0..1439. */
  minutes: number;
  weekday: Weekday;
  /** Offset from UTC in minutes: 0 in winter (GMT), 60 in summer (BST). */
  offsetMinutes: number;
}

export class CalendarError extends Error {
  override name = 'CalendarError';
  constructor(
    message: string,
    /** The field at fault, e.g. 'openingHours.monday[1].closes'; '' when not about the data. */
    readonly field = '',
  ) {
    super(message);
  }
}

/** Validates calendar data; a bad field gives a CalendarError that names it. */
export function buildCalendar(data: unknown, source = 'calendar'): BusinessCalendar {
  const parsed = CalendarSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.code === 'unrecognized_keys' ? joinPath([...issue.path, issue.keys[0]!]) : joinPath(issue.path);
    const message = issue.code === 'unrecognized_keys' ? 'is not a field we accept' : issue.message;
    throw new CalendarError(`${source}: ${field || '(root)'}: ${message}`, field);
  }
  const calendar = parsed.data;
  const fail = (field: string, message: string): never => {
    throw new CalendarError(`${source}: ${field}: ${message}`, field);
  };
  for (const day of WEEKDAYS) {
    calendar.openingHours[day].forEach((window, i) => {
      const at = `openingHours.${day}[${i}]`;
      if (toMinutes(window.closes) <= toMinutes(window.opens)) fail(`${at}.closes`, `must be after opens (${window.opens})`);
      const previous = calendar.openingHours[day][i - 1];
      if (previous && toMinutes(window.opens) < toMinutes(previous.closes)) {
        fail(`${at}.opens`, `must not be before the previous window closes (${previous.closes}); list windows in order`);
      }
    });
  }
  if (WEEKDAYS.every((day) => calendar.openingHours[day].length === 0)) {
    fail('openingHours', 'must have at least one open window in the week');
  }
  const { years, dates } = calendar.bankHolidays;
  if (years.to < years.from) fail('bankHolidays.years.to', `must not be before from (${years.from})`);
  const seen = new Set<string>();
  dates.forEach(({ date }, i) => {
    const year = Number(date.slice(0, 4));
    if (year < years.from || year > years.to) fail(`bankHolidays.dates[${i}].date`, `${date} is outside years ${years.from} to ${years.to}`);
    if (seen.has(date)) fail(`bankHolidays.dates[${i}].date`, `${date} is listed twice`);
    seen.add(date);
  });
  calendar.closures.forEach((closure, i) => {
    if (closure.to < closure.from) fail(`closures[${i}].to`, `must not be before from (${closure.from})`);
    if (closure.hours && toMinutes(closure.hours.closes) <= toMinutes(closure.hours.opens)) {
      fail(`closures[${i}].hours.closes`, `must be after opens (${closure.hours.opens})`);
    }
  });
  return new BusinessCalendar(calendar);
}

export class BusinessCalendar {
  readonly timeZone = TIME_ZONE;
  private readonly bankHolidays: Map<LocalDate, string>;
  private readonly windowsByDate = new Map<LocalDate, OpenWindow[]>();

  constructor(readonly data: CalendarData) {
    this.bankHolidays = new Map(data.bankHolidays.dates.map((h) => [h.date, h.name]));
  }

  private covered(year: number): void {
    const { from, to } = this.data.bankHolidays.years;
    if (year < from || year > to) {
      throw new CalendarError(
        `bank holidays for ${year} are not in the calendar (it has ${from} to ${to}); run npm run calendar:bank-holidays`,
        'bankHolidays.years',
      );
    }
  }

  /** England and Wales bank holidays in a year, in date order. */
  bankHolidaysIn(year: number): BankHoliday[] {
    this.covered(year);
    return [...this.bankHolidays]
      .filter(([date]) => date.startsWith(`${year}-`))
      .map(([date, name]) => ({ date, name }))
      .sort((a, b) => a.date.localeCompare(b.date));
  }

  bankHolidayOn(day: LocalDate | Date): BankHoliday | undefined {
    const date = asLocalDate(day);
    this.covered(Number(date.slice(0, 4)));
    const name = this.bankHolidays.get(date);
    return name === undefined ? undefined : { date, name };
  }

  /** A working day is a day with some open time: not a closed weekday, bank holiday or whole-day closure. */
  isWorkingDay(day: LocalDate | Date): boolean {
    return this.openingWindowsOn(day).length > 0;
  }

  /** The open windows on a London date, as instants, after bank holidays and closures are taken out. */
  openingWindowsOn(day: LocalDate | Date): OpenWindow[] {
    const date = asLocalDate(day);
    let windows = this.windowsByDate.get(date);
    if (!windows) {
      windows = this.computeWindows(date);
      this.windowsByDate.set(date, windows);
    }
    return windows.map((w) => ({ opens: new Date(w.opens), closes: new Date(w.closes) }));
  }

  /** Open at an instant: inside a window, counting the opening minute and not the closing one. */
  isOpen(at: Date): boolean {
    return this.windowAtOrAfter(at).opens.getTime() <= at.getTime();
  }

  /** The instant the council is next open: `at` itself if it is open then. */
  nextOpening(at: Date): Date {
    const window = this.windowAtOrAfter(at);
    return new Date(Math.max(window.opens.getTime(), at.getTime()));
  }

  /** The close of business on a working day: when its last open window closes. */
  endOfWorkingDay(day: LocalDate | Date): Date {
    const windows = this.openingWindowsOn(day);
    const last = windows[windows.length - 1];
    if (!last) throw new CalendarError(`${asLocalDate(day)} is not a working day`);
    return last.closes;
  }

  /** The nth working day after `day` (n >= 1); n = 0 gives `day` if it is a working day, else the next one. */
  addWorkingDays(day: LocalDate | Date, n: number): LocalDate {
    if (!Number.isInteger(n) || n < 0) throw new CalendarError(`working days to add must be a whole number >= 0, not ${n}`);
    let date = asLocalDate(day);
    let remaining = n;
    if (remaining === 0) {
      for (let i = 0; !this.isWorkingDay(date); i++, date = addDays(date, 1)) this.guardSearch(i);
      return date;
    }
    for (let i = 0; remaining > 0; i++) {
      this.guardSearch(i);
      date = addDays(date, 1);
      if (this.isWorkingDay(date)) remaining--;
    }
    return date;
  }

  /** Open time between two instants, in milliseconds (0 if `to` is not after `from`). */
  businessTimeBetween(from: Date, to: Date): number {
    let total = 0;
    for (let date = londonTimeOf(from).date; londonInstantAt(date, 0).getTime() < to.getTime(); date = addDays(date, 1)) {
      for (const w of this.openingWindowsOn(date)) {
        const start = Math.max(w.opens.getTime(), from.getTime());
        const end = Math.min(w.closes.getTime(), to.getTime());
        if (end > start) total += end - start;
      }
    }
    return total;
  }

  /**
   * The instant after `millis` of open time from `start` (closed time is not counted). Landing
   * exactly on a closing time gives that closing time, so 7.5 hours from 9:30am is "5pm", not the
   * next morning. Zero gives `start` unchanged.
   */
  addBusinessTime(start: Date, millis: number): Date {
    if (!(millis >= 0)) throw new CalendarError(`business time to add must be >= 0, not ${millis}`);
    if (millis === 0) return new Date(start);
    let remaining = millis;
    let date = londonTimeOf(start).date;
    for (let i = 0; ; i++, date = addDays(date, 1)) {
      this.guardSearch(i, 'count open time');
      for (const w of this.openingWindowsOn(date)) {
        if (w.closes.getTime() <= start.getTime()) continue;
        const from = Math.max(w.opens.getTime(), start.getTime());
        const available = w.closes.getTime() - from;
        if (remaining <= available) return new Date(from + remaining);
        remaining -= available;
      }
    }
  }

  addBusinessHours(start: Date, hours: number): Date {
    return this.addBusinessTime(start, Math.round(hours * HOUR));
  }

  /** "Monday to Thursday 8:30am to 12:30pm and 1:30pm to 5pm; Friday 8:30am to 4:30pm; closed at weekends and on bank holidays" */
  describeOpeningHours(style: WordingStyle = 'written'): string {
    const hours = this.data.openingHours;
    const key = (day: Weekday) => hours[day].map((w) => `${w.opens}-${w.closes}`).join(',');
    const groups: Weekday[][] = [];
    for (const day of WEEKDAYS) {
      if (hours[day].length === 0) continue;
      const last = groups[groups.length - 1];
      const previous = WEEKDAYS[WEEKDAYS.indexOf(day) - 1];
      if (last && previous && last[last.length - 1] === previous && key(previous) === key(day)) last.push(day);
      else groups.push([day]);
    }
    const parts = groups.map((days) => {
      const first = capitalise(days[0]!);
      const name = days.length === 1 ? first : `${first} ${days.length === 2 ? 'and' : 'to'} ${capitalise(days[days.length - 1]!)}`;
      const windows = hours[days[0]!].map(
        (w) => `${describeTimeOfDay(toMinutes(w.opens), style)} to ${describeTimeOfDay(toMinutes(w.closes), style)}`,
      );
      return `${name} ${windows.join(' and ')}`;
    });
    const closedDays = WEEKDAYS.filter((day) => hours[day].length === 0);
    const closed: string[] = [];
    const weekendClosed = closedDays.includes('saturday') && closedDays.includes('sunday');
    const otherClosed = closedDays.filter((day) => !weekendClosed || (day !== 'saturday' && day !== 'sunday'));
    if (otherClosed.length) closed.push(`on ${listInWords(otherClosed.map((d) => `${capitalise(d)}s`))}`);
    if (weekendClosed) closed.push('at weekends');
    if (this.data.bankHolidays.closed) closed.push('on bank holidays');
    if (closed.length) parts.push(`closed ${listInWords(closed)}`);
    return parts.join('; ');
  }

  /** "We're open now until 12:30pm." or "We're closed now and open again at 8:30am on Tuesday 26 May." */
  nextOpeningInWords(now: Date, style: WordingStyle = 'written'): string {
    const window = this.windowAtOrAfter(now);
    if (window.opens.getTime() <= now.getTime()) {
      return `We're open now until ${describeInstant(window.closes, now, style, { tomorrow: true })}.`;
    }
    return `We're closed now and open again at ${describeInstant(window.opens, now, style, { tomorrow: true })}.`;
  }

  /** The open window containing `at`, or else the next one. */
  private windowAtOrAfter(at: Date): OpenWindow {
    let date = londonTimeOf(at).date;
    for (let i = 0; ; i++, date = addDays(date, 1)) {
      this.guardSearch(i);
      const found = this.openingWindowsOn(date).find((w) => w.closes.getTime() > at.getTime());
      if (found) return found;
    }
  }

  private guardSearch(daysSearched: number, what = 'find an open day'): void {
    if (daysSearched > SEARCH_DAYS) {
      throw new CalendarError(`could not ${what} within ${SEARCH_DAYS} days; is the calendar closed for good?`);
    }
  }

  private computeWindows(date: LocalDate): OpenWindow[] {
    if (this.data.bankHolidays.closed && this.bankHolidayOn(date)) return [];
    const closures = this.data.closures.filter((c) => c.from <= date && date <= c.to);
    if (closures.some((c) => !c.hours)) return [];
    let windows = this.data.openingHours[weekdayOf(date)].map((w) => [toMinutes(w.opens), toMinutes(w.closes)] as const);
    for (const { hours } of closures) {
      const [shutFrom, shutTo] = [toMinutes(hours!.opens), toMinutes(hours!.closes)];
      windows = windows.flatMap(([opens, closes]) =>
        [
          [opens, Math.min(closes, shutFrom)] as const,
          [Math.max(opens, shutTo), closes] as const,
        ].filter(([a, b]) => b > a),
      );
    }
    return windows
      .map(([opens, closes]) => ({ opens: londonInstantAt(date, opens), closes: londonInstantAt(date, closes) }))
      .filter((w) => w.closes.getTime() > w.opens.getTime());
  }
}

// ---- London local time <-> UTC ----------------------------------------------------------------

const londonClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** The London wall-clock reading at `epochMillis`, as if it were a UTC timestamp (whole seconds). */
function wallClockMillis(epochMillis: number): number {
  const parts: Record<string, number> = {};
  for (const part of londonClock.formatToParts(new Date(epochMillis))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const hour = parts.hour === 24 ? 0 : parts.hour!;
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, hour, parts.minute!, parts.second!);
}

function offsetAt(epochMillis: number): number {
  const wholeSecond = Math.floor(epochMillis / 1000) * 1000;
  return wallClockMillis(wholeSecond) - wholeSecond;
}

/** What a London clock shows at an instant. */
export function londonTimeOf(at: Date): LondonTime {
  const offset = offsetAt(at.getTime());
  const wall = new Date(at.getTime() + offset);
  const date = wall.toISOString().slice(0, 10);
  const minutes = wall.getUTCHours() * 60 + wall.getUTCMinutes();
  return { date, time: wall.toISOString().slice(11, 16), minutes, weekday: weekdayOf(date), offsetMinutes: offset / MINUTE };
}

/**
 * The instant a London clock shows `time` ('HH:MM', '24:00' = next midnight) on `date`.
 * In the spring-forward gap the time is moved forward by the gap; in the autumn overlap the
 * earlier of the two instants is taken (see the header).
 */
export function londonInstant(date: LocalDate, time: string): Date {
  if (!isRealDate(date)) throw new CalendarError(`'${date}' is not a date written YYYY-MM-DD`);
  if (!/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/.test(time)) throw new CalendarError(`'${time}' is not a time written HH:MM`);
  return londonInstantAt(date, toMinutes(time));
}

function londonInstantAt(date: LocalDate, minutes: number): Date {
  const wall = Date.parse(`${date}T00:00:00Z`) + minutes * MINUTE;
  // The offsets a day either side: London changes at most once in any 48 hours.
  const before = offsetAt(wall - DAY);
  const after = offsetAt(wall + DAY);
  const candidates = [...new Set([wall - before, wall - after])]
    .filter((t) => t + offsetAt(t) === wall)
    .sort((a, b) => a - b);
  return new Date(candidates[0] ?? wall - before);
}

// ---- Dates and words ----------------------------------------------------------------------------

function isRealDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function asLocalDate(day: LocalDate | Date): LocalDate {
  if (day instanceof Date) return londonTimeOf(day).date;
  if (!isRealDate(day)) throw new CalendarError(`'${day}' is not a date written YYYY-MM-DD`);
  return day;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return new Date(Date.parse(`${date}T12:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

export function weekdayOf(date: LocalDate): Weekday {
  // getUTCDay: 0 = Sunday; WEEKDAYS starts on Monday.
  return WEEKDAYS[(new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7]!;
}

function toMinutes(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

function joinPath(path: PropertyKey[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`)).join('');
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function listInWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const ONES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
  'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const ORDINAL_ONES = ['zeroth', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth',
  'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth'];
const ORDINAL_TENS = ['', '', 'twentieth', 'thirtieth'];

/** 0..99 in words: 45 -> 'forty-five'. */
function numberInWords(n: number): string {
  if (n < 20) return ONES[n]!;
  const tens = TENS[Math.floor(n / 10)]!;
  return n % 10 === 0 ? tens : `${tens}-${ONES[n % 10]}`;
}

/** 1..31 as an ordinal: 22 -> 'twenty-second'. */
function ordinalInWords(n: number): string {
  if (n < 20) return ORDINAL_ONES[n]!;
  return n % 10 === 0 ? ORDINAL_TENS[n / 10]! : `${TENS[Math.floor(n / 10)]}-${ORDINAL_ONES[n % 10]}`;
}

/** 2027 -> 'twenty twenty-seven', 2000-2009 -> 'two thousand and five', as people say them. */
function yearInWords(year: number): string {
  if (year >= 2000 && year < 2010) return year === 2000 ? 'two thousand' : `two thousand and ${ONES[year - 2000]}`;
  const century = Math.floor(year / 100);
  const rest = year % 100;
  return `${numberInWords(century)} ${rest === 0 ? 'hundred' : rest < 10 ? `oh ${ONES[rest]}` : numberInWords(rest)}`;
}

/**
 * A time of day for a resident: written '5pm', '4:30pm', '12 noon', 'midnight'; spoken
 * 'five p m', 'four thirty p m', 'nine oh five a m', 'twelve noon', 'midnight'.
 * `minutes` counts from midnight; 0 and 1440 are both midnight.
 */
export function describeTimeOfDay(minutes: number, style: WordingStyle = 'written'): string {
  const m = ((minutes % MINUTES_IN_DAY) + MINUTES_IN_DAY) % MINUTES_IN_DAY;
  if (m === 0) return 'midnight';
  if (m === 12 * 60) return style === 'written' ? '12 noon' : 'twelve noon';
  const hour24 = Math.floor(m / 60);
  const minute = m % 60;
  const hour = hour24 % 12 === 0 ? 12 : hour24 % 12;
  const half = hour24 < 12 ? 'am' : 'pm';
  if (style === 'written') return `${hour}${minute ? `:${String(minute).padStart(2, '0')}` : ''}${half}`;
  const spokenMinute = minute === 0 ? '' : minute < 10 ? ` oh ${ONES[minute]}` : ` ${numberInWords(minute)}`;
  return `${numberInWords(hour)}${spokenMinute} ${half === 'am' ? 'a m' : 'p m'}`;
}

/**
 * A London date for a resident: written 'Tuesday 2 December', spoken 'Tuesday the second of
 * December'; the year is added only when it differs from `now`'s year.
 */
export function describeDate(date: LocalDate, now: Date, style: WordingStyle = 'written'): string {
  const [year, month, day] = [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
  const withYear = year !== Number(londonTimeOf(now).date.slice(0, 4));
  const weekday = capitalise(weekdayOf(date));
  const monthName = MONTHS[month - 1]!;
  if (style === 'written') return `${weekday} ${day} ${monthName}${withYear ? ` ${year}` : ''}`;
  return `${weekday} the ${ordinalInWords(day)} of ${monthName}${withYear ? ` ${yearInWords(year)}` : ''}`;
}

/**
 * An instant for a resident, to the minute (seconds dropped, so a promise is never later than
 * the target): '5pm on Tuesday 2 December', '3:45pm today', and with `tomorrow`, '8:30am
 * tomorrow'. Midnight is told as the end of the day before: 'midnight on Tuesday 2 December'.
 */
export function describeInstant(
  at: Date,
  now: Date,
  style: WordingStyle = 'written',
  options: { tomorrow?: boolean } = {},
): string {
  const local = londonTimeOf(at);
  const date = local.minutes === 0 ? addDays(local.date, -1) : local.date;
  const time = describeTimeOfDay(local.minutes, style);
  const today = londonTimeOf(now).date;
  if (date === today) return `${time} today`;
  if (options.tomorrow && date === addDays(today, 1)) return `${time} tomorrow`;
  return `${time} on ${describeDate(date, now, style)}`;
}
