// The performance view's filters and words, apart from React so they can be tested: the filters
// read from the page's address (so a view can be shared and survives a reload), checked before
// anything is asked of the API (the same rules it applies: docs/measures.md), the API query, the
// quick ranges, and how periods, keys and figures are said.
import type { Breakdown, FocusDimension, HoursBucket, Interval, PerformanceReport, SeriesEntry } from './api-types.ts';
import { channelName, teamName, CHANNEL_NAMES } from './format.ts';

export const INTERVALS: Interval[] = ['day', 'week', 'month'];
export const BREAKDOWNS: Array<Exclude<Breakdown, 'day'>> = ['service', 'team', 'channel'];
export const FOCUS_DIMENSIONS: FocusDimension[] = ['service', 'team', 'channel'];
/** The API's limits (shared/app/measures.ts). */
export const MAX_RANGE_DAYS = 92;
export const MAX_DAILY_BREAKDOWN_DAYS = 28;
/** Lines drawn per chart with a breakdown; the rest are in the table under it. */
export const TOP_LINES = 5;
/** With no dates given: the last four weeks, to today. */
export const DEFAULT_DAYS = 28;

export const INTERVAL_WORDS: Record<Interval, string> = { day: 'Day by day', week: 'Week by week', month: 'Month by month' };
export const BREAKDOWN_WORDS: Record<Exclude<Breakdown, 'day'>, string> = { service: 'Service', team: 'Team', channel: 'Channel' };

export interface Filters {
  from: string;
  to: string;
  interval: Interval;
  /** '' for no breakdown. */
  by: Exclude<Breakdown, 'day'> | '';
  /** '' for the whole council, else `service:<id>`, `team:<id>` or `channel:<channel>`. */
  focus: string;
}

export interface FilterProblem {
  /** The form field's id, for the error summary's link. */
  field: 'from' | 'to' | 'interval' | 'by' | 'focus';
  message: string;
}

const DAY_MS = 86_400_000;

/** Today in the UK (YYYY-MM-DD), as the measures count days. */
export function londonToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function isRealDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both included. */
export function daysIn(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

/** The filters as the address gives them (nothing checked yet), with the defaults for what it leaves out. */
export function filtersFromSearch(search: string, today: string): Filters {
  const params = new URLSearchParams(search);
  const to = params.get('to') || today;
  return {
    from: params.get('from') || (isRealDate(to) ? addDays(to, -(DEFAULT_DAYS - 1)) : addDays(today, -(DEFAULT_DAYS - 1))),
    to,
    interval: (params.get('interval') || 'day') as Interval,
    by: (params.get('by') || '') as Filters['by'],
    focus: params.get('focus') || '',
  };
}

/** What is wrong with the filters, in words, field by field (the API's own rules, so it is not asked in vain). */
export function filterProblems(filters: Filters): FilterProblem[] {
  const problems: FilterProblem[] = [];
  const fromOk = isRealDate(filters.from);
  const toOk = isRealDate(filters.to);
  if (!fromOk) problems.push({ field: 'from', message: `The start date must be a real date, like 2026-11-01 (the address gave “${filters.from}”)` });
  if (!toOk) problems.push({ field: 'to', message: `The end date must be a real date, like 2026-11-28 (the address gave “${filters.to}”)` });
  if (fromOk && toOk) {
    if (filters.from > filters.to) problems.push({ field: 'from', message: 'The start date must be on or before the end date' });
    else if (daysIn(filters.from, filters.to) > MAX_RANGE_DAYS) {
      problems.push({ field: 'from', message: `Choose at most ${MAX_RANGE_DAYS} days (about 3 months): ${formatDay(filters.from)} to ${formatDay(filters.to)} is ${daysIn(filters.from, filters.to)}` });
    }
  }
  if (!INTERVALS.includes(filters.interval)) problems.push({ field: 'interval', message: `Show the figures day by day, week by week or month by month (the address gave “${filters.interval}”)` });
  if (filters.by !== '' && !BREAKDOWNS.includes(filters.by)) {
    problems.push({ field: 'by', message: `Break the figures down by service, team or channel, or not at all (the address gave “${filters.by}”)` });
  }
  if (filters.focus) {
    const focus = focusOf(filters.focus);
    if (!focus) problems.push({ field: 'focus', message: `Show the whole council, or one service, team or channel (the address gave “${filters.focus}”)` });
    else if (filters.by) {
      problems.push({
        field: 'by',
        message: `Choose either a breakdown by ${filters.by} or one ${focus.dimension}: the figures are counted for each service, team and channel alone, not for one within another`,
      });
    }
  }
  if (
    fromOk &&
    toOk &&
    filters.interval === 'day' &&
    (filters.by === 'service' || filters.by === 'team') &&
    filters.from <= filters.to &&
    daysIn(filters.from, filters.to) > MAX_DAILY_BREAKDOWN_DAYS
  ) {
    problems.push({
      field: 'interval',
      message: `Day by day, a breakdown by ${filters.by} covers at most ${MAX_DAILY_BREAKDOWN_DAYS} days: choose week by week or month by month, or a shorter range`,
    });
  }
  return problems;
}

export function focusOf(focus: string): { dimension: FocusDimension; value: string } | undefined {
  const at = focus.indexOf(':');
  const dimension = focus.slice(0, at) as FocusDimension;
  const value = focus.slice(at + 1);
  return at > 0 && value && FOCUS_DIMENSIONS.includes(dimension) ? { dimension, value } : undefined;
}

/** The API's query for the filters (by=day when there is no breakdown). */
export function measuresQuery(filters: Filters): string {
  const params = new URLSearchParams({ from: filters.from, to: filters.to, by: filters.by || 'day', interval: filters.interval });
  if (filters.focus) params.set('focus', filters.focus);
  return params.toString();
}

/** The page's address for the filters: only what differs from the defaults is left out. */
export function performanceHref(filters: Filters): string {
  const params = new URLSearchParams({ from: filters.from, to: filters.to, interval: filters.interval });
  if (filters.by) params.set('by', filters.by);
  if (filters.focus) params.set('focus', filters.focus);
  return `/performance?${params}`;
}

export interface QuickRange {
  label: string;
  days: number;
}

export const QUICK_RANGES: QuickRange[] = [
  { label: 'Last 7 days', days: 7 },
  { label: 'Last 4 weeks', days: 28 },
  { label: 'Last 3 months', days: MAX_RANGE_DAYS },
];

/** A quick range to today, keeping the rest of the filters; week by week where day by day would be refused. */
export function quickRangeFilters(range: QuickRange, filters: Filters, today: string): Filters {
  const dailyTooLong = filters.interval === 'day' && (filters.by === 'service' || filters.by === 'team') && range.days > MAX_DAILY_BREAKDOWN_DAYS;
  const interval = INTERVALS.includes(filters.interval) ? filters.interval : 'day';
  return { ...filters, interval: dailyTooLong ? 'week' : interval, from: addDays(today, -(range.days - 1)), to: today };
}

// ---- Words -----------------------------------------------------------------------------------

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const LONG_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "23 Nov 2026" */
export function formatDay(day: string): string {
  const [y, m, d] = day.split('-');
  return `${Number(d)} ${MONTHS[Number(m) - 1] ?? m} ${y}`;
}

/** A period as people say it: "23 Nov 2026", "23 to 29 Nov 2026", "November 2026" (a part month as its days). */
export function periodLabel(entry: Pick<SeriesEntry, 'period' | 'from' | 'to'>, interval: Interval): string {
  if (interval === 'day' || entry.from === entry.to) return formatDay(entry.from);
  const [fy, fm, fd] = entry.from.split('-');
  const [ty, tm, td] = entry.to.split('-');
  if (interval === 'month' && Number(fd) === 1 && addDays(entry.to, 1).slice(8) === '01') return `${LONG_MONTHS[Number(fm) - 1]} ${fy}`;
  if (fy !== ty) return `${formatDay(entry.from)} to ${formatDay(entry.to)}`;
  if (fm !== tm) return `${Number(fd)} ${MONTHS[Number(fm) - 1]} to ${Number(td)} ${MONTHS[Number(tm) - 1]} ${ty}`;
  return `${Number(fd)} to ${Number(td)} ${MONTHS[Number(tm) - 1]} ${ty}`;
}

/** A period in a CSV file: its first day, or its first and last days. */
export function periodCsv(entry: Pick<SeriesEntry, 'from' | 'to'>): string {
  return entry.from === entry.to ? entry.from : `${entry.from} to ${entry.to}`;
}

/** A key of a breakdown or focus in words: the service's name, the team's, the channel's. */
export function keyName(dimension: FocusDimension, key: string, serviceNames: ReadonlyMap<string, string>): string {
  if (dimension === 'service') return serviceNames.get(key) ?? key;
  if (dimension === 'team') return teamName(key);
  return channelName(key);
}

/** What the view shows, in one line: the range, the periods, the breakdown or focus. */
export function viewInWords(report: Pick<PerformanceReport, 'from' | 'to' | 'interval' | 'by' | 'focus'>, serviceNames: ReadonlyMap<string, string>): string {
  const parts = [`From ${formatDay(report.from)} to ${formatDay(report.to)}`, INTERVAL_WORDS[report.interval].toLowerCase()];
  if (report.by !== 'day') parts.push(`by ${report.by}`);
  if (report.focus) parts.push(`for the ${report.focus.dimension} “${keyName(report.focus.dimension, report.focus.value, serviceNames)}” only`);
  return `${parts.join(', ')}.`;
}

/** A fraction (0–1) as a percentage with one decimal, the number in a CSV file. */
export function percentOf(fraction: number | null | undefined): number | null {
  return fraction === null || fraction === undefined ? null : Math.round(fraction * 1000) / 10;
}

/** A percentage for the screen: "37.5%", or "–" for none. */
export function showPercent(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : `${value}%`;
}

/** The median time to resolve in words: "8 to 24 hours", "up to 1 hour", "over 480 hours". */
export function bucketWords(bucket: HoursBucket | null | undefined): string {
  if (!bucket) return '–';
  if (bucket.atMost === null) return `over ${bucket.over} hours`;
  if (bucket.over === 0) return `up to ${bucket.atMost} hour${bucket.atMost === 1 ? '' : 's'}`;
  return `${bucket.over} to ${bucket.atMost} hours`;
}

/** The buckets' upper bounds (shared/domain/measures.ts RESOLVE_HOURS_BOUNDS), for the chart's scale. */
export const BUCKET_BOUNDS = [1, 2, 4, 8, 24, 48, 72, 120, 240, 480];

/** A bucket's place on the chart's scale: 0 for up to 1 hour ... 10 for over 480 hours. */
export function bucketIndex(bucket: HoursBucket | null | undefined): number | null {
  if (!bucket) return null;
  return bucket.atMost === null ? BUCKET_BOUNDS.length : BUCKET_BOUNDS.indexOf(bucket.atMost);
}

export function bucketOfIndex(index: number): HoursBucket {
  return { over: index === 0 ? 0 : BUCKET_BOUNDS[index - 1]!, atMost: BUCKET_BOUNDS[index] ?? null };
}

/** The keys of a breakdown with the most contacts (or of another count) over the range, most first (ties by name). */
export function topKeys(
  groups: PerformanceReport['groups'],
  count = TOP_LINES,
  by: (group: PerformanceReport['groups'][number]) => number = (g) => g.contacts,
): string[] {
  return [...groups]
    .sort((a, b) => by(b) - by(a) || a.key.localeCompare(b.key))
    .slice(0, count)
    .map((g) => g.key);
}

/** The top of a chart's scale for percentages that stay low: the next multiple of 10 above the highest (at least 10, at most 100). */
export function percentScaleTop(values: Array<number | null>): number {
  const highest = Math.max(0, ...values.filter((v): v is number => v !== null));
  return Math.min(100, Math.max(10, Math.ceil(highest / 10) * 10));
}

/** The channel options of the focus list, in the order the platform lists them. */
export const CHANNEL_OPTIONS = Object.entries(CHANNEL_NAMES).map(([value, label]) => ({ value: `channel:${value}`, label }));

/** A one-line summary of a series of figures in words, for a chart's label. */
export function seriesInWords(
  points: Array<{ label: string; value: number | null }>,
  say: (value: number) => string,
): string {
  const known = points.filter((p): p is { label: string; value: number } => p.value !== null);
  if (!known.length) return 'no figures in this range';
  if (known.length === 1) return `${say(known[0]!.value)} in ${known[0]!.label}`;
  const first = known[0]!;
  const last = known.at(-1)!;
  const high = known.reduce((a, b) => (b.value > a.value ? b : a));
  const low = known.reduce((a, b) => (b.value < a.value ? b : a));
  return `from ${say(first.value)} in ${first.label} to ${say(last.value)} in ${last.label}; highest ${say(high.value)} in ${high.label}, lowest ${say(low.value)} in ${low.label}`;
}
