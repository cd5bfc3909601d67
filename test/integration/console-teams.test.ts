// Service teams' members in the console, through the local gateway with real access tokens from the
// fake Cognito: priya.shah (Waste and Recycling), owen.price (Highways and Street Lighting),
// amara.okafor (an adviser) and david.hughes (a manager). Their team's worklist, soonest due first
// with each case's clock; a case's actions by role; every team action through the console, as the
// person (resolve writing the resident's message to the outbox, reroute taking the case to another
// team); a stale version; and another team's case refused on read and on action.
import { randomBytes, randomUUID } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { acceptContact as AcceptContact, ContactDeps } from '../../shared/app/contacts.ts';
import { db, itemsNaming, queueUrl, stack, takeFromQueue, useStackTable } from '../support/stack.ts';
import { signInAs } from '../support/sign-in.ts';

type Who = 'waste' | 'highways' | 'adviser' | 'manager';
const USERNAMES: Record<Who, string> = { waste: 'priya.shah', highways: 'owen.price', adviser: 'amara.okafor', manager: 'david.hughes' };
const tokens = {} as Record<Who, string>;

let acceptContact: typeof AcceptContact;
let contactDeps: ContactDeps;

beforeAll(async () => {
  for (const [who, username] of Object.entries(USERNAMES)) tokens[who as Who] = (await signInAs(username)).accessToken;
  // Cases opened in the past (to see a clock at risk or breached) are recorded by the real
  // application code from this process, against the stack's table.
  useStackTable();
  ({ acceptContact } = await import('../../shared/app/contacts.ts'));
  ({ contactDeps } = await import('../../shared/adapters/wiring.ts'));
});

async function api(method: 'GET' | 'POST', path: string, as: Who, body?: unknown) {
  const response = await fetch(`${stack.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${tokens[as]}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}
const get = (path: string, as: Who) => api('GET', path, as);
const teamAction = (reference: string, as: Who, body: Record<string, unknown>) => api('POST', `/api/console/cases/${reference}/team-actions`, as, body);

const letters = (n: number) => [...randomBytes(n)].map((b) => String.fromCharCode(97 + (b % 26))).join('');

/** A case opened `hoursAgo` hours ago by the real application code, as if the web form had sent it then. */
async function caseOpened(serviceId: string, { hoursAgo = 0, resident = {} as Record<string, string>, description = `report ${letters(8)}` } = {}): Promise<string> {
  const outcome = await acceptContact(
    {
      id: randomUUID(),
      channel: 'web',
      providerId: randomUUID(),
      receivedAt: new Date(Date.now() - hoursAgo * 3_600_000).toISOString(),
      text: description,
      serviceId,
      resident,
    },
    contactDeps,
  );
  return outcome.reference!;
}

/** The resident's messages a case's changes wrote to the outbox, by key. */
async function outboxKeysFor(reference: string): Promise<string[]> {
  const { Items = [] } = await db.send(
    new ScanCommand({
      TableName: stack.tableName,
      FilterExpression: 'begins_with(pk, :prefix)',
      ExpressionAttributeValues: { ':prefix': `NOTIFY#${reference}#` },
      ConsistentRead: true,
    }),
  );
  return Items.map((item) => item.pk as string).sort();
}

type Row = { reference: string; dueAt: string; slaState: string; clock: { state: string; workingMinutesLeft: number; paused: boolean }; [key: string]: unknown };

describe("a team's worklist", () => {
  it("lists a member's team's open cases, soonest due first, each with its clock", async () => {
    // Prepare: Street Lighting cases reported 3 weeks, 5 days and a moment ago (5 working days each).
    const breached = await caseOpened('street-light-fault', { hoursAgo: 24 * 21 });
    const fresh = await caseOpened('street-light-fault');
    const older = await caseOpened('street-light-fault', { hoursAgo: 24 * 5 });

    // Act
    const { status, body } = await get('/api/console/worklist?team=street-lighting', 'highways');

    // Assess
    expect(status).toBe(200);
    expect(body.team).toEqual({ id: 'street-lighting', name: 'Street Lighting' });
    expect(body.memberOf).toEqual([
      { id: 'highways', name: 'Highways' },
      { id: 'street-lighting', name: 'Street Lighting' },
    ]);
    expect(Date.parse(body.asOf)).toBeGreaterThan(Date.now() - 60_000);
    const rows = body.cases as Row[];
    // Running clocks by due time; any waiting for the resident (paused, so not due) after them.
    const running = rows.filter((r) => !r.clock.paused);
    expect(rows.slice(0, running.length)).toEqual(running);
    const dues = running.map((r) => r.dueAt);
    expect([...dues].sort()).toEqual(dues);
    const mine = rows.filter((r) => [breached, older, fresh].includes(r.reference)).map((r) => r.reference);
    expect(mine).toEqual([breached, older, fresh]);
    const row = (reference: string) => rows.find((r) => r.reference === reference)!;
    expect(row(breached)).toMatchObject({ status: 'open', priority: 'normal', slaState: 'breached', clock: { state: 'breached' }, service: { id: 'street-light-fault' }, version: 1, repeatContacts: 0, lookers: [] });
    expect(row(breached).clock.workingMinutesLeft).toBeLessThan(0);
    expect(row(fresh)).toMatchObject({ slaState: 'on-track', clock: { state: 'on-track', paused: false } });
    expect(Date.parse(row(fresh).createdAt as string)).toBeGreaterThan(Date.now() - 60_000);
    expect(rows.every((r) => r.status !== 'resolved')).toBe(true);
  });

  it("gives a member of one team theirs without asking, and asks a member of several which (400, naming them)", async () => {
    const reference = await caseOpened('missed-bin');
    const own = await get('/api/console/worklist', 'waste');
    expect(own.status).toBe(200);
    expect(own.body.team).toEqual({ id: 'waste-services', name: 'Waste and Recycling' });
    expect(own.body.cases.map((r: Row) => r.reference)).toContain(reference);

    expect(await get('/api/console/worklist', 'highways')).toEqual({
      status: 400,
      body: { error: "you are in more than one team: choose one with 'team', one of Highways (highways), Street Lighting (street-lighting)" },
    });
    expect((await get('/api/console/worklist?team=highways', 'highways')).body.team).toEqual({ id: 'highways', name: 'Highways' });
  });

  it("refuses another team's worklist, and anyone in no team, in words (403); an unknown team is 400", async () => {
    expect(await get('/api/console/worklist?team=highways', 'waste')).toEqual({
      status: 403,
      body: { error: "priya.shah is not in Highways: a team's worklist is for its members (yours: Waste and Recycling (waste-services))" },
    });
    expect(await get('/api/console/worklist', 'adviser')).toEqual({ status: 403, body: { error: 'amara.okafor is not in a service team, so has no team worklist' } });
    expect((await get('/api/console/worklist?team=waste-services', 'manager')).status).toBe(403);
    expect(await get('/api/console/worklist?team=moon-base', 'waste')).toEqual({ status: 400, body: { error: "'moon-base' is not one of the council's service teams" } });
  });
});

describe('a case in the console, by role', () => {
  it("offers a member of its team the team's actions, an adviser or a manager the advisers' actions", async () => {
    const reference = await caseOpened('missed-bin');
    const member = await get(`/api/console/cases/${reference}`, 'waste');
    expect(member.status).toBe(200);
    expect(member.body).toMatchObject({ case: { reference, teamId: 'waste-services' }, clock: { state: 'on-track' } });
    expect(member.body.teamActions).toEqual(['accept', 'note', 'await-resident', 'resolve', 'reroute', 'return-to-csn']);
    expect(member.body.allowedActions).toEqual([]);
    for (const who of ['adviser', 'manager'] as const) {
      const view = await get(`/api/console/cases/${reference}`, who);
      expect(view.body.teamActions, who).toEqual([]);
      expect(view.body.allowedActions, who).toEqual(['note', 'further-contact']);
    }
  });

  it("refuses a member of another team the case, on read and on action, in words (403), writing nothing", async () => {
    const reference = await caseOpened('missed-bin');
    const before = await itemsNaming(reference);

    expect(await get(`/api/console/cases/${reference}`, 'highways')).toEqual({
      status: 403,
      body: { error: `case ${reference} is with Waste and Recycling, not your team: you can open the cases of Highways and Street Lighting` },
    });
    const action = await teamAction(reference, 'highways', { version: 1, action: 'accept' });
    expect(action.status).toBe(403);
    expect(action.body.error).toBe(`case ${reference} is with Waste and Recycling, not your team: you can open the cases of Highways and Street Lighting`);
    // An adviser may read any case, but a team's actions are its members'.
    const adviser = await teamAction(reference, 'adviser', { version: 1, action: 'accept' });
    expect(adviser).toEqual({ status: 403, body: { error: `case ${reference} is with Waste and Recycling: only its members can take the team's actions on it` } });
    expect(await itemsNaming(reference)).toBe(before);
    expect((await get(`/api/console/cases/${reference}`, 'waste')).body.case.version).toBe(1);
  });

  it('lets a team member read the services (to reroute), and still not the adviser views', async () => {
    const services = await get('/api/console/services', 'waste');
    expect(services.status).toBe(200);
    expect(services.body.services.map((s: { id: string }) => s.id)).toContain('pothole');
    expect(await get('/api/console/feed', 'waste')).toEqual({ status: 403, body: { error: 'priya.shah may not do this: it needs one of the groups advisers, managers' } });
  });
});

describe("a team's actions through the console", () => {
  it('accepts, notes, waits for the resident, resumes and resolves as the person, telling the resident', async () => {
    const phone = `+447700900${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
    const reference = await caseOpened('missed-bin', { resident: { phone } });
    const steps = [
      { action: 'accept' },
      { action: 'note', note: 'Crew sent back to the street' },
      { action: 'await-resident', note: 'Which bin was it: the blue or the black?' },
      { action: 'resume', note: 'The resident says blue' },
      { action: 'resolve', outcome: 'Blue bin emptied on the second visit', messageToResident: 'We have now emptied your blue bin. Sorry it was missed.' },
    ];
    const statuses: string[] = [];
    for (const [index, step] of steps.entries()) {
      const answer = await teamAction(reference, 'waste', { version: index + 1, ...step });
      expect(answer.status, step.action).toBe(200);
      expect(answer.body.event).toMatchObject({ action: step.action, by: 'priya.shah', team: 'waste-services', version: index + 2 });
      statuses.push(answer.body.case.status);
    }
    expect(statuses).toEqual(['accepted', 'accepted', 'awaiting-resident', 'accepted', 'resolved']);

    const view = await get(`/api/console/cases/${reference}`, 'waste');
    expect(view.body.case).toMatchObject({ status: 'resolved', version: 6, slaMet: true });
    expect(view.body.teamActions).toEqual([]);
    expect(view.body.events.filter((e: { by: string }) => e.by === 'priya.shah')).toHaveLength(5);
    // The resident's update and the request for a rating, in the outbox with the change.
    expect(await outboxKeysFor(reference)).toEqual([`NOTIFY#${reference}#rating-request`, `NOTIFY#${reference}#v6`]);
    // Resolved: off the team's worklist.
    expect((await get('/api/console/worklist', 'waste')).body.cases.map((r: Row) => r.reference)).not.toContain(reference);
  });

  it('reroutes a case to another team, which then has it, and the first team no longer does', async () => {
    const reference = await caseOpened('missed-bin', { description: 'there is a hole in the road where the bin lorry stops' });
    await takeFromQueue(queueUrl('waste-services'), (m) => JSON.parse(m.Body!).caseReference === reference);

    const rerouted = await teamAction(reference, 'waste', { version: 1, action: 'reroute', serviceId: 'pothole', reason: 'It is a pothole, not a bin' });

    expect(rerouted.status).toBe(200);
    expect(rerouted.body.case).toMatchObject({ teamId: 'highways', serviceId: 'pothole', status: 'open', version: 2 });
    expect(rerouted.body.event).toMatchObject({ action: 'reroute', by: 'priya.shah', team: 'waste-services', detail: { fromTeam: 'waste-services', toTeam: 'highways' } });
    expect((await get('/api/console/worklist', 'waste')).body.cases.map((r: Row) => r.reference)).not.toContain(reference);
    expect((await get('/api/console/worklist?team=highways', 'highways')).body.cases.map((r: Row) => r.reference)).toContain(reference);
    expect((await get(`/api/console/cases/${reference}`, 'waste')).status).toBe(403);
    expect((await get(`/api/console/cases/${reference}`, 'highways')).body.teamActions).toContain('accept');
    const handoffs = await takeFromQueue(queueUrl('highways'), (m) => JSON.parse(m.Body!).caseReference === reference);
    expect(handoffs.map((m) => JSON.parse(m.Body!).caseVersion)).toEqual([2]);
  });

  it('returns a case to the Customer Service Network with a reason', async () => {
    const reference = await caseOpened('missed-bin');
    const returned = await teamAction(reference, 'waste', { version: 1, action: 'return-to-csn', reason: 'No address given: please ask the resident' });
    expect(returned.status).toBe(200);
    expect(returned.body.case).toMatchObject({ status: 'returned-to-csn', version: 2 });
    expect(returned.body.event).toMatchObject({ action: 'return-to-csn', by: 'priya.shah', team: 'waste-services', detail: { reason: 'No address given: please ask the resident' } });
    // Now the Customer Service Network's: an adviser may send it back to the team.
    expect((await get(`/api/console/cases/${reference}`, 'adviser')).body.allowedActions).toContain('return-to-team');
  });

  it('refuses a stale version (409 with the current version), an action the status does not allow and bad input (400), writing nothing', async () => {
    const reference = await caseOpened('missed-bin');
    expect((await teamAction(reference, 'waste', { version: 1, action: 'accept' })).status).toBe(200);
    const before = await itemsNaming(reference);

    const stale = await teamAction(reference, 'waste', { version: 1, action: 'note', note: 'typed on an old page' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ currentVersion: 2 });
    expect(stale.body.error).toMatch(/^Someone else changed this case since you opened it/);

    const notNow = await teamAction(reference, 'waste', { version: 2, action: 'accept' });
    expect(notNow).toEqual({ status: 400, body: { error: `'accept' is not possible while case ${reference} is accepted` } });
    const unknownService = await teamAction(reference, 'waste', { version: 2, action: 'reroute', serviceId: 'moon-landing', reason: 'r' });
    expect(unknownService).toEqual({ status: 400, body: { error: "'moon-landing' is not a service we offer" } });
    for (const body of [
      { action: 'note', note: 'no version' },
      { version: 2, action: 'resolve', outcome: 'done' },
      { version: 2, action: 'resolve', outcome: 'done', messageToResident: 'x'.repeat(601) },
      { version: 2, action: 'further-contact', channel: 'phone', note: 'an adviser action' },
    ]) {
      const refused = await teamAction(reference, 'waste', body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.body.problems.length, JSON.stringify(body)).toBeGreaterThan(0);
    }
    expect(await itemsNaming(reference)).toBe(before);
  });
});
