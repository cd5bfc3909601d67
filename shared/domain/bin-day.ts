// Bin collection days by postcode: UK postcodes as residents type or say them, and the next
// collection of each bin from the council's round schedule (shared/catalogue/bin-rounds.json).

import {
  addDays,
  type BusinessCalendar,
  describeDate,
  type LocalDate,
  londonTimeOf,
  type Weekday,
  WEEKDAYS,
  weekdayOf,
  type WordingStyle,
} from './calendar.ts';
import * as z from './schema.ts';

// A UK postcode: outward code (area letters, district digit, optional digit or letter) and
// inward code (sector digit, then two letters from a set without C, I, K, M, O, V).
const OUTWARD = /^[A-Z]{1,2}\d[A-Z\d]?$/;
const INWARD = /^\d[ABD-HJLNP-UW-Z]{2}$/;
const IN_TEXT = /(?<![A-Z\d])([A-Z]{1,2}\d[A-Z\d]?) ?(\d[ABD-HJLNP-UW-Z]{2})(?![A-Z\d])/gi;

/** 'sw1a1aa', ' SW1A  1AA ' -> 'SW1A 1AA'; undefined when it cannot be a UK postcode. */
export function normalisePostcode(input: string): string | undefined {
  const compact = input.toUpperCase().replace(/\s+/g, '');
  if (compact === 'GIR0AA') return 'GIR 0AA';
  const outward = compact.slice(0, -3);
  const inward = compact.slice(-3);
  if (!OUTWARD.test(outward) || !INWARD.test(inward)) return undefined;
  return `${outward} ${inward}`;
}

/** The first postcode inside free text ("when is my bin day sw1a 1aa?"), normalised; undefined if none. */
export function findPostcode(text: string): string | undefined {
  for (const match of text.matchAll(IN_TEXT)) {
    const postcode = normalisePostcode(`${match[1]}${match[2]}`);
    if (postcode) return postcode;
  }
  return undefined;
}

/** The text with every postcode in it (as findPostcode reads them) replaced by `by`. */
export function replacePostcodes(text: string, by: string): string {
  return text.replace(IN_TEXT, (match, outward: string, inward: string) => (normalisePostcode(`${outward}${inward}`) ? by : match));
}

// ---- Collection rounds ----------------------------------------------------------------------------

export const BINS = ['general waste', 'recycling', 'garden waste', 'food waste'] as const;
export type Bin = (typeof BINS)[number];

/**
 * What happens to a collection that falls on a bank holiday. 'next-day': it is made the day
 * after (and again if that is a bank holiday too, as on Christmas Day and Boxing Day), the
 * practice most English councils publish; 'none': collected on the bank holiday as usual.
 */
export const BANK_HOLIDAY_SHIFTS = ['next-day', 'none'] as const;

const DAY = 24 * 60 * 60 * 1000;

const collectionDate = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD, e.g. 2026-01-06'),
  z.refine((value) => {
    const date = new Date(`${value}T12:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
  }, 'is not a date on the calendar'),
);

export const CollectionSchema = z.strictObject({
  bin: z.enum(BINS),
  weekday: z.enum(WEEKDAYS),
  frequency: z.enum(['weekly', 'fortnightly']),
  /** A date the bin was (or will be) collected, on `weekday`: fixes which weeks a fortnightly bin goes. */
  firstCollection: collectionDate,
});

/** The collections for every address in one postcode. */
export const BinRoundSchema = z.strictObject({
  /** Written as residents see it on letters: upper case, one space ('NN1 4TQ'). */
  postcode: z.string(),
  streets: z.array(z.string().check(z.minLength(1))).check(z.minLength(1)),
  bankHolidayShift: z._default(z.enum(BANK_HOLIDAY_SHIFTS), 'next-day'),
  collections: z.array(CollectionSchema).check(z.minLength(1)),
});

export type Collection = z.infer<typeof CollectionSchema>;
export type BinRound = z.infer<typeof BinRoundSchema>;

/** One bin's next collection day. */
export interface NextCollection {
  bin: Bin;
  date: LocalDate;
}

/**
 * The next collection of each bin on or after today (the London date of `now`), soonest first.
 * A collection due today is still shown all day, even after bins are usually out (7am): crews
 * run late, and "today" is the answer a resident checking at noon needs. A collection on a bank
 * holiday moves as the round's `bankHolidayShift` says.
 */
export function nextCollections(
  round: Pick<BinRound, 'collections' | 'bankHolidayShift'>,
  now: Date,
  calendar: Pick<BusinessCalendar, 'bankHolidayOn'>,
): NextCollection[] {
  const today = londonTimeOf(now).date;
  const moved = (date: LocalDate): LocalDate => {
    if (round.bankHolidayShift !== 'next-day') return date;
    let day = date;
    // A shift can only run over consecutive bank holidays (at most two in England and Wales).
    for (let i = 0; i < 7 && calendar.bankHolidayOn(day); i++) day = addDays(day, 1);
    return day;
  };
  const next = round.collections.map((collection, order) => {
    const step = collection.frequency === 'weekly' ? 7 : 14;
    // Start a week back: last week's collection, moved by a bank holiday, may fall today or later.
    let scheduled = firstOnOrAfter(addDays(today, -7), collection.weekday);
    if (step === 14 && daysBetween(collection.firstCollection, scheduled) % 14 !== 0) scheduled = addDays(scheduled, 7);
    let date = moved(scheduled);
    while (date < today) {
      scheduled = addDays(scheduled, step);
      date = moved(scheduled);
    }
    return { bin: collection.bin, date, order };
  });
  return next
    .sort((a, b) => a.date.localeCompare(b.date) || a.order - b.order)
    .map(({ bin, date }) => ({ bin, date }));
}

/**
 * Collections in words, bins on the same day together: written "general waste and food waste:
 * today, Tuesday 24 November; recycling: Tuesday 1 December"; spoken (a date read after "today"
 * only gets in the way) "general waste and food waste today, and recycling on Tuesday the first of December".
 */
export function describeCollections(collections: readonly NextCollection[], now: Date, style: WordingStyle = 'written'): string {
  if (collections.length === 0) return 'no collections are scheduled';
  const byDate = new Map<LocalDate, Bin[]>();
  for (const { bin, date } of collections) byDate.set(date, [...(byDate.get(date) ?? []), bin]);
  const today = londonTimeOf(now).date;
  const parts = [...byDate].sort(([a], [b]) => a.localeCompare(b)).map(([date, bins]) => {
    const when = describeDate(date, now, style);
    const relative = date === today ? 'today' : date === addDays(today, 1) ? 'tomorrow' : undefined;
    const bin = listInWords(bins);
    if (style === 'written') return `${bin}: ${relative ? `${relative}, ${when}` : when}`;
    return `${bin} ${relative ?? `on ${when}`}`;
  });
  return style === 'written' ? parts.join('; ') : listInWords(parts, ', and ');
}

function firstOnOrAfter(date: LocalDate, weekday: Weekday): LocalDate {
  const ahead = (WEEKDAYS.indexOf(weekday) - WEEKDAYS.indexOf(weekdayOf(date)) + 7) % 7;
  return addDays(date, ahead);
}

// Whole days from `from` to `to`, always >= 0 modulo 14 (so dates before the anchor work too).
function daysBetween(from: LocalDate, to: LocalDate): number {
  const days = Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / DAY);
  return ((days % 14) + 14) % 14;
}

function listInWords(items: readonly string[], lastJoin = ' and '): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')}${lastJoin}${items[items.length - 1]}`;
}
