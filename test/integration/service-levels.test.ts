// The service-levels view and "who else is looking", through the local gateway against DynamoDB
// Local, signed in as the fake Cognito's people (amara.okafor an adviser, david.hughes a manager,
// priya.shah in Waste Services). Cases late now are opened hours ago by the real application code
// (acceptContact with a past time, as a web form would have sent them), on services whose targets
// count real hours. Other test files leave cases in the same table, so these tests check their own
// cases, the order and the counts' agreement with the list, never the table's totals.
import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { acceptContact as AcceptContact, ContactDeps } from '../../shared/app/contacts.ts';
import type { PresenceStore } from '../../shared/app/presence.ts';
import type { ServiceLevelStore } from '../../shared/app/service-levels.ts';
import type { Channel } from '../../shared/domain/contact.ts';
import { db, postJson, stack, tableItemCount, useStackTable } from '../support/stack.ts';
import { signInAs } from '../support/sign-in.ts';

type Who = 'adviser' | 'manager' | 'team';
const tokens = {} as Record<Who, string>;
const usernames: Record<Who, string> = { adviser: 'amara.okafor', manager: 'david.hughes', team: 'priya.shah' };

let acceptContact: typeof AcceptContact;
let contactDeps: ContactDeps;
let presenceStore: PresenceStore;
let serviceLevelStore: ServiceLevelStore;

beforeAll(async () => {
  const signedIn = await Promise.all((Object.keys(usernames) as Who[]).map(async (who) => [who, (await signInAs(usernames[who])).accessToken] as const));
  Object.assign(tokens, Object.fromEntries(signedIn));
  useStackTable();
  ({ acceptContact } = await import('../../shared/app/contacts.ts'));
  ({ contactDeps } = await import('../../shared/adapters/wiring.ts'));
  ({ dynamoPresenceStore: presenceStore } = await import('../../shared/adapters/presence-store.ts'));
  ({ dynamoServiceLevelStore: serviceLevelStore } = await import('../../shared/adapters/service-level-store.ts'));
});

async function api(method: 'GET' | 'PUT' | 'DELETE', path: string, as: Who = 'adviser') {
  const response = await fetch(`${stack.url}${path}`, { method, headers: { authorization: `Bearer ${tokens[as]}` } });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as Record<string, any> };
}

const levels = (query = '', as: Who = 'manager') => api('GET', `/api/console/service-levels${query}`, as);
const look = (reference: string, as: Who) => api('PUT', `/api/console/cases/${reference}/presence`, as);
const leave = (reference: string, as: Who) => api('DELETE', `/api/console/cases/${reference}/presence`, as);

/** A case opened `hoursAgo` hours ago by the real application code, as if the web form (or another channel) had sent it then. */
async function caseOpenedHoursAgo(hoursAgo: number, description: string, serviceId: string, channel: Channel = 'web'): Promise<string> {
  const outcome = await acceptContact(
    {
      id: randomUUID(),
      channel,
      providerId: randomUUID(),
      receivedAt: new Date(Date.now() - hoursAgo * 3_600_000).toISOString(),
      text: description,
      serviceId,
      resident: {},
    },
    contactDeps,
  );
  if (!outcome.reference) throw new Error(`no case opened for '${description}'`);
  return outcome.reference;
}

/** A team's action at the case's current version, through the service API with the team's key. */
async function teamAction(reference: string, key: string, body: Record<string, unknown>) {
  const { version } = (await api('GET', `/api/console/cases/${reference}`)).body.case;
  return postJson(`/service/cases/${reference}/actions`, { ...body, version }, { authorization: `Bearer ${key}` });
}

/** The counts per team agree with the cases listed (with no team filter, every late case is listed). */
function expectCountsToMatchList(body: Record<string, any>) {
  const listed = new Map<string, { atRisk: number; breached: number }>();
  for (const c of body.cases) {
    const counts = listed.get(c.teamId) ?? { atRisk: 0, breached: 0 };
    counts[c.slaState === 'at-risk' ? 'atRisk' : 'breached'] += 1;
    listed.set(c.teamId, counts);
  }
  expect(Object.fromEntries(body.teams.map((t: any) => [t.teamId, { atRisk: t.atRisk, breached: t.breached }]))).toEqual(Object.fromEntries(listed));
}

describe('the service-levels view', () => {
  // Street Scene's discarded needles: 4 hours, at risk from 2. Drainage's flooding: 4 hours, at risk from 2.
  const cases = {} as Record<'needlesBreached' | 'floodBreached' | 'needlesAtRisk' | 'needlesOnTrack' | 'bySmsAtRisk' | 'pausedLate' | 'pausedInTime', string>;

  beforeAll(async () => {
    Object.assign(cases, {
      needlesBreached: await caseOpenedHoursAgo(7, 'needles left on the ground by the garages', 'discarded-needles'),
      floodBreached: await caseOpenedHoursAgo(5, 'water pooling across the road after the rain', 'flooding'),
      needlesAtRisk: await caseOpenedHoursAgo(3, 'needles left on the ground by the library', 'discarded-needles'),
      needlesOnTrack: await caseOpenedHoursAgo(0.5, 'needles left on the ground by the bus stop', 'discarded-needles'),
      bySmsAtRisk: await caseOpenedHoursAgo(2.5, 'needles left on the ground by the station', 'discarded-needles', 'sms'),
      pausedLate: await caseOpenedHoursAgo(6, 'needles left on the ground by the chapel', 'discarded-needles'),
      pausedInTime: await caseOpenedHoursAgo(1, 'needles left on the ground by the post office', 'discarded-needles'),
    });
    // Street Scene waits on the resident: one case already in breach (it stays breached), one in time (its clock stops).
    for (const reference of [cases.pausedLate, cases.pausedInTime]) {
      expect((await teamAction(reference, 'dev-street-scene-key', { action: 'await-resident', note: 'Which side of the road?' })).status).toBe(200);
    }
  });

  it('lists the open cases at risk or in breach now, most overdue first, with their clocks and counts per team', async () => {
    // Act
    const { status, body } = await levels();

    // Assess
    expect(status).toBe(200);
    const mine = body.cases.filter((c: any) => Object.values(cases).includes(c.reference));
    expect(mine.map((c: any) => [c.reference, c.slaState])).toEqual([
      [cases.needlesBreached, 'breached'],
      [cases.pausedLate, 'breached'],
      [cases.floodBreached, 'breached'],
      [cases.needlesAtRisk, 'at-risk'],
      [cases.bySmsAtRisk, 'at-risk'],
    ]);
    const dueTimes = body.cases.map((c: any) => c.dueAt);
    expect(dueTimes).toEqual([...dueTimes].sort());
    expect(body.cases.every((c: any) => ['at-risk', 'breached'].includes(c.slaState))).toBe(true);
    const breached = mine[0];
    expect(breached).toMatchObject({
      teamId: 'street-scene',
      teamName: 'Street Scene',
      service: { id: 'discarded-needles' },
      channel: 'web',
      status: 'open',
      lookers: [],
      clock: { state: 'breached', dueAt: breached.dueAt, paused: false },
    });
    expect(breached.clock.workingMinutesLeft).toBeLessThanOrEqual(-179);
    expect(mine[3].clock.workingMinutesLeft).toBeGreaterThan(50);
    expect(mine[1].clock).toMatchObject({ state: 'breached', paused: true });
    expect(body.filters).toEqual({ team: null, service: null, channel: null, priority: null });
    expect(body).toMatchObject({ asOf: expect.any(String), truncated: false, openCasesReadPerTeam: 1000 });
    expectCountsToMatchList(body);
    expect(body.teams.map((t: any) => t.teamId)).toEqual(expect.arrayContaining(['street-scene', 'drainage-flooding']));
    // Residents' words and details are not in this view.
    expect(JSON.stringify(body)).not.toContain('needles left');
  });

  it('filters by team (the counts stay across every team), service, channel and priority', async () => {
    // Act
    const [byTeam, byService, byChannel] = await Promise.all([
      levels('?team=drainage-flooding'),
      levels('?service=discarded-needles'),
      levels('?channel=sms'),
    ]);
    const priority = (await levels()).body.cases.find((c: any) => c.reference === cases.floodBreached).priority;
    const byPriority = await levels(`?priority=${priority}`);

    // Assess
    expect(byTeam.body.filters).toEqual({ team: 'drainage-flooding', service: null, channel: null, priority: null });
    expect(byTeam.body.cases.map((c: any) => c.teamId)).toEqual(byTeam.body.cases.map(() => 'drainage-flooding'));
    expect(byTeam.body.cases.map((c: any) => c.reference)).toContain(cases.floodBreached);
    expect(byTeam.body.teams.map((t: any) => t.teamId)).toContain('street-scene');

    expect(byService.body.cases.every((c: any) => c.service.id === 'discarded-needles')).toBe(true);
    expect(byService.body.cases.map((c: any) => c.reference)).toEqual(expect.arrayContaining([cases.needlesBreached, cases.needlesAtRisk]));
    expect(byService.body.cases.map((c: any) => c.reference)).not.toContain(cases.floodBreached);
    expectCountsToMatchList(byService.body);

    expect(byChannel.body.cases.every((c: any) => c.channel === 'sms')).toBe(true);
    expect(byChannel.body.cases.map((c: any) => c.reference)).toContain(cases.bySmsAtRisk);
    expectCountsToMatchList(byChannel.body);

    expect(byPriority.body.cases.every((c: any) => c.priority === priority)).toBe(true);
    expect(byPriority.body.cases.map((c: any) => c.reference)).toContain(cases.floodBreached);
    expectCountsToMatchList(byPriority.body);
  });

  it('refuses an unknown team, service, channel or priority with 400 in words, and an empty filter is no filter', async () => {
    const answers = await Promise.all(['?team=bins', '?service=moon-landing', '?channel=fax', '?priority=low'].map((q) => levels(q)));
    expect(answers.map((a) => a.status)).toEqual([400, 400, 400, 400]);
    expect(answers[0]!.body.error).toMatch(/^team 'bins' is not one of the council's teams: use one of waste-services, /);
    expect(answers[1]!.body.error).toBe("service 'moon-landing' is not a service we offer: use a service id from GET /api/console/services");
    expect(answers[2]!.body.error).toBe("channel 'fax' is not a channel: use one of web, phone, sms, face_to_face, open311");
    expect(answers[3]!.body.error).toBe("priority 'low' is not a priority: use one of normal, high, urgent");
    expect((await levels('?team=&service=&channel=&priority=')).status).toBe(200);
  });

  it("refuses a team's member with 403 in words, and lets an adviser use it", async () => {
    const refused = await levels('', 'team');
    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe('priya.shah may not do this: it needs one of the groups advisers, managers');
    expect((await levels('', 'adviser')).status).toBe(200);
  });

  it('shows who is looking at each case', async () => {
    // Prepare
    expect((await look(cases.needlesBreached, 'adviser')).status).toBe(200);

    // Act
    const { body } = await levels('?service=discarded-needles');

    // Assess
    const row = body.cases.find((c: any) => c.reference === cases.needlesBreached);
    expect(row.lookers).toEqual([{ username: 'amara.okafor', since: expect.any(String) }]);
    await leave(cases.needlesBreached, 'adviser');
    expect((await levels('?service=discarded-needles')).body.cases.find((c: any) => c.reference === cases.needlesBreached).lookers).toEqual([]);
  });

  it("reads a team's open cases by due time at most to the limit, and says when the team has more", async () => {
    // Act: Street Scene has at least the seven cases above (two of them on track or paused in time).
    const all = await serviceLevelStore.openCasesOf('street-scene', new Date(), 1000);
    const two = await serviceLevelStore.openCasesOf('street-scene', new Date(), 2);

    // Assess
    expect(all.truncated).toBe(false);
    const references = all.cases.map((c) => c.reference);
    expect(references).toEqual(expect.arrayContaining([cases.needlesBreached, cases.needlesAtRisk, cases.pausedLate]));
    // Only the fields the view shows; the late ones only (on track, or paused in time, left out).
    expect(references).not.toContain(cases.needlesOnTrack);
    expect(references).not.toContain(cases.pausedInTime);
    expect(Object.keys(all.cases[0]!).sort()).toEqual(['channel', 'createdAt', 'priority', 'reference', 'serviceId', 'serviceName', 'sla', 'status', 'teamId']);
    expect(two.truncated).toBe(true);
    expect(two.cases.length).toBeLessThanOrEqual(3);
  });
});

describe('who else is looking at a case', () => {
  let reference: string;
  beforeAll(async () => {
    reference = await caseOpenedHoursAgo(1, 'needles left on the ground in the park', 'discarded-needles');
  });

  it('answers each heartbeat with the others looking (never the caller), shows them on the case, and forgets whoever leaves', async () => {
    // Act
    const first = await look(reference, 'adviser');
    const second = await look(reference, 'manager');
    const again = await look(reference, 'adviser');
    const caseView = await api('GET', `/api/console/cases/${reference}`, 'adviser');
    const left = await leave(reference, 'manager');
    const after = await api('GET', `/api/console/cases/${reference}`, 'adviser');

    // Assess
    expect(first).toEqual({ status: 200, body: { others: [], ttlSeconds: 60 } });
    expect(second.body.others).toEqual([{ username: 'amara.okafor', since: expect.any(String) }]);
    expect(again.body.others).toEqual([{ username: 'david.hughes', since: expect.any(String) }]);
    // The adviser's look began at their first heartbeat, and their second kept it.
    expect((await look(reference, 'manager')).body.others[0].since).toBe(second.body.others[0].since);
    expect(caseView.body.othersLooking).toEqual([{ username: 'david.hughes', since: expect.any(String) }]);
    expect(left).toEqual({ status: 204, body: undefined });
    expect(after.body.othersLooking).toEqual([]);
    expect((await leave(reference, 'manager')).status).toBe(204);
    await leave(reference, 'adviser');
  });

  it('ignores a presence whose time has passed that the table still holds (DynamoDB deletes expired items late)', async () => {
    // Prepare: someone looked a while ago and their tab went quiet; the item is still there.
    const past = Math.floor(Date.now() / 1000) - 5;
    await presenceStore.put({ reference, username: 'someone.gone', since: new Date((past - 60) * 1000).toISOString(), expiresAt: past });

    // Act
    const heartbeat = await look(reference, 'adviser');
    const view = await api('GET', `/api/console/cases/${reference}`, 'manager');

    // Assess
    expect(heartbeat.body.others).toEqual([]);
    expect(view.body.othersLooking).toEqual([{ username: 'amara.okafor', since: expect.any(String) }]);
    const item = (await db.send(new GetCommand({ TableName: stack.tableName, Key: { pk: 'PRESENCE', sk: `${reference}#someone.gone` } }))).Item;
    expect(item).toMatchObject({ entity: 'presence', expiresAt: past });
    await leave(reference, 'adviser');
  });

  it("lets a team's member look at their team's case, refuses another team's with 403 in words, writing nothing, and a case that does not exist with 404", async () => {
    // Prepare
    const wasteCase = await caseOpenedHoursAgo(1, 'the bin was not emptied this morning', 'missed-bin');
    const before = await tableItemCount();

    // Act
    const refused = await look(reference, 'team');
    const missing = await look('ZZZZ-9999', 'team');
    const countAfterRefusals = await tableItemCount();
    const theirs = await look(wasteCase, 'team');

    // Assess
    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe(`case ${reference} is with Street Scene, not your team: you can open the cases of Waste and Recycling`);
    expect(missing.status).toBe(404);
    expect(countAfterRefusals).toBe(before);
    expect(theirs).toEqual({ status: 200, body: { others: [], ttlSeconds: 60 } });
    expect((await leave(wasteCase, 'team')).status).toBe(204);
  });

  it('needs a signed-in person', async () => {
    const response = await fetch(`${stack.url}/api/console/cases/${reference}/presence`, { method: 'PUT' });
    expect(response.status).toBe(401);
  });
});
