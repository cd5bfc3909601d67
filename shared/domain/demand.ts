// Demand analysis (docs/measures.md, "Failure demand"): value demand against failure demand, and
// the services where failure demand is highest, from the measures' daily counters. Pure: the
// counters and the examples are read elsewhere (shared/app/demand.ts).
import { COUNTED_FAILURE_KINDS, FAILURE_KIND_MEANINGS, type CountedFailureKind } from './failure-demand.ts';
import { sumCounts, summarise, type CounterItem, type FailureExample } from './measures.ts';
import { periodsBetween, type Interval } from './periods.ts';

/** The failure-demand figures of a summary (shared/domain/measures.ts `summarise`). */
export interface DemandFigures {
  contacts: number;
  failureDemand: number;
  /** failureDemand / contacts, 0 to 1; null without contacts. */
  failureDemandShare: number | null;
  valueDemand: number;
  failureDemandByKind: Record<CountedFailureKind, number>;
}

/** An example as the console shows it: the resident's words with their personal data left out. */
export type DemandExample = Pick<FailureExample, 'at' | 'day' | 'channel' | 'kind' | 'words'>;

export interface DemandService extends DemandFigures {
  serviceId: string;
  name: string;
  /** The most recent in the range, newest first. */
  examples: DemandExample[];
}

export interface DemandReport {
  from: string;
  to: string;
  interval: Interval;
  totals: DemandFigures;
  /** How many services had any failure demand in the range. */
  servicesWithFailureDemand: number;
  /** The services with the most failure demand, most first (ties: the larger share, then the id). */
  services: DemandService[];
  /** The top services' value and failure demand in each period of the range. */
  series: Array<{
    period: string;
    from: string;
    to: string;
    services: Array<{ serviceId: string; contacts: number; failureDemand: number; valueDemand: number }>;
  }>;
  /** Each kind of failure demand, in the console's words. */
  kinds: Array<{ kind: CountedFailureKind; meaning: string }>;
}

export function demandFigures(counts: Record<string, number>): DemandFigures {
  const { contacts, failureDemand, failureDemandShare, valueDemand, failureDemandByKind } = summarise(counts);
  return { contacts, failureDemand, failureDemandShare, valueDemand, failureDemandByKind };
}

/** The services with any failure demand in the range, most first (ties: the larger share, then the id), with their figures. */
export function rankServices(dayItems: CounterItem[], range: { from: string; to: string }): Array<{ serviceId: string } & DemandFigures> {
  const byService = new Map<string, Array<Record<string, number>>>();
  for (const item of dayItems) {
    if (item.dimension !== 'service' || item.period < range.from || item.period > range.to) continue;
    byService.set(item.value, [...(byService.get(item.value) ?? []), item.counts]);
  }
  return [...byService]
    .map(([serviceId, counts]) => ({ serviceId, ...demandFigures(sumCounts(counts)) }))
    .filter((service) => service.failureDemand > 0)
    .sort((a, b) => b.failureDemand - a.failureDemand || (b.failureDemandShare ?? 0) - (a.failureDemandShare ?? 0) || a.serviceId.localeCompare(b.serviceId));
}

/**
 * The demand report over a range from its days' counter items (days outside it are left out): the
 * `limit` services with the most failure demand, each with its examples as read (by service id).
 */
export function demandReport(
  range: { from: string; to: string; interval: Interval; limit: number },
  dayItems: CounterItem[],
  examples: ReadonlyMap<string, FailureExample[]>,
  nameOf: (serviceId: string) => string,
): DemandReport {
  const inRange = dayItems.filter((item) => item.period >= range.from && item.period <= range.to);
  const ranked = rankServices(inRange, range);
  const top = ranked.slice(0, range.limit);
  const ofService = (serviceId: string, from: string, to: string) =>
    inRange.filter((i) => i.dimension === 'service' && i.value === serviceId && i.period >= from && i.period <= to).map((i) => i.counts);
  return {
    from: range.from,
    to: range.to,
    interval: range.interval,
    totals: demandFigures(sumCounts(inRange.filter((i) => i.dimension === 'all').map((i) => i.counts))),
    servicesWithFailureDemand: ranked.length,
    services: top.map((service) => ({
      ...service,
      name: nameOf(service.serviceId),
      examples: (examples.get(service.serviceId) ?? []).map(({ at, day, channel, kind, words }) => ({ at, day, channel, kind, words })),
    })),
    series: periodsBetween(range.from, range.to, range.interval).map((period) => ({
      period: period.key,
      from: period.from,
      to: period.to,
      services: top.map(({ serviceId }) => {
        const { contacts, failureDemand, valueDemand } = demandFigures(sumCounts(ofService(serviceId, period.from, period.to)));
        return { serviceId, contacts, failureDemand, valueDemand };
      }),
    })),
    kinds: COUNTED_FAILURE_KINDS.map((kind) => ({ kind, meaning: FAILURE_KIND_MEANINGS[kind] })),
  };
}
