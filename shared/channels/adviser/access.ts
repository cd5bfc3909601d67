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
