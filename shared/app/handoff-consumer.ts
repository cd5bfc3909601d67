// A service team's reference consumer of its hand-off queue (docs/handoff-queue.md), written as a
// team would write its own: it knows the published message schema and the service API, nothing
// of the platform's table. Each message is checked against the hand-off schema and the case is
// acknowledged ('accept') through the API, at the version in the message or, when an SLA mark or
// a repeat contact has moved the version on since, at the case's current one. A message that is
// not a valid hand-off for the team is poison: the caller reports it as a failure, so after the
// queue's maxReceiveCount it moves to the dead-letter queue.
import { HandoffMessageSchema } from '#domain/handoff';

/** How the service API answered an action: done, 409 (stale version, or not allowed in the case's status), 404 (not the team's case). */
export type ActionAnswer = 'done' | 'conflict' | 'not-found';

/** The service API as the team's key sees it (GET /service/cases/{reference}, POST .../actions). */
export interface TeamCases {
  /** The case's status and version, or undefined when it is not (or no longer) the team's. */
  getCase(reference: string): Promise<{ status: string; version: number } | undefined>;
  act(reference: string, request: { version: number; action: 'accept' }): Promise<ActionAnswer>;
}

export type ConsumeResult = 'accepted' | 'already-handled' | 'poison';

/** The case kept changing between reading its version and accepting it: let the queue deliver it again. */
export class CaseKeptChangingError extends Error {
  override name = 'CaseKeptChangingError';
}

const ACCEPT_ATTEMPTS = 3;

export async function consumeHandoff(body: string, teamId: string, api: TeamCases): Promise<ConsumeResult> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return 'poison';
  }
  const parsed = HandoffMessageSchema.safeParse(json);
  if (!parsed.success || parsed.data.teamId !== teamId) return 'poison';
  const { caseReference } = parsed.data;

  let version = parsed.data.caseVersion;
  for (let attempt = 0; attempt < ACCEPT_ATTEMPTS; attempt++) {
    const answer = await api.act(caseReference, { version, action: 'accept' });
    if (answer === 'done') return 'accepted';
    // No longer the team's (rerouted, returned): the hand-off was handled.
    if (answer === 'not-found') return 'already-handled';
    // 409: the version moved on, or the case is past 'open' (accepted already: a redelivery).
    const current = await api.getCase(caseReference);
    if (!current || current.status !== 'open') return 'already-handled';
    version = current.version;
  }
  throw new CaseKeptChangingError(`case ${caseReference} changed on each of ${ACCEPT_ATTEMPTS} attempts to accept it`);
}
