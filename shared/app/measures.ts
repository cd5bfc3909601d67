// The measures the council manages by (docs/measures.md): counted from the table stream as records
// change, exactly once per stream record (what one change adds; shared/adapters/stream.ts runs the
// changes in order), and read back for the console from the counter items only (one Query per day
// of the range, and one for the gauges): never a scan of the records.
import { addDays, londonTimeOf } from '#domain/calendar';
import type { Clock } from '#domain/clock';
import type { ItemChange } from '#domain/item-change';
import {
  counterUpdates,
  CURRENT,
  daysBetween,
  exampleChanges,
  GROUP_BYS,
  measuresReport,
  type CounterItem,
  type CounterUpdate,
  type ExampleChange,
  type GroupBy,
  type MeasuresReport,
} from '#domain/measures';

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
}

/**
 * Counts one change to one record in the measures, exactly once per stream record; answers
 * undefined for a change that moves no measure. Throws UnreadableRecordError for an item of a
 * counted entity that lacks what its measures need (retrying cannot mend it); any other error
 * (the store unavailable, or a bug) fails the record, so the stream holds it and retries, in
 * order, rather than the measures silently missing it.
 */
export async function countChange(change: ItemChange, ports: CountPorts): Promise<'counted' | 'already-counted' | undefined> {
  const updates = counterUpdates(change);
  const examples = exampleChanges(change);
  if (!updates.length && !examples.length) return undefined;
  return ports.store.count(change.recordId, updates, ports.clock.now(), examples);
}

// ---- Reading the measures for the console ------------------------------------------------------

export const DEFAULT_RANGE_DAYS = 7;
export const MAX_RANGE_DAYS = 92;
/** Days read from the table at once. */
const READ_CONCURRENCY = 8;

export class MeasuresQueryError extends Error {
  override name = 'MeasuresQueryError';
}

export interface MeasuresQuery {
  from?: string | undefined;
  to?: string | undefined;
  by?: string | undefined;
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

export async function readMeasures(query: MeasuresQuery, deps: { store: MeasuresStore; clock: Clock }): Promise<MeasuresReport> {
  const range = measuresRange(query, deps.clock.now());
  return measuresReport(range, await readDays(range, deps.store), await deps.store.countersOf(CURRENT));
}
