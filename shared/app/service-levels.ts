// The service-levels view (GET /api/console/service-levels): every team's open cases read by due
// time, one query per team, a few teams at a time, at most OPEN_CASES_READ_PER_TEAM each; the cases
// at risk or in breach now, most overdue first, with who is looking at each.
import type { Catalogue } from '#domain/catalogue';
import type { Clock } from '#domain/clock';
import {
  parseServiceLevelFilters,
  serviceLevelsNow,
  type LateCase,
  type OpenCaseSummary,
  type ServiceLevelsNow,
  type TeamOpenCases,
} from '#domain/service-levels';
import type { Looker } from './presence.ts';

/**
 * The most open cases read for one team. Read soonest due first, so what is left unread is due
 * latest: the cases least likely to be at risk. A team with more says so in the answer.
 */
export const OPEN_CASES_READ_PER_TEAM = 1000;
/** Teams read side by side. */
export const TEAMS_READ_AT_ONCE = 8;

export interface ServiceLevelStore {
  /**
   * A team's open cases, soonest due first, reading at most `limit` of them; `truncated` when the
   * team has more. It may leave out cases neither at risk nor in breach at `now` (the caller checks
   * each case it is given again).
   */
  openCasesOf(teamId: string, now: Date, limit: number): Promise<{ cases: OpenCaseSummary[]; truncated: boolean }>;
}

export interface ServiceLevelDeps {
  store: ServiceLevelStore;
  catalogue: Pick<Catalogue, 'teams' | 'team' | 'service' | 'calendar'>;
  clock: Clock;
  /** Who is looking at each of these cases (one read for all). */
  lookersOf(references: string[]): Promise<Map<string, Looker[]>>;
}

export type ServiceLevelsAnswer = Omit<ServiceLevelsNow, 'cases'> & {
  cases: Array<LateCase & { lookers: Looker[] }>;
  openCasesReadPerTeam: number;
  /** Every team, by name, for the team filter. */
  teamChoices: Array<{ teamId: string; name: string }>;
};

/** Runs `task` over `items`, at most `width` at a time, keeping their order. */
export async function inBatches<T, R>(items: readonly T[], width: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return results;
}

export async function serviceLevels(query: Record<string, string | undefined>, deps: ServiceLevelDeps): Promise<ServiceLevelsAnswer> {
  const filters = parseServiceLevelFilters(query, deps.catalogue);
  const now = deps.clock.now();
  // Every team, whatever the team filter: the counts per team are across it.
  const read: TeamOpenCases[] = await inBatches(deps.catalogue.teams, TEAMS_READ_AT_ONCE, async (team) => ({
    teamId: team.id,
    ...(await deps.store.openCasesOf(team.id, now, OPEN_CASES_READ_PER_TEAM)),
  }));
  const view = serviceLevelsNow(read, filters, deps.catalogue, now);
  const lookers = view.cases.length ? await deps.lookersOf(view.cases.map((c) => c.reference)) : new Map<string, Looker[]>();
  return {
    ...view,
    cases: view.cases.map((c) => ({ ...c, lookers: lookers.get(c.reference) ?? [] })),
    openCasesReadPerTeam: OPEN_CASES_READ_PER_TEAM,
    teamChoices: deps.catalogue.teams.map((t) => ({ teamId: t.id, name: t.name })).sort((a, b) => a.name.localeCompare(b.name, 'en-GB')),
  };
}
