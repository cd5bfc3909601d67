// Working cases: the service teams' worklists, a case with its history, actions on a case
// (versioned: a stale update is refused), and the SLA monitor. A team sees and changes only its
// own cases; a CSN adviser reads and acts on any team's case (adviser actions).
import type { Case } from '#domain/case';
import {
  applyAction,
  applyAdviserAction,
  marksDue,
  type ActionResult,
  type AdviserActionResult,
  type AdviserCaseAction,
  type CaseAction,
  type CaseEffect,
  type CaseEvent,
} from '#domain/case-lifecycle';
import type { Catalogue } from '#domain/catalogue';
import type { Clock } from '#domain/clock';
import type { Channel, Contact } from '#domain/contact';
import type { HandoffMessage } from '#domain/handoff';
import type { Notification } from '#domain/notification';
import type { ContactOutcome } from '#domain/outcome';
import type { RatingAsked } from '#domain/rating';
import type { SlaMark } from '#domain/sla-monitor';
import { slaStateAt, type SlaState } from '#domain/sla';

export interface CaseChange {
  before: Case;
  after: Case;
  events: CaseEvent[];
  handoff?: HandoffMessage;
  notifications: Notification[];
  /** On resolve: lets the resident's 1-5 reply by SMS be recorded against the case. */
  ratingAsked?: RatingAsked & { phone: string };
  /** A contact recorded with the change (an adviser's further contact about the case). */
  contact?: { contact: Contact; outcome: ContactOutcome };
}

export interface CaseStore {
  getCase(reference: string): Promise<Case | undefined>;
  events(reference: string): Promise<CaseEvent[]>;
  /** A team's open cases, soonest due first. */
  worklist(teamId: string, limit: number): Promise<Case[]>;
  /**
   * Writes the change if the case is still at `before`'s version; 'stale' otherwise; 'duplicate'
   * when the change records a contact and that contact was recorded before (nothing is written).
   */
  saveChange(change: CaseChange): Promise<'saved' | 'stale' | 'duplicate'>;
  /** A contact recorded before, by its channel's id for it; a consistent read. */
  findContact(channel: Channel, providerId: string): Promise<{ contact: Contact; outcome: ContactOutcome } | undefined>;
  /** Open cases the SLA monitor must look at by `now` (its sparse index), soonest first. */
  dueForSlaCheck(now: string, limit: number): Promise<Case[]>;
}

export interface CaseDeps {
  store: CaseStore;
  catalogue: Catalogue;
  clock: Clock;
}

export class CaseNotFoundError extends Error {
  override name = 'CaseNotFoundError';
}

/** An Idempotency-Key sent again with a different request: it cannot be answered as the first was. */
export class IdempotencyKeyReusedError extends Error {
  override name = 'IdempotencyKeyReusedError';
}

/** The change's contact was recorded before: another request with the same key wrote it. */
class DuplicateContactError extends Error {
  override name = 'DuplicateContactError';
}

export class StaleCaseError extends Error {
  override name = 'StaleCaseError';
  constructor(readonly current: number) {
    super(`the case has changed since version you sent (it is now at version ${current}); read it again`);
  }
}

/** The case if this team owns it; other teams' cases do not exist as far as they can tell. */
async function ownCase(reference: string, teamId: string, store: CaseStore): Promise<Case> {
  const found = await store.getCase(reference);
  if (!found || found.teamId !== teamId) throw new CaseNotFoundError(`your team has no case ${reference}`);
  return found;
}

/** The most open cases a worklist shows: the soonest due. */
export const WORKLIST_LIMIT = 200;

export interface WorklistEntry {
  reference: string;
  service: { id: string; name: string };
  status: Case['status'];
  priority: Case['priority'];
  dueAt: string;
  slaState: SlaState;
  version: number;
  repeatContacts: number;
}

export function worklistEntry(c: Case, now: Date): WorklistEntry {
  return {
    reference: c.reference,
    service: { id: c.serviceId, name: c.serviceName },
    status: c.status,
    priority: c.priority,
    dueAt: c.sla.dueAt,
    slaState: slaStateAt(c.sla, now),
    version: c.version,
    repeatContacts: c.repeatContacts,
  };
}

/** The team's open cases, soonest due first (one query), each as `entry` makes it (the service API's entry by default). */
export async function teamWorklist<Entry = WorklistEntry>(
  teamId: string,
  deps: CaseDeps,
  limit = WORKLIST_LIMIT,
  entry: (c: Case, now: Date) => Entry = worklistEntry as (c: Case, now: Date) => Entry,
): Promise<Entry[]> {
  const now = deps.clock.now();
  return (await deps.store.worklist(teamId, limit)).map((c) => entry(c, now));
}

export async function caseWithHistory(reference: string, teamId: string, deps: CaseDeps) {
  const kase = await ownCase(reference, teamId, deps.store);
  return { case: kase, slaState: slaStateAt(kase.sla, deps.clock.now()), events: await deps.store.events(reference) };
}

/** The change and everything it causes, as the store writes it (in one transaction). */
function changeOf(before: Case, after: Case, events: CaseEvent[], effects: CaseEffect[]): CaseChange {
  const handoff = effects.find((e) => e.kind === 'handoff')?.message;
  const ratingAsked = effects.find((e) => e.kind === 'ask-rating')?.asked;
  return {
    before,
    after,
    events,
    ...(handoff ? { handoff } : {}),
    notifications: effects.flatMap((e) => (e.kind === 'handoff' ? [] : [e.notification])),
    ...(ratingAsked ? { ratingAsked } : {}),
  };
}

/** Writes an action's result if the case is still at the version the caller saw. */
async function saveAction(
  before: Case,
  version: number,
  act: () => ActionResult & Pick<AdviserActionResult, 'contact'>,
  store: CaseStore,
): Promise<{ case: Case; event: CaseEvent }> {
  if (before.version !== version) throw new StaleCaseError(before.version);
  const result = act();
  const change = changeOf(before, result.case, [result.event], result.effects);
  const saved = await store.saveChange(result.contact ? { ...change, contact: result.contact } : change);
  if (saved === 'duplicate') throw new DuplicateContactError(`case ${before.reference}: its contact was recorded before`);
  if (saved === 'stale') throw new StaleCaseError((await store.getCase(before.reference))?.version ?? before.version);
  return { case: result.case, event: result.event };
}

/** A team's action, by its system with the team's key: the case must be the team's (as far as it can tell, no other exists). */
export async function actOnCase(
  request: { reference: string; teamId: string; version: number; action: CaseAction },
  deps: CaseDeps,
): Promise<{ case: Case; event: CaseEvent }> {
  const before = await ownCase(request.reference, request.teamId, deps.store);
  return actForTeam(before, request, deps);
}

/**
 * A team's action on a case already read, for the case's own team, at the version the caller saw.
 * Without `by` the team's system acted (the event's `by` is the team); with it, a member of the
 * team acted as themselves in the console (`by` their username, `team` the team). Whoever calls it
 * has checked the actor may work this case.
 */
export function actForTeam(
  before: Case,
  request: { version: number; action: CaseAction; by?: string },
  deps: CaseDeps,
): Promise<{ case: Case; event: CaseEvent }> {
  const actor = request.by === undefined ? { by: before.teamId } : { by: request.by, team: before.teamId };
  return saveAction(before, request.version, () => applyAction(before, request.action, { now: deps.clock.now(), ...actor, catalogue: deps.catalogue }), deps.store);
}

/** Any team's case with its history, oldest event first, for a CSN adviser. */
export async function readCase(reference: string, deps: Pick<CaseDeps, 'store'>): Promise<{ case: Case; events: CaseEvent[] }> {
  const [kase, events] = await Promise.all([deps.store.getCase(reference), deps.store.events(reference)]);
  if (!kase) throw new CaseNotFoundError(`no case has the reference ${reference}`);
  return { case: kase, events };
}

/**
 * A further contact recorded before under the same key, as its first answer was: the case as it is
 * now and the event of that action. Undefined when there is none; a contact under that key that is
 * not this further contact (another case, other words) is a key reused for another request.
 */
async function earlierFurtherContact(
  reference: string,
  action: Extract<AdviserCaseAction, { action: 'further-contact' }>,
  providerId: string,
  store: CaseStore,
): Promise<{ case: Case; event: CaseEvent } | undefined> {
  const found = await store.findContact(action.channel, providerId);
  if (!found) return undefined;
  const reused = () => new IdempotencyKeyReusedError('this Idempotency-Key was used before for another request: send a new key with a new request');
  if (found.outcome.repeatOf !== reference || found.contact.text !== action.note) throw reused();
  // The contact, the case's change and its event were written in one transaction: all are there.
  const [kase, events] = await Promise.all([store.getCase(reference), store.events(reference)]);
  const event = events.find((e) => e.action === 'further-contact' && e.detail.contactId === found.contact.id);
  if (!kase || !event) throw reused();
  return { case: kase, event };
}

/**
 * A CSN adviser's action on any team's case, at the version they saw; `by` is the adviser's
 * username. A further contact is recorded as a contact in the same transaction as the change.
 * `idempotent`: the contact's provider id comes from the client's Idempotency-Key, so a further
 * contact sent again with it (its reply lost, or pressed twice) gets the first answer back, at
 * whatever version it names, and nothing is written twice.
 */
export async function adviserActOnCase(
  request: {
    reference: string;
    version: number;
    by: string;
    action: AdviserCaseAction;
    contact: { id: string; providerId: string };
    idempotent?: boolean;
  },
  deps: CaseDeps,
): Promise<{ case: Case; event: CaseEvent }> {
  const { action } = request;
  const earlier =
    request.idempotent && action.action === 'further-contact'
      ? () => earlierFurtherContact(request.reference, action, request.contact.providerId, deps.store)
      : async () => undefined;
  const first = await earlier();
  if (first) return first;
  const before = await deps.store.getCase(request.reference);
  if (!before) throw new CaseNotFoundError(`no case has the reference ${request.reference}`);
  try {
    return await saveAction(
      before,
      request.version,
      () => applyAdviserAction(before, action, { now: deps.clock.now(), by: request.by, catalogue: deps.catalogue, contact: request.contact }),
      deps.store,
    );
  } catch (error) {
    // Another request with the same key got there first (sent twice at once): its answer.
    if (error instanceof DuplicateContactError || error instanceof StaleCaseError) {
      const saved = await earlier();
      if (saved) return saved;
    }
    if (error instanceof DuplicateContactError) throw new IdempotencyKeyReusedError('this Idempotency-Key was used before for another request: send a new key with a new request');
    throw error;
  }
}

const SLA_MONITOR_CONCURRENCY = 8;

export interface SlaRunReport {
  looked: number;
  marked: Array<{ reference: string; marks: SlaMark[] }>;
  /** Cases another run or a team changed first: left for the next run. */
  skipped: number;
  /** Cases whose marking failed unexpectedly: left for the next run. */
  failed: number;
  errors: unknown[];
}

/** One run of the SLA monitor: mark each case at risk and in breach once, and escalate each mark. */
export async function runSlaMonitor(deps: CaseDeps, limit = 500): Promise<SlaRunReport> {
  const now = deps.clock.now();
  const due = await deps.store.dueForSlaCheck(now.toISOString(), limit);
  const report: SlaRunReport = { looked: due.length, marked: [], skipped: 0, failed: 0, errors: [] };
  const markOne = async (before: Case) => {
    const { case: after, marks, events, effects } = marksDue(before, now, deps.catalogue);
    if (!marks.length) return;
    const saved = await deps.store.saveChange(changeOf(before, after, events, effects));
    if (saved === 'saved') report.marked.push({ reference: after.reference, marks });
    else report.skipped++;
  };
  // A few transactions at a time: a morning's breaches are written in seconds, not minutes. One
  // case that fails is left for the next run; it must not stop the rest.
  for (let i = 0; i < due.length; i += SLA_MONITOR_CONCURRENCY) {
    const settled = await Promise.allSettled(due.slice(i, i + SLA_MONITOR_CONCURRENCY).map(markOne));
    for (const result of settled) {
      if (result.status === 'rejected') {
        report.failed++;
        report.errors.push(result.reason);
      }
    }
  }
  return report;
}
