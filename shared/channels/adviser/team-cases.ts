// A service team's members work their team's cases in the console, as people rather than through
// the team's key: their worklist (the team's open cases, soonest due first, each with its clock), a
// case as the person opening it may see it (the team's actions its status allows for a member of its
// team; the advisers' actions for advisers and managers), and the team's actions on it, recorded as
// the member who took them, through the same case lifecycle as the service API.
import { actForTeam, CaseNotFoundError, teamWorklist, WORKLIST_LIMIT, worklistEntry, type CaseDeps, type WorklistEntry } from '#app/cases';
import { toCaseAction, type CaseActionRequest } from '#app/case-requests';
import type { Looker } from '#app/presence';
import type { Case } from '#domain/case';
import { caseActionsAllowed, type CaseActionName, type CaseEvent } from '#domain/case-lifecycle';
import type { Catalogue } from '#domain/catalogue';
import type { SlaClockView } from '#domain/sla';
import { assertMayOpenCase, assertMayWorkForCaseTeam, type Roles } from './access.ts';
import { caseForAdviser, clockOf, type AdviserCaseView } from './cases.ts';

export interface TeamWorklistCase extends WorklistEntry {
  createdAt: string;
  /** The same clock as the case page's: working time left on the council's calendar, at risk, breached, paused. */
  clock: SlaClockView;
  /** Who else has the case open. */
  lookers: Looker[];
}

export interface TeamWorklist {
  team: { id: string; name: string };
  /** Every team the person is in, for switching between their worklists. */
  memberOf: Array<{ id: string; name: string }>;
  asOf: string;
  /** At most this many cases, the soonest due. */
  limit: number;
  /** Soonest due first; then those waiting for the resident (their clocks paused). */
  cases: TeamWorklistCase[];
}

/** The worklist asked for cannot be answered as asked (an unknown team, or several teams and none chosen). */
export class WorklistQueryError extends Error {
  override name = 'WorklistQueryError';
}

/** The person is not in the team whose worklist they asked for. */
export class NotInTeamError extends Error {
  override name = 'NotInTeamError';
}

const teamWords = (ids: readonly string[], catalogue: Pick<Catalogue, 'team'>) => ids.map((id) => `${catalogue.team(id).name} (${id})`).join(', ');

/**
 * Whose worklist: the team asked for, if the person is in it; else their only team. Several teams
 * and none asked for is a question to answer (400, naming them); a team they are not in, 403.
 */
export function worklistTeam(requested: string | undefined, person: { username: string; roles: Roles }, catalogue: Pick<Catalogue, 'teams' | 'team'>): string {
  const { teams } = person.roles;
  if (requested !== undefined && requested !== '') {
    if (!catalogue.teams.some((team) => team.id === requested)) {
      throw new WorklistQueryError(`'${requested}' is not one of the council's service teams`);
    }
    if (!teams.includes(requested)) {
      throw new NotInTeamError(
        `${person.username} is not in ${catalogue.team(requested).name}: a team's worklist is for its members` +
          (teams.length ? ` (yours: ${teamWords(teams, catalogue)})` : ''),
      );
    }
    return requested;
  }
  if (teams.length === 1) return teams[0]!;
  if (!teams.length) throw new NotInTeamError(`${person.username} is not in a service team, so has no team worklist`);
  throw new WorklistQueryError(`you are in more than one team: choose one with 'team', one of ${teamWords(teams, catalogue)}`);
}

/** Who is looking at each of these cases now (presence: one read for them all). */
export type LookersOf = (references: readonly string[]) => Promise<Map<string, Looker[]>>;

/**
 * A team's open cases for its members, soonest due first (those waiting for the resident last),
 * each with who has it open: one query for the cases, one for who is looking.
 */
export async function worklistForMember(
  requested: string | undefined,
  person: { username: string; roles: Roles },
  deps: CaseDeps & { lookersOf: LookersOf },
): Promise<TeamWorklist> {
  const teamId = worklistTeam(requested, person, deps.catalogue);
  const entry = (c: Case, now: Date): TeamWorklistCase => ({
    ...worklistEntry(c, now),
    createdAt: c.createdAt,
    clock: clockOf(c, deps, now),
    lookers: [],
  });
  const soonestDue = await teamWorklist(teamId, deps, WORKLIST_LIMIT, entry);
  const lookers = await deps.lookersOf(soonestDue.map((c) => c.reference));
  for (const c of soonestDue) c.lookers = lookers.get(c.reference) ?? [];
  // A case waiting for the resident is not due while its clock is paused (its due time moves when
  // work resumes), so it comes after the cases whose clocks are running.
  const cases = [...soonestDue.filter((c) => !c.clock.paused), ...soonestDue.filter((c) => c.clock.paused)];
  const named = (id: string) => ({ id, name: deps.catalogue.team(id).name });
  return { team: named(teamId), memberOf: person.roles.teams.map(named), asOf: deps.clock.now().toISOString(), limit: WORKLIST_LIMIT, cases };
}

export type ConsoleCaseView = AdviserCaseView & {
  /** The team's actions the case's status allows, for a member of the case's team; none for anyone else. */
  teamActions: CaseActionName[];
};

/**
 * A case as the person opening it may see it: advisers and managers any case, a team's members
 * their own team's (NotYourTeamsCaseError otherwise, once the case's team is known). The advisers'
 * actions only for advisers and managers; the team's actions only for the members of its team.
 */
export async function caseForPerson(reference: string, roles: Roles, deps: CaseDeps): Promise<ConsoleCaseView> {
  const view = await caseForAdviser(reference, deps);
  assertMayOpenCase(roles, view.case, deps.catalogue);
  return {
    ...view,
    allowedActions: roles.adviser ? view.allowedActions : [],
    teamActions: roles.teams.includes(view.case.teamId) ? caseActionsAllowed(view.case.status) : [],
  };
}

/**
 * A team's action, taken in the console by a member of the case's team, at the version they saw:
 * recorded as them (`by` their username, `team` the case's team), through the same lifecycle as the
 * team's system's actions. Anyone else, NotYourTeamsCaseError.
 */
export async function actAsTeamMember(
  reference: string,
  request: CaseActionRequest,
  person: { username: string; roles: Roles },
  deps: CaseDeps,
): Promise<{ case: Case; event: CaseEvent }> {
  const kase = await deps.store.getCase(reference);
  if (!kase) throw new CaseNotFoundError(`no case has the reference ${reference}`);
  assertMayWorkForCaseTeam(person.roles, kase, deps.catalogue);
  return actForTeam(kase, { version: request.version, action: toCaseAction(request), by: person.username }, deps);
}
