// Finding residents and their timeline, and the feed of the latest contacts, against fake stores
// and a fake clock: what a search is read as, how name matches are judged and ordered, what a
// timeline entry shows, and which days the feed reads.
import { describe, expect, it } from 'vitest';
import { catalogue } from '#catalogue/index';
import { contactFeed, type FeedStore } from '#app/feed';
import {
  findResidents,
  readResidentQuery,
  ResidentNotFoundError,
  ResidentQueryError,
  residentTimeline,
  summarise,
  type NameMatch,
  type ResidentMention,
  type ResidentRecord,
  type ResidentStore,
} from '#app/residents';
import { openCase, type Case } from '#domain/case';
import type { Contact } from '#domain/contact';
import type { ContactOutcome } from '#domain/outcome';

const NOW = new Date('2026-11-26T12:00:00.000Z');
const clock = { now: () => NOW };

function contact(at: string, resident: Contact['resident'], extra: Partial<Contact> = {}): Contact {
  return { id: `c-${at}`, channel: 'sms', providerId: at, receivedAt: at, text: 'Our bin was missed', resident, ...extra };
}

function outcome(extra: Partial<ContactOutcome> = {}): ContactOutcome {
  return {
    contactId: 'c',
    decision: 'handoff',
    firstContactResolved: false,
    service: { id: 'missed-bin', name: 'Report a missed bin collection' },
    teamId: 'waste-services',
    message: 'Thank you.',
    ...extra,
  };
}

function kase(at: string, resident: Contact['resident']): Case {
  return openCase(
    'K7MD-Q9PX',
    contact(at, resident, { serviceId: 'missed-bin' }),
    { kind: 'handoff', serviceId: 'missed-bin', teamId: 'waste-services', confidence: 1, explanation: [], modelVersion: 'test' },
    catalogue,
  );
}

/** A store holding these records per customerKey (newest first) and these name and email look-ups. */
function fakeStore(records: Record<string, ResidentRecord[]>, names: Record<string, NameMatch[]> = {}, emails: Record<string, string[]> = {}) {
  const asked: string[] = [];
  const store: ResidentStore = {
    async recordsOf(key, limit) {
      return (records[key] ?? []).slice(0, limit);
    },
    async mentionsOf(key): Promise<ResidentMention[]> {
      return (records[key] ?? []).map((r) =>
        r.kind === 'case' ? { kind: 'case', at: r.case.createdAt, resident: r.case.resident } : { kind: 'contact', at: r.contact.receivedAt, resident: r.contact.resident },
      );
    },
    async residentsNamed(word) {
      asked.push(word);
      return names[word] ?? [];
    },
    async residentsWithEmail(email) {
      return emails[email] ?? [];
    },
  };
  return { store, asked };
}

const noCases = { getCase: async () => undefined };

describe('readResidentQuery', () => {
  it.each([
    ['07700 900123', { kind: 'phone', phone: '+447700900123' }],
    ['+44 7700 900123', { kind: 'phone', phone: '+447700900123' }],
    ['447700900123', { kind: 'phone', phone: '+447700900123' }],
    ['  Grace@Example.ORG ', { kind: 'email', email: 'grace@example.org' }],
    ['k7md q9px', { kind: 'reference', reference: 'K7MD-Q9PX' }],
    ['3467-9346', { kind: 'reference', reference: '3467-9346' }],
    ["Siobhán O'Brien", { kind: 'name', words: ['siobhan', 'obrien'] }],
    // Eight letters of the reference alphabet, but no digit: a name, as no issued reference lacks one.
    ['Katheryn', { kind: 'name', words: ['katheryn'] }],
  ])('reads %j', (q, expected) => {
    expect(readResidentQuery(q)).toEqual(expected);
  });

  it.each([
    ['', 'search for a phone number, an email address, a case reference or a name'],
    ['07700 12', "'07700 12' is not a phone number"],
    ['grace@', "'grace@' is not an email address"],
    ['J', 'give at least 2 letters of a name (or a phone number, an email address or a case reference)'],
    ['x'.repeat(201), 'a search is at most 200 characters'],
  ])('refuses %j in words', (q, message) => {
    expect(() => readResidentQuery(q)).toThrow(new ResidentQueryError(message));
  });
});

describe('findResidents', () => {
  const phoneKey = 'PHONE#+447700900123';
  const records: Record<string, ResidentRecord[]> = {
    [phoneKey]: [
      { kind: 'contact', contact: contact('2026-11-25T10:00:00.000Z', { phone: '+447700900123' }), outcome: outcome() },
      { kind: 'case', case: kase('2026-11-20T09:00:00.000Z', { name: 'Grace Hopper', phone: '+447700900123', email: 'grace@example.org' }) },
      { kind: 'contact', contact: contact('2026-11-20T09:00:00.000Z', { name: 'Grace Hopper', phone: '+447700900123', email: 'grace@example.org' }), outcome: outcome() },
    ],
    'EMAIL#ada@example.org': [{ kind: 'contact', contact: contact('2026-11-24T10:00:00.000Z', { name: 'Ada Hopper', email: 'ada@example.org' }), outcome: outcome() }],
  };
  const names: Record<string, NameMatch[]> = {
    hopper: [
      { customerKey: phoneKey, name: 'Grace Hopper', seenAt: '2026-11-20T09:00:00.000Z' },
      { customerKey: 'EMAIL#ada@example.org', name: 'Ada Hopper', seenAt: '2026-11-24T10:00:00.000Z' },
    ],
    grace: [{ customerKey: phoneKey, name: 'Grace Hopper', seenAt: '2026-11-20T09:00:00.000Z' }],
  };
  const grace = { key: phoneKey, name: 'Grace Hopper', phone: '+447700900123', email: 'grace@example.org', lastContactAt: '2026-11-25T10:00:00.000Z', contacts: 2 };

  it('sums up a resident found by phone: their newest name and address, their last contact, how many contacts', async () => {
    const { store } = fakeStore(records, names);
    expect(await findResidents('07700 900123', { residents: store, cases: noCases })).toEqual({ query: '07700 900123', kind: 'phone', residents: [grace] });
    expect((await findResidents('07700 900999', { residents: store, cases: noCases })).residents).toEqual([]);
  });

  it('finds residents with every word given in their name, most recent contact first, each once', async () => {
    const { store, asked } = fakeStore(records, names);
    const both = await findResidents('hopper', { residents: store, cases: noCases });
    expect(both.residents.map((r) => r.key)).toEqual([phoneKey, 'EMAIL#ada@example.org']);
    const one = await findResidents('HOPPER grace', { residents: store, cases: noCases });
    expect(one.residents).toEqual([grace]);
    expect(asked.slice(-2).sort()).toEqual(['grace', 'hopper']);
    expect((await findResidents('grace lovelace', { residents: store, cases: noCases })).residents).toEqual([]);
  });

  it('finds by email a resident known by that address, and one known by phone who gave it', async () => {
    const { store } = fakeStore(records, names, { 'grace@example.org': [phoneKey] });
    expect((await findResidents('GRACE@example.org', { residents: store, cases: noCases })).residents).toEqual([grace]);
    expect((await findResidents('ada@example.org', { residents: store, cases: noCases })).residents.map((r) => r.key)).toEqual(['EMAIL#ada@example.org']);
  });

  it("finds a case's resident by its reference, and answers an anonymous case with the case alone", async () => {
    const { store } = fakeStore(records, names);
    const known = kase('2026-11-20T09:00:00.000Z', { phone: '+447700900123' });
    const anonymous = kase('2026-11-20T09:00:00.000Z', {});
    expect(await findResidents('k7mdq9px', { residents: store, cases: { getCase: async () => known } })).toEqual({
      query: 'k7mdq9px',
      kind: 'reference',
      residents: [grace],
      case: { reference: 'K7MD-Q9PX' },
    });
    expect(await findResidents('K7MD-Q9PX', { residents: store, cases: { getCase: async () => anonymous } })).toEqual({
      query: 'K7MD-Q9PX',
      kind: 'reference',
      residents: [],
      case: { reference: 'K7MD-Q9PX' },
    });
    expect(await findResidents('K7MD-Q9PX', { residents: store, cases: noCases })).toEqual({ query: 'K7MD-Q9PX', kind: 'reference', residents: [] });
  });
});

describe('residentTimeline', () => {
  it("shows each contact's words (cut short), decision and adviser, and each case's clock, newest first", async () => {
    const long = `${'The bin lorry drove past again. '.repeat(10)}`;
    const { store } = fakeStore({
      'PHONE#+447700900123': [
        {
          kind: 'contact',
          contact: contact('2026-11-26T10:00:00.000Z', { name: 'Grace', phone: '+447700900123' }, { channel: 'face_to_face', text: long, takenBy: { adviserId: 'amara.okafor' } }),
          outcome: outcome({ reference: 'K7MD-Q9PX', repeatOf: 'K7MD-Q9PX' }),
        },
        { kind: 'case', case: kase('2026-11-20T09:00:00.000Z', { phone: '+447700900123', address: '4 Mill Lane' }) },
      ],
    });
    const timeline = await residentTimeline('PHONE#+447700900123', { residents: store, catalogue, clock });
    expect(timeline.resident).toEqual({ key: 'PHONE#+447700900123', name: 'Grace', phone: '+447700900123', address: '4 Mill Lane' });
    const [chase, opened] = timeline.entries;
    expect(chase).toMatchObject({ kind: 'contact', channel: 'face_to_face', reference: 'K7MD-Q9PX', repeatOf: 'K7MD-Q9PX', takenBy: 'amara.okafor', firstContactResolved: false });
    expect(chase?.kind === 'contact' && chase.summary.length).toBeLessThanOrEqual(200);
    expect(chase?.kind === 'contact' && chase.summary).toMatch(/^The bin lorry drove past again\. .*[a-z.]…$/);
    // Opened Friday 20 November, 2 working days: due Tuesday 24th, so breached by Thursday 26th.
    expect(opened).toMatchObject({ kind: 'case', reference: 'K7MD-Q9PX', status: 'open', slaState: 'breached', priority: 'normal', repeatContacts: 0 });
  });

  it('refuses what is not a key, and says when nobody has it', async () => {
    const { store } = fakeStore({});
    await expect(residentTimeline('grace', { residents: store, catalogue, clock })).rejects.toBeInstanceOf(ResidentQueryError);
    await expect(residentTimeline('PHONE#+447700900123', { residents: store, catalogue, clock })).rejects.toBeInstanceOf(ResidentNotFoundError);
  });
});

describe('summarise', () => {
  it('keeps short words as they are, with spaces and line breaks made one', () => {
    expect(summarise('  Bin\n missed   again ', 120)).toBe('Bin missed again');
  });

  it('cuts long words at a word near the end, with an ellipsis, within the limit', () => {
    const cut = summarise('one two three four five six seven eight nine ten', 20);
    expect(cut).toBe('one two three four…');
    expect(summarise('x'.repeat(50), 20)).toBe(`${'x'.repeat(19)}…`);
  });
});

describe('contactFeed', () => {
  function feedOf(days: Record<string, Array<{ contact: Contact; outcome: ContactOutcome }>>) {
    const read: Array<[string, number]> = [];
    const feed: FeedStore = {
      async contactsOn(day, limit) {
        read.push([day, limit]);
        return (days[day] ?? []).slice(0, limit);
      },
    };
    return { feed, read };
  }
  const entry = (at: string) => ({ contact: contact(at, {}, { channel: 'web', text: 'x'.repeat(200) }), outcome: outcome({ reference: 'K7MD-Q9PX' }) });

  it("reads today (Europe/London) and only then yesterday for the rest, newest first", async () => {
    const { feed, read } = feedOf({
      '2026-11-26': [entry('2026-11-26T11:00:00.000Z'), entry('2026-11-26T09:00:00.000Z')],
      '2026-11-25': [entry('2026-11-25T16:00:00.000Z'), entry('2026-11-25T15:00:00.000Z')],
    });
    const answer = await contactFeed(3, { feed, clock });
    expect(read).toEqual([
      ['2026-11-26', 3],
      ['2026-11-25', 1],
    ]);
    expect(answer.asOf).toBe(NOW.toISOString());
    expect(answer.entries.map((e) => e.at)).toEqual(['2026-11-26T11:00:00.000Z', '2026-11-26T09:00:00.000Z', '2026-11-25T16:00:00.000Z']);
    expect(answer.entries[0]).toEqual({
      at: '2026-11-26T11:00:00.000Z',
      channel: 'web',
      providerId: '2026-11-26T11:00:00.000Z',
      decision: 'handoff',
      service: { id: 'missed-bin', name: 'Report a missed bin collection' },
      reference: 'K7MD-Q9PX',
      firstContactResolved: false,
      summary: `${'x'.repeat(119)}…`,
      countedAsRepeat: false,
    });
  });

  it('reads one day when today has enough, and takes the London date in summer time', async () => {
    const { feed, read } = feedOf({ '2026-07-02': [entry('2026-07-01T23:30:00.000Z')] });
    // 00:30 on 2 July in London is 23:30 on 1 July in UTC.
    await contactFeed(1, { feed, clock: { now: () => new Date('2026-07-01T23:30:00.000Z') } });
    expect(read).toEqual([['2026-07-02', 1]]);
  });
});
