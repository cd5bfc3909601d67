// Failure demand: what a contact adds to the counters as it arrives and as an adviser marks it,
// changes the kind or clears the mark (the difference after minus before, once per stream
// record); the examples written beside the counters, exactly once; an adviser's mark as the
// application decides it; and the demand report read back from the counters.
import { describe, expect, it } from 'vitest';
import { inStreamOrder } from '#adapters/stream';
import { demandRange, EXAMPLES_PER_SERVICE, readDemand, type ExampleStore } from '#app/demand';
import { ContactNotFoundError, FailureDemandRequestSchema, markFailureDemand, type FailureDemandStore, type MarkedContact } from '#app/failure-demand';
import { countChange, MeasuresQueryError, type MeasuresStore } from '#app/measures';
import { fixedClock } from '#domain/clock';
import type { Contact } from '#domain/contact';
import { demandReport, rankServices } from '#domain/demand';
import { countedFailureKind, nextMark, type FailureDemandMark } from '#domain/failure-demand';
import {
  counterUpdates,
  exampleChanges,
  summarise,
  type CounterItem,
  type CounterUpdate,
  type ExampleChange,
  type FailureExample,
  type RecordChange,
} from '#domain/measures';
import type { ContactOutcome } from '#domain/outcome';
import { streamRecord } from '../support/stream-records.ts';

// ---- Fixtures: a contact item as the store writes it --------------------------------------------

const RECEIVED = '2026-11-26T10:00:00.000Z';

function contactItem(over: { id?: string; repeatOf?: string; mark?: FailureDemandMark; service?: string; text?: string } = {}) {
  const id = over.id ?? 'c1';
  return {
    pk: `CONTACT#phone#${id}`,
    sk: 'CONTACT',
    entity: 'contact',
    contact: {
      id,
      channel: 'phone',
      providerId: id,
      receivedAt: RECEIVED,
      text: over.text ?? 'This is Margaret Lloyd again about my bin at 12 Acacia Avenue, call 07700 900736',
      resident: { name: 'Margaret Lloyd', phone: '+447700900736', address: '12 Acacia Avenue, Hightown' },
    },
    outcome: {
      contactId: id,
      decision: 'handoff',
      firstContactResolved: false,
      service: { id: over.service ?? 'missed-bin', name: 'Report a missed bin collection' },
      teamId: 'waste-services',
      message: 'm',
      ...(over.repeatOf ? { repeatOf: over.repeatOf, reference: over.repeatOf } : {}),
    },
    ...(over.mark ? { failureDemand: over.mark } : {}),
  };
}

const mark = (kind: FailureDemandMark['kind'], by = 'amara.okafor', at = '2026-11-26T10:05:00.000Z'): FailureDemandMark => ({ kind, by, at });

/** The counters one change adds to the contact's service item (the day's all, channel and team items get the same). */
function serviceCounts(change: RecordChange): Record<string, number> | undefined {
  const updates = counterUpdates(change);
  const dimensions = new Set(updates.map((u) => `${u.dimension}#${u.value}`));
  expect(dimensions).toEqual(new Set(['all#all', 'channel#phone', 'service#missed-bin', 'team#waste-services']));
  const adds = updates.map((u) => JSON.stringify(u.add));
  expect(new Set(adds).size, 'the same on every item').toBe(1);
  return updates.find((u) => u.dimension === 'service')?.add;
}

describe('what a contact adds to failure demand', () => {
  it('counts a contact nobody marked and the platform did not link as value demand: no failure counter', () => {
    const updates = counterUpdates({ after: contactItem() });
    expect(updates.every((u) => !('failureDemand' in u.add))).toBe(true);
    expect(summarise(updates[0]!.add)).toMatchObject({ contacts: 1, failureDemand: 0, valueDemand: 1, failureDemandShare: 0 });
  });

  it("counts a platform repeat as failure demand of the kind 'repeat', as it arrives", () => {
    expect(serviceCounts({ after: contactItem({ repeatOf: 'K7MD-Q9PX' }) })).toEqual({
      contacts: 1,
      decisionHandoff: 1,
      repeatContacts: 1,
      failureDemand: 1,
      failureRepeat: 1,
    });
  });

  it('counts a contact an adviser marked as they recorded it, of its kind', () => {
    expect(serviceCounts({ after: contactItem({ mark: mark('complaining') }) })).toEqual({
      contacts: 1,
      decisionHandoff: 1,
      failureDemand: 1,
      failureComplaining: 1,
    });
  });

  it('counts a mark made later as the difference: one more failure demand of its kind, nothing else', () => {
    expect(serviceCounts({ before: contactItem(), after: contactItem({ mark: mark('chasing') }) })).toEqual({ failureDemand: 1, failureChasing: 1 });
  });

  it('moves a contact from one kind to the other when the kind changes, failure demand staying 1', () => {
    const change = { before: contactItem({ mark: mark('chasing') }), after: contactItem({ mark: mark('correcting', 'david.hughes') }) };
    expect(serviceCounts(change)).toEqual({ failureChasing: -1, failureCorrecting: 1 });
  });

  it('takes failure demand away when a mark made in error is cleared', () => {
    expect(serviceCounts({ before: contactItem({ mark: mark('repeating') }), after: contactItem() })).toEqual({ failureDemand: -1, failureRepeating: -1 });
  });

  it("never counts a platform repeat twice: a mark refines its kind, and clearing the mark gives it back to 'repeat'", () => {
    const repeat = contactItem({ repeatOf: 'K7MD-Q9PX' });
    const marked = contactItem({ repeatOf: 'K7MD-Q9PX', mark: mark('chasing') });
    expect(serviceCounts({ before: repeat, after: marked })).toEqual({ failureRepeat: -1, failureChasing: 1 });
    expect(serviceCounts({ before: marked, after: repeat })).toEqual({ failureChasing: -1, failureRepeat: 1 });
    // As it arrives already marked: one failure demand, of the adviser's kind only.
    expect(serviceCounts({ after: marked })).toMatchObject({ repeatContacts: 1, failureDemand: 1, failureChasing: 1 });
    expect(serviceCounts({ after: marked })).not.toHaveProperty('failureRepeat');
  });

  it('counts nothing for a change that leaves the mark as it was, nor for a contact that goes', () => {
    const marked = contactItem({ mark: mark('chasing') });
    expect(counterUpdates({ before: marked, after: { ...marked, note: 'something else changed' } })).toEqual([]);
    expect(counterUpdates({ before: marked })).toEqual([]);
  });

  it('decides the one kind a contact counts as: the adviser’s, else the platform’s repeat, else none', () => {
    expect(countedFailureKind({})).toBeUndefined();
    expect(countedFailureKind({ repeatOf: 'K7MD-Q9PX' })).toBe('repeat');
    expect(countedFailureKind({ repeatOf: 'K7MD-Q9PX', mark: { kind: 'correcting' } })).toBe('correcting');
    expect(countedFailureKind({ mark: { kind: 'chasing' } })).toBe('chasing');
  });
});

describe('the examples written beside the counters', () => {
  it('puts an example in the resident’s words with their personal data left out, keyed by service, time and contact', () => {
    // Act
    const changes = exampleChanges({ after: contactItem({ repeatOf: 'K7MD-Q9PX' }) });

    // Assess
    expect(changes).toEqual([
      {
        put: {
          serviceId: 'missed-bin',
          at: RECEIVED,
          day: '2026-11-26',
          contactId: 'c1',
          channel: 'phone',
          kind: 'repeat',
          words: 'This is [name] again about my bin at [address], call [phone]',
        },
      },
    ]);
  });

  it('cuts the words to 200 characters, after leaving the personal data out', () => {
    const long = `${'Still no collection after three weeks of asking. '.repeat(10)}Ring me on 07700 900736`;
    const [change] = exampleChanges({ after: contactItem({ mark: mark('chasing'), text: long }) });
    const words = (change as { put: FailureExample }).put.words;
    expect(words.length).toBeLessThanOrEqual(200);
    expect(words).toMatch(/…$/);
    expect(words).not.toMatch(/07700|900736/);
  });

  it('plans one write per change: the mark puts it, a new kind puts it again, a cleared mark removes it', () => {
    const plain = contactItem();
    const chasing = contactItem({ mark: mark('chasing') });
    const correcting = contactItem({ mark: mark('correcting') });
    const key = { serviceId: 'missed-bin', at: RECEIVED, contactId: 'c1' };

    expect(exampleChanges({ after: plain })).toEqual([]);
    expect(exampleChanges({ before: plain, after: chasing })).toEqual([{ put: expect.objectContaining({ ...key, kind: 'chasing' }) }]);
    expect(exampleChanges({ before: chasing, after: correcting })).toEqual([{ put: expect.objectContaining({ ...key, kind: 'correcting' }) }]);
    expect(exampleChanges({ before: correcting, after: plain })).toEqual([{ remove: key }]);
    // The same mark by someone else at another time: the example is the same, nothing to write.
    expect(exampleChanges({ before: chasing, after: contactItem({ mark: mark('chasing', 'david.hughes', '2026-11-27T09:00:00.000Z') }) })).toEqual([]);
    // Cleared on a platform repeat: it stays failure demand, its example goes back to 'repeat'.
    const repeatChasing = contactItem({ repeatOf: 'K7MD-Q9PX', mark: mark('chasing') });
    expect(exampleChanges({ before: repeatChasing, after: contactItem({ repeatOf: 'K7MD-Q9PX' }) })).toEqual([
      { put: expect.objectContaining({ ...key, kind: 'repeat' }) },
    ]);
    // Nothing for a contact that goes, nor for any other entity.
    expect(exampleChanges({ before: chasing })).toEqual([]);
    expect(exampleChanges({ after: { pk: 'CASE#K7MD-Q9PX', sk: 'CASE', entity: 'case' } })).toEqual([]);
  });

  it('writes the counters and the example of a record once, however often the stream delivers it', async () => {
    // Prepare: a store that keeps what each record wrote, once per record, as the marker makes the table do.
    const counted = new Set<string>();
    const writes: Array<{ recordId: string; updates: CounterUpdate[]; examples: ExampleChange[] }> = [];
    const store: MeasuresStore = {
      async count(recordId, updates, _now, examples = []) {
        if (counted.has(recordId)) return 'already-counted';
        counted.add(recordId);
        writes.push({ recordId, updates, examples });
        return 'counted';
      },
      countersOf: async () => [],
    };
    const ports = { store, clock: fixedClock('2026-11-26T18:00:00.000Z'), teamOf: () => undefined };
    const batch = [
      streamRecord('1', 'INSERT', { new: contactItem() }),
      streamRecord('2', 'MODIFY', { old: contactItem(), new: contactItem({ mark: mark('chasing') }) }),
      streamRecord('3', 'MODIFY', { old: contactItem({ mark: mark('chasing') }), new: contactItem() }),
    ];
    const run = () => inStreamOrder(batch, (change) => countChange(change, ports), { onFailed: () => undefined, onUnreadable: () => undefined });

    // Act: the batch, then the same batch again (a retry)
    const first = await run();
    const again = await run();

    // Assess
    expect(first.handled).toEqual(['counted', 'counted', 'counted']);
    expect(again.handled).toEqual(['already-counted', 'already-counted', 'already-counted']);
    expect(writes.map((w) => [w.recordId, w.examples.map((e) => Object.keys(e)[0])])).toEqual([
      ['event-1', []],
      ['event-2', ['put']],
      ['event-3', ['remove']],
    ]);
    // Over the three records: one contact, and its failure demand back to none.
    const total: Record<string, number> = {};
    for (const w of writes) for (const [counter, n] of Object.entries(w.updates.find((u) => u.dimension === 'all')!.add)) total[counter] = (total[counter] ?? 0) + n;
    expect(total).toEqual({ contacts: 1, decisionHandoff: 1, failureDemand: 0, failureChasing: 0 });
  });
});

describe('an adviser’s mark', () => {
  it('marks, keeps the first mark when the same kind is asked for again, changes the kind, and clears', () => {
    const first = mark('chasing', 'amara.okafor', '2026-11-26T10:05:00.000Z');
    expect(nextMark(undefined, 'chasing', 'amara.okafor', '2026-11-26T10:05:00.000Z')).toEqual(first);
    expect(nextMark(first, 'chasing', 'david.hughes', '2026-11-26T11:00:00.000Z')).toBe('unchanged');
    expect(nextMark(first, 'complaining', 'david.hughes', '2026-11-26T11:00:00.000Z')).toEqual(mark('complaining', 'david.hughes', '2026-11-26T11:00:00.000Z'));
    expect(nextMark(first, null, 'david.hughes', '2026-11-26T11:00:00.000Z')).toBeUndefined();
    expect(nextMark(undefined, null, 'david.hughes', '2026-11-26T11:00:00.000Z')).toBe('unchanged');
  });

  /** One contact in memory, with a write that can lose to someone else's mark once. */
  function memoryContacts(contact: MarkedContact, { interfere }: { interfere?: FailureDemandMark } = {}) {
    const saved: Array<FailureDemandMark | undefined> = [];
    let current = contact;
    let interfered = false;
    const store: FailureDemandStore = {
      async findMarkedContact(channel, providerId) {
        return channel === current.contact.channel && providerId === current.contact.providerId ? structuredClone(current) : undefined;
      },
      async saveMark(_channel, _providerId, expected, next) {
        if (interfere && !interfered) {
          interfered = true;
          current = { ...current, failureDemand: interfere };
          return 'stale';
        }
        if (JSON.stringify(expected) !== JSON.stringify(current.failureDemand)) return 'stale';
        saved.push(next);
        const { failureDemand: _old, ...rest } = current;
        current = next ? { ...rest, failureDemand: next } : rest;
        return 'saved';
      },
    };
    return { store, saved, current: () => current };
  }

  const recorded = (over: { repeatOf?: string; mark?: FailureDemandMark } = {}): MarkedContact => {
    const item = contactItem(over);
    return { contact: item.contact as Contact, outcome: item.outcome as ContactOutcome, ...(over.mark ? { failureDemand: over.mark } : {}) };
  };
  const clock = fixedClock('2026-11-26T12:00:00.000Z');

  it('records who marked it and when, and says so in words', async () => {
    const { store, saved } = memoryContacts(recorded());

    const result = await markFailureDemand({ channel: 'phone', providerId: 'c1', kind: 'chasing' }, 'amara.okafor', { store, clock });

    expect(saved).toEqual([mark('chasing', 'amara.okafor', '2026-11-26T12:00:00.000Z')]);
    expect(result).toEqual({
      channel: 'phone',
      providerId: 'c1',
      changed: true,
      failureDemand: mark('chasing', 'amara.okafor', '2026-11-26T12:00:00.000Z'),
      countedAsRepeat: false,
      countedAs: 'chasing',
      message: 'Marked as failure demand: chasing.',
    });
  });

  it('writes nothing for the same mark again, and says who made it', async () => {
    const { store, saved } = memoryContacts(recorded({ mark: mark('chasing') }));

    const result = await markFailureDemand({ channel: 'phone', providerId: 'c1', kind: 'chasing' }, 'david.hughes', { store, clock });

    expect(saved).toEqual([]);
    expect(result).toMatchObject({ changed: false, failureDemand: mark('chasing'), message: 'It was already marked as chasing by amara.okafor: nothing changed.' });
  });

  it('tells the adviser a platform repeat still counts once, and clearing its mark leaves it a repeat', async () => {
    const { store } = memoryContacts(recorded({ repeatOf: 'K7MD-Q9PX' }));

    const marked = await markFailureDemand({ channel: 'phone', providerId: 'c1', kind: 'correcting' }, 'amara.okafor', { store, clock });
    const cleared = await markFailureDemand({ channel: 'phone', providerId: 'c1', kind: null }, 'amara.okafor', { store, clock });

    expect(marked).toMatchObject({ changed: true, countedAsRepeat: true, countedAs: 'correcting' });
    expect(marked.message).toMatch(/still counts once/);
    expect(cleared).toMatchObject({ changed: true, failureDemand: null, countedAs: 'repeat', message: 'Mark cleared: it now counts as a repeat (the platform counts it).' });
  });

  it('reads again and decides on what it says now when someone else marked it meanwhile', async () => {
    const theirs = mark('chasing', 'david.hughes', '2026-11-26T11:59:00.000Z');
    const { store, saved } = memoryContacts(recorded(), { interfere: theirs });

    const result = await markFailureDemand({ channel: 'phone', providerId: 'c1', kind: 'chasing' }, 'amara.okafor', { store, clock });

    expect(saved).toEqual([]);
    expect(result).toMatchObject({ changed: false, failureDemand: theirs });
  });

  it('refuses a contact that does not exist, and a kind it does not know, in words', async () => {
    const { store } = memoryContacts(recorded());
    await expect(markFailureDemand({ channel: 'sms', providerId: 'c1', kind: 'chasing' }, 'amara.okafor', { store, clock })).rejects.toThrow(ContactNotFoundError);
    const parsed = FailureDemandRequestSchema.safeParse({ channel: 'phone', providerId: 'c1', kind: 'grumbling' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe('must be one of chasing, repeating, correcting, complaining, or null to clear a mark made in error');
    expect(FailureDemandRequestSchema.safeParse({ channel: 'phone', providerId: 'c1', kind: null }).success).toBe(true);
  });
});

// ---- The demand report --------------------------------------------------------------------------

const day = (period: string, dimension: CounterItem['dimension'], value: string, counts: Record<string, number>): CounterItem => ({ period, dimension, value, counts });

// Two weeks: missed bins with the most failure demand, potholes a higher share, council tax none.
const items: CounterItem[] = [
  day('2026-11-23', 'all', 'all', { contacts: 10, failureDemand: 4, failureRepeat: 2, failureChasing: 2 }),
  day('2026-11-23', 'service', 'missed-bin', { contacts: 6, failureDemand: 3, failureRepeat: 1, failureChasing: 2 }),
  day('2026-11-23', 'service', 'pothole', { contacts: 2, failureDemand: 1, failureRepeat: 1 }),
  day('2026-11-23', 'service', 'pay-council-tax', { contacts: 2 }),
  day('2026-11-30', 'all', 'all', { contacts: 5, failureDemand: 3, failureComplaining: 1, failureRepeat: 2 }),
  day('2026-11-30', 'service', 'missed-bin', { contacts: 2, failureDemand: 1, failureComplaining: 1 }),
  day('2026-11-30', 'service', 'pothole', { contacts: 2, failureDemand: 2, failureRepeat: 2 }),
  day('2026-11-30', 'service', 'pay-council-tax', { contacts: 1 }),
  // Outside the range asked for.
  day('2026-12-07', 'service', 'pay-council-tax', { contacts: 9, failureDemand: 9, failureCorrecting: 9 }),
];

describe('the demand report', () => {
  const range = { from: '2026-11-23', to: '2026-12-06', interval: 'week' as const, limit: 5 };
  const example = (serviceId: string, at: string): FailureExample => ({
    serviceId,
    at,
    day: at.slice(0, 10),
    contactId: `c-${at}`,
    channel: 'sms',
    kind: 'chasing',
    words: 'Still waiting',
  });

  it('ranks the services with failure demand, most first, then by share; none without any', () => {
    expect(rankServices(items, range).map((s) => [s.serviceId, s.failureDemand, s.failureDemandShare])).toEqual([
      ['missed-bin', 4, 0.5],
      ['pothole', 3, 0.75],
    ]);
  });

  it('gives totals, each top service with its share, kinds and examples, and their value and failure demand per period', () => {
    // Act
    const report = demandReport(range, items, new Map([['missed-bin', [example('missed-bin', '2026-11-30T09:00:00.000Z')]]]), (id) => `Service ${id}`);

    // Assess
    expect(report.totals).toEqual({
      contacts: 15,
      failureDemand: 7,
      failureDemandShare: 0.4667,
      valueDemand: 8,
      failureDemandByKind: { repeat: 4, chasing: 2, repeating: 0, correcting: 0, complaining: 1 },
    });
    expect(report.servicesWithFailureDemand).toBe(2);
    expect(report.services[0]).toEqual({
      serviceId: 'missed-bin',
      name: 'Service missed-bin',
      contacts: 8,
      failureDemand: 4,
      failureDemandShare: 0.5,
      valueDemand: 4,
      failureDemandByKind: { repeat: 1, chasing: 2, repeating: 0, correcting: 0, complaining: 1 },
      examples: [{ at: '2026-11-30T09:00:00.000Z', day: '2026-11-30', channel: 'sms', kind: 'chasing', words: 'Still waiting' }],
    });
    expect(report.services[1]).toMatchObject({ serviceId: 'pothole', examples: [] });
    expect(report.series).toEqual([
      {
        period: '2026-11-23',
        from: '2026-11-23',
        to: '2026-11-29',
        services: [
          { serviceId: 'missed-bin', contacts: 6, failureDemand: 3, valueDemand: 3 },
          { serviceId: 'pothole', contacts: 2, failureDemand: 1, valueDemand: 1 },
        ],
      },
      {
        period: '2026-11-30',
        from: '2026-11-30',
        to: '2026-12-06',
        services: [
          { serviceId: 'missed-bin', contacts: 2, failureDemand: 1, valueDemand: 1 },
          { serviceId: 'pothole', contacts: 2, failureDemand: 2, valueDemand: 0 },
        ],
      },
    ]);
    expect(report.kinds.map((k) => k.kind)).toEqual(['repeat', 'chasing', 'repeating', 'correcting', 'complaining']);
  });

  it('reads one counter partition per day and one page of examples per top service, for the range in London time', async () => {
    // Prepare
    const reads: string[] = [];
    const exampleReads: unknown[][] = [];
    const store: Pick<MeasuresStore, 'countersOf'> & ExampleStore = {
      async countersOf(period) {
        reads.push(period);
        const autumn = day('2026-10-25', 'service', 'fly-tipping', { contacts: 1, failureDemand: 1, failureRepeat: 1 });
        return [...items, autumn].filter((i) => i.period === period);
      },
      async examplesOf(...args) {
        exampleReads.push(args);
        return [];
      },
    };

    // Act: a range across the clocks going back (25 October 2026), limited to the top service
    await readDemand({ from: '2026-10-24', to: '2026-10-26', limit: '1' }, { store, catalogue: { service: () => undefined }, clock: fixedClock('2026-11-01T12:00:00.000Z') });
    await readDemand({ from: '2026-11-23', to: '2026-11-30', limit: '1' }, { store, catalogue: { service: () => undefined }, clock: fixedClock('2026-12-01T12:00:00.000Z') });

    // Assess: 3 + 8 days; from the first London midnight (BST in October) to the one after the last day
    expect(reads).toHaveLength(11);
    expect(exampleReads).toEqual([
      ['fly-tipping', '2026-10-23T23:00:00.000Z', '2026-10-27T00:00:00.000Z', EXAMPLES_PER_SERVICE],
      ['missed-bin', '2026-11-23T00:00:00.000Z', '2026-12-01T00:00:00.000Z', EXAMPLES_PER_SERVICE],
    ]);
  });

  it('takes the measures’ range, an interval and a number of services, and refuses what it cannot read, in words', () => {
    const now = new Date('2026-11-26T12:00:00.000Z');
    expect(demandRange({}, now)).toEqual({ from: '2026-11-20', to: '2026-11-26', interval: 'day', limit: 5 });
    expect(demandRange({ from: '2026-09-01', to: '2026-11-30', interval: 'month', limit: '10' }, now)).toEqual({
      from: '2026-09-01',
      to: '2026-11-30',
      interval: 'month',
      limit: 10,
    });
    expect(() => demandRange({ interval: 'fortnight' }, now)).toThrow("'interval' must be one of day, week, month (got 'fortnight')");
    expect(() => demandRange({ limit: '11' }, now)).toThrow("'limit' must be a whole number from 1 to 10 (got '11')");
    expect(() => demandRange({ limit: 'many' }, now)).toThrow(MeasuresQueryError);
    expect(() => demandRange({ from: '2026-02-30' }, now)).toThrow(/YYYY-MM-DD/);
    expect(() => demandRange({ from: '2026-01-01', to: '2026-12-31' }, now)).toThrow(/at most 92 days/);
  });
});
