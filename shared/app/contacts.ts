// Accepting a contact from any channel: route it, record it once, and say what happens next.
import type { Case } from '#domain/case';
import { openCase } from '#domain/case';
import type { Catalogue } from '#domain/catalogue';
import type { Clock } from '#domain/clock';
import type { Channel, Contact } from '#domain/contact';
import { handoffFor, type HandoffMessage } from '#domain/handoff';
import { route, type DecisionKind } from '#domain/routing';

/** The answer a channel gives the resident; stored so a retried submission gets the same one. */
export interface ContactOutcome {
  contactId: string;
  decision: DecisionKind;
  reference?: string;
  service: { id: string; name: string };
  teamId: string;
  message: string;
}

export interface HandoffRecord {
  contact: Contact;
  case: Case;
  handoff: HandoffMessage;
  outcome: ContactOutcome;
}

export interface ContactStore {
  findOutcome(channel: Channel, providerId: string): Promise<ContactOutcome | undefined>;
  /** One transaction: idempotency record, contact, case and the hand-off outbox item. */
  recordHandoff(record: HandoffRecord): Promise<'recorded' | 'duplicate' | 'reference-taken'>;
  getCase(reference: string): Promise<Case | undefined>;
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
 * Routes and records a contact in one transaction. A retry of the same submission (same channel
 * and provider id) fails that transaction's idempotency condition and gets the first answer back,
 * so the first delivery costs one DynamoDB round trip and a retry two.
 */
export async function acceptContact(contact: Contact, deps: ContactDeps): Promise<ContactOutcome> {
  const decision = route(contact, deps.catalogue);
  const service = deps.catalogue.service(decision.serviceId)!;
  for (let attempt = 0; attempt < REFERENCE_ATTEMPTS; attempt++) {
    const kase = openCase(deps.newReference(), contact, decision, deps.catalogue);
    const outcome: ContactOutcome = {
      contactId: contact.id,
      decision: decision.kind,
      reference: kase.reference,
      service: { id: service.id, name: service.name },
      teamId: service.teamId,
      message: `Thank you. Your reference is ${kase.reference}. We have passed your report to ${deps.catalogue.team(service.teamId).name}.`,
    };
    const handoff = handoffFor(kase, deps.clock.now().toISOString());
    const result = await deps.store.recordHandoff({ contact, case: kase, handoff, outcome });
    if (result === 'recorded') return outcome;
    if (result === 'duplicate') {
      // Recorded before (a retry) or by a concurrent delivery: answer as it was answered then.
      const winner = await deps.store.findOutcome(contact.channel, contact.providerId);
      if (winner) return winner;
      throw new DuplicateRaceError(`contact ${contact.providerId} was recorded but its outcome cannot be read`);
    }
  }
  throw new Error(`no free case reference after ${REFERENCE_ATTEMPTS} attempts`);
}
