// Service levels now: the open cases that are at risk or in breach at this moment, counted per team
// and listed most overdue first (earliest due time first), with the filters a manager narrows them
// by. Pure: the cases come in already read (a team's open cases by due time), the clock is given.
import type { Case } from './case.ts';
import { PRIORITIES, type Catalogue, type Priority } from './catalogue.ts';
import { CHANNELS, type Channel } from './contact.ts';
import { slaStateAt, viewSlaClock, type SlaClockView } from './sla.ts';

/** The two states this view is about; a paused case that was paused after its due time is breached. */
export type LateState = 'at-risk' | 'breached';

/** What of a case the view reads: no resident, no words (the store reads only these). */
export type OpenCaseSummary = Pick<Case, 'reference' | 'serviceId' | 'serviceName' | 'teamId' | 'channel' | 'priority' | 'status' | 'createdAt' | 'sla'>;

export interface ServiceLevelFilters {
  team: string | null;
  service: string | null;
  channel: Channel | null;
  priority: Priority | null;
}

export const NO_FILTERS: ServiceLevelFilters = { team: null, service: null, channel: null, priority: null };

/** A filter the view cannot apply: unknown value, in words that say what is allowed. */
export class ServiceLevelFilterError extends Error {
  override name = 'ServiceLevelFilterError';
}

const FILTER_NAMES = ['team', 'service', 'channel', 'priority'] as const;

/**
 * The filters from a query string: each absent or empty means "any". A name that is not a filter,
 * and an unknown team, service, channel or priority, is refused in words naming what is allowed
 * (the services by where to find them: there are too many to list).
 */
export function parseServiceLevelFilters(
  query: Record<string, string | undefined>,
  catalogue: Pick<Catalogue, 'teams' | 'service'>,
): ServiceLevelFilters {
  // A misspelt filter (?serivce=) would otherwise quietly show every late case.
  const unknown = Object.keys(query).find((name) => !(FILTER_NAMES as readonly string[]).includes(name));
  if (unknown !== undefined) throw new ServiceLevelFilterError(`'${unknown}' is not a filter: filter by ${FILTER_NAMES.join(', ')}`);
  const given = (name: (typeof FILTER_NAMES)[number]) => {
    const value = query[name]?.trim();
    return value ? value : null;
  };
  const team = given('team');
  if (team !== null && !catalogue.teams.some((t) => t.id === team)) {
    throw new ServiceLevelFilterError(`team '${team}' is not one of the council's teams: use one of ${catalogue.teams.map((t) => t.id).join(', ')}`);
  }
  const service = given('service');
  if (service !== null && !catalogue.service(service)) {
    throw new ServiceLevelFilterError(`service '${service}' is not a service we offer: use a service id from GET /api/console/services`);
  }
  const channel = given('channel');
  if (channel !== null && !(CHANNELS as readonly string[]).includes(channel)) {
    throw new ServiceLevelFilterError(`channel '${channel}' is not a channel: use one of ${CHANNELS.join(', ')}`);
  }
  const priority = given('priority');
  if (priority !== null && !(PRIORITIES as readonly string[]).includes(priority)) {
    throw new ServiceLevelFilterError(`priority '${priority}' is not a priority: use one of ${PRIORITIES.join(', ')}`);
  }
  return { team, service, channel: channel as Channel | null, priority: priority as Priority | null };
}

/** Where the case's clock stands now, if it is one this view lists. */
export function lateStateAt(kase: Pick<Case, 'status' | 'sla'>, now: Date): LateState | undefined {
  if (kase.status === 'resolved') return undefined;
  const state = slaStateAt(kase.sla, now);
  return state === 'at-risk' || state === 'breached' ? state : undefined;
}

export interface TeamServiceLevels {
  teamId: string;
  name: string;
  atRisk: number;
  breached: number;
  /** The team had more open cases than were read: those due latest were not looked at. */
  truncated?: true;
}

export interface LateCase {
  reference: string;
  service: { id: string; name: string };
  teamId: string;
  teamName: string;
  channel: Channel;
  priority: Priority;
  status: Case['status'];
  createdAt: string;
  dueAt: string;
  slaState: LateState;
  /** Working time left (negative: overdue), on the council's calendar as the target counts it. */
  clock: SlaClockView;
}

/** One team's open cases as read: soonest due first, and whether the team had more than were read. */
export interface TeamOpenCases {
  teamId: string;
  cases: OpenCaseSummary[];
  truncated: boolean;
}

export interface ServiceLevelsNow {
  asOf: string;
  filters: ServiceLevelFilters;
  /** Every team with a case at risk or in breach under the service, channel and priority filters (not the team filter), by name. */
  teams: TeamServiceLevels[];
  /** The cases under every filter, most overdue first. */
  cases: LateCase[];
  /** A team had more open cases than were read (its latest-due cases were not looked at). */
  truncated: boolean;
}

/** The view from each team's open cases, as read. */
export function serviceLevelsNow(
  read: TeamOpenCases[],
  filters: ServiceLevelFilters,
  catalogue: Pick<Catalogue, 'team' | 'calendar'>,
  now: Date,
): ServiceLevelsNow {
  const teams: TeamServiceLevels[] = [];
  const cases: LateCase[] = [];
  for (const { teamId, cases: open, truncated } of read) {
    const name = catalogue.team(teamId).name;
    const counts = { atRisk: 0, breached: 0 };
    for (const kase of open) {
      const state = lateStateAt(kase, now);
      if (!state) continue;
      if (filters.service !== null && kase.serviceId !== filters.service) continue;
      if (filters.channel !== null && kase.channel !== filters.channel) continue;
      if (filters.priority !== null && kase.priority !== filters.priority) continue;
      counts[state === 'at-risk' ? 'atRisk' : 'breached'] += 1;
      if (filters.team !== null && teamId !== filters.team) continue;
      cases.push({
        reference: kase.reference,
        service: { id: kase.serviceId, name: kase.serviceName },
        teamId,
        teamName: name,
        channel: kase.channel,
        priority: kase.priority,
        status: kase.status,
        createdAt: kase.createdAt,
        dueAt: kase.sla.dueAt,
        slaState: state,
        clock: viewSlaClock(kase.sla, catalogue.calendar, now),
      });
    }
    if (counts.atRisk + counts.breached > 0 || truncated) {
      teams.push({ teamId, name, ...counts, ...(truncated ? { truncated: true as const } : {}) });
    }
  }
  teams.sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  cases.sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.reference.localeCompare(b.reference));
  return { asOf: now.toISOString(), filters, teams, cases, truncated: read.some((team) => team.truncated) };
}
