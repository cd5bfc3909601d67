// Who may use the console: the groups of the council's user pool (Cognito on AWS, the fake Cognito
// locally) that the console's routes admit, and what a signed-in person's groups make them.
import type { Catalogue } from '#domain/catalogue';

/** The Customer Service Network's advisers. */
export const ADVISERS_GROUP = 'advisers';
/** Their managers, who supervise advisers and read the measures. */
export const MANAGERS_GROUP = 'managers';

/** The adviser views: advisers, and the managers who supervise them. */
export const ADVISER_ROUTES = [ADVISERS_GROUP, MANAGERS_GROUP] as const;
/** The measures: managers only. */
export const MANAGER_ROUTES = [MANAGERS_GROUP] as const;

export interface Roles {
  /** May use the adviser views (an adviser, or a manager). */
  adviser: boolean;
  manager: boolean;
  /** The service teams they belong to: their groups that are team ids in the catalogue. */
  teams: string[];
}

export function rolesOf(groups: readonly string[], catalogue: Pick<Catalogue, 'teams'>): Roles {
  const teamIds = new Set(catalogue.teams.map((team) => team.id));
  return {
    adviser: groups.some((group) => (ADVISER_ROUTES as readonly string[]).includes(group)),
    manager: groups.includes(MANAGERS_GROUP),
    teams: groups.filter((group) => teamIds.has(group)),
  };
}

/** A case this person may not open: it is another team's, and they are not an adviser or manager. */
export class NotYourTeamsCaseError extends Error {
  override name = 'NotYourTeamsCaseError';
}

/**
 * Advisers and managers may open any case; a member of a service team only their team's cases.
 * Throws NotYourTeamsCaseError, in words that say whose the case is and whose they may open.
 */
export function assertMayOpenCase(roles: Roles, kase: { reference: string; teamId: string }, catalogue: Pick<Catalogue, 'team'>): void {
  if (roles.adviser || roles.teams.includes(kase.teamId)) return;
  const theirs = roles.teams.map((id) => catalogue.team(id).name);
  throw new NotYourTeamsCaseError(
    `case ${kase.reference} is with ${catalogue.team(kase.teamId).name}, not your team: ` +
      (theirs.length ? `you can open the cases of ${theirs.join(' and ')}` : 'you are not in a service team or the Customer Service Network'),
  );
}

/**
 * A team's actions on a case (accept, note, wait for the resident, resume, resolve, reroute, return
 * to customer services) are for the members of the case's team, advisers and managers included
 * only if they are in it. Throws NotYourTeamsCaseError, in words.
 */
export function assertMayWorkForCaseTeam(roles: Roles, kase: { reference: string; teamId: string }, catalogue: Pick<Catalogue, 'team'>): void {
  if (roles.teams.includes(kase.teamId)) return;
  const team = catalogue.team(kase.teamId).name;
  if (!roles.teams.length) {
    throw new NotYourTeamsCaseError(`case ${kase.reference} is with ${team}: only its members can take the team's actions on it`);
  }
  assertMayOpenCase({ ...roles, adviser: false }, kase, catalogue);
}
