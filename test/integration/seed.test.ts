// The demo month `npm start` seeds into an empty table, on a local stack of its own (the shared
// stack stays empty for the other tests): contacts on every channel through the channels' own
// code, repeats, cases resolved in time and late, open cases at risk and in breach marked by the
// SLA monitor at past times, ratings, residents on several channels; and the measures, counted by
// the stream consumers afterwards, agree with the records for the past days.
import { isDeepStrictEqual } from 'node:util';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamo } from '#adapters/aws';
import { dynamoMeasuresStore } from '#adapters/measures-store';
import { readMeasures } from '#app/measures';
import { catalogue } from '#catalogue/index';
import { addDays, londonTimeOf } from '#domain/calendar';
import type { Case } from '#domain/case';
import type { CaseEvent } from '#domain/case-lifecycle';
import { fixedClock } from '#domain/clock';
import { isRoutingOverride } from '#domain/measures';
import type { Contact } from '#domain/contact';
import type { FailureDemandMark } from '#domain/failure-demand';
import type { ContactOutcome } from '#domain/outcome';
import { slaStateAt } from '#domain/sla';
import { tableIsEmpty, type SeedReport } from '../../infra/local/seed.ts';
import { startLocalStack, type LocalStack } from '../../infra/local/stack.ts';
import { waitFor } from '../support/wait.ts';

let stack: LocalStack;
let report: SeedReport;
let items: Array<Record<string, any>>;
let contacts: Array<{ contact: Contact; outcome: ContactOutcome; customerKey?: string; failureDemand?: FailureDemandMark }>;
let cases: Case[];
let startedAt: Date;

beforeAll(async () => {
  process.env.LOG_LEVEL = 'CRITICAL';
  startedAt = new Date();
  stack = await startLocalStack({ port: 0, seed: true });
  report = stack.seeded as SeedReport;
  items = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(new ScanCommand({ TableName: stack.tableName, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  contacts = items.filter((i) => i.entity === 'contact') as typeof contacts;
  cases = items.filter((i) => i.entity === 'case').map((i) => i.case as Case);
}, 240_000);

afterAll(async () => {
  await stack?.stop();
});

const count = <T>(list: T[], key: (item: T) => string) =>
  list.reduce<Record<string, number>>((counts, item) => ({ ...counts, [key(item)]: (counts[key(item)] ?? 0) + 1 }), {});

describe('npm start on an empty table: a month of demo data', () => {
  it('seeds a few hundred contacts on every channel, as its report says, with no step failing', async () => {
    const byChannel = count(contacts, (c) => c.contact.channel);
    expect(report.failures).toBe(0);
    expect(contacts.length).toBe(report.totalContacts);
    expect(byChannel).toEqual(report.contacts);
    for (const channel of ['web', 'sms', 'phone', 'face_to_face', 'open311']) expect(byChannel[channel]).toBeGreaterThanOrEqual(10);
    expect(contacts.length).toBeGreaterThan(200);
    expect(contacts.length).toBeLessThan(400);
    // Calls to the phone line and calls an adviser took both arrive as 'phone'.
    const phone = contacts.filter((c) => c.contact.channel === 'phone');
    expect(phone.some((c) => c.contact.takenBy)).toBe(true);
    expect(phone.some((c) => !c.contact.takenBy)).toBe(true);
    expect(contacts.filter((c) => c.contact.channel === 'face_to_face').every((c) => c.contact.takenBy?.centre)).toBe(true);
    await expect(tableIsEmpty()).resolves.toBe(false);
  });

  it('spreads them over the month before now, at past times, on most days', () => {
    const times = contacts.map((c) => Date.parse(c.contact.receivedAt));
    expect(Math.max(...times)).toBeLessThanOrEqual(startedAt.getTime());
    expect(Math.min(...times)).toBeGreaterThanOrEqual(startedAt.getTime() - 31 * 86_400_000);
    expect(new Set(contacts.map((c) => londonTimeOf(new Date(c.contact.receivedAt)).date)).size).toBeGreaterThan(20);
  });

  it('resolves some at first contact (answers, bin days, case status), hands the rest to every team that takes reports, with plenty for waste', () => {
    const resolved = contacts.filter((c) => c.outcome.firstContactResolved);
    const services = new Set(resolved.map((c) => c.outcome.service.id));
    const teams = count(cases, (c) => c.teamId);
    const reporting = catalogue.teams.filter((t) => catalogue.services.some((s) => s.teamId === t.id && s.resolution.mode === 'handoff'));
    expect(resolved.length).toBeGreaterThan(40);
    for (const service of ['bin-day', 'council-opening-hours', 'recycling-advice']) expect(services).toContain(service);
    // A case's status asked for by its reference: on an open case it is also a repeat (chasing).
    expect(contacts.filter((c) => c.contact.serviceId === 'case-status').length).toBeGreaterThan(3);
    expect(services).toContain('case-status');
    expect(resolved.filter((c) => c.outcome.repeatOf).length).toBeGreaterThan(0);
    expect(reporting.filter((t) => !teams[t.id]).map((t) => t.id)).toEqual([]);
    expect(Math.max(...Object.values(teams))).toBe(teams['waste-services']);
    expect(cases.filter((c) => c.teamId === 'waste-services' && c.status !== 'resolved').length).toBeGreaterThan(0);
  });

  it('has repeats: residents chasing a case they reported, linked to it as failure demand', () => {
    const repeats = contacts.filter((c) => c.outcome.repeatOf);
    expect(repeats.length).toBe(report.repeats);
    expect(repeats.length).toBeGreaterThanOrEqual(10);
    for (const repeat of repeats) {
      const kase = cases.find((c) => c.reference === repeat.outcome.repeatOf)!;
      expect(kase.customerKey).toBe(repeat.customerKey);
      expect(Date.parse(repeat.contact.receivedAt)).toBeGreaterThan(Date.parse(kase.createdAt));
    }
    expect(cases.filter((c) => c.repeatContacts > 0).length).toBeGreaterThan(5);
  });

  it('has contacts advisers marked as failure demand, as they took them and later, through the application', () => {
    const marked = contacts.filter((c) => c.failureDemand);
    const marks = marked.map((c) => ({ ...c.failureDemand!, contact: c }));
    expect(marked.length).toBe(report.failureDemandMarks);
    expect(marked.length).toBeGreaterThanOrEqual(8);
    expect(new Set(marks.map((m) => m.kind)).size).toBeGreaterThanOrEqual(3);
    // Some as the adviser recorded it (their own contact, at the same moment), some later from the feed.
    expect(marks.some((m) => m.contact.contact.takenBy?.adviserId === m.by && m.at === m.contact.contact.receivedAt)).toBe(true);
    expect(marks.some((m) => !m.contact.contact.takenBy && Date.parse(m.at) > Date.parse(m.contact.contact.receivedAt))).toBe(true);
    for (const m of marks) expect(Date.parse(m.at)).toBeLessThanOrEqual(startedAt.getTime());
  });

  it('has routing corrections: advisers choosing another service than routing suggested, and teams rerouting cases once or more', () => {
    const overridden = items.filter((i) => i.entity === 'contact' && isRoutingOverride(i.routing));
    expect(overridden.length).toBe(report.routingOverrides);
    expect(overridden.length).toBeGreaterThanOrEqual(4);
    for (const item of overridden) {
      expect(item.contact.takenBy?.overrideReason, item.contact.id).toBeTruthy();
      expect(item.outcome.service.id).toBe(item.routing.serviceId);
    }
    const rerouted = cases.filter((c) => c.firstReroute);
    expect(rerouted.length).toBe(report.reroutes);
    expect(rerouted.length).toBeGreaterThanOrEqual(4);
    const events = items.filter((i) => i.entity === 'case-event' && i.event.action === 'reroute').map((i) => i.event as CaseEvent);
    for (const kase of rerouted) {
      const first = events.filter((e) => e.reference === kase.reference).sort((a, b) => a.version - b.version)[0]!;
      expect([first.at, first.detail.fromService], kase.reference).toEqual([kase.firstReroute!.at, kase.firstReroute!.fromServiceId]);
    }
  });

  it('cases are resolved by their teams in time and late, and the open ones are on track, at risk and breached, marked by the SLA monitor at past times', () => {
    const now = new Date();
    const open = cases.filter((c) => c.status !== 'resolved');
    const states = count(open, (c) => slaStateAt(c.sla, now));
    const breachedInThePast = cases.filter((c) => c.slaMarks?.breachedAt && Date.parse(c.slaMarks.breachedAt) < startedAt.getTime() - 86_400_000);
    expect(cases.filter((c) => c.slaMet === true).length).toBeGreaterThan(20);
    expect(cases.filter((c) => c.slaMet === false).length).toBeGreaterThan(5);
    expect(states['at-risk']).toBeGreaterThan(0);
    expect(states.breached).toBeGreaterThan(0);
    expect(states['on-track']).toBeGreaterThan(0);
    // Every open case past its due time was marked in breach by the monitor, and warned before.
    for (const kase of open.filter((c) => slaStateAt(c.sla, now) === 'breached' && !c.sla.pausedAt)) {
      expect(kase.slaMarks?.breachedAt, kase.reference).toBeDefined();
      expect(Date.parse(kase.slaMarks!.breachedAt!)).toBeGreaterThan(Date.parse(kase.sla.dueAt));
    }
    expect(breachedInThePast.length).toBeGreaterThan(3);
    expect(cases.filter((c) => c.priority === 'urgent').length).toBeGreaterThanOrEqual(3);
  });

  it("a case's history reads in time order, and nothing a team did is in the future", () => {
    const events = items.filter((i) => i.entity === 'case-event').map((i) => i.event as CaseEvent);
    const byCase = new Map<string, CaseEvent[]>();
    for (const e of events) byCase.set(e.reference, [...(byCase.get(e.reference) ?? []), e]);
    expect(events.filter((e) => e.action === 'resolve').length).toBe(report.resolvedByTeams);
    for (const [reference, history] of byCase) {
      const kase = cases.find((c) => c.reference === reference)!;
      const sorted = [...history].sort((a, b) => a.version - b.version);
      expect(sorted.map((e) => e.at), reference).toEqual([...sorted.map((e) => e.at)].sort());
      expect(Date.parse(sorted[0]!.at)).toBeGreaterThanOrEqual(Date.parse(kase.createdAt));
      expect(Date.parse(sorted[sorted.length - 1]!.at)).toBeLessThanOrEqual(startedAt.getTime() + 60_000);
    }
  });

  it('has a few ratings, and emergencies', () => {
    expect(items.filter((i) => i.entity === 'rating').length).toBe(report.ratings);
    expect(report.ratings).toBeGreaterThanOrEqual(5);
    expect(contacts.filter((c) => c.outcome.decision === 'emergency').length).toBeGreaterThanOrEqual(4);
  });

  it('the same resident appears on several channels: one phone number by SMS, on the phone and at the desk', () => {
    const channelsOf = new Map<string, Set<string>>();
    for (const c of contacts) if (c.customerKey) channelsOf.set(c.customerKey, new Set([...(channelsOf.get(c.customerKey) ?? []), c.contact.channel]));
    const several = [...channelsOf.values()].filter((channels) => channels.size > 1);
    expect(several.length).toBeGreaterThan(10);
    expect([...channelsOf.values()].some((channels) => ['sms', 'phone', 'face_to_face'].every((channel) => channels.has(channel)))).toBe(true);
    expect(report.multiChannelResidents).toBeGreaterThan(10);
    const phones = contacts.flatMap((c) => (c.contact.resident.phone ? [c.contact.resident.phone] : []));
    const emails = contacts.flatMap((c) => (c.contact.resident.email ? [c.contact.resident.email] : []));
    expect(phones.every((p) => /^\+447700900\d{3}$/.test(p))).toBe(true);
    expect(emails.every((e) => /@example\.(com|org)$/.test(e))).toBe(true);
  });

  it("the measures count each record on its own day in the past, not the day it was seeded", async () => {
    // Prepare: the month's first days, whose records the stream consumer takes first (the seed
    // writes the month in time order; the whole month is a few minutes' work for the consumer).
    const first = londonTimeOf(new Date(report.from)).date;
    const days = [first, addDays(first, 1), addDays(first, 2), addDays(first, 3)];
    const dayOf = (at: string) => londonTimeOf(new Date(at)).date;
    const expected = days.map((day) => {
      const those = contacts.filter((c) => dayOf(c.contact.receivedAt) === day);
      return {
        key: day,
        contacts: those.length,
        firstContactResolved: those.filter((c) => c.outcome.firstContactResolved).length,
        casesOpened: cases.filter((c) => dayOf(c.createdAt) === day).length,
      };
    });
    const read = () => readMeasures({ from: days[0], to: days[3], by: 'day' }, { store: dynamoMeasuresStore, clock: fixedClock(new Date()) });
    const summary = (m: Awaited<ReturnType<typeof read>>) =>
      m.groups.map((g) => ({ key: g.key, contacts: g.contacts, firstContactResolved: g.firstContactResolved, casesOpened: g.casesOpened }));

    // Act: wait for update-measures to reach them.
    const measures = await waitFor(read, (m) => isDeepStrictEqual(summary(m), expected), 90_000);

    // Assess
    expect(expected.reduce((sum, day) => sum + day.contacts, 0)).toBeGreaterThan(5);
    expect(summary(measures)).toEqual(expected);
  }, 120_000);
});
