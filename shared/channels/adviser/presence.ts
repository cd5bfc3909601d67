// Who else is looking at a case, in the console: a person's heartbeat on a case they may open (an
// adviser or manager any case, a team's member their team's: assertMayOpenCase), leaving it, and
// the others looking beside the case view.
import { CaseNotFoundError, type CaseDeps } from '#app/cases';
import { heartbeat, othersLookingAt, stopLooking, type HeartbeatAnswer, type Looker, type PresenceDeps } from '#app/presence';
import { assertMayOpenCase, rolesOf } from './access.ts';

export interface ConsolePerson {
  username: string;
  groups: readonly string[];
}

/** PUT /api/console/cases/{reference}/presence: `person` is looking at the case; who else is. */
export async function lookAtCase(reference: string, person: ConsolePerson, deps: { cases: CaseDeps; presence: PresenceDeps }): Promise<HeartbeatAnswer> {
  const kase = await deps.cases.store.getCase(reference);
  if (!kase) throw new CaseNotFoundError(`there is no case ${reference}`);
  assertMayOpenCase(rolesOf(person.groups, deps.cases.catalogue), kase, deps.cases.catalogue);
  return heartbeat(reference, person.username, deps.presence);
}

/**
 * DELETE /api/console/cases/{reference}/presence: `person` has left the case. It only ever removes
 * the caller's own presence, so it needs no look at the case: leaving one never there changes nothing.
 */
export async function leaveCase(reference: string, person: ConsolePerson, deps: { presence: PresenceDeps }): Promise<void> {
  await stopLooking(reference, person.username, deps.presence);
}

/** The case view with `othersLooking`: everyone but the reader looking at it now. */
export async function withOthersLooking<View extends object>(
  view: Promise<View>,
  reference: string,
  person: ConsolePerson,
  deps: { presence: PresenceDeps },
): Promise<View & { othersLooking: Looker[] }> {
  const [read, othersLooking] = await Promise.all([view, othersLookingAt(reference, person.username, deps.presence)]);
  return { ...read, othersLooking };
}
