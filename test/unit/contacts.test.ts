import { describe, expect, it } from 'vitest';
import {
  DuplicateRaceError,
  acceptContact,
  type ContactDeps,
  type ContactOutcome,
  type ContactStore,
  type HandoffRecord,
} from '#app/contacts';
import { catalogue } from '#catalogue/index';
import type { Case } from '#domain/case';
import { fixedClock } from '#domain/clock';
import type { Channel, Contact } from '#domain/contact';
import type { HandoffMessage } from '#domain/handoff';
import { UnknownServiceError } from '#domain/routing';

/** The store's contract in memory: one all-or-nothing write guarded by the idempotency key and the case reference. */
class InMemoryContactStore implements ContactStore {
  readonly outcomes = new Map<string, ContactOutcome>();
  readonly contacts = new Map<string, Contact>();
  readonly cases = new Map<string, Case>();
  readonly outbox = new Map<string, HandoffMessage>();
  readonly attempts: HandoffRecord[] = [];

  async findOutcome(channel: Channel, providerId: string): Promise<ContactOutcome | undefined> {
    return this.outcomes.get(`${channel}#${providerId}`);
  }

  async recordHandoff(record: HandoffRecord): Promise<'recorded' | 'duplicate' | 'reference-taken'> {
    this.attempts.push(record);
    const idempotencyKey = `${record.contact.channel}#${record.contact.providerId}`;
    if (this.outcomes.has(idempotencyKey)) return 'duplicate';
    if (this.cases.has(record.case.reference)) return 'reference-taken';
    this.outcomes.set(idempotencyKey, record.outcome);
    this.contacts.set(record.contact.id, record.contact);
    this.cases.set(record.case.reference, record.case);
    this.outbox.set(record.handoff.dedupKey, record.handoff);
    return 'recorded';
  }

  async getCase(reference: string): Promise<Case | undefined> {
    return this.cases.get(reference);
  }
}

/** Another request for the same submission commits just before ours does. */
class RacedContactStore extends InMemoryContactStore {
  constructor(private rival: HandoffRecord | undefined) {
    super();
  }

  override async recordHandoff(record: HandoffRecord) {
    if (this.rival) {
      const rival = this.rival;
      this.rival = undefined;
      await super.recordHandoff(rival);
      this.attempts.length = 0;
    }
    return super.recordHandoff(record);
  }
}

function scriptedReferences(...references: string[]) {
  let calls = 0;
  const next = () => {
    const reference = references[calls++];
    if (!reference) throw new Error(`newReference called ${calls} times; the script has ${references.length}`);
    return reference;
  };
  return { next, calls: () => calls };
}

function webContact(overrides: Partial<Contact> = {}): Contact {
  return {
    id: 'contact-1',
    channel: 'web',
    providerId: 'idem-1',
    receivedAt: '2026-11-26T10:15:00.000Z',
    text: 'My black bin was not emptied on Tuesday',
    serviceId: 'missed-bin',
    resident: { name: 'Jo Bloggs', email: 'jo.bloggs@example.com' },
    ...overrides,
  };
}

const NOW = '2026-11-26T10:15:02.000Z';
const missedBin = catalogue.service('missed-bin')!;
const wasteTeam = catalogue.team(missedBin.teamId);

function deps(store: ContactStore, newReference: () => string): ContactDeps {
  return { store, catalogue, clock: fixedClock(NOW), newReference };
}

describe('acceptContact', () => {
  it('records the contact, its case and its hand-off once, and tells the resident the reference and team', async () => {
    // Prepare
    const store = new InMemoryContactStore();
    const references = scriptedReferences('K7MD-Q9PX');

    // Act
    const outcome = await acceptContact(webContact(), deps(store, references.next));

    // Assess
    expect(outcome).toEqual({
      contactId: 'contact-1',
      decision: 'handoff',
      reference: 'K7MD-Q9PX',
      service: { id: 'missed-bin', name: missedBin.name },
      teamId: 'waste-services',
      message: `Thank you. Your reference is K7MD-Q9PX. We have passed your report to ${wasteTeam.name}.`,
    });
    expect(store.attempts).toHaveLength(1);
    expect(store.cases.get('K7MD-Q9PX')).toMatchObject({ reference: 'K7MD-Q9PX', version: 1, status: 'open', teamId: 'waste-services' });
    expect(store.contacts.get('contact-1')).toEqual(webContact());
    expect(store.outbox.get('K7MD-Q9PX#1')).toMatchObject({ caseReference: 'K7MD-Q9PX', handedOffAt: NOW, createdAt: '2026-11-26T10:15:00.000Z' });
    expect(await store.findOutcome('web', 'idem-1')).toEqual(outcome);
  });

  it('answers a retried submission (same channel and provider id) as before, without writing again', async () => {
    // Prepare
    const store = new InMemoryContactStore();
    const references = scriptedReferences('K7MD-Q9PX', 'K7MD-Q9PY');
    const first = await acceptContact(webContact(), deps(store, references.next));

    // Act: the channel delivers the same submission again (as a new contact id, with its text resent)
    const again = await acceptContact(webContact({ id: 'contact-2', text: 'resent' }), deps(store, references.next));

    // Assess
    expect(again).toEqual(first);
    expect(again.reference).toBe('K7MD-Q9PX');
    expect([...store.cases.keys()]).toEqual(['K7MD-Q9PX']);
    expect([...store.outbox.keys()]).toEqual(['K7MD-Q9PX#1']);
    expect([...store.contacts.keys()]).toEqual(['contact-1']);
    expect(await store.findOutcome('web', 'idem-1')).toEqual(first);
  });

  it('treats the same provider id on another channel as a new contact', async () => {
    // Prepare
    const store = new InMemoryContactStore();
    const references = scriptedReferences('K7MD-Q9PX', 'K7MD-Q9PY');
    await acceptContact(webContact(), deps(store, references.next));

    // Act
    const outcome = await acceptContact(webContact({ id: 'contact-2', channel: 'sms' }), deps(store, references.next));

    // Assess
    expect(outcome.reference).toBe('K7MD-Q9PY');
    expect([...store.cases.keys()]).toEqual(['K7MD-Q9PX', 'K7MD-Q9PY']);
  });

  it('tries the next reference when the first is already some other case', async () => {
    // Prepare
    const store = new InMemoryContactStore();
    await acceptContact(webContact({ id: 'earlier', providerId: 'earlier' }), deps(store, scriptedReferences('K7MD-Q9PX').next));
    const earlierCase = store.cases.get('K7MD-Q9PX');
    const references = scriptedReferences('K7MD-Q9PX', 'HJKM-NPQR');

    // Act
    const outcome = await acceptContact(webContact(), deps(store, references.next));

    // Assess
    expect(outcome.reference).toBe('HJKM-NPQR');
    expect(outcome.message).toContain('Your reference is HJKM-NPQR.');
    expect(references.calls()).toBe(2);
    expect(store.cases.get('K7MD-Q9PX')).toBe(earlierCase);
    expect(store.cases.get('HJKM-NPQR')?.contactId).toBe('contact-1');
    expect(store.outbox.get('HJKM-NPQR#1')?.caseReference).toBe('HJKM-NPQR');
  });

  it('gives up after five references that are all taken, having written nothing', async () => {
    // Prepare
    const store = new InMemoryContactStore();
    await acceptContact(webContact({ id: 'earlier', providerId: 'earlier' }), deps(store, scriptedReferences('K7MD-Q9PX').next));
    const references = scriptedReferences(...Array<string>(6).fill('K7MD-Q9PX'));

    // Act
    const accepting = acceptContact(webContact(), deps(store, references.next));

    // Assess
    await expect(accepting).rejects.toThrow('no free case reference after 5 attempts');
    expect(references.calls()).toBe(5);
    expect(await store.findOutcome('web', 'idem-1')).toBeUndefined();
    expect(store.contacts.has('contact-1')).toBe(false);
  });

  it('answers with the winning outcome when the same submission raced in and was recorded first', async () => {
    // Prepare: the rival is the same submission handled by another invocation, with its own reference
    const winner: HandoffRecord = {
      contact: webContact({ id: 'contact-rival' }),
      case: { reference: 'WXYW-XYWX' } as Case,
      handoff: { dedupKey: 'WXYW-XYWX#1' } as HandoffMessage,
      outcome: {
        contactId: 'contact-rival',
        decision: 'handoff',
        reference: 'WXYW-XYWX',
        service: { id: 'missed-bin', name: missedBin.name },
        teamId: 'waste-services',
        message: `Thank you. Your reference is WXYW-XYWX. We have passed your report to ${wasteTeam.name}.`,
      },
    };
    const store = new RacedContactStore(winner);
    const references = scriptedReferences('K7MD-Q9PX', 'K7MD-Q9PY');

    // Act
    const outcome = await acceptContact(webContact(), deps(store, references.next));

    // Assess
    expect(outcome).toEqual(winner.outcome);
    expect(references.calls()).toBe(1);
    expect(store.attempts).toHaveLength(1);
    expect(store.cases.has('K7MD-Q9PX')).toBe(false);
    expect(store.contacts.has('contact-1')).toBe(false);
  });

  it('fails with DuplicateRaceError when the store says duplicate but the winning outcome cannot be read', async () => {
    // Prepare
    class UnreadableOutcomeStore extends InMemoryContactStore {
      override async findOutcome(): Promise<ContactOutcome | undefined> {
        return undefined;
      }
    }
    const store = new UnreadableOutcomeStore();
    store.outcomes.set('web#idem-1', {} as ContactOutcome);

    // Act
    const accepting = acceptContact(webContact(), deps(store, scriptedReferences('K7MD-Q9PX').next));

    // Assess
    await expect(accepting).rejects.toBeInstanceOf(DuplicateRaceError);
    await expect(accepting).rejects.toThrow('contact idem-1 was recorded but its outcome cannot be read');
  });

  it('refuses a chosen service the catalogue does not offer, writing nothing and using no reference', async () => {
    // Prepare
    const store = new InMemoryContactStore();
    const references = scriptedReferences('K7MD-Q9PX');

    // Act
    const accepting = acceptContact(webContact({ serviceId: 'moon-landing' }), deps(store, references.next));

    // Assess
    await expect(accepting).rejects.toBeInstanceOf(UnknownServiceError);
    await expect(accepting).rejects.toMatchObject({ serviceId: 'moon-landing', message: "'moon-landing' is not a service we offer" });
    expect(references.calls()).toBe(0);
    expect(store.attempts).toHaveLength(0);
    expect(store.outcomes.size).toBe(0);
  });
});
