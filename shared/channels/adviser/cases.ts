// A case as a CSN adviser works it in the console: the whole case with its history, its service-level
// clock on the business calendar, how the resident hears from us, and what the adviser may do; the
// adviser's actions on it (any team's case, versioned); and texting the resident their reference.
import { adviserActOnCase, readCase, type CaseDeps } from '#app/cases';
import type { AdviserActionRequest } from '#app/case-requests';
import { withoutVersion } from '#app/case-requests';
import { isOpen, type Case } from '#domain/case';
import { adviserActionsAllowed, type AdviserActionName, type AdviserCaseAction, type CaseEvent } from '#domain/case-lifecycle';
import { contactPreferenceOf, toResident } from '#domain/case-notifications';
import type { Notification } from '#domain/notification';
import { canText, maskPhone } from '#domain/resident';
import { describeCommitment, viewSlaClock, type SlaClockView } from '#domain/sla';
import { ConsoleInputError, keyedProviderId } from './contacts.ts';

export interface AdviserCaseDeps {
  cases: CaseDeps;
  /** The resident sent STOP to that number. */
  isOptedOut(phone: string): Promise<boolean>;
  /** Writes the message to the outbox; the same dedup key again writes nothing. */
  queueNotification(notification: Notification): Promise<'queued' | 'already-queued'>;
  newId(): string;
}

export interface AdviserCaseView {
  case: Case;
  clock: SlaClockView;
  /** Oldest first. */
  events: CaseEvent[];
  contactPreference: { channel: 'sms' | 'email' | 'none'; to?: string };
  allowedActions: AdviserActionName[];
}

export function clockOf(kase: Case, deps: Pick<CaseDeps, 'catalogue'>, now: Date): SlaClockView {
  const resolved = kase.resolvedAt ? { resolvedAt: kase.resolvedAt, ...(kase.slaMet !== undefined ? { slaMet: kase.slaMet } : {}) } : undefined;
  return viewSlaClock(kase.sla, deps.catalogue.calendar, now, resolved);
}

export async function caseForAdviser(reference: string, deps: CaseDeps): Promise<AdviserCaseView> {
  const { case: kase, events } = await readCase(reference, deps);
  return {
    case: kase,
    clock: clockOf(kase, deps, deps.clock.now()),
    events,
    contactPreference: contactPreferenceOf(kase.resident),
    allowedActions: adviserActionsAllowed(kase.status),
  };
}

/**
 * An adviser's action at the case version they saw; `by` is their username. A further contact's id
 * for its channel is the request's Idempotency-Key when it sent one (scoped to this case's
 * actions), else its own id.
 */
export async function actAsAdviser(
  reference: string,
  request: AdviserActionRequest,
  meta: { by: string; idempotencyKey?: string },
  deps: AdviserCaseDeps,
): Promise<{ case: Case; event: CaseEvent }> {
  const id = deps.newId();
  const key = meta.idempotencyKey;
  return adviserActOnCase(
    {
      reference,
      version: request.version,
      by: meta.by,
      action: withoutVersion<AdviserCaseAction>(request),
      contact: { id, providerId: key === undefined ? id : keyedProviderId.action(reference, key) },
      idempotent: key !== undefined,
    },
    deps.cases,
  );
}

export class OptedOutError extends Error {
  override name = 'OptedOutError';
}

/**
 * Texts the resident the case's reference and commitment, in the SMS wording of the hand-off
 * confirmation. Once per version of the case: pressing it again writes nothing new (dedup key
 * `<reference>#adviser-confirmation#v<version>`), while a case that changed since (a reroute, with
 * its own commitment) can be texted again. Not while it waits on the resident: its clock is
 * paused, so any due time texted then would move.
 */
export async function textConfirmation(
  reference: string,
  deps: AdviserCaseDeps,
): Promise<{ sentTo: string; status: 'queued'; alreadyQueued?: true }> {
  const { case: kase } = await readCase(reference, deps.cases);
  if (!isOpen(kase)) throw new ConsoleInputError(`case ${kase.reference} is resolved: there is no commitment to text`);
  if (kase.status === 'awaiting-resident' || kase.sla.pausedAt !== undefined) {
    throw new ConsoleInputError(
      `case ${kase.reference} is waiting for the resident, so its clock is paused and there is no due time to text yet; tell them what the team needs from them, and their reference`,
    );
  }
  const phone = kase.resident.phone;
  if (!phone) throw new ConsoleInputError(`case ${kase.reference} has no phone number to text; the resident can note the reference down`);
  if (!canText(phone)) throw new ConsoleInputError(`the number on case ${kase.reference} (${maskPhone(phone)}) is not a mobile number, so it cannot take texts`);
  if (await deps.isOptedOut(phone)) {
    throw new OptedOutError(`the resident has asked us not to text ${maskPhone(phone)} (they sent STOP); they can text START to the council's number to allow texts again`);
  }
  const { catalogue, clock } = deps.cases;
  const now = clock.now();
  const notification = toResident(
    kase,
    'handoff-confirmation',
    {
      reference: kase.reference,
      service: kase.serviceName,
      team: catalogue.team(kase.teamId).name,
      commitment: describeCommitment(kase.sla.dueAt, catalogue.calendar, 'sms', now),
    },
    { catalogue, reason: 'confirmation', key: `adviser-confirmation#v${kase.version}`, now },
  )!;
  const queued = await deps.queueNotification(notification);
  return { sentTo: maskPhone(phone), status: 'queued', ...(queued === 'already-queued' ? { alreadyQueued: true as const } : {}) };
}
