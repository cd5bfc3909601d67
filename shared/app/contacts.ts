// Accepting a contact from any channel: route it, plan what happens, record it once, and say
// what happens next. Reads (a quoted case, the resident's open cases) come first; the write is
// one DynamoDB round trip: a Put for a contact resolved or asked about, one transaction otherwise.
import type { Case } from '#domain/case';
import { customerKeyOf } from '#domain/case';
import type { Catalogue } from '#domain/catalogue';
import type { Clock } from '#domain/clock';
import type { Channel, Contact } from '#domain/contact';
import type { FailureDemandMark } from '#domain/failure-demand';
import { handoffFor, type HandoffMessage } from '#domain/handoff';
import { planContact, readsFor, type ContactOutcome, type Plan } from '#domain/outcome';
import { route, routingRecordOf, type Decision, type RoutingRecord } from '#domain/routing';

export type { ContactOutcome } from '#domain/outcome';

export interface ContactRecord {
  contact: Contact;
  plan: Plan;
  /** The outbox item for a new case. */
  handoff?: HandoffMessage;
  /** An adviser's mark of failure demand, made as they recorded it. */
  failureDemand?: FailureDemandMark;
  /** How it was routed, and by which router version (what routing learns from). */
  routing?: RoutingRecord;
}

export type RecordResult = 'recorded' | 'duplicate' | 'reference-taken' | 'conflict';

export interface ContactStore {
  /** The outcome recorded for this channel's submission, if it was recorded before. */
  findOutcome(channel: Channel, providerId: string): Promise<ContactOutcome | undefined>;
  getCase(reference: string): Promise<Case | undefined>;
  /** The resident's cases that are not resolved, newest first. */
  openCasesOf(customerKey: string): Promise<Case[]>;
  /** Writes the contact (conditional on its provider id being new) and what the plan adds. */
  record(record: ContactRecord): Promise<RecordResult>;
}

export interface ContactDeps {
  store: ContactStore;
  catalogue: Catalogue;
  clock: Clock;
  newReference: () => string;
}

export class DuplicateRaceError extends Error {
  override name = 'DuplicateRaceError';
}

const REFERENCE_ATTEMPTS = 5;

/**
 * Records a contact and answers it. `decision` is the contact's one routing pass when the channel
 * has already made it (the SMS conversation routes a first text to know what to ask; the console
 * routes an adviser's contact to show the suggestion): it is what gets recorded, answered and
 * handed off, and routing does not run again. Without one, the contact is routed here.
 *
 * A retry of the same submission (same channel and provider id) fails the write's condition and
 * gets the first answer back, so it changes nothing the second time. `failureDemand` is an
 * adviser's mark made as they record it (the console's New contact form), written with it.
 */
export async function acceptContact(
  contact: Contact,
  deps: ContactDeps,
  decision: Decision = route(contact, deps.catalogue),
  failureDemand?: FailureDemandMark,
): Promise<ContactOutcome> {
  const { catalogue, store } = deps;
  const reads = readsFor(contact, decision, catalogue);
  const customerKey = customerKeyOf(contact.resident);
  const [quotedCase, openCases] = await Promise.all([
    reads.quotedReference ? store.getCase(reads.quotedReference).then((c) => c ?? null) : Promise.resolve(undefined),
    reads.openCasesOfResident && customerKey ? store.openCasesOf(customerKey) : Promise.resolve([]),
  ]);
  const now = deps.clock.now();

  for (let attempt = 0; attempt < REFERENCE_ATTEMPTS; attempt++) {
    const plan = planContact(contact, decision, {
      catalogue,
      now,
      newReference: deps.newReference(),
      openCases,
      ...(quotedCase !== undefined ? { quotedCase } : {}),
    });
    const handoff = plan.write === 'case' ? handoffFor(plan.case, now.toISOString()) : undefined;
    const result = await store.record({
      contact,
      plan,
      routing: routingRecordOf(decision),
      ...(handoff ? { handoff } : {}),
      ...(failureDemand ? { failureDemand } : {}),
    });
    if (result === 'recorded') return plan.outcome;
    if (result === 'conflict') {
      await new Promise((resolve) => setTimeout(resolve, 20 * (attempt + 1)));
      continue;
    }
    if (result === 'duplicate') {
      const first = await store.findOutcome(contact.channel, contact.providerId);
      if (first) return first;
      throw new DuplicateRaceError(`contact ${contact.channel}/${contact.providerId} was recorded but its outcome cannot be read`);
    }
  }
  throw new Error(`could not record the contact after ${REFERENCE_ATTEMPTS} attempts (references taken or the case busy)`);
}
