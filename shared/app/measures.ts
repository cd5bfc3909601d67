// The measures the council manages by (docs/measures.md): counted from the table stream as records
// change, exactly once per stream record (what one change adds; shared/adapters/stream.ts runs the
// changes in order), and read back for the console from the counter items only (one Query per day
// of the range, and one for the gauges): never a scan of the records.
import { addDays, londonTimeOf } from '#domain/calendar';
import type { Clock } from '#domain/clock';
import type { ItemChange } from '#domain/item-change';
import { CHANNELS } from '#domain/contact';
import {
  counterUpdates,
  CURRENT,
  daysBetween,
  exampleChanges,
  FOCUS_DIMENSIONS,
  GROUP_BYS,
  measuresReport,
  type CounterItem,
  type CounterUpdate,
  type ExampleChange,
  type Focus,
  type FocusDimension,
  type GroupBy,
  type MeasuresReport,
  type ReportRange,
} from '#domain/measures';
import { INTERVALS, type Interval } from '#domain/periods';

export interface MeasuresStore {
  /**
   * Applies one stream record's updates, and writes or removes its examples of failure demand, all
   * or nothing, unless that record was counted before (the stream delivers at least once): then
   * changes nothing and answers 'already-counted'.
   */
  count(recordId: string, updates: CounterUpdate[], now: Date, examples?: ExampleChange[]): Promise<'counted' | 'already-counted'>;
  /** Every counter item of one period: a day (YYYY-MM-DD) or CURRENT. */
  countersOf(period: string): Promise<CounterItem[]>;
}

export interface CountPorts {
  store: MeasuresStore;
  clock: Clock;
  /** The team of a service (the catalogue's): an adviser's override counts for the team of the service routing suggested. */
  teamOf: (serviceId: string) => string | undefined;
}

/**
 * Counts one change to one record in the measures, exactly once per stream record; answers
 * undefined for a change that moves no measure. Throws UnreadableRecordError for an item of a
 * counted entity that lacks what its measures need (retrying cannot mend it); any other error
 * (the store unavailable, or a bug) fails the record, so the stream holds it and retries, in
 * order, rather than the measures silently missing it.
 */
export async function countChange(change: ItemChange, ports: CountPorts): Promise<'counted' | 'already-counted' | undefined> {
  const updates = counterUpdates(change, { teamOf: ports.teamOf });
  const examples = exampleChanges(change);
  if (!updates.length && !examples.length) return undefined;
  return ports.store.count(change.recordId, updates, ports.clock.now(), examples);
}

// ---- Reading the measures for the console ------------------------------------------------------

export const DEFAULT_RANGE_DAYS = 7;
export const MAX_RANGE_DAYS = 92;
/**
 * Day by day, a breakdown by service or team is a summary per day per service or team seen: on the
 * demo month (78 services seen), 92 days by service answered 2.9 MB and 31 days 1.0 MB. Four weeks
 * stay under 1 MB; longer ranges are asked for week by week or month by month. (Channels are
 * five: 92 days of them is 0.3 MB.)
 */
export const MAX_DAILY_BREAKDOWN_DAYS = 28;
/** Days read from the table at once. */
const READ_CONCURRENCY = 8;

export class MeasuresQueryError extends Error {
  override name = 'MeasuresQueryError';
}

export interface MeasuresQuery {
  from?: string | undefined;
  to?: string | undefined;
  by?: string | undefined;
  interval?: string | undefined;
  /** `service:<id>`, `team:<id>` or `channel:<id>`. */
  focus?: string | undefined;
}

/** The services and teams a focus may name (the catalogue's); channels are the platform's own. */
export interface MeasuresVocabulary {
  services: readonly string[];
  teams: readonly string[];
}

function isDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
}

/** The range and grouping asked for: by day over the last 7 days (to today, London time) unless told. */
export function measuresRange(query: MeasuresQuery, now: Date): { from: string; to: string; by: GroupBy } {
  for (const field of ['from', 'to'] as const) {
    const value = query[field];
    if (value !== undefined && !isDate(value)) throw new MeasuresQueryError(`'${field}' must be a date written YYYY-MM-DD (got '${value}')`);
  }
  const by = (query.by ?? 'day') as GroupBy;
  if (!GROUP_BYS.includes(by)) throw new MeasuresQueryError(`'by' must be one of ${GROUP_BYS.join(', ')} (got '${query.by}')`);
  const to = query.to ?? (query.from ? addDays(query.from, DEFAULT_RANGE_DAYS - 1) : londonTimeOf(now).date);
  const from = query.from ?? addDays(to, -(DEFAULT_RANGE_DAYS - 1));
  if (from > to) throw new MeasuresQueryError(`'from' (${from}) is after 'to' (${to})`);
  if (to > addDays(from, MAX_RANGE_DAYS - 1)) {
    throw new MeasuresQueryError(`ask for at most ${MAX_RANGE_DAYS} days at a time (${from} to ${to} is more)`);
  }
  return { from, to, by };
}

const FOCUS_WORDS: Record<FocusDimension, string> = { service: 'service', team: 'team', channel: 'channel' };

function focusOf(given: string, vocabulary: MeasuresVocabulary | undefined): Focus {
  const [dimension, ...rest] = given.split(':');
  const value = rest.join(':');
  if (!FOCUS_DIMENSIONS.includes(dimension as FocusDimension) || !value) {
    throw new MeasuresQueryError(`'focus' must be service:<service id>, team:<team id> or channel:<channel> (got '${given}')`);
  }
  const known: Record<FocusDimension, readonly string[] | undefined> = {
    service: vocabulary?.services,
    team: vocabulary?.teams,
    channel: CHANNELS,
  };
  const list = known[dimension as FocusDimension];
  if (list && !list.includes(value)) {
    const hint = dimension === 'channel' ? `: one of ${CHANNELS.join(', ')}` : '';
    throw new MeasuresQueryError(`'focus' names no ${FOCUS_WORDS[dimension as FocusDimension]} '${value}' we know${hint}`);
  }
  return { dimension: dimension as FocusDimension, value };
}

/**
 * The range, grouping, period length and focus asked for (measuresRange, plus `interval`, day by
 * default, and an optional `focus`). Counters are kept per single dimension, so a focus cannot be
 * broken down by another service, team or channel.
 */
export function measuresView(query: MeasuresQuery, now: Date, vocabulary?: MeasuresVocabulary): ReportRange & { interval: Interval } {
  const range = measuresRange(query, now);
  const interval = (query.interval || 'day') as Interval;
  if (!INTERVALS.includes(interval)) throw new MeasuresQueryError(`'interval' must be one of ${INTERVALS.join(', ')} (got '${query.interval}')`);
  const days = daysBetween(range.from, range.to).length;
  if (interval === 'day' && (range.by === 'service' || range.by === 'team') && days > MAX_DAILY_BREAKDOWN_DAYS) {
    throw new MeasuresQueryError(
      `day by day, a breakdown by ${range.by} covers at most ${MAX_DAILY_BREAKDOWN_DAYS} days (${range.from} to ${range.to} is ${days}): ` +
        `ask week by week (interval=week) or month by month (interval=month), or for a shorter range`,
    );
  }
  if (query.focus === undefined || query.focus === '') return { ...range, interval };
  const focus = focusOf(query.focus, vocabulary);
  if (range.by !== 'day') {
    throw new MeasuresQueryError(
      `'focus' cannot be combined with by=${range.by}: the figures are counted per service, per team and per channel, not per pair of them; leave 'by' out to see ${focus.dimension} '${focus.value}' over time`,
    );
  }
  return { ...range, interval, focus };
}

/** Every counter item of the days from `from` to `to`: one Query per day, READ_CONCURRENCY at a time. */
export async function readDays(range: { from: string; to: string }, store: Pick<MeasuresStore, 'countersOf'>): Promise<CounterItem[]> {
  const days = daysBetween(range.from, range.to);
  const dayItems: CounterItem[] = [];
  for (let i = 0; i < days.length; i += READ_CONCURRENCY) {
    const read = await Promise.all(days.slice(i, i + READ_CONCURRENCY).map((day) => store.countersOf(day)));
    dayItems.push(...read.flat());
  }
  return dayItems;
}

export async function readMeasures(
  query: MeasuresQuery,
  deps: { store: MeasuresStore; clock: Clock; vocabulary?: MeasuresVocabulary },
): Promise<MeasuresReport> {
  const range = measuresView(query, deps.clock.now(), deps.vocabulary);
  return measuresReport(range, await readDays(range, deps.store), await deps.store.countersOf(CURRENT));
}
