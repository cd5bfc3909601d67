// The measures: what each change to a record adds to which counter (hand-counted), what the
// counters say when read back (rates, the median from the histogram, channel shift), and counting
// each stream record once however often the stream delivers it.
import { describe, expect, it } from 'vitest';
import { inStreamOrder } from '#adapters/stream';
import { countChange, measuresRange, MeasuresQueryError, readMeasures, type CountPorts, type MeasuresStore } from '#app/measures';
import type { DynamoDBRecord } from 'aws-lambda';
import { streamRecord as changeRecord } from '../support/stream-records.ts';
import { catalogue } from '#catalogue/index';
import { fixedClock } from '#domain/clock';
import {
  counterUpdates,
  CURRENT,
  londonDay,
  measuresReport,
  medianBucket,
  RESOLVE_BUCKETS,
  RESOLVE_HOURS_BOUNDS,
  resolveBucketOf,
  summarise,
  UnreadableRecordError,
  type CounterItem,
  type CounterUpdate,
  type RecordChange,
} from '#domain/measures';

// ---- Fixtures: items as the store writes them (only what the measures read, plus keys) ----------

function contactItem(over: {
  id: string;
  channel?: string;
  receivedAt?: string;
  decision?: string;
  firstContactResolved?: boolean;
  repeatOf?: string;
  service?: string;
  teamId?: string;
}) {
  return {
    pk: `CONTACT#${over.channel ?? 'web'}#${over.id}`,
    sk: 'CONTACT',
    entity: 'contact',
    contact: { id: over.id, channel: over.channel ?? 'web', receivedAt: over.receivedAt ?? '2026-11-26T10:00:00.000Z', text: 'x', resident: {} },
    outcome: {
      contactId: over.id,
      decision: over.decision ?? 'resolve',
      firstContactResolved: over.firstContactResolved ?? false,
      service: { id: over.service ?? 'council-opening-hours', name: 'Service' },
      teamId: over.teamId ?? 'customer-services',
      message: 'm',
      ...(over.repeatOf ? { repeatOf: over.repeatOf, reference: over.repeatOf } : {}),
    },
  };
}

interface CaseOver {
  reference?: string;
  status?: string;
  serviceId?: string;
  teamId?: string;
  channel?: string;
  createdAt?: string;
  resolvedAt?: string;
  slaMet?: boolean;
  slaMarks?: { warnedAt?: string; breachedAt?: string };
}

function caseItem(over: CaseOver = {}) {
  const kase = {
    reference: over.reference ?? 'K7MD-Q9PX',
    status: over.status ?? 'open',
    version: 1,
    serviceId: over.serviceId ?? 'missed-bin',
    serviceName: 'Report a missed bin collection',
    teamId: over.teamId ?? 'waste-services',
    channel: over.channel ?? 'web',
    createdAt: over.createdAt ?? '2026-11-26T10:00:00.000Z',
    repeatContacts: 0,
    ...(over.resolvedAt ? { resolvedAt: over.resolvedAt } : {}),
    ...(over.slaMet === undefined ? {} : { slaMet: over.slaMet }),
    ...(over.slaMarks ? { slaMarks: over.slaMarks } : {}),
  };
  return { pk: `CASE#${kase.reference}`, sk: 'CASE', entity: 'case', case: kase, status: kase.status, teamId: kase.teamId };
}

function ratingItem(over: { rating: number; at?: string; channel?: string }) {
  return {
    pk: 'RATING#K7MD-Q9PX',
    sk: 'RATING',
    entity: 'rating',
    rating: {
      reference: 'K7MD-Q9PX',
      rating: over.rating,
      serviceId: 'missed-bin',
      teamId: 'waste-services',
      at: over.at ?? '2026-11-27T09:00:00.000Z',
      ...(over.channel ? { channel: over.channel } : {}),
    },
  };
}

/** The updates as a map "period dimension#value" -> counters, to compare with hand-counted figures. */
function byItem(updates: CounterUpdate[]): Record<string, Record<string, number>> {
  return Object.fromEntries(updates.map((u) => [`${u.period} ${u.dimension}#${u.value}`, u.add]));
}

const inserted = (after: Record<string, unknown>): RecordChange => ({ after });
const modified = (before: Record<string, unknown>, after: Record<string, unknown>): RecordChange => ({ before, after });

describe('counter updates from one change to one record', () => {
  it('counts a contact resolved at first contact on its day, channel, service and team', () => {
    const updates = counterUpdates(inserted(contactItem({ id: 'c1', firstContactResolved: true })));

    const counted = { contacts: 1, decisionResolve: 1, firstContactResolved: 1 };
    expect(byItem(updates)).toEqual({
      '2026-11-26 all#all': counted,
      '2026-11-26 channel#web': counted,
      '2026-11-26 service#council-opening-hours': counted,
      '2026-11-26 team#customer-services': counted,
    });
  });

  it('counts a repeat contact about an open case as failure demand, not as resolved', () => {
    const updates = counterUpdates(
      inserted(contactItem({ id: 'c2', channel: 'phone', decision: 'handoff', repeatOf: 'K7MD-Q9PX', service: 'missed-bin', teamId: 'waste-services' })),
    );

    const counted = { contacts: 1, decisionHandoff: 1, repeatContacts: 1, failureDemand: 1, failureRepeat: 1 };
    expect(byItem(updates)['2026-11-26 channel#phone']).toEqual(counted);
    expect(byItem(updates)['2026-11-26 team#waste-services']).toEqual(counted);
  });

  it('puts each increment on the Europe/London date of its moment, across midnight and the clock change', () => {
    // 23:30 UTC on 30 June is 00:30 BST on 1 July; 23:30 UTC on 1 December is 23:30 GMT the same day.
    expect(londonDay('2026-06-30T23:30:00.000Z')).toBe('2026-07-01');
    expect(londonDay('2026-12-01T23:30:00.000Z')).toBe('2026-12-01');
    // The night the clocks go back (25 October 2026): 23:59 UTC on the 24th is 00:59 BST on the 25th.
    expect(londonDay('2026-10-24T23:59:00.000Z')).toBe('2026-10-25');
    const updates = counterUpdates(inserted(contactItem({ id: 'c3', receivedAt: '2026-06-30T23:30:00.000Z' })));
    expect(new Set(updates.map((u) => u.period))).toEqual(new Set(['2026-07-01']));
  });

  it('opens a case: one more opened that day, and one more open case for its team now', () => {
    const updates = counterUpdates(inserted(caseItem()));

    expect(byItem(updates)).toEqual({
      '2026-11-26 all#all': { casesOpened: 1 },
      '2026-11-26 channel#web': { casesOpened: 1 },
      '2026-11-26 service#missed-bin': { casesOpened: 1 },
      '2026-11-26 team#waste-services': { casesOpened: 1 },
      [`${CURRENT} team#waste-services`]: { open: 1 },
    });
  });

  it('counts nothing for a change that moves no measure (accepted, a note, a repeat counted on the case)', () => {
    expect(counterUpdates(modified(caseItem(), caseItem({ status: 'accepted' })))).toEqual([]);
    expect(counterUpdates(modified(caseItem({ status: 'accepted' }), caseItem({ status: 'accepted' })))).toEqual([]);
  });

  it('resolves a case: resolved, SLA met, its time to resolve in the histogram, one fewer open for the team', () => {
    // Opened 10:00, resolved 13:00 the same day: 3 hours, in the bucket "over 2, at most 4".
    const open = caseItem({ status: 'accepted' });
    const resolved = caseItem({ status: 'resolved', resolvedAt: '2026-11-26T13:00:00.000Z', slaMet: true });

    const updates = byItem(counterUpdates(modified(open, resolved)));

    const counted = { casesResolved: 1, slaMet: 1, resolvedWithin4h: 1 };
    expect(updates).toEqual({
      '2026-11-26 all#all': counted,
      '2026-11-26 channel#web': counted,
      '2026-11-26 service#missed-bin': counted,
      '2026-11-26 team#waste-services': counted,
      [`${CURRENT} team#waste-services`]: { open: -1 },
    });
  });

  it('counts a case resolved late on the day it was resolved, without slaMet', () => {
    const updates = byItem(
      counterUpdates(modified(caseItem(), caseItem({ status: 'resolved', resolvedAt: '2026-11-30T10:00:00.000Z', slaMet: false }))),
    );
    // 96 hours: over 72, at most 120.
    expect(updates['2026-11-30 all#all']).toEqual({ casesResolved: 1, resolvedWithin120h: 1 });
    expect(updates['2026-11-26 all#all']).toBeUndefined();
  });

  it('puts times to resolve in fixed buckets, each bound inclusive', () => {
    expect(resolveBucketOf(0)).toBe('resolvedWithin1h');
    expect(resolveBucketOf(1)).toBe('resolvedWithin1h');
    expect(resolveBucketOf(1.01)).toBe('resolvedWithin2h');
    expect(resolveBucketOf(24)).toBe('resolvedWithin24h');
    expect(resolveBucketOf(480)).toBe('resolvedWithin480h');
    expect(resolveBucketOf(481)).toBe('resolvedOver480h');
    expect(RESOLVE_BUCKETS).toHaveLength(RESOLVE_HOURS_BOUNDS.length + 1);
  });

  it('follows a case through at risk, in breach and resolved: daily marks, and the team gauges up and down', () => {
    const open = caseItem();
    const warned = caseItem({ slaMarks: { warnedAt: '2026-11-27T12:00:00.000Z' } });
    const breached = caseItem({ slaMarks: { warnedAt: '2026-11-27T12:00:00.000Z', breachedAt: '2026-11-28T17:01:00.000Z' } });
    const resolved = caseItem({
      status: 'resolved',
      resolvedAt: '2026-11-29T10:00:00.000Z',
      slaMet: false,
      slaMarks: { warnedAt: '2026-11-27T12:00:00.000Z', breachedAt: '2026-11-28T17:01:00.000Z' },
    });

    const toWarned = byItem(counterUpdates(modified(open, warned)));
    const toBreached = byItem(counterUpdates(modified(warned, breached)));
    const toResolved = byItem(counterUpdates(modified(breached, resolved)));

    expect(toWarned['2026-11-27 team#waste-services']).toEqual({ slaWarned: 1 });
    expect(toWarned[`${CURRENT} team#waste-services`]).toEqual({ atRisk: 1 });
    expect(toBreached['2026-11-28 service#missed-bin']).toEqual({ slaBreached: 1 });
    // At risk means warned and not yet breached: a breach moves the case from one gauge to the other.
    expect(toBreached[`${CURRENT} team#waste-services`]).toEqual({ atRisk: -1, breached: 1 });
    expect(toResolved[`${CURRENT} team#waste-services`]).toEqual({ open: -1, breached: -1 });
    // 72 hours from 26th 10:00 to 29th 10:00: "over 48, at most 72".
    expect(toResolved['2026-11-29 all#all']).toEqual({ casesResolved: 1, resolvedWithin72h: 1 });
  });

  it('counts both marks when the monitor makes them at once, and the case straight into breach', () => {
    const both = caseItem({ slaMarks: { warnedAt: '2026-11-28T17:05:00.000Z', breachedAt: '2026-11-28T17:05:00.000Z' } });

    const updates = byItem(counterUpdates(modified(caseItem(), both)));

    expect(updates['2026-11-28 all#all']).toEqual({ slaWarned: 1, slaBreached: 1 });
    expect(updates[`${CURRENT} team#waste-services`]).toEqual({ breached: 1 });
  });

  it('moves a rerouted case between the teams gauges, and counts the new clock marks again', () => {
    const atHighways = caseItem({ teamId: 'highways', serviceId: 'pothole', slaMarks: { warnedAt: '2026-11-27T12:00:00.000Z' } });
    const atLighting = caseItem({ teamId: 'street-lighting', serviceId: 'street-light-fault', slaMarks: {} });
    const warnedAgain = caseItem({ teamId: 'street-lighting', serviceId: 'street-light-fault', slaMarks: { warnedAt: '2026-11-28T09:00:00.000Z' } });

    expect(byItem(counterUpdates(modified(atHighways, atLighting)))).toEqual({
      [`${CURRENT} team#highways`]: { open: -1, atRisk: -1 },
      [`${CURRENT} team#street-lighting`]: { open: 1 },
    });
    expect(byItem(counterUpdates(modified(atLighting, warnedAgain)))['2026-11-28 team#street-lighting']).toEqual({ slaWarned: 1 });
  });

  it('counts a rating and its score for satisfaction; on a channel only when the rating names one', () => {
    expect(byItem(counterUpdates(inserted(ratingItem({ rating: 4 }))))).toEqual({
      '2026-11-27 all#all': { ratings: 1, ratingSum: 4 },
      '2026-11-27 service#missed-bin': { ratings: 1, ratingSum: 4 },
      '2026-11-27 team#waste-services': { ratings: 1, ratingSum: 4 },
    });
    expect(byItem(counterUpdates(inserted(ratingItem({ rating: 2, channel: 'sms' }))))['2026-11-27 channel#sms']).toEqual({ ratings: 1, ratingSum: 2 });
  });

  it('ignores other entities, and changes to a contact or rating after it arrived', () => {
    const others = [
      { pk: 'CASE#K7MD-Q9PX', sk: 'HANDOFF#000001', entity: 'handoff', message: {} },
      { pk: 'CASE#K7MD-Q9PX', sk: 'EVENT#x', entity: 'case-event', event: { action: 'warned', at: '2026-11-27T12:00:00.000Z' } },
      { pk: 'NOTIFY#x', sk: 'NOTIFY', entity: 'notification', message: {} },
      { pk: 'MEASURES#2026-11-26', sk: 'all#all', entity: 'measure', contacts: 3 },
      { pk: 'MEASURES#COUNTED#e1', sk: 'COUNTED', entity: 'measure-counted' },
    ];
    for (const item of others) expect(counterUpdates(inserted(item))).toEqual([]);
    const contact = contactItem({ id: 'c4', firstContactResolved: true });
    expect(counterUpdates(modified(contact, contact))).toEqual([]);
    expect(counterUpdates({ before: contact })).toEqual([]);
    expect(counterUpdates(modified(ratingItem({ rating: 3 }), ratingItem({ rating: 5 })))).toEqual([]);
  });

  it('refuses an item it should count but cannot: a contact without its outcome, a rating of 6', () => {
    const { outcome: _dropped, ...noOutcome } = contactItem({ id: 'c5' });
    expect(() => counterUpdates(inserted(noOutcome))).toThrow(UnreadableRecordError);
    expect(() => counterUpdates(inserted(ratingItem({ rating: 6 })))).toThrow(/rating/);
    expect(() => counterUpdates(modified(caseItem(), caseItem({ status: 'resolved' })))).toThrow(/resolvedAt/);
  });
});

// ---- Read side ----------------------------------------------------------------------------------

describe('what the counters say', () => {
  it('finds the bucket that holds the median: the ⌈n/2⌉-th quickest case', () => {
    // 7 cases: 1 within 1h, 2 in (2,4], 1 in (4,8], 3 in (8,24]; the 4th quickest is in (4,8].
    expect(medianBucket([1, 0, 2, 1, 3, 0, 0, 0, 0, 0, 0])).toEqual({ over: 4, atMost: 8 });
    // 4 cases, 2 and 2: the 2nd quickest (the lower middle) is within 1h.
    expect(medianBucket([2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0])).toEqual({ over: 0, atMost: 1 });
    // 5 cases: 2 within 1h, 3 over 480h; the 3rd quickest is in the open-ended bucket.
    expect(medianBucket([2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3])).toEqual({ over: 480, atMost: null });
    expect(medianBucket(new Array(11).fill(0))).toBeNull();
  });

  it('turns counts into rates, shares, a percentage and an average rating', () => {
    const summary = summarise({
      contacts: 8,
      firstContactResolved: 3,
      repeatContacts: 1,
      decisionResolve: 3,
      decisionHandoff: 5,
      casesOpened: 4,
      casesResolved: 3,
      slaMet: 2,
      resolvedWithin1h: 1,
      resolvedWithin24h: 2,
      slaWarned: 2,
      slaBreached: 1,
      ratings: 3,
      ratingSum: 11,
    });

    expect(summary).toMatchObject({
      contacts: 8,
      firstContactResolutionRate: 0.375,
      repeatContacts: 1,
      repeatContactShare: 0.125,
      decisions: { resolve: 3, handoff: 5, ask: 0, adviser: 0, emergency: 0 },
      casesOpened: 4,
      casesResolved: 3,
      slaMetPercent: 66.7,
      // 3 cases: 1 within 1h, 2 in (8,24]; the 2nd quickest is in (8,24].
      medianHoursToResolve: { over: 8, atMost: 24 },
      slaWarned: 2,
      slaBreached: 1,
      satisfaction: { ratings: 3, averageRating: 3.67 },
    });
    expect(summary.hoursToResolve.map((b) => b.cases)).toEqual([1, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0]);
    expect(summary.hoursToResolve.at(-1)).toEqual({ over: 480, atMost: null, cases: 0 });
  });

  it('says null, not 0 or NaN, for a rate with nothing to divide by', () => {
    expect(summarise({})).toMatchObject({
      contacts: 0,
      firstContactResolutionRate: null,
      repeatContactShare: null,
      slaMetPercent: null,
      medianHoursToResolve: null,
      satisfaction: { ratings: 0, averageRating: null },
    });
  });

  // Two days of counters: 25th (web 3, phone 1), 26th (nothing), 27th (web 1, sms 3).
  const day = (period: string, dimension: CounterItem['dimension'], value: string, counts: Record<string, number>): CounterItem => ({
    period,
    dimension,
    value,
    counts,
  });
  const items: CounterItem[] = [
    day('2026-11-25', 'all', 'all', { contacts: 4, firstContactResolved: 2, casesOpened: 2, casesResolved: 1, slaMet: 1, resolvedWithin2h: 1 }),
    day('2026-11-25', 'channel', 'web', { contacts: 3, firstContactResolved: 2 }),
    day('2026-11-25', 'channel', 'phone', { contacts: 1, casesOpened: 1 }),
    day('2026-11-25', 'team', 'waste-services', { contacts: 2, casesOpened: 2, casesResolved: 1, slaMet: 1, resolvedWithin2h: 1 }),
    day('2026-11-25', 'team', 'customer-services', { contacts: 2, firstContactResolved: 2 }),
    day('2026-11-27', 'all', 'all', { contacts: 4, repeatContacts: 1, casesResolved: 2, resolvedWithin48h: 2 }),
    day('2026-11-27', 'channel', 'web', { contacts: 1 }),
    day('2026-11-27', 'channel', 'sms', { contacts: 3, repeatContacts: 1 }),
    day('2026-11-27', 'team', 'waste-services', { contacts: 4, repeatContacts: 1, casesResolved: 2, resolvedWithin48h: 2 }),
    // Outside the range asked for: left out.
    day('2026-11-28', 'all', 'all', { contacts: 100 }),
  ];
  const gauges: CounterItem[] = [
    day(CURRENT, 'team', 'waste-services', { open: 3, atRisk: 1, breached: 1 }),
    day(CURRENT, 'team', 'highways', { open: 2, atRisk: 0, breached: 1 }),
  ];

  it('groups by day, every day of the range, with totals and the current gauges per team', () => {
    const report = measuresReport({ from: '2026-11-25', to: '2026-11-27', by: 'day' }, items, gauges);

    expect(report.groups.map((g) => [g.key, g.contacts, g.firstContactResolutionRate])).toEqual([
      ['2026-11-25', 4, 0.5],
      ['2026-11-26', 0, null],
      ['2026-11-27', 4, 0],
    ]);
    expect(report.totals).toMatchObject({
      contacts: 8,
      firstContactResolutionRate: 0.25,
      repeatContactShare: 0.125,
      casesResolved: 3,
      slaMetPercent: 33.3,
      // 3 resolved: 1 in (1,2], 2 in (24,48]; the 2nd quickest is in (24,48].
      medianHoursToResolve: { over: 24, atMost: 48 },
    });
    expect(report.current).toEqual({
      teams: [
        { teamId: 'highways', open: 2, atRisk: 0, breached: 1 },
        { teamId: 'waste-services', open: 3, atRisk: 1, breached: 1 },
      ],
      totals: { open: 5, atRisk: 1, breached: 2 },
    });
  });

  it('groups by channel or team over the range', () => {
    const byChannel = measuresReport({ from: '2026-11-25', to: '2026-11-27', by: 'channel' }, items, gauges);
    const byTeam = measuresReport({ from: '2026-11-25', to: '2026-11-27', by: 'team' }, items, gauges);

    expect(byChannel.groups.map((g) => [g.key, g.contacts])).toEqual([
      ['phone', 1],
      ['sms', 3],
      ['web', 4],
    ]);
    expect(byTeam.groups.map((g) => [g.key, g.contacts, g.repeatContacts, g.casesResolved, g.medianHoursToResolve])).toEqual([
      ['customer-services', 2, 0, 0, null],
      ['waste-services', 6, 1, 3, { over: 24, atMost: 48 }],
    ]);
  });

  it("shows channel shift: each channel's contacts and share, day by day and over the range", () => {
    const report = measuresReport({ from: '2026-11-25', to: '2026-11-27', by: 'day' }, items, gauges);

    expect(report.channels).toEqual([
      { channel: 'phone', contacts: 1, share: 0.125 },
      { channel: 'sms', contacts: 3, share: 0.375 },
      { channel: 'web', contacts: 4, share: 0.5 },
    ]);
    expect(report.channelShift).toEqual([
      {
        day: '2026-11-25',
        contacts: 4,
        channels: [
          { channel: 'phone', contacts: 1, share: 0.25 },
          { channel: 'sms', contacts: 0, share: 0 },
          { channel: 'web', contacts: 3, share: 0.75 },
        ],
      },
      {
        day: '2026-11-26',
        contacts: 0,
        channels: [
          { channel: 'phone', contacts: 0, share: null },
          { channel: 'sms', contacts: 0, share: null },
          { channel: 'web', contacts: 0, share: null },
        ],
      },
      {
        day: '2026-11-27',
        contacts: 4,
        channels: [
          { channel: 'phone', contacts: 0, share: 0 },
          { channel: 'sms', contacts: 3, share: 0.75 },
          { channel: 'web', contacts: 1, share: 0.25 },
        ],
      },
    ]);
  });

  it('adds up, from a day of record changes, to the figures counted by hand', () => {
    // Prepare: a day at the council, as the stream would deliver it.
    const openedBin = caseItem({ reference: 'AAAA-1111' });
    const openedFox = caseItem({ reference: 'BBBB-2222', serviceId: 'dead-animal', teamId: 'street-scene' });
    const changes: RecordChange[] = [
      inserted(contactItem({ id: 'h1', firstContactResolved: true })),
      inserted(contactItem({ id: 'h2', channel: 'face_to_face', firstContactResolved: true, service: 'pay-council-tax' })),
      inserted(contactItem({ id: 'h3', decision: 'handoff', service: 'missed-bin', teamId: 'waste-services' })),
      inserted(openedBin),
      inserted(contactItem({ id: 'h4', decision: 'handoff', service: 'missed-bin', teamId: 'waste-services', repeatOf: 'AAAA-1111' })),
      inserted(contactItem({ id: 'h5', channel: 'phone', decision: 'handoff', service: 'dead-animal', teamId: 'street-scene' })),
      inserted(openedFox),
      modified(openedBin, caseItem({ reference: 'AAAA-1111', status: 'resolved', resolvedAt: '2026-11-26T10:30:00.000Z', slaMet: true })),
      modified(
        openedFox,
        caseItem({
          reference: 'BBBB-2222',
          serviceId: 'dead-animal',
          teamId: 'street-scene',
          slaMarks: { warnedAt: '2026-11-26T10:30:00.000Z', breachedAt: '2026-11-26T11:01:00.000Z' },
        }),
      ),
      inserted(ratingItem({ rating: 5, at: '2026-11-26T12:00:00.000Z' })),
    ];
    const store = new Map<string, CounterItem>();
    for (const update of changes.flatMap((change) => counterUpdates(change))) {
      const key = `${update.period}|${update.dimension}|${update.value}`;
      const item = store.get(key) ?? { period: update.period, dimension: update.dimension, value: update.value, counts: {} };
      for (const [name, n] of Object.entries(update.add)) item.counts[name] = (item.counts[name] ?? 0) + n;
      store.set(key, item);
    }
    const all = [...store.values()];

    // Act
    const report = measuresReport(
      { from: '2026-11-26', to: '2026-11-26', by: 'team' },
      all.filter((i) => i.period !== CURRENT),
      all.filter((i) => i.period === CURRENT),
    );

    // Assess: 5 contacts, 2 resolved there and then, 1 repeat; 2 cases, 1 resolved in half an hour
    // within its SLA; 1 warned and breached; 1 rating of 5.
    expect(report.totals).toMatchObject({
      contacts: 5,
      firstContactResolutionRate: 0.4,
      repeatContacts: 1,
      repeatContactShare: 0.2,
      casesOpened: 2,
      casesResolved: 1,
      slaMetPercent: 100,
      medianHoursToResolve: { over: 0, atMost: 1 },
      slaWarned: 1,
      slaBreached: 1,
      satisfaction: { ratings: 1, averageRating: 5 },
    });
    expect(report.groups.find((g) => g.key === 'waste-services')).toMatchObject({ contacts: 2, repeatContacts: 1, casesResolved: 1 });
    expect(report.channels).toEqual([
      { channel: 'face_to_face', contacts: 1, share: 0.2 },
      { channel: 'phone', contacts: 1, share: 0.2 },
      { channel: 'web', contacts: 3, share: 0.6 },
    ]);
    expect(report.current.teams).toEqual([
      { teamId: 'street-scene', open: 1, atRisk: 0, breached: 1 },
      { teamId: 'waste-services', open: 0, atRisk: 0, breached: 0 },
    ]);
  });
});

// ---- The stream consumer and the API's range ----------------------------------------------------

const streamRecord = (sequenceNumber: string, eventName: 'INSERT' | 'MODIFY', newImage: Record<string, unknown>, oldImage?: Record<string, unknown>) =>
  changeRecord(sequenceNumber, eventName, { new: newImage, ...(oldImage ? { old: oldImage } : {}) });

/** Keeps counters in memory and, as the DynamoDB store does with its marker, applies a record's updates once. */
function memoryStore(failOn?: (recordId: string) => boolean) {
  const counted = new Set<string>();
  const counters = new Map<string, CounterItem>();
  const calls: string[] = [];
  const reads: string[] = [];
  const store: MeasuresStore = {
    async count(recordId, updates) {
      calls.push(recordId);
      if (failOn?.(recordId)) throw new Error('DynamoDB is unavailable');
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
    async countersOf(period) {
      reads.push(period);
      return [...counters.values()].filter((item) => item.period === period);
    },
  };
  return { store, calls, reads, counted };
}

function ports(store: MeasuresStore) {
  const failed: string[] = [];
  const unreadable: string[] = [];
  return {
    ports: {
      store,
      clock: fixedClock('2026-11-26T18:00:00.000Z'),
      teamOf: (serviceId: string) => catalogue.service(serviceId)?.teamId,
      onCountFailed: (_error: unknown, sequenceNumber: string) => failed.push(sequenceNumber),
      onUnreadable: (_error: unknown, key: string) => unreadable.push(key),
    },
    failed,
    unreadable,
  };
}

/** The measures consumer as its handler runs it: each change counted, in the ordered stream loop. */
async function countMeasures(records: DynamoDBRecord[], p: ReturnType<typeof ports>['ports'] & CountPorts) {
  const { handled, ...rest } = await inStreamOrder(records, (change) => countChange(change, p), { onFailed: p.onCountFailed, onUnreadable: p.onUnreadable });
  return { counted: handled.filter((o) => o === 'counted').length, alreadyCounted: handled.filter((o) => o === 'already-counted').length, ...rest };
}

describe('the stream consumer', () => {
  const batch = [
    streamRecord('100', 'INSERT', contactItem({ id: 's1', firstContactResolved: true })),
    streamRecord('101', 'INSERT', { pk: 'CASE#AAAA-1111', sk: 'HANDOFF#000001', entity: 'handoff', message: {} }),
    streamRecord('102', 'INSERT', caseItem({ reference: 'AAAA-1111' })),
    streamRecord('103', 'MODIFY', caseItem({ reference: 'AAAA-1111', status: 'accepted' }), caseItem({ reference: 'AAAA-1111' })),
  ];

  it('counts a batch once, however often the stream delivers it again', async () => {
    // Prepare
    const { store, calls } = memoryStore();
    const { ports: p } = ports(store);

    // Act: the batch, then the same records again (a retry after a timeout, say)
    const first = await countMeasures(batch, p);
    const again = await countMeasures(batch, p);
    const report = await readMeasures({ from: '2026-11-26', to: '2026-11-26' }, { store, clock: p.clock });

    // Assess: only the contact and the case insert move a measure; the second delivery changes nothing
    expect(first).toEqual({ counted: 2, alreadyCounted: 0, unreadable: [] });
    expect(again).toEqual({ counted: 0, alreadyCounted: 2, unreadable: [] });
    expect(calls).toEqual(['event-100', 'event-102', 'event-100', 'event-102']);
    expect(report.totals).toMatchObject({ contacts: 1, firstContactResolved: 1, casesOpened: 1 });
    expect(report.current.teams).toEqual([{ teamId: 'waste-services', open: 1, atRisk: 0, breached: 0 }]);
  });

  it('stops at the first record it cannot count and reports its sequence number, so the stream retries from there', async () => {
    const { store, calls } = memoryStore((id) => id === 'event-102');
    const { ports: p, failed } = ports(store);

    const result = await countMeasures([...batch, streamRecord('104', 'INSERT', contactItem({ id: 's2' }))], p);

    expect(result).toEqual({ counted: 1, alreadyCounted: 0, unreadable: [], failedAt: '102' });
    expect(failed).toEqual(['102']);
    expect(calls).toEqual(['event-100', 'event-102']);
  });

  it('skips an item it can never count (logged) without holding back the records behind it', async () => {
    const { store } = memoryStore();
    const { ports: p, unreadable } = ports(store);
    const { outcome: _dropped, ...broken } = contactItem({ id: 's3' });

    const result = await countMeasures([streamRecord('200', 'INSERT', broken), streamRecord('201', 'INSERT', contactItem({ id: 's4' }))], p);

    expect(result).toEqual({ counted: 1, alreadyCounted: 0, unreadable: ['CONTACT#web#s3/CONTACT'] });
    expect(unreadable).toEqual(['CONTACT#web#s3/CONTACT']);
  });
});

describe('the range the console asks for', () => {
  // 23:30 UTC on 1 July 2026 is already 2 July in London.
  const now = new Date('2026-07-01T23:30:00.000Z');

  it('defaults to the last 7 days to today (London), by day', () => {
    expect(measuresRange({}, now)).toEqual({ from: '2026-06-26', to: '2026-07-02', by: 'day' });
    expect(measuresRange({ to: '2026-03-31' }, now)).toEqual({ from: '2026-03-25', to: '2026-03-31', by: 'day' });
    expect(measuresRange({ from: '2026-03-01', by: 'team' }, now)).toEqual({ from: '2026-03-01', to: '2026-03-07', by: 'team' });
  });

  it('allows up to 92 days and refuses more, a reversed range, a date that is not one, and an unknown grouping', () => {
    expect(measuresRange({ from: '2026-01-01', to: '2026-04-02' }, now)).toMatchObject({ from: '2026-01-01', to: '2026-04-02' });
    expect(() => measuresRange({ from: '2026-01-01', to: '2026-04-03' }, now)).toThrow(/at most 92 days/);
    expect(() => measuresRange({ from: '2026-05-02', to: '2026-05-01' }, now)).toThrow(/after/);
    expect(() => measuresRange({ from: '2026-02-30' }, now)).toThrow(MeasuresQueryError);
    expect(() => measuresRange({ to: '1/5/2026' }, now)).toThrow(/YYYY-MM-DD/);
    expect(() => measuresRange({ by: 'week' }, now)).toThrow(/day, service, team, channel/);
  });

  it('reads one counter partition per day of the range and the gauges: nothing else', async () => {
    const { store, reads } = memoryStore();

    await readMeasures({ from: '2026-11-20', to: '2026-11-26', by: 'service' }, { store, clock: fixedClock(now) });

    expect(reads.sort()).toEqual(['2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', CURRENT].sort());
  });
});
