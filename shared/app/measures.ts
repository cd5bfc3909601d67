// The measures the council manages by (docs/measures.md): counted from the table stream as records
// change, exactly once per stream record, and read back for the console from the counter items
// only (one Query per day of the range, and one for the gauges): never a scan of the records.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { addDays, londonTimeOf } from '#domain/calendar';
import type { Clock } from '#domain/clock';
import {
  COUNTED_ENTITIES,
  counterUpdates,
  CURRENT,
  daysBetween,
  GROUP_BYS,
  measuresReport,
  UnreadableRecordError,
  type CounterItem,
  type CounterUpdate,
  type GroupBy,
  type MeasuresReport,
} from '#domain/measures';

export interface MeasuresStore {
  /**
   * Applies one stream record's updates, all or nothing, unless that record was counted before
   * (the stream delivers at least once): then changes nothing and answers 'already-counted'.
   */
  count(recordId: string, updates: CounterUpdate[], now: Date): Promise<'counted' | 'already-counted'>;
  /** Every counter item of one period: a day (YYYY-MM-DD) or CURRENT. */
  countersOf(period: string): Promise<CounterItem[]>;
}

export interface CountPorts {
  store: MeasuresStore;
  clock: Clock;
  onCountFailed(error: unknown, sequenceNumber: string): void;
  onUnreadable(error: unknown, key: string): void;
}

export interface CountResult {
  /** Records whose counters were updated now. */
  counted: number;
  /** Records delivered again after they were counted: nothing changed. */
  alreadyCounted: number;
  /** Items of a counted entity that lack what their measures need (keys); retrying cannot mend them. */
  unreadable: string[];
  /** Sequence number of the first record that could not be counted, for the stream's partial batch response. */
  failedAt?: string;
}

type StreamImage = Record<string, AttributeValue>;

function plain(image: StreamImage): Record<string, unknown> {
  try {
    return unmarshall(image);
  } catch (error) {
    throw new UnreadableRecordError(`the stream image cannot be read: ${(error as Error).message}`);
  }
}

/** Counts a batch of stream records in order; stops at the first failure so the stream retries from it. */
export async function countMeasures(records: DynamoDBRecord[], ports: CountPorts): Promise<CountResult> {
  const result: CountResult = { counted: 0, alreadyCounted: 0, unreadable: [] };
  for (const record of records) {
    const oldImage = record.dynamodb?.OldImage as StreamImage | undefined;
    const newImage = record.dynamodb?.NewImage as StreamImage | undefined;
    const entity = (newImage ?? oldImage)?.entity?.S;
    if (!entity || !COUNTED_ENTITIES.has(entity)) continue;
    const sequenceNumber = record.dynamodb?.SequenceNumber ?? '';
    let updates: CounterUpdate[];
    try {
      updates = counterUpdates({ ...(oldImage ? { before: plain(oldImage) } : {}), ...(newImage ? { after: plain(newImage) } : {}) });
      if (!updates.length) continue;
    } catch (error) {
      // Retrying cannot mend a malformed item, and it must not hold back the records behind it.
      // Anything else (a bug) fails the record: the stream holds it until the fix, and the
      // iterator-age alarm says so, rather than the measures silently missing it.
      if (!(error instanceof UnreadableRecordError)) {
        ports.onCountFailed(error, sequenceNumber);
        return { ...result, failedAt: sequenceNumber };
      }
      const image = newImage ?? oldImage;
      const key = `${image?.pk?.S}/${image?.sk?.S}`;
      ports.onUnreadable(error, key);
      result.unreadable.push(key);
      continue;
    }
    try {
      const outcome = await ports.store.count(record.eventID ?? sequenceNumber, updates, ports.clock.now());
      if (outcome === 'counted') result.counted++;
      else result.alreadyCounted++;
    } catch (error) {
      ports.onCountFailed(error, sequenceNumber);
      return { ...result, failedAt: sequenceNumber };
    }
  }
  return result;
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

export async function readMeasures(query: MeasuresQuery, deps: { store: MeasuresStore; clock: Clock }): Promise<MeasuresReport> {
  const range = measuresRange(query, deps.clock.now());
  const days = daysBetween(range.from, range.to);
  const dayItems: CounterItem[] = [];
  for (let i = 0; i < days.length; i += READ_CONCURRENCY) {
    const read = await Promise.all(days.slice(i, i + READ_CONCURRENCY).map((day) => deps.store.countersOf(day)));
    dayItems.push(...read.flat());
  }
  return measuresReport(range, dayItems, await deps.store.countersOf(CURRENT));
}
