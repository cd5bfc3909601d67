// Routing quality as a measure (docs/measures.md, "Routing quality"): an adviser's override of a
// routing choice counts for the service routing suggested, a case's first reroute for the service
// it came from, each once; a suggestion taken, routing that deferred, a second reroute or a later
// change to the same record count nothing; and the measures read them back as corrections and
// their share of contacts, over the range, period by period, by service and for one service.
import { describe, expect, it } from 'vitest';
import { inStreamOrder } from '#adapters/stream';
import { countChange, readMeasures, type CountPorts, type MeasuresStore } from '#app/measures';
import { catalogue } from '#catalogue/index';
import { openCase, type Case } from '#domain/case';
import { applyAction, applyAdviserAction } from '#domain/case-lifecycle';
import { fixedClock } from '#domain/clock';
import { counterUpdates, type CounterItem, type CounterUpdate } from '#domain/measures';
import type { DecisionKind, RoutingRecord } from '#domain/routing';
import { streamRecord } from '../support/stream-records.ts';

const teamOf = (serviceId: string) => catalogue.service(serviceId)?.teamId;

// ---- Fixtures: items as the store writes them ---------------------------------------------------

interface ContactOver {
  id?: string;
  channel?: string;
  receivedAt?: string;
  /** The service recorded (the adviser's choice, or routing's). */
  service?: string;
  decision?: DecisionKind;
  routing?: RoutingRecord;
  mark?: string;
}

function contactItem(over: ContactOver = {}) {
  const id = over.id ?? 'c1';
  const service = over.service ?? 'street-light-fault';
  return {
    pk: `CONTACT#${over.channel ?? 'phone'}#${id}`,
    sk: 'CONTACT',
    entity: 'contact',
    contact: { id, channel: over.channel ?? 'phone', receivedAt: over.receivedAt ?? '2026-11-26T10:00:00.000Z', text: 'x', resident: {} },
    outcome: {
      contactId: id,
      decision: over.decision ?? 'handoff',
      firstContactResolved: false,
      service: { id: service, name: 'Service' },
      teamId: teamOf(service)!,
      message: 'm',
    },
    ...(over.routing ? { routing: over.routing } : {}),
    ...(over.mark ? { failureDemand: { kind: over.mark, by: 'amara.okafor', at: '2026-11-26T12:00:00.000Z' } } : {}),
  };
}

/** What routing recorded for a contact an adviser took: routing suggested `suggested`, the adviser chose `chosen`. */
function adviserRouting(suggested: { kind: DecisionKind; serviceId: string }, chosen: string): RoutingRecord {
  return { modelVersion: 'test-1', kind: 'handoff', serviceId: chosen, confidence: 1, suggested: { ...suggested, confidence: 0.6 } };
}

function caseItem(kase: Case) {
  return { pk: `CASE#${kase.reference}`, sk: 'CASE', entity: 'case', case: kase, status: kase.status, teamId: kase.teamId };
}

/** A missed bin reported on the web on Thursday 26 November 2026, routed to Waste Services. */
function missedBin(): Case {
  return openCase(
    'K7MD-Q9PX',
    { id: 'c', channel: 'web', providerId: 'p', receivedAt: '2026-11-26T10:15:00.000Z', text: 'bin missed', serviceId: 'missed-bin', resident: {} },
    { kind: 'handoff', serviceId: 'missed-bin', teamId: 'waste-services', confidence: 1, explanation: [], modelVersion: 'test-1' },
    catalogue,
  );
}

const reroute = (kase: Case, serviceId: string, now: string) =>
  applyAction(kase, { action: 'reroute', serviceId, reason: 'Not ours' }, { now: new Date(now), by: kase.teamId, catalogue }).case;

/** The updates as "period dimension#value" -> counters. */
function byItem(updates: CounterUpdate[]): Record<string, Record<string, number>> {
  return Object.fromEntries(updates.map((u) => [`${u.period} ${u.dimension}#${u.value}`, u.add]));
}

/** Only the routing-quality counters of each item (items with none left out). */
function routingOnly(updates: CounterUpdate[]): Record<string, Record<string, number>> {
  return Object.fromEntries(
    Object.entries(byItem(updates))
      .map(([key, add]) => [key, Object.fromEntries(Object.entries(add).filter(([counter]) => counter.startsWith('routing')))] as const)
      .filter(([, add]) => Object.keys(add).length > 0),
  );
}

describe('routing corrections from one change to one record', () => {
  it('counts an override for the service routing suggested and its team, and as corrected into the adviser’s service', () => {
    // Prepare: routing suggested a pothole (a hand-off); the adviser, hearing more, chose a street light fault.
    const item = contactItem({ routing: adviserRouting({ kind: 'handoff', serviceId: 'pothole' }, 'street-light-fault') });

    // Act
    const updates = byItem(counterUpdates({ after: item }, { teamOf }));

    // Assess: on the contact's own day and channel; the contact itself counts for the service chosen.
    expect(updates).toEqual({
      '2026-11-26 all#all': { contacts: 1, decisionHandoff: 1, routingOverriddenInto: 1, routingOverridden: 1 },
      '2026-11-26 channel#phone': { contacts: 1, decisionHandoff: 1, routingOverriddenInto: 1, routingOverridden: 1 },
      '2026-11-26 service#street-light-fault': { contacts: 1, decisionHandoff: 1, routingOverriddenInto: 1 },
      '2026-11-26 team#street-lighting': { contacts: 1, decisionHandoff: 1, routingOverriddenInto: 1 },
      '2026-11-26 service#pothole': { routingOverridden: 1 },
      '2026-11-26 team#highways': { routingOverridden: 1 },
    });
  });

  it('counts an override of an emergency or of an answer given there and then, as of a hand-off', () => {
    for (const kind of ['emergency', 'resolve'] as const) {
      const item = contactItem({ routing: adviserRouting({ kind, serviceId: 'pothole' }, 'street-light-fault') });
      expect(routingOnly(counterUpdates({ after: item }, { teamOf }))['2026-11-26 service#pothole'], kind).toEqual({ routingOverridden: 1 });
    }
  });

  it('counts nothing when the adviser took the suggestion', () => {
    const item = contactItem({ service: 'pothole', routing: adviserRouting({ kind: 'handoff', serviceId: 'pothole' }, 'pothole') });
    expect(routingOnly(counterUpdates({ after: item }, { teamOf }))).toEqual({});
  });

  it('counts nothing when routing deferred (asked, or passed to an adviser) and the adviser then chose', () => {
    for (const kind of ['ask', 'adviser'] as const) {
      const item = contactItem({ routing: adviserRouting({ kind, serviceId: 'pothole' }, 'street-light-fault') });
      expect(routingOnly(counterUpdates({ after: item }, { teamOf })), kind).toEqual({});
    }
  });

  it('counts nothing for a contact routing alone decided, nor for an older item without its routing', () => {
    const routed = contactItem({ routing: { modelVersion: 'test-1', kind: 'handoff', serviceId: 'street-light-fault', confidence: 0.8 } });
    expect(routingOnly(counterUpdates({ after: routed }, { teamOf }))).toEqual({});
    expect(routingOnly(counterUpdates({ after: contactItem() }, { teamOf }))).toEqual({});
  });

  it('counts an override once: a later change to the contact (a mark of failure demand) moves no routing counter', () => {
    const routing = adviserRouting({ kind: 'handoff', serviceId: 'pothole' }, 'street-light-fault');
    const updates = counterUpdates({ before: contactItem({ routing }), after: contactItem({ routing, mark: 'chasing' }) }, { teamOf });
    expect(routingOnly(updates)).toEqual({});
    expect(byItem(updates)['2026-11-26 all#all']).toEqual({ failureDemand: 1, failureChasing: 1 });
  });

  it('counts an override of a service the catalogue no longer has for the council, channel and service, without a team', () => {
    const item = contactItem({ routing: adviserRouting({ kind: 'handoff', serviceId: 'old-service' }, 'street-light-fault') });
    const updates = routingOnly(counterUpdates({ after: item }, { teamOf }));
    expect(updates['2026-11-26 service#old-service']).toEqual({ routingOverridden: 1 });
    expect(Object.keys(updates).filter((key) => key.includes('team#'))).toEqual(['2026-11-26 team#street-lighting']);
    expect(updates['2026-11-26 all#all']).toEqual({ routingOverridden: 1, routingOverriddenInto: 1 });
  });

  it('counts a case’s first reroute on its day, for the service it came from and its team, and as corrected into the new one', () => {
    // Prepare: reported on Thursday, rerouted by Waste Services on Friday morning.
    const before = missedBin();
    const after = reroute(before, 'fly-tipping', '2026-11-27T09:30:00.000Z');

    // Act
    const updates = counterUpdates({ before: caseItem(before), after: caseItem(after) });

    // Assess: routing counters on the day of the reroute, by the case's channel.
    expect(routingOnly(updates)).toEqual({
      '2026-11-27 all#all': { routingRerouted: 1, routingReroutedInto: 1 },
      '2026-11-27 channel#web': { routingRerouted: 1, routingReroutedInto: 1 },
      '2026-11-27 service#missed-bin': { routingRerouted: 1 },
      '2026-11-27 team#waste-services': { routingRerouted: 1 },
      '2026-11-27 service#fly-tipping': { routingReroutedInto: 1 },
      '2026-11-27 team#street-scene': { routingReroutedInto: 1 },
    });
  });

  it('counts a second reroute of the same case not at all (one misrouted contact), nor any other change to a rerouted case', () => {
    const first = reroute(missedBin(), 'fly-tipping', '2026-11-27T09:30:00.000Z');
    const second = reroute(first, 'pothole', '2026-11-28T09:30:00.000Z');
    expect(routingOnly(counterUpdates({ before: caseItem(first), after: caseItem(second) }))).toEqual({});
    const accepted = applyAction(second, { action: 'accept' }, { now: new Date('2026-11-28T10:00:00.000Z'), by: 'highways', catalogue }).case;
    expect(routingOnly(counterUpdates({ before: caseItem(second), after: caseItem(accepted) }))).toEqual({});
  });

  it('counts an adviser’s return of a case to another service, after its team returned it, for the service and team it came to first', () => {
    const returned = applyAction(missedBin(), { action: 'return-to-csn', reason: 'Not ours' }, { now: new Date('2026-11-26T11:00:00.000Z'), by: 'waste-services', catalogue }).case;
    const moved = applyAdviserAction(
      returned,
      { action: 'return-to-team', serviceId: 'fly-tipping', reason: 'Dumped waste' },
      { now: new Date('2026-11-26T14:00:00.000Z'), by: 'amara.okafor', catalogue, contact: { id: 'x', providerId: 'x' } },
    ).case;
    const updates = routingOnly(counterUpdates({ before: caseItem(returned), after: caseItem(moved) }));
    expect(updates['2026-11-26 team#waste-services']).toEqual({ routingRerouted: 1 });
    expect(updates['2026-11-26 team#customer-services']).toBeUndefined();
    // Back to its own service's team is no reroute.
    const back = applyAdviserAction(
      returned,
      { action: 'return-to-team', reason: 'Address found' },
      { now: new Date('2026-11-26T14:00:00.000Z'), by: 'amara.okafor', catalogue, contact: { id: 'x', providerId: 'x' } },
    ).case;
    expect(routingOnly(counterUpdates({ before: caseItem(returned), after: caseItem(back) }))).toEqual({});
  });
});

// ---- Counted once through the stream, and read back ---------------------------------------------

function memoryStore(): MeasuresStore {
  const counted = new Set<string>();
  const counters = new Map<string, CounterItem>();
  return {
    async count(recordId, updates) {
      if (counted.has(recordId)) return 'already-counted';
      counted.add(recordId);
      for (const update of updates) {
        const key = `${update.period}|${update.dimension}|${update.value}`;
        const item = counters.get(key) ?? { period: update.period, dimension: update.dimension, value: update.value, counts: {} };
        for (const [name, n] of Object.entries(update.add)) item.counts[name] = (item.counts[name] ?? 0) + n;
        counters.set(key, item);
      }
      return 'counted';
    },
    countersOf: async (period) => [...counters.values()].filter((item) => item.period === period),
  };
}

describe('routing corrections through the stream and in the measures', () => {
  // Thursday 26: four phone contacts: two overrides (a pothole that was a street light, a pothole
  // that was fly-tipping), one suggestion taken, one deferred then chosen; and a web case of a
  // missed bin. Friday 27: the missed bin rerouted to fly-tipping, then (a retry of the same
  // record) again; Saturday 28: rerouted once more to potholes.
  const opened = missedBin();
  const first = reroute(opened, 'fly-tipping', '2026-11-27T09:30:00.000Z');
  const second = reroute(first, 'pothole', '2026-11-28T09:30:00.000Z');
  const contacts = [
    contactItem({ id: 'a', routing: adviserRouting({ kind: 'handoff', serviceId: 'pothole' }, 'street-light-fault') }),
    contactItem({ id: 'b', service: 'fly-tipping', routing: adviserRouting({ kind: 'handoff', serviceId: 'pothole' }, 'fly-tipping') }),
    contactItem({ id: 'c', service: 'pothole', routing: adviserRouting({ kind: 'handoff', serviceId: 'pothole' }, 'pothole') }),
    contactItem({ id: 'd', service: 'pothole', routing: adviserRouting({ kind: 'ask', serviceId: 'fly-tipping' }, 'pothole') }),
    // The missed bin's own contact, which opened the case.
    contactItem({ id: 'e', channel: 'web', service: 'missed-bin', routing: { modelVersion: 'test-1', kind: 'handoff', serviceId: 'missed-bin', confidence: 1 } }),
  ];
  const batch = [
    ...contacts.map((item, i) => streamRecord(String(100 + i), 'INSERT', { new: item })),
    streamRecord('200', 'INSERT', { new: caseItem(opened) }),
    streamRecord('201', 'MODIFY', { old: caseItem(opened), new: caseItem(first) }),
    streamRecord('202', 'MODIFY', { old: caseItem(first), new: caseItem(second) }),
  ];

  async function counted() {
    const store = memoryStore();
    const ports: CountPorts = { store, clock: fixedClock('2026-11-28T18:00:00.000Z'), teamOf };
    const run = (records: typeof batch) => inStreamOrder(records, (change) => countChange(change, ports), { onFailed: () => undefined, onUnreadable: () => undefined });
    await run(batch);
    // The stream delivers the first reroute again (a retry after a timeout): it counts once.
    const again = await run(batch.filter((record) => record.dynamodb?.SequenceNumber === '201'));
    return { store, again };
  }

  it('counts each correction once however often the stream delivers it, and gives the corrections and their share', async () => {
    // Act
    const { store, again } = await counted();
    const report = await readMeasures({ from: '2026-11-26', to: '2026-11-28', by: 'service' }, { store, clock: fixedClock('2026-11-28T18:00:00.000Z') });

    // Assess: 5 contacts (4 phone, 1 web), 2 overridden, 1 rerouted: 3 corrections, 60% of contacts.
    expect(again.handled).toEqual(['already-counted']);
    expect(report.totals).toMatchObject({
      contacts: 5,
      routingOverridden: 2,
      routingRerouted: 1,
      routingCorrections: 3,
      routedContacts: 5,
      routingCorrectionShare: 0.6,
      routingCorrectedInto: 3,
    });
    // Period by period: the overrides on the 26th, the reroute on the 27th (a day without contacts: no share), nothing on the 28th.
    expect(report.series.map((p) => [p.period, p.totals.routingCorrections, p.totals.routingCorrectionShare])).toEqual([
      ['2026-11-26', 2, 0.4],
      ['2026-11-27', 1, null],
      ['2026-11-28', 0, null],
    ]);
    // By service: potholes were suggested twice wrongly, and are recorded for two contacts (the
    // one taken, the one deferred): of the 4 contacts as routing sent them, 2 corrected. The
    // missed bin's case was rerouted from it. Fly-tipping and street lights had their contacts
    // from overrides (none as routing sent them) and a reroute.
    const service = (key: string) => report.groups.find((g) => g.key === key);
    expect(service('pothole')).toMatchObject({
      contacts: 2,
      routingOverridden: 2,
      routingRerouted: 0,
      routingCorrections: 2,
      routedContacts: 4,
      routingCorrectionShare: 0.5,
      routingCorrectedInto: 0,
    });
    expect(service('missed-bin')).toMatchObject({ contacts: 1, routingRerouted: 1, routedContacts: 1, routingCorrectionShare: 1 });
    expect(service('fly-tipping')).toMatchObject({ contacts: 1, routingCorrections: 0, routedContacts: 0, routingCorrectionShare: null, routingCorrectedInto: 2 });
    expect(service('street-light-fault')).toMatchObject({ contacts: 1, routingCorrections: 0, routedContacts: 0, routingCorrectedInto: 1 });
    const period = (day: string, key: string) => report.series.find((p) => p.period === day)!.groups!.find((g) => g.key === key);
    expect(period('2026-11-27', 'missed-bin')).toMatchObject({ routingRerouted: 1, routingCorrectionShare: null });
    expect(period('2026-11-26', 'pothole')).toMatchObject({ routingOverridden: 2, routedContacts: 4, routingCorrectionShare: 0.5 });
  });

  it('gives one team’s or channel’s corrections alone, and by team and channel', async () => {
    const { store } = await counted();
    const read = (query: Record<string, string>) => readMeasures({ from: '2026-11-26', to: '2026-11-28', ...query }, { store, clock: fixedClock('2026-11-28T18:00:00.000Z') });

    const highways = await read({ focus: 'team:highways' });
    expect(highways.totals).toMatchObject({ contacts: 2, routingOverridden: 2, routingCorrections: 2, routedContacts: 4, routingCorrectionShare: 0.5 });
    const waste = await read({ focus: 'team:waste-services' });
    expect(waste.totals).toMatchObject({ contacts: 1, routingRerouted: 1, routingCorrections: 1 });
    expect(waste.series.map((p) => p.totals.routingRerouted)).toEqual([0, 1, 0]);

    const byChannel = await read({ by: 'channel' });
    expect(byChannel.groups.map((g) => [g.key, g.contacts, g.routedContacts, g.routingCorrections, g.routingCorrectionShare])).toEqual([
      ['phone', 4, 4, 2, 0.5],
      ['web', 1, 1, 1, 1],
    ]);
  });
});
