// Demand analysis for the managers' console (docs/measures.md, "Failure demand"): the services
// with the most failure demand over a range, with recent examples in the residents' words. Read
// from the measures' counters (one Query per day of the range, shared with the measures) and one
// Query per top service for its examples: never a scan of contacts.
import { addDays, londonInstant } from '#domain/calendar';
import type { Catalogue } from '#domain/catalogue';
import type { Clock } from '#domain/clock';
import { demandReport, rankServices, type DemandReport } from '#domain/demand';
import type { FailureExample } from '#domain/measures';
import type { Interval } from '#domain/periods';
import { MeasuresQueryError, measuresView, readDays, type MeasuresStore } from './measures.ts';

export interface ExampleStore {
  /** A service's examples of failure demand that came in from `fromAt` (inclusive) to `toAt` (exclusive), newest first, at most `limit`. */
  examplesOf(serviceId: string, fromAt: string, toAt: string, limit: number): Promise<FailureExample[]>;
}

export interface DemandDeps {
  store: Pick<MeasuresStore, 'countersOf'> & ExampleStore;
  catalogue: Pick<Catalogue, 'service'>;
  clock: Clock;
}

export interface DemandQuery {
  from?: string | undefined;
  to?: string | undefined;
  interval?: string | undefined;
  limit?: string | undefined;
}

/** How many top services the report names: 5 unless asked, at most 10 (each is one more Query). */
export const DEMAND_SERVICES = { default: 5, max: 10 } as const;
/** Recent examples per top service. */
export const EXAMPLES_PER_SERVICE = 5;

/** The range and interval (as the measures take them: 7 days to today, day by day, unless told; at most 92 days) and the number of services. */
export function demandRange(query: DemandQuery, now: Date): { from: string; to: string; interval: Interval; limit: number } {
  const { from, to, interval } = measuresView({ from: query.from, to: query.to, interval: query.interval }, now);
  let limit: number = DEMAND_SERVICES.default;
  if (query.limit !== undefined && query.limit !== '') {
    limit = Number(query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > DEMAND_SERVICES.max) {
      throw new MeasuresQueryError(`'limit' must be a whole number from 1 to ${DEMAND_SERVICES.max} (got '${query.limit}')`);
    }
  }
  return { from, to, interval, limit };
}

export async function readDemand(query: DemandQuery, deps: DemandDeps): Promise<DemandReport> {
  const range = demandRange(query, deps.clock.now());
  const dayItems = await readDays(range, deps.store);
  const top = rankServices(dayItems, range).slice(0, range.limit);
  // From the range's first London midnight to the midnight after its last day.
  const fromAt = londonInstant(range.from, '00:00').toISOString();
  const toAt = londonInstant(addDays(range.to, 1), '00:00').toISOString();
  const examples = new Map(
    await Promise.all(top.map(async ({ serviceId }) => [serviceId, await deps.store.examplesOf(serviceId, fromAt, toAt, EXAMPLES_PER_SERVICE)] as const)),
  );
  return demandReport(range, dayItems, examples, (serviceId) => deps.catalogue.service(serviceId)?.name ?? serviceId);
}
