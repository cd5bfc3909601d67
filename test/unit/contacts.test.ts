import { describe, expect, it } from 'vitest';
import {
  DuplicateRaceError,
  acceptContact,
  type ContactDeps,
  type ContactOutcome,
  type ContactRecord,
  type ContactStore,
  type RecordResult,
} from '#app/contacts';
import { catalogue } from '#catalogue/index';
import type { Case } from '#domain/case';
import { fixedClock } from '#domain/clock';
import type { Channel, Contact } from '#domain/contact';
import { HandoffMessageSchema, type HandoffMessage } from '#domain/handoff';
import { spokenReference } from '#domain/messages';
import { planContact } from '#domain/outcome';
import { route, UnknownServiceError } from '#domain/routing';

/**
 * The DynamoDB store's contract in memory (shared/adapters/store.ts): one all-or-nothing write.
 * The contact is conditional on its channel and provider id being new; a new case on its
 * reference being new (with its outbox item); a repeat adds one to the open case's repeatContacts.
 */
class InMemoryContactStore implements ContactStore {
  readonly contacts = new Map<string, { contact: Contact; outcome: ContactOutcome }>();
  readonly cases = new Map<string, Case>();
  readonly outbox = new Map<string, HandoffMessage>();
  readonly attempts: ContactRecord[] = [];
  readonly reads: string[] = [];

  async findOutcome(channel: Channel, providerId: string): Promise<ContactOutcome | undefined> {
    return this.contacts.get(`${channel}#${providerId}`)?.outcome;
  }

  async getCase(reference: string): Promise<Case | undefined> {
    this.reads.push(`case ${reference}`);
    const found = this.cases.get(reference);
    return found && structuredClone(found);
  }

  async openCasesOf(customerKey: string): Promise<Case[]> {
    this.reads.push(`open cases of ${customerKey}`);
    return [...this.cases.values()]
      .filter((c) => c.customerKey === customerKey && c.status !== 'resolved')
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .map((c) => structuredClone(c));
  }

  async record(record: ContactRecord): Promise<RecordResult> {
    this.attempts.push(record);
    const { contact, plan, handoff } = record;
    const contactKey = `${contact.channel}#${contact.providerId}`;
    if (this.contacts.has(contactKey)) return 'duplicate';
    if (plan.write === 'case' && this.cases.has(plan.case.reference)) return 'reference-taken';
    // The real store's Update is conditional on the case existing; a failed condition there is an error.
    if (plan.write === 'repeat' && !this.cases.has(plan.reference)) throw new Error(`no case ${plan.reference} to link to`);

    this.contacts.set(contactKey, { contact, outcome: plan.outcome });
    if (plan.write === 'case') {
      this.cases.set(plan.case.reference, plan.case);
      if (handoff) this.outbox.set(handoff.dedupKey, handoff);
    }
    if (plan.write === 'repeat') {
      const existing = this.cases.get(plan.reference)!;
      this.cases.set(plan.reference, { ...existing, repeatContacts: existing.repeatContacts + 1 });
    }
    return 'recorded';
  }
}

/** Another request for the same submission commits just before ours does. */
class RacedContactStore extends InMemoryContactStore {
  constructor(private rival: ContactRecord | undefined) {
    super();
  }

  override async record(record: ContactRecord) {
    if (this.rival) {
      const rival = this.rival;
      this.rival = undefined;
      await super.record(rival);
      this.attempts.length = 0;
    }
    return super.record(record);
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

const RECEIVED = '2026-11-26T10:15:00.000Z';
// Thursday 26 November 2026, 10:15 GMT: open; a 2 working-day missed bin is due at 5pm on Monday.
const NOW = '2026-11-26T10:15:02.000Z';
const JO = { name: 'Jo Bloggs', email: 'jo.bloggs@example.com' };
const SAM = { name: 'Sam Patel', phone: '+447700900123' };

function webContact(overrides: Partial<Contact> = {}): Contact {
  return {
    id: 'contact-1',
    channel: 'web',
    providerId: 'idem-1',
    receivedAt: RECEIVED,
    text: 'My black bin was not emptied on Tuesday',
    serviceId: 'missed-bin',
    resident: JO,
    ...overrides,
  };
}

/** A contact routed from its words alone: no service chosen. */
function contactInWords(text: string, overrides: Partial<Contact> = {}): Contact {
  const { serviceId: _none, ...contact } = webContact(overrides);
  return { ...contact, text };
}

const missedBin = catalogue.service('missed-bin')!;

function deps(store: ContactStore, newReference: () => string): ContactDeps {
  return { store, catalogue, clock: fixedClock(NOW), newReference };
}

describe('acceptContact: a hand-off', () => {
  it('records the contact, its case and its hand-off once, and tells the resident the reference and when', async () => {
    // Prepare
    const store = new InMemoryContactStore();
    const references = scriptedReferences('K7MD-Q9PX');

    // Act
    const outcome = await acceptContact(webContact(), deps(store, references.next));

    // Assess
    expect(outcome).toMatchObject({
      contactId: 'contact-1',
      decision: 'handoff',
      firstContactResolved: false,
      reference: 'K7MD-Q9PX',
      service: { id: 'missed-bin', name: missedBin.name },
      teamId: 'waste-services',
      priority: 'normal',
      dueAt: '2026-11-30T17:00:00.000Z',
      commitment: 'by 5pm on Monday 30 November',
    });
    expect(outcome.repeatOf).toBeUndefined();
    expect(outcome.message).toContain('K7MD-Q9PX');
    expect(outcome.message).toContain('by 5pm on Monday 30 November');
    expect(store.attempts).toHaveLength(1);
    expect(store.attempts[0]?.plan.write).toBe('case');
    expect(store.cases.get('K7MD-Q9PX')).toMatchObject({
      reference: 'K7MD-Q9PX',
      version: 1,
      status: 'open',
      teamId: 'waste-services',
      customerKey: 'EMAIL#jo.bloggs@example.com',
      repeatContacts: 0,
      sla: { dueAt: '2026-11-30T17:00:00.000Z' },
    });
    expect(store.contacts.get('web#idem-1')?.contact).toEqual(webContact());
    const handoff = store.outbox.get('K7MD-Q9PX#1');
    expect(handoff).toMatchObject({ caseReference: 'K7MD-Q9PX', teamId: 'waste-services', handedOffAt: NOW, createdAt: RECEIVED });
    expect(handoff?.sla.dueAt).toBe(outcome.dueAt);
    expect(HandoffMessageSchema.safeParse(handoff).success).toBe(true);
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
    expect(store.cases.get('K7MD-Q9PX')?.repeatContacts).toBe(0);
    expect([...store.outbox.keys()]).toEqual(['K7MD-Q9PX#1']);
    expect([...store.contacts.keys()]).toEqual(['web#idem-1']);
    expect(store.contacts.get('web#idem-1')?.contact.id).toBe('contact-1');
  });

  it('treats the same provider id on another channel as a new contact', async () => {
    // Prepare
    const store = new InMemoryContactStore();
    const references = scriptedReferences('K7MD-Q9PX', 'K7MD-Q9PY');
    const first = await acceptContact(webContact(), deps(store, references.next));

    // Act: a text from another resident whose provider id happens to match
    const outcome = await acceptContact(webContact({ id: 'contact-2', channel: 'sms', resident: SAM }), deps(store, references.next));

    // Assess
    expect(outcome.reference).toBe('K7MD-Q9PY');
    expect([...store.cases.keys()]).toEqual(['K7MD-Q9PX', 'K7MD-Q9PY']);
    expect([...store.contacts.keys()]).toEqual(['web#idem-1', 'sms#idem-1']);
    expect(await store.findOutcome('web', 'idem-1')).toEqual(first);
    expect(await store.findOutcome('sms', 'idem-1')).toEqual(outcome);
  });

  it('tries the next reference when the first is already some other case', async () => {
    // Prepare: someone else's case already has the first reference
    const store = new InMemoryContactStore();
    await acceptContact(webContact({ id: 'earlier', providerId: 'earlier', resident: SAM }), deps(store, scriptedReferences('K7MD-Q9PX').next));
    const earlierCase = structuredClone(store.cases.get('K7MD-Q9PX'));
    const references = scriptedReferences('K7MD-Q9PX', 'HJKM-NPQR');

    // Act
    const outcome = await acceptContact(webContact(), deps(store, references.next));

    // Assess
    expect(outcome.reference).toBe('HJKM-NPQR');
    expect(outcome.message).toContain('HJKM-NPQR');
    expect(outcome.message).not.toContain('K7MD-Q9PX');
    expect(references.calls()).toBe(2);
    expect(store.cases.get('K7MD-Q9PX')).toEqual(earlierCase);
    expect(store.cases.get('HJKM-NPQR')?.contactId).toBe('contact-1');
    expect(store.outbox.get('HJKM-NPQR#1')?.caseReference).toBe('HJKM-NPQR');
    expect(await store.findOutcome('web', 'idem-1')).toEqual(outcome);
  });

  it('gives up after five references that are all taken, having written nothing', async () => {
    // Prepare
    const store = new InMemoryContactStore();
    await acceptContact(webContact({ id: 'earlier', providerId: 'earlier', resident: SAM }), deps(store, scriptedReferences('K7MD-Q9PX').next));
    const references = scriptedReferences(...Array<string>(6).fill('K7MD-Q9PX'));

    // Act
    const accepting = acceptContact(webContact(), deps(store, references.next));

    // Assess
    await expect(accepting).rejects.toThrow('could not record the contact after 5 attempts');
    expect(references.calls()).toBe(5);
    expect(await store.findOutcome('web', 'idem-1')).toBeUndefined();
    expect([...store.contacts.keys()]).toEqual(['web#earlier']);
    expect([...store.cases.keys()]).toEqual(['K7MD-Q9PX']);
    expect([...store.outbox.keys()]).toEqual(['K7MD-Q9PX#1']);
  });

  it('answers with the winning outcome when the same submission raced in and was recorded first', async () => {
    // Prepare: the rival is the same submission handled by another invocation, with its own reference
    const rivalContact = webContact({ id: 'contact-rival' });
    const rivalPlan = planContact(rivalContact, route(rivalContact, catalogue), {
      catalogue,
      now: new Date(NOW),
      newReference: 'W4TR-9KXM',
      openCases: [],
    });
    if (rivalPlan.write !== 'case') throw new Error('test setup: the rival should open a case');
    const store = new RacedContactStore({ contact: rivalContact, plan: rivalPlan });
    const references = scriptedReferences('K7MD-Q9PX', 'K7MD-Q9PY');

    // Act
    const outcome = await acceptContact(webContact(), deps(store, references.next));

    // Assess
    expect(outcome).toEqual(rivalPlan.outcome);
    expect(outcome.reference).toBe('W4TR-9KXM');
    expect(references.calls()).toBe(1);
    expect(store.attempts).toHaveLength(1);
    expect([...store.cases.keys()]).toEqual(['W4TR-9KXM']);
    expect(store.contacts.get('web#idem-1')?.contact.id).toBe('contact-rival');
  });

  it('fails with DuplicateRaceError when the store says duplicate but the winning outcome cannot be read', async () => {
    // Prepare
    class UnreadableOutcomeStore extends InMemoryContactStore {
      override async findOutcome(): Promise<ContactOutcome | undefined> {
        return undefined;
      }
    }
    const store = new UnreadableOutcomeStore();
    store.contacts.set('web#idem-1', { contact: webContact({ id: 'contact-rival' }), outcome: {} as ContactOutcome });

    // Act
    const accepting = acceptContact(webContact(), deps(store, scriptedReferences('K7MD-Q9PX').next));

    // Assess
    await expect(accepting).rejects.toBeInstanceOf(DuplicateRaceError);
    await expect(accepting).rejects.toThrow('contact web/idem-1 was recorded but its outcome cannot be read');
    expect(store.cases.size).toBe(0);
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
    expect(store.reads).toHaveLength(0);
    expect(store.contacts.size).toBe(0);
  });
});

describe('acceptContact: repeat contacts', () => {
  it("links a call about the same problem to the resident's open case, with no new case or hand-off", async () => {
    // Prepare: Sam texted about the missed bin, then rings about it
    const store = new InMemoryContactStore();
    const first = await acceptContact(
      webContact({ channel: 'sms', providerId: 'SM1', resident: SAM, text: 'our bin was not emptied' }),
      deps(store, scriptedReferences('K7MD-Q9PX').next),
    );
    const call = webContact({ id: 'contact-2', channel: 'phone', providerId: 'CA1', resident: SAM, text: 'still waiting for our missed bin' });

    // Act
    const outcome = await acceptContact(call, deps(store, scriptedReferences('HJKM-NPQR').next));

    // Assess
    expect(outcome).toMatchObject({
      contactId: 'contact-2',
      decision: 'handoff',
      reference: 'K7MD-Q9PX',
      repeatOf: 'K7MD-Q9PX',
      dueAt: first.dueAt,
      commitment: 'by five p m on Monday the thirtieth of November',
    });
    expect(outcome.message).toContain(spokenReference('K7MD-Q9PX'));
    expect(store.attempts[1]?.plan).toMatchObject({ write: 'repeat', reference: 'K7MD-Q9PX' });
    expect(store.attempts[1]?.handoff).toBeUndefined();
    expect(store.reads).toContain('open cases of PHONE#+447700900123');
    expect([...store.cases.keys()]).toEqual(['K7MD-Q9PX']);
    expect(store.cases.get('K7MD-Q9PX')?.repeatContacts).toBe(1);
    expect([...store.outbox.keys()]).toEqual(['K7MD-Q9PX#1']);
    expect(await store.findOutcome('phone', 'CA1')).toEqual(outcome);
  });

  it('opens a new case when the earlier case for the same service is resolved', async () => {
    // Prepare
    const store = new InMemoryContactStore();
    await acceptContact(webContact({ providerId: 'earlier' }), deps(store, scriptedReferences('K7MD-Q9PX').next));
    store.cases.set('K7MD-Q9PX', { ...store.cases.get('K7MD-Q9PX')!, status: 'resolved' });

    // Act
    const outcome = await acceptContact(webContact({ id: 'contact-2' }), deps(store, scriptedReferences('HJKM-NPQR').next));

    // Assess
    expect(outcome.reference).toBe('HJKM-NPQR');
    expect(outcome.repeatOf).toBeUndefined();
    expect(store.cases.get('K7MD-Q9PX')?.repeatContacts).toBe(0);
    expect(store.cases.get('HJKM-NPQR')?.status).toBe('open');
    expect([...store.outbox.keys()]).toEqual(['K7MD-Q9PX#1', 'HJKM-NPQR#1']);
  });
});

describe('acceptContact: resolved at first contact', () => {
  it.each([
    ['a chosen answer service', webContact({ channel: 'sms', resident: SAM, serviceId: 'council-opening-hours', text: 'opening hours' })],
    ['a question in words', contactInWords('what are your opening hours', { channel: 'sms', resident: SAM })],
  ])('answers %s, writing only the contact', async (_, contact) => {
    // Prepare
    const store = new InMemoryContactStore();

    // Act
    const outcome = await acceptContact(contact, deps(store, scriptedReferences('K7MD-Q9PX').next));

    // Assess
    expect(outcome).toMatchObject({ decision: 'resolve', firstContactResolved: true, service: { id: 'council-opening-hours' } });
    expect(outcome.reference).toBeUndefined();
    expect(outcome.message).toContain("We're open now until 12:30pm today.");
    expect(store.attempts.map((a) => a.plan.write)).toEqual(['contact']);
    expect(store.attempts[0]?.handoff).toBeUndefined();
    expect(store.reads).toHaveLength(0);
    expect(store.cases.size).toBe(0);
    expect(store.outbox.size).toBe(0);
    expect(await store.findOutcome('sms', 'idem-1')).toEqual(outcome);
  });
});

describe('acceptContact: "where is my case"', () => {
  async function storeWithJosCase() {
    const store = new InMemoryContactStore();
    const created = await acceptContact(webContact({ providerId: 'created' }), deps(store, scriptedReferences('K7MD-Q9PX').next));
    store.reads.length = 0;
    return { store, created };
  }

  it('tells the owner where their case is and links the chase to it as a repeat contact', async () => {
    // Prepare
    const { store, created } = await storeWithJosCase();
    const asking = contactInWords('Where is my case k7md q9px?', { id: 'contact-2', providerId: 'asked' });

    // Act
    const outcome = await acceptContact(asking, deps(store, scriptedReferences('HJKM-NPQR').next));

    // Assess
    expect(outcome).toMatchObject({
      decision: 'resolve',
      firstContactResolved: true,
      reference: 'K7MD-Q9PX',
      repeatOf: 'K7MD-Q9PX',
      service: { id: 'missed-bin' },
      dueAt: created.dueAt,
      commitment: 'by 5pm on Monday 30 November',
    });
    expect(outcome.message).toContain('K7MD-Q9PX');
    expect(outcome.message).toContain('with the team');
    expect(outcome.message).toContain('by 5pm on Monday 30 November');
    expect(store.reads).toEqual(['case K7MD-Q9PX']);
    expect(store.cases.get('K7MD-Q9PX')?.repeatContacts).toBe(1);
    expect([...store.cases.keys()]).toEqual(['K7MD-Q9PX']);
    expect([...store.outbox.keys()]).toEqual(['K7MD-Q9PX#1']);
  });

  it('gives someone else the not-yours message, without the status, and counts no repeat', async () => {
    // Prepare
    const { store, created } = await storeWithJosCase();
    const asking = contactInWords('Where is my case K7MD-Q9PX?', { id: 'contact-2', providerId: 'asked', resident: SAM });

    // Act
    const outcome = await acceptContact(asking, deps(store, scriptedReferences('HJKM-NPQR').next));

    // Assess
    expect(outcome.firstContactResolved).toBe(true);
    expect(outcome.repeatOf).toBeUndefined();
    expect(outcome.message).toContain('only share details of report K7MD-Q9PX with the person who reported it');
    expect(outcome.message).not.toContain(created.commitment!);
    expect(store.attempts.at(-1)?.plan.write).toBe('contact');
    expect(store.cases.get('K7MD-Q9PX')?.repeatContacts).toBe(0);
  });

  it('asks for the reference when none is given, reading no case and writing only the contact', async () => {
    // Prepare
    const { store } = await storeWithJosCase();
    const asking = contactInWords('Where is my case?', { id: 'contact-2', providerId: 'asked' });

    // Act
    const outcome = await acceptContact(asking, deps(store, scriptedReferences('HJKM-NPQR').next));

    // Assess
    expect(outcome).toMatchObject({ decision: 'ask', firstContactResolved: false, service: { id: 'case-status' } });
    expect(outcome.reference).toBeUndefined();
    expect(outcome.message).toContain('your reference');
    expect(store.reads).toEqual([]);
    expect(store.attempts.at(-1)?.plan.write).toBe('contact');
    expect(store.cases.get('K7MD-Q9PX')?.repeatContacts).toBe(0);
  });

  it('says when no case has the quoted reference, writing only the contact', async () => {
    // Prepare
    const store = new InMemoryContactStore();
    const asking = contactInWords('Where is my case K7MD-Q9PX?');

    // Act
    const outcome = await acceptContact(asking, deps(store, scriptedReferences('HJKM-NPQR').next));

    // Assess
    expect(outcome).toMatchObject({ decision: 'ask', firstContactResolved: false });
    expect(outcome.reference).toBeUndefined();
    expect(outcome.message).toContain('cannot find a report with the reference K7MD-Q9PX');
    expect(store.reads).toEqual(['case K7MD-Q9PX']);
    expect(store.attempts.map((a) => a.plan.write)).toEqual(['contact']);
    expect(store.cases.size).toBe(0);
  });
});

describe('acceptContact: one routing pass', () => {
  it("records, answers and hands off the channel's decision as it is, without routing again", async () => {
    // Prepare: a decision a channel made earlier, from words that alone would route elsewhere.
    const store = new InMemoryContactStore();
    const contact = contactInWords('there is a big pothole on the high street');
    const made = { ...route(contact, catalogue), serviceId: 'missed-bin', teamId: missedBin.teamId, explanation: ['Decided once, by the channel.'] };

    // Act
    const outcome = await acceptContact(contact, deps(store, scriptedReferences('K7MD-Q9PX').next), made);

    // Assess
    expect(outcome).toMatchObject({ decision: 'handoff', service: { id: 'missed-bin' }, teamId: missedBin.teamId, reference: 'K7MD-Q9PX' });
    expect(store.cases.get('K7MD-Q9PX')?.routing.explanation).toContain('Decided once, by the channel.');
    expect([...store.outbox.values()].map((m) => m.teamId)).toEqual([missedBin.teamId]);
  });

  it('routes the contact itself when the channel made no decision', async () => {
    const store = new InMemoryContactStore();
    const outcome = await acceptContact(contactInWords('there is a big pothole on the high street'), deps(store, scriptedReferences('K7MD-Q9PX').next));
    expect(outcome).toMatchObject({ decision: 'handoff', service: { id: 'pothole' } });
  });
});

describe('route: a contact an adviser took', () => {
  const adviserContact = (overrides: Partial<Contact>): Contact => ({
    ...contactInWords('Resident reports a dumped sofa in the alley behind Mill Lane'),
    channel: 'face_to_face',
    takenBy: { adviserId: 'dev-adviser' },
    ...overrides,
  });

  it('carries the suggestion the words make and takes it as the adviser’s when they choose nothing', () => {
    const decision = route(adviserContact({}), catalogue);
    expect(decision.suggestion).toMatchObject({ kind: 'handoff', serviceId: 'fly-tipping' });
    expect(decision).toMatchObject({ kind: 'handoff', serviceId: 'fly-tipping', confidence: 1 });
    expect(decision.explanation[0]).toBe("Adviser dev-adviser chose the service 'Report fly-tipping', as routing suggested.");
  });

  it("lets the adviser's choice and reason stand over the suggestion, keeping the suggestion beside it", () => {
    const decision = route(adviserContact({ serviceId: 'missed-bin', takenBy: { adviserId: 'dev-adviser', overrideReason: 'It is their own bin' } }), catalogue);
    expect(decision).toMatchObject({ kind: 'handoff', serviceId: 'missed-bin' });
    expect(decision.suggestion?.serviceId).toBe('fly-tipping');
    expect(decision.explanation).toContain("The adviser's reason for choosing it over the suggestion: It is their own bin");
    expect(decision.explanation).toContain("Routing suggested 'Report fly-tipping' (handoff).");
  });

  it('keeps an emergency an emergency when the adviser chose nothing', () => {
    const decision = route(adviserContact({ text: 'I can smell gas in the flat upstairs' }), catalogue);
    expect(decision.kind).toBe('emergency');
    expect(decision.suggestion?.kind).toBe('emergency');
  });
});
