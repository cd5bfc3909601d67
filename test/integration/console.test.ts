// The advisers' console API through the local gateway, signed in as the fake Cognito's people
// (amara.okafor an adviser, david.hughes a manager, priya.shah in Waste Services): who may call
// what; the new-contact view (services, the suggestion as they type, recording a contact, texting
// the reference); finding a resident and their timeline across channels; a case with its clock
// and the adviser's actions; and the feed of the latest contacts.
import { randomBytes, randomUUID } from 'node:crypto';
import { GetCommand, PutCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { acceptContact as AcceptContact, ContactDeps } from '../../shared/app/contacts.ts';
import { londonTimeOf } from '../../shared/domain/calendar.ts';
import { db, itemsNaming, postJson, queueUrl, stack, tableItemCount, takeFromQueue, useStackTable } from '../support/stack.ts';
import { signInAs } from '../support/sign-in.ts';
import { postTwilio, smsSentTo } from '../support/twilio.ts';
import { waitFor } from '../support/wait.ts';

type Who = 'adviser' | 'manager' | 'team';
const tokens = {} as Record<Who, string>;

let acceptContact: typeof AcceptContact;
let contactDeps: ContactDeps;

beforeAll(async () => {
  const [adviser, manager, team] = await Promise.all(['amara.okafor', 'david.hughes', 'priya.shah'].map((username) => signInAs(username)));
  Object.assign(tokens, { adviser: adviser!.accessToken, manager: manager!.accessToken, team: team!.accessToken });
  // Cases opened in the past (to see a clock at risk or breached) are recorded by the real
  // application code from this process, against the stack's table.
  useStackTable();
  ({ acceptContact } = await import('../../shared/app/contacts.ts'));
  ({ contactDeps } = await import('../../shared/adapters/wiring.ts'));
});

/** A console call as `as` (default the adviser), or with a raw token, or none (null). */
async function api(
  method: Method,
  path: string,
  { body, as = 'adviser', token, headers = {} }: { body?: unknown; as?: Who | null; token?: string; headers?: Record<string, string> } = {},
) {
  const bearer = token ?? (as === null ? undefined : tokens[as]);
  const response = await fetch(`${stack.url}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(bearer === undefined ? {} : { authorization: `Bearer ${bearer}` }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

const post = (path: string, body: unknown, options: { as?: Who | null; headers?: Record<string, string> } = {}) => api('POST', path, { body, ...options });
const get = (path: string, options: { as?: Who | null } = {}) => api('GET', path, options);

const letters = (n: number) => [...randomBytes(n)].map((b) => String.fromCharCode(97 + (b % 26))).join('');
const uniqueEmail = () => `f2f-${Date.now()}-${letters(6)}@example.org`;
/** A surname no other test in this run gives: letters only, so it is one name word. */
const uniqueSurname = () => `Q${letters(9)}`;
const keyPath = (key: string) => encodeURIComponent(key);

async function item(pk: string, sk: string) {
  return (await db.send(new GetCommand({ TableName: stack.tableName, Key: { pk, sk }, ConsistentRead: true }))).Item;
}

/** The outbox items (notifications to the resident) queued for a case, by key: one per message. */
async function outboxKeysFor(reference: string): Promise<string[]> {
  const keys: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({
        TableName: stack.tableName,
        FilterExpression: 'begins_with(pk, :prefix)',
        ExpressionAttributeValues: { ':prefix': `NOTIFY#${reference}#` },
        ProjectionExpression: 'pk',
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    keys.push(...(page.Items ?? []).map((i) => i.pk as string));
    start = page.LastEvaluatedKey;
  } while (start);
  return keys.sort();
}

/** A mobile number in Ofcom's drama range that nobody in this run has used yet: no contact, no text, no STOP. */
async function freshMobile(): Promise<string> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const phone = `+447700900${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
    const unused =
      (await get(`/api/console/residents/${keyPath(`PHONE#${phone}`)}/timeline`)).status === 404 &&
      (await smsSentTo(phone)).length === 0 &&
      (await item(`SMS#${phone}`, 'OPTOUT')) === undefined;
    if (unused) return phone;
  }
  throw new Error('no unused drama-range number left');
}

/** A case opened `hoursAgo` hours ago by the real application code (as if the web form had sent it then). */
async function caseOpenedHoursAgo(hoursAgo: number, description: string, serviceId: string, phone?: string): Promise<string> {
  const outcome = await acceptContact(
    {
      id: randomUUID(),
      channel: 'web',
      providerId: randomUUID(),
      receivedAt: new Date(Date.now() - hoursAgo * 3_600_000).toISOString(),
      text: description,
      serviceId,
      resident: phone ? { phone } : {},
    },
    contactDeps,
  );
  return outcome.reference!;
}

const teamAction = (reference: string, key: string, body: Record<string, unknown>) =>
  postJson(`/service/cases/${reference}/actions`, body, { authorization: `Bearer ${key}` });

/** A team's action at the case's current version: the SLA monitor (every minute) may mark a late case first. */
async function teamActionNow(reference: string, key: string, body: Record<string, unknown>) {
  for (let attempt = 0; ; attempt++) {
    const { version } = (await get(`/api/console/cases/${reference}`)).body.case;
    const answer = await teamAction(reference, key, { ...body, version });
    if (answer.status !== 409 || attempt === 3) return answer;
  }
}

/** The day's measures once the stream has counted everything before (the same totals three reads running). */
async function settledMeasures(day: string) {
  const read = () => get(`/api/console/measures?from=${day}&to=${day}`, { as: 'manager' });
  const reads = [await read()];
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline && (reads.length < 3 || new Set(reads.slice(-3).map((r) => JSON.stringify(r.body.totals))).size > 1)) {
    await new Promise((resolve) => setTimeout(resolve, 400));
    reads.push(await read());
  }
  return reads[reads.length - 1]!;
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

const ADVISER_ROUTES: Array<[Method, string, unknown?]> = [
  ['GET', '/api/console/services'],
  ['POST', '/api/console/route', { description: 'my bin was not emptied' }],
  ['POST', '/api/console/contacts', { channel: 'phone', description: 'my bin was not emptied' }],
  ['GET', '/api/console/residents?q=07700900123'],
  ['GET', `/api/console/residents/${keyPath('PHONE#+447700900123')}/timeline`],
  ['GET', '/api/console/cases/K7MD-Q9PX'],
  ['POST', '/api/console/cases/K7MD-Q9PX/actions', { version: 1, action: 'note', note: 'x' }],
  ['POST', '/api/console/cases/K7MD-Q9PX/text-confirmation', {}],
  ['GET', '/api/console/feed'],
  ['GET', '/api/console/service-levels'],
  ['PUT', '/api/console/contacts/failure-demand', { channel: 'phone', providerId: 'x', kind: 'chasing' }],
];

/** Routes for others than advisers (teams' members, anyone who may open a case, managers): each needs a token too. */
const OTHER_ROUTES: Array<[Method, string, unknown?]> = [
  ['GET', '/api/console/me'],
  ['GET', '/api/console/measures'],
  ['GET', '/api/console/demand'],
  ['GET', '/api/console/worklist'],
  ['POST', '/api/console/cases/K7MD-Q9PX/team-actions', { version: 1, action: 'accept' }],
  ['PUT', '/api/console/cases/K7MD-Q9PX/presence'],
  ['DELETE', '/api/console/cases/K7MD-Q9PX/presence'],
];

describe('who may use the console', () => {
  it('refuses a call without a token, or with one that is not valid, in words (401)', async () => {
    for (const [method, path, body] of [...ADVISER_ROUTES, ...OTHER_ROUTES]) {
      const missing = await api(method, path, { body, as: null });
      expect(missing.status, `${method} ${path}`).toBe(401);
      expect(missing.body.error).toBe('sign in: send your access token as Authorization: Bearer <token>');
    }
    const forged = await api('GET', '/api/console/feed', { token: 'not-a-token' });
    expect(forged.status).toBe(401);
    expect(forged.body.error).toMatch(/^sign in again: /);
    // An id token is not an access token.
    const { idToken } = await signInAs('amara.okafor');
    expect((await api('GET', '/api/console/me', { token: idToken })).status).toBe(401);
  });

  it('says who is signed in and what they may do', async () => {
    expect((await get('/api/console/me')).body).toEqual({
      username: 'amara.okafor',
      groups: ['advisers'],
      roles: { adviser: true, manager: false, teams: [] },
    });
    expect((await get('/api/console/me', { as: 'manager' })).body).toEqual({
      username: 'david.hughes',
      groups: ['managers'],
      roles: { adviser: true, manager: true, teams: [] },
    });
    expect((await get('/api/console/me', { as: 'team' })).body).toEqual({
      username: 'priya.shah',
      groups: ['waste-services'],
      roles: { adviser: false, manager: false, teams: ['waste-services'] },
    });
  });

  it("refuses a team's member on every adviser route and an adviser on the measures (403 in words), and writes nothing", async () => {
    const before = await tableItemCount();
    // A team's members may read the services (to reroute) and their own team's cases: console-teams.test.ts.
    const teamsToo = new Set(['GET /api/console/services', 'GET /api/console/cases/K7MD-Q9PX']);
    for (const [method, path, body] of ADVISER_ROUTES.filter(([method, path]) => !teamsToo.has(`${method} ${path}`))) {
      const refused = await api(method, path, { body, as: 'team' });
      expect(refused.status, `${method} ${path}`).toBe(403);
      expect(refused.body.error).toBe('priya.shah may not do this: it needs one of the groups advisers, managers');
    }
    const measures = await get('/api/console/measures', { as: 'adviser' });
    expect(measures.status).toBe(403);
    expect(measures.body.error).toBe('amara.okafor may not do this: it needs one of the groups managers');
    expect(await tableItemCount()).toBe(before);
  });

  it('lets a manager use the adviser views and read the measures', async () => {
    expect((await get('/api/console/feed?limit=1', { as: 'manager' })).status).toBe(200);
    expect((await get('/api/console/measures', { as: 'manager' })).status).toBe(200);
  });
});

describe('the new-contact view', () => {
  it("lists the catalogue's services for the picker, with the details each needs", async () => {
    const { status, body } = await get('/api/console/services');
    expect(status).toBe(200);
    const byId = new Map(body.services.map((s: { id: string }) => [s.id, s]));
    expect(byId.get('missed-bin')).toMatchObject({ name: 'Report a missed bin collection', teamId: 'waste-services', resolvable: false });
    expect((byId.get('missed-bin') as any).requiredDetails).toContainEqual({
      id: 'bin-type',
      question: 'Which bin was missed?',
      label: 'Which bin was missed?',
      kind: 'choice',
      options: ['general waste', 'recycling', 'garden waste', 'food waste'],
      required: false,
    });
    expect(byId.get('bin-day')).toMatchObject({ resolvable: true });
    const names = body.services.map((s: { name: string }) => s.name);
    expect(names).toEqual([...names].sort((a: string, b: string) => a.localeCompare(b)));
  });

  it('shows the routing suggestion, with the words to give when it can be answered now, recording nothing', async () => {
    const before = await tableItemCount();
    const pothole = await post('/api/console/route', { description: 'there is a big pothole on the high street' });
    expect(pothole.status).toBe(200);
    expect(pothole.body).toMatchObject({ decision: 'handoff', service: { id: 'pothole' }, teamId: 'highways' });
    expect(pothole.body.explanation.length).toBeGreaterThan(0);
    expect(pothole.body.answer).toBeUndefined();

    const hours = await post('/api/console/route', { description: 'what are your opening hours?' });
    expect(hours.body).toMatchObject({ decision: 'resolve', service: { id: 'council-opening-hours' } });
    expect(hours.body.answer).toMatch(/open/i);
    const tax = await post('/api/console/route', { description: 'I need to pay my council tax' });
    expect(tax.body).toMatchObject({ decision: 'resolve', service: { id: 'pay-council-tax' } });
    expect(tax.body.answer).toMatch(/https?:\/\//);
    expect(await tableItemCount()).toBe(before);
  });

  it('records a face-to-face contact taken by an adviser, hands it off, and the team gets it', async () => {
    // Act
    const { status, body } = await post('/api/console/contacts', {
      channel: 'face_to_face',
      centre: 'Guildhall Customer Service Centre',
      description: 'Resident reports a dumped sofa in the alley behind Mill Lane',
      resident: { name: 'Ada', email: uniqueEmail() },
    });

    // Assess
    expect(status).toBe(201);
    expect(body.suggestion).toMatchObject({ service: { id: 'fly-tipping' } });
    expect(body.outcome).toMatchObject({ decision: 'handoff', service: { id: 'fly-tipping' }, teamId: 'street-scene' });
    expect(body.outcome.commitment).toMatch(/^by /);
    const stored = await item(`CASE#${body.outcome.reference}`, 'CASE');
    expect(stored?.case).toMatchObject({ channel: 'face_to_face', serviceId: 'fly-tipping' });
    expect(stored?.case.routing.explanation.join(' ')).toContain('Adviser amara.okafor chose');
    const messages = await takeFromQueue(queueUrl('street-scene'), (m) => JSON.parse(m.Body!).caseReference === body.outcome.reference);
    expect(messages).toHaveLength(1);
    expect(JSON.parse(messages[0]!.Body!).channel).toBe('face_to_face');
  });

  it('lets an adviser choose another service only with a reason, and keeps the reason with the case', async () => {
    const description = 'there is a big pothole on the high street';
    const refused = await post('/api/console/contacts', { channel: 'phone', description, service: 'street-light-fault' });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toContain("say why in 'overrideReason'");

    const { status, body } = await post('/api/console/contacts', {
      channel: 'phone',
      description,
      service: 'street-light-fault',
      overrideReason: 'The caller says the hole is where a lamp column was removed',
    });
    expect(status).toBe(201);
    expect(body.outcome).toMatchObject({ decision: 'handoff', service: { id: 'street-light-fault' } });
    expect((await item(`CASE#${body.outcome.reference}`, 'CASE'))?.case.routing.explanation.join(' ')).toContain('lamp column was removed');
  });

  it('records a contact the adviser resolved there and then: no case, counted as first-contact resolution', async () => {
    const before = await tableItemCount();
    const { status, body } = await post('/api/console/contacts', {
      channel: 'face_to_face',
      description: 'Wanted to know how to pay council tax by direct debit',
      service: 'pay-council-tax',
      resolvedNote: 'Set up the direct debit with the resident at the desk',
    });
    expect(status).toBe(201);
    expect(body.outcome).toMatchObject({ decision: 'resolve', firstContactResolved: true });
    expect(body.outcome.reference).toBeUndefined();
    expect(await tableItemCount()).toBe(before + 1);
  });

  it('answers a retry with the same Idempotency-Key as the first time, recording once', async () => {
    const key = randomUUID();
    const contact = { channel: 'phone', description: 'graffiti sprayed on the bus shelter', service: 'graffiti', resident: { email: uniqueEmail() } };
    const first = await post('/api/console/contacts', contact, { headers: { 'idempotency-key': key } });
    const count = await tableItemCount();
    const again = await post('/api/console/contacts', contact, { headers: { 'idempotency-key': key } });
    expect(again).toEqual(first);
    expect(await tableItemCount()).toBe(count);
  });

  it('texts the resident their reference and commitment once, however often it is pressed', async () => {
    // Prepare
    const phone = await freshMobile();
    const { body } = await post('/api/console/contacts', {
      channel: 'phone',
      description: 'Our bin was missed this morning',
      service: 'missed-bin',
      resident: { name: 'Grace', phone: `0${phone.slice(3, 7)} ${phone.slice(7)}` },
    });
    const reference: string = body.outcome.reference;

    // Act
    const first = await post(`/api/console/cases/${reference}/text-confirmation`, {});
    const second = await post(`/api/console/cases/${reference.toLowerCase().replace('-', '')}/text-confirmation`, {});

    // Assess
    expect(first).toEqual({ status: 202, body: { sentTo: `07... ending ${phone.slice(-3)}`, status: 'queued' } });
    expect(second).toEqual({ status: 202, body: { sentTo: `07... ending ${phone.slice(-3)}`, status: 'queued', alreadyQueued: true } });
    expect((await item(`NOTIFY#${reference}#adviser-confirmation#v1`, 'NOTIFY'))?.message).toMatchObject({ channel: 'sms', to: phone, reason: 'confirmation' });
    // One message in the outbox for the case (the sender delivers each dedup key once), and it arrives.
    expect(await outboxKeysFor(reference)).toEqual([`NOTIFY#${reference}#adviser-confirmation#v1`]);
    const sent = await waitFor(() => smsSentTo(phone), (messages) => messages.length > 0);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toMatch(new RegExp(`aim to deal with it by \\d.*Your reference is ${reference}\\.$`));
  });

  it('texts the new commitment once more after the case changed (a reroute), and says in words there is no due time while it waits on the resident', async () => {
    // Prepare
    const phone = await freshMobile();
    const reference = (await post('/api/console/contacts', { channel: 'phone', description: 'Our bin was missed again', service: 'missed-bin', resident: { phone } })).body.outcome.reference;
    const first = await post(`/api/console/cases/${reference}/text-confirmation`, {});
    const rerouted = await teamActionNow(reference, 'dev-waste-key', { action: 'reroute', serviceId: 'assisted-collection', reason: 'They need an assisted collection' });
    expect(rerouted.status).toBe(200);
    const version: number = rerouted.body.case.version;

    // Act
    const afterReroute = await post(`/api/console/cases/${reference}/text-confirmation`, {});
    const waiting = await teamActionNow(reference, 'dev-waste-key', { action: 'await-resident', note: 'Asked which day suits them' });
    const before = await tableItemCount();
    const whileWaiting = await post(`/api/console/cases/${reference}/text-confirmation`, {});

    // Assess
    expect(first).toEqual({ status: 202, body: { sentTo: `07... ending ${phone.slice(-3)}`, status: 'queued' } });
    expect(afterReroute).toEqual({ status: 202, body: { sentTo: `07... ending ${phone.slice(-3)}`, status: 'queued' } });
    const queued = await item(`NOTIFY#${reference}#adviser-confirmation#v${version}`, 'NOTIFY');
    expect(queued?.message).toMatchObject({ channel: 'sms', to: phone, reason: 'confirmation' });
    expect(queued?.message.body).toContain('Ask for help putting your bin out');
    expect(waiting.status).toBe(200);
    expect(whileWaiting.status).toBe(400);
    expect(whileWaiting.body.error).toContain('waiting for the resident');
    expect(await tableItemCount()).toBe(before);
  });

  it('says why it cannot text: no number, a landline, a resident who sent STOP, no such case', async () => {
    const noPhone = await post('/api/console/contacts', { channel: 'phone', description: 'graffiti on the wall', service: 'graffiti', resident: { email: uniqueEmail() } });
    const landline = await post('/api/console/contacts', { channel: 'phone', description: 'graffiti on the fence', service: 'graffiti', resident: { phone: '01632 960123' } });
    const stopped = await freshMobile();
    await postTwilio('/twilio/sms', { MessageSid: `SM${randomBytes(16).toString('hex')}`, From: stopped, To: '+441632960000', Body: 'STOP' });
    const optedOut = await post('/api/console/contacts', { channel: 'phone', description: 'graffiti on the gate', service: 'graffiti', resident: { phone: stopped } });
    const before = await tableItemCount();

    const refusals = await Promise.all(
      [noPhone, landline, optedOut].map((r) => post(`/api/console/cases/${r.body.outcome.reference}/text-confirmation`, {})),
    );
    expect(refusals.map((r) => r.status)).toEqual([400, 400, 409]);
    expect(refusals[0]!.body.error).toContain('has no phone number to text');
    expect(refusals[1]!.body.error).toContain('is not a mobile number, so it cannot take texts');
    expect(refusals[2]!.body.error).toContain('they sent STOP');
    expect(refusals.map((r) => r.body.error).join(' ')).not.toContain(stopped);
    const unknown = await post('/api/console/cases/K7MD-Q9PX/text-confirmation', {});
    expect(unknown).toEqual({ status: 404, body: { error: 'no case has the reference K7MD-Q9PX' } });
    expect(await tableItemCount()).toBe(before);
  });

  it('refuses bad input in words and writes nothing', async () => {
    const before = await tableItemCount();
    const bad = await post('/api/console/contacts', { channel: 'carrier-pigeon', description: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.problems).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'channel' })]));
    expect((await post('/api/console/contacts', { channel: 'phone', description: 'x', service: 'moon-landing', overrideReason: 'r' })).status).toBe(400);
    expect((await post('/api/console/contacts', { channel: 'phone', description: '<script>alert(1)</script>' })).status).toBe(400);
    const noDescription = await post('/api/console/route', {});
    expect(noDescription.status).toBe(400);
    expect(noDescription.body.problems).toEqual([{ field: 'description', message: 'is required' }]);
    expect((await post('/api/console/route', 'not json')).body.error).toMatch(/^the body is not valid JSON/);
    expect(await tableItemCount()).toBe(before);
  });
});

describe('the resident view', () => {
  it('finds a resident by name (every word, any order, any case), by phone in any spelling, by email and by reference', async () => {
    // Prepare: one resident, known by phone and email over two contacts.
    const surname = uniqueSurname();
    const phone = await freshMobile();
    const email = uniqueEmail();
    const first = await post('/api/console/contacts', {
      channel: 'face_to_face',
      description: 'Our bin was missed this morning',
      service: 'missed-bin',
      resident: { name: `Amara ${surname}`, phone, email },
    });
    await postJson('/api/contacts', { description: 'What are your opening hours?', phone: `0${phone.slice(3)}` });
    const anonymous = await postJson('/api/contacts', { description: 'pothole outside the school', service: 'pothole' });
    const expected = { key: `PHONE#${phone}`, name: `Amara ${surname}`, phone, email, contacts: 2 };

    // Act + Assess
    const national = `0${phone.slice(3)}`;
    const searches = [
      [`${surname.toLowerCase()} AMARA`, 'name'],
      [surname, 'name'],
      [`${national.slice(0, 5)} ${national.slice(5)}`, 'phone'],
      [`+44 ${phone.slice(3, 7)} ${phone.slice(7)}`, 'phone'],
      [phone.slice(1), 'phone'],
      [email.toUpperCase(), 'email'],
      [first.body.outcome.reference.toLowerCase().replace('-', ' '), 'reference'],
    ] as const;
    for (const [q, kind] of searches) {
      const { status, body } = await get(`/api/console/residents?q=${encodeURIComponent(q)}`);
      expect(status, q).toBe(200);
      expect(body.kind, q).toBe(kind);
      expect(body.residents, q).toEqual([{ ...expected, lastContactAt: expect.any(String) }]);
    }
    const byReference = await get(`/api/console/residents?q=${first.body.outcome.reference}`);
    expect(byReference.body.case).toEqual({ reference: first.body.outcome.reference });

    // A word the name does not have, an unknown number, and an anonymous report's reference.
    expect((await get(`/api/console/residents?q=${encodeURIComponent(`${surname} Grace`)}`)).body.residents).toEqual([]);
    expect((await get('/api/console/residents?q=07700%20900000')).body).toMatchObject({ kind: 'phone' });
    // Someone known only by their email address.
    const emailOnly = uniqueEmail();
    await post('/api/console/contacts', { channel: 'phone', description: 'graffiti on the garages', service: 'graffiti', resident: { email: emailOnly } });
    expect((await get(`/api/console/residents?q=${encodeURIComponent(` ${emailOnly.toUpperCase()} `)}`)).body.residents).toEqual([
      { key: `EMAIL#${emailOnly}`, email: emailOnly, lastContactAt: expect.any(String), contacts: 1 },
    ]);
    const anonymousCase = await get(`/api/console/residents?q=${anonymous.body.reference}`);
    expect(anonymousCase.body).toEqual({ query: anonymous.body.reference, kind: 'reference', residents: [], case: { reference: anonymous.body.reference } });
  });

  it('says what is wrong with a search it cannot read (400)', async () => {
    const cases: Array<[string, string]> = [
      ['', 'search for a phone number, an email address, a case reference or a name'],
      ['07700 12', "'07700 12' is not a phone number"],
      ['someone@', "'someone@' is not an email address"],
      ['J', 'give at least 2 letters of a name (or a phone number, an email address or a case reference)'],
    ];
    for (const [q, error] of cases) expect(await get(`/api/console/residents?q=${encodeURIComponent(q)}`)).toEqual({ status: 400, body: { error } });
  });

  it("shows one timeline of a resident's SMS, web and face-to-face contacts and their cases, newest first", async () => {
    // Prepare: the same number, written three ways, on three channels.
    const phone = await freshMobile();
    const web = await postJson('/api/contacts', { description: 'Broken glass all over the pavement', service: 'street-cleaning', phone: `0${phone.slice(3)}` });
    const reference: string = web.body.reference;
    const sms = await postTwilio('/twilio/sms', { MessageSid: `SM${randomBytes(16).toString('hex')}`, From: phone, To: '+441632960000', Body: `Where is my case ${reference}?` });
    expect(sms.status).toBe(200);
    const desk = await post('/api/console/contacts', {
      channel: 'face_to_face',
      description: 'Asked how to pay council tax',
      service: 'pay-council-tax',
      resolvedNote: 'Showed the resident the direct debit form',
      resident: { name: 'Ruth Ellis', phone: `+44 ${phone.slice(3)}`, address: '4 Mill Lane' },
    });
    expect(desk.status).toBe(201);

    // Act
    const { status, body } = await get(`/api/console/residents/${keyPath(`PHONE#${phone}`)}/timeline`);

    // Assess
    expect(status).toBe(200);
    expect(body.resident).toEqual({ key: `PHONE#${phone}`, name: 'Ruth Ellis', phone, address: '4 Mill Lane' });
    const times = body.entries.map((e: { at: string }) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
    const contacts = body.entries.filter((e: { kind: string }) => e.kind === 'contact');
    expect(contacts.map((c: { channel: string }) => c.channel)).toEqual(['face_to_face', 'sms', 'web']);
    expect(contacts[0]).toMatchObject({ decision: 'resolve', firstContactResolved: true, takenBy: 'amara.okafor', service: { id: 'pay-council-tax' }, summary: 'Asked how to pay council tax' });
    expect(contacts[1]).toMatchObject({ repeatOf: reference, reference });
    expect(contacts[2]).toMatchObject({ decision: 'handoff', reference, summary: 'Broken glass all over the pavement' });
    expect(contacts[2].takenBy).toBeUndefined();
    expect(body.entries.filter((e: { kind: string }) => e.kind === 'case')).toEqual([
      {
        kind: 'case',
        at: expect.any(String),
        reference,
        status: 'open',
        service: { id: 'street-cleaning', name: expect.any(String) },
        teamId: 'street-scene',
        priority: 'high',
        dueAt: web.body.dueAt,
        slaState: 'on-track',
        repeatContacts: 1,
      },
    ]);
  });

  it('answers 404 for a key nobody has, and 400 for something that is not a key', async () => {
    expect(await get(`/api/console/residents/${keyPath('EMAIL#nobody-at-all@example.org')}/timeline`)).toEqual({
      status: 404,
      body: { error: 'we have no contact or case from that resident' },
    });
    expect((await get('/api/console/residents/somebody/timeline')).status).toBe(400);
  });
});

describe('the case view', () => {
  it('shows the clock on the business calendar in each state: on track, at risk, breached, paused, met and missed', async () => {
    // Prepare
    const onTrack = (await post('/api/console/contacts', { channel: 'phone', description: 'bin missed', service: 'missed-bin', resident: { email: uniqueEmail() } })).body.outcome.reference;
    const atRisk = await caseOpenedHoursAgo(3, 'needles left on the ground by the bins', 'discarded-needles'); // 4 h, warned at 2 h
    const breached = await caseOpenedHoursAgo(6, 'needles left on the ground by the shops', 'discarded-needles');
    const paused = (await post('/api/console/contacts', { channel: 'phone', description: 'bin missed again today', service: 'missed-bin' })).body.outcome.reference;
    expect((await teamActionNow(paused, 'dev-waste-key', { action: 'await-resident', note: 'Which bin?' })).status).toBe(200);
    const met = (await post('/api/console/contacts', { channel: 'phone', description: 'bin not emptied', service: 'missed-bin' })).body.outcome.reference;
    expect((await teamActionNow(met, 'dev-waste-key', { action: 'resolve', outcome: 'Emptied', messageToResident: 'Done.' })).status).toBe(200);
    const missed = await caseOpenedHoursAgo(7, 'needles left on the ground by the church', 'discarded-needles');
    expect((await teamActionNow(missed, 'dev-street-scene-key', { action: 'resolve', outcome: 'Removed', messageToResident: 'Done.' })).status).toBe(200);

    // Act
    const views: Record<string, any> = Object.fromEntries(
      await Promise.all(Object.entries({ onTrack, atRisk, breached, paused, met, missed }).map(async ([name, reference]) => [name, (await get(`/api/console/cases/${reference}`)).body])),
    );

    // Assess
    expect(Object.fromEntries(Object.entries(views).map(([name, view]) => [name, [view.clock.state, view.clock.paused]]))).toEqual({
      onTrack: ['on-track', false],
      atRisk: ['at-risk', false],
      breached: ['breached', false],
      paused: ['paused', true],
      met: ['met', false],
      missed: ['missed', false],
    });
    for (const view of Object.values(views)) {
      expect(view.clock).toMatchObject({ dueAt: view.case.sla.dueAt, warnAt: view.case.sla.warnAt, asOf: expect.any(String) });
    }
    // Elapsed-hours targets count real time: about an hour left at risk, an hour or two over once breached.
    expect(views.atRisk.clock.workingMinutesLeft).toBeGreaterThan(50);
    expect(views.atRisk.clock.workingMinutesLeft).toBeLessThanOrEqual(60);
    expect(views.breached.clock.workingMinutesLeft).toBeLessThan(-100);
    expect(views.missed.clock.workingMinutesLeft).toBeLessThan(0);
    expect(views.met.clock.workingMinutesLeft).toBeGreaterThan(0);
    expect(views.onTrack.clock.workingMinutesLeft).toBeGreaterThan(0);
  });

  it('shows the whole case, its history oldest first, how the resident hears from us and what the adviser may do', async () => {
    const email = uniqueEmail();
    const created = await post('/api/console/contacts', { channel: 'face_to_face', description: 'missed bin collection on Tuesday', service: 'missed-bin', resident: { name: 'Grace', email } });
    const reference: string = created.body.outcome.reference;
    await teamAction(reference, 'dev-waste-key', { version: 1, action: 'accept' });

    const { status, body } = await get(`/api/console/cases/${reference.toLowerCase()}`);

    expect(status).toBe(200);
    expect(body.case).toMatchObject({ reference, status: 'accepted', version: 2, resident: { name: 'Grace', email } });
    expect(body.events.map((e: { action: string; by: string }) => [e.action, e.by])).toEqual([['accept', 'waste-services']]);
    expect(body.contactPreference).toEqual({ channel: 'email', to: `f...@example.org` });
    expect(body.allowedActions).toEqual(['note', 'further-contact']);
    expect(await get('/api/console/cases/K7MD-Q9PX')).toEqual({ status: 404, body: { error: 'no case has the reference K7MD-Q9PX' } });
    expect((await get('/api/console/cases/not-a-reference')).status).toBe(404);
  });

  it('adds a note as the adviser, and refuses a stale version with 409 and the current version', async () => {
    const reference = (await post('/api/console/contacts', { channel: 'phone', description: 'graffiti on the library wall', service: 'graffiti' })).body.outcome.reference;

    const noted = await post(`/api/console/cases/${reference}/actions`, { version: 1, action: 'note', note: 'Resident called to add it is offensive' });
    const stale = await post(`/api/console/cases/${reference}/actions`, { version: 1, action: 'note', note: 'A second note on an old copy' });

    expect(noted.status).toBe(200);
    expect(noted.body.case).toMatchObject({ version: 2, status: 'open', teamId: 'street-scene' });
    expect(noted.body.event).toMatchObject({ action: 'note', by: 'amara.okafor', version: 2, detail: { note: 'Resident called to add it is offensive' } });
    expect(stale.status).toBe(409);
    expect(stale.body).toEqual({
      error: 'Someone else changed this case since you opened it (it is now at version 2): read it again, then make your change',
      currentVersion: 2,
    });
    const view = await get(`/api/console/cases/${reference}`);
    expect(view.body.events.map((e: { action: string }) => e.action)).toEqual(['note']);
  });

  it('records a further contact as a repeat of the case: a contact, one more repeat on the case, counted in the measures', async () => {
    // Prepare
    const phone = await freshMobile();
    const reference = (await post('/api/console/contacts', { channel: 'phone', description: 'bin missed on Monday', service: 'missed-bin', resident: { phone } })).body.outcome.reference;
    const today = londonTimeOf(new Date()).date;
    const before = await settledMeasures(today);
    const key = randomUUID();

    // Act
    const { status, body } = await post(
      `/api/console/cases/${reference}/actions`,
      { version: 1, action: 'further-contact', channel: 'phone', note: 'Resident chasing: still not collected' },
      { headers: { 'idempotency-key': key } },
    );

    // Assess
    expect(status).toBe(200);
    expect(body.case).toMatchObject({ version: 2, repeatContacts: 1 });
    expect(body.event).toMatchObject({ action: 'further-contact', by: 'amara.okafor', detail: { channel: 'phone', note: 'Resident chasing: still not collected' } });
    const contact = await item(`CONTACT#phone#action:${reference}:${key}`, 'CONTACT');
    expect(contact?.contact).toMatchObject({ channel: 'phone', text: 'Resident chasing: still not collected', takenBy: { adviserId: 'amara.okafor' } });
    expect(contact?.outcome).toMatchObject({ repeatOf: reference, firstContactResolved: false, service: { id: 'missed-bin' } });
    const timeline = await get(`/api/console/residents/${keyPath(`PHONE#${phone}`)}/timeline`);
    expect(timeline.body.entries[0]).toMatchObject({ kind: 'contact', repeatOf: reference, takenBy: 'amara.okafor' });
    const counted = { repeatContacts: before.body.totals.repeatContacts + 1, contacts: before.body.totals.contacts + 1 };
    const after = await waitFor(
      () => get(`/api/console/measures?from=${today}&to=${today}`, { as: 'manager' }),
      (r) => r.body.totals.repeatContacts >= counted.repeatContacts,
    );
    expect(after.body.totals).toMatchObject(counted);
  });

  it('answers a further contact retried with its Idempotency-Key after a lost reply (at the old version) with the first answer, recording it once', async () => {
    // Prepare: the first request succeeded; its reply was lost.
    const reference = (await post('/api/console/contacts', { channel: 'phone', description: 'bin missed on Friday', service: 'missed-bin' })).body.outcome.reference;
    const key = randomUUID();
    const action = { version: 1, action: 'further-contact', channel: 'phone', note: 'Resident chasing the Friday bin' };
    const first = await post(`/api/console/cases/${reference}/actions`, action, { headers: { 'idempotency-key': key } });
    const count = await tableItemCount();

    // Act
    const again = await post(`/api/console/cases/${reference}/actions`, action, { headers: { 'idempotency-key': key } });

    // Assess
    expect(first.status).toBe(200);
    expect(again).toEqual(first);
    expect(await tableItemCount()).toBe(count);
    const view = await get(`/api/console/cases/${reference}`);
    expect(view.body.case).toMatchObject({ version: 2, repeatContacts: 1 });
    expect(view.body.events.map((e: { action: string }) => e.action)).toEqual(['further-contact']);
    // The key again with other words is another request: refused in words, nothing written.
    const reused = await post(`/api/console/cases/${reference}/actions`, { ...action, note: 'Something else' }, { headers: { 'idempotency-key': key } });
    expect(reused).toEqual({ status: 422, body: { error: 'this Idempotency-Key was used before for another request: send a new key with a new request' } });
    expect(await tableItemCount()).toBe(count);
  });

  it('answers a further contact retried with its Idempotency-Key at the current version with the first answer, not a fault', async () => {
    const reference = (await post('/api/console/contacts', { channel: 'face_to_face', description: 'bin missed on Saturday', service: 'missed-bin' })).body.outcome.reference;
    const key = randomUUID();
    const action = { action: 'further-contact', channel: 'face_to_face', note: 'Resident came in about the Saturday bin' };
    const first = await post(`/api/console/cases/${reference}/actions`, { ...action, version: 1 }, { headers: { 'idempotency-key': key } });
    const count = await tableItemCount();

    const again = await post(`/api/console/cases/${reference}/actions`, { ...action, version: 2 }, { headers: { 'idempotency-key': key } });

    expect(first.status).toBe(200);
    expect(again).toEqual(first);
    expect(await tableItemCount()).toBe(count);
    const view = await get(`/api/console/cases/${reference}`);
    expect(view.body.case).toMatchObject({ version: 2, repeatContacts: 1 });
    expect(view.body.events.map((e: { action: string }) => e.action)).toEqual(['further-contact']);
  });

  it("reports a change whose contact was recorded before as a duplicate, writing nothing (the store's own answer to a race)", async () => {
    const { dynamoCaseStore } = await import('../../shared/adapters/store.ts');
    const reference = (await post('/api/console/contacts', { channel: 'phone', description: 'bin missed on Sunday', service: 'missed-bin', resident: { email: uniqueEmail() } })).body.outcome.reference;
    const key = randomUUID();
    await post(`/api/console/cases/${reference}/actions`, { version: 1, action: 'further-contact', channel: 'phone', note: 'Chasing the Sunday bin' }, { headers: { 'idempotency-key': key } });
    const before = (await dynamoCaseStore.getCase(reference))!;
    const byCustomer = await db.send(
      new QueryCommand({ TableName: stack.tableName, IndexName: 'byCustomer', KeyConditionExpression: 'customerKey = :key', ExpressionAttributeValues: { ':key': before.customerKey } }),
    );
    const recorded = byCustomer.Items!.filter((i) => i.entity === 'contact' && i.outcome.repeatOf === reference);
    expect(recorded).toHaveLength(1);
    const count = await tableItemCount();

    // The same contact again, with the case at its current version (as a second request racing the first would be).
    const saved = await dynamoCaseStore.saveChange({
      before,
      after: { ...before, version: before.version + 1, repeatContacts: before.repeatContacts + 1 },
      events: [],
      notifications: [],
      contact: { contact: recorded[0]!.contact, outcome: recorded[0]!.outcome },
    });

    expect(saved).toBe('duplicate');
    expect(await tableItemCount()).toBe(count);
    expect((await dynamoCaseStore.getCase(reference))).toEqual(before);
  });

  it('keeps an Idempotency-Key sent to both a new contact and a further contact apart: each records its own', async () => {
    const reference = (await post('/api/console/contacts', { channel: 'phone', description: 'bin missed on Thursday', service: 'missed-bin' })).body.outcome.reference;
    const newContact = () => ({ channel: 'phone', description: 'graffiti on the underpass', service: 'graffiti', resident: { email: uniqueEmail() } });
    const furtherContact = { version: 1, action: 'further-contact', channel: 'phone', note: 'Resident chasing the Thursday bin' };

    // A key first on a new contact, then on a further contact; another the other way round.
    const [one, two] = [randomUUID(), randomUUID()];
    const contactFirst = await post('/api/console/contacts', newContact(), { headers: { 'idempotency-key': one } });
    const actionSecond = await post(`/api/console/cases/${reference}/actions`, furtherContact, { headers: { 'idempotency-key': one } });
    const actionFirst = await post(`/api/console/cases/${reference}/actions`, { ...furtherContact, version: 2 }, { headers: { 'idempotency-key': two } });
    const contactSecond = await post('/api/console/contacts', newContact(), { headers: { 'idempotency-key': two } });

    expect(contactFirst.status).toBe(201);
    expect(actionSecond.status).toBe(200);
    expect(actionSecond.body.case).toMatchObject({ reference, version: 2, repeatContacts: 1 });
    expect(actionFirst.status).toBe(200);
    expect(actionFirst.body.case).toMatchObject({ reference, version: 3, repeatContacts: 2 });
    expect(contactSecond.status).toBe(201);
    expect(contactSecond.body.outcome).toMatchObject({ service: { id: 'graffiti' } });
    expect(contactSecond.body.outcome.repeatOf).toBeUndefined();
    expect(contactSecond.body.outcome.contactId).not.toBe(contactFirst.body.outcome.contactId);
  });

  it("counts a resident's repeat through a channel on the case and changes nothing else on it", async () => {
    const resident = { email: uniqueEmail() };
    const reference = (await post('/api/console/contacts', { channel: 'phone', description: 'bin missed on Tuesday', service: 'missed-bin', resident })).body.outcome.reference;
    const before = (await get(`/api/console/cases/${reference}`)).body.case;

    const repeat = await post('/api/console/contacts', { channel: 'face_to_face', description: 'still waiting for my missed bin', service: 'missed-bin', resident });

    expect(repeat.body.outcome).toMatchObject({ repeatOf: reference });
    expect((await get(`/api/console/cases/${reference}`)).body.case).toEqual({ ...before, repeatContacts: before.repeatContacts + 1 });
  });

  it('returns a case to a team only once the team returned it to customer services, and the team gets it again', async () => {
    const reference = (await post('/api/console/contacts', { channel: 'phone', description: 'bin missed on Wednesday', service: 'missed-bin' })).body.outcome.reference;
    await takeFromQueue(queueUrl('waste-services'), (m) => JSON.parse(m.Body!).caseReference === reference);

    const tooSoon = await post(`/api/console/cases/${reference}/actions`, { version: 1, action: 'return-to-team', reason: 'Now we have the address' });
    expect(tooSoon.status).toBe(400);
    expect(tooSoon.body.error).toContain('can be returned to a team only after the team has returned it to customer services');

    expect((await teamAction(reference, 'dev-waste-key', { version: 1, action: 'return-to-csn', reason: 'We need the address' })).status).toBe(200);
    const view = await get(`/api/console/cases/${reference}`);
    expect(view.body.allowedActions).toEqual(['note', 'further-contact', 'return-to-team']);
    const returned = await post(`/api/console/cases/${reference}/actions`, { version: 2, action: 'return-to-team', reason: 'Address is 4 Mill Lane' });

    expect(returned.status).toBe(200);
    expect(returned.body.case).toMatchObject({ status: 'open', teamId: 'waste-services', serviceId: 'missed-bin', version: 3 });
    expect(returned.body.case.sla).toEqual(view.body.case.sla);
    expect(returned.body.event).toMatchObject({ action: 'return-to-team', by: 'amara.okafor', fromStatus: 'returned-to-csn', toStatus: 'open' });
    const handoffs = await takeFromQueue(queueUrl('waste-services'), (m) => JSON.parse(m.Body!).caseReference === reference);
    expect(handoffs.map((m) => JSON.parse(m.Body!).caseVersion)).toEqual([3]);
  });

  it('refuses bad input in words and writes nothing', async () => {
    const reference = (await post('/api/console/contacts', { channel: 'phone', description: 'graffiti on the church hall', service: 'graffiti' })).body.outcome.reference;
    const before = await itemsNaming(reference);
    const cases = [
      { action: 'note', note: 'no version' },
      { version: 1, action: 'resolve', outcome: 'done', messageToResident: 'done' },
      { version: 1, action: 'further-contact', channel: 'sms', note: 'texted' },
      { version: 1, action: 'note', note: '' },
    ];
    for (const body of cases) {
      const refused = await post(`/api/console/cases/${reference}/actions`, body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.body.problems.length).toBeGreaterThan(0);
    }
    const unknownService = await post(`/api/console/cases/${reference}/actions`, { version: 1, action: 'return-to-team', serviceId: 'moon-landing', reason: 'r' });
    expect(unknownService.status).toBe(400);
    expect(await itemsNaming(reference)).toBe(before);
    expect((await get(`/api/console/cases/${reference}`)).body.case.version).toBe(1);
  });
});

describe('the now view', () => {
  it('lists the latest contacts across channels, newest first, with their decisions', async () => {
    // Prepare: a web contact, an SMS and a face-to-face contact, one after another.
    const web = await postJson('/api/contacts', { description: 'Large pothole on Station Road', service: 'pothole' });
    const phone = await freshMobile();
    await postTwilio('/twilio/sms', { MessageSid: `SM${randomBytes(16).toString('hex')}`, From: phone, To: '+441632960000', Body: 'I can smell gas in my kitchen' });
    await post('/api/console/contacts', { channel: 'face_to_face', description: `${'Asked about opening hours. '.repeat(10)}`, service: 'council-opening-hours' });

    // Act
    const { status, body } = await get('/api/console/feed?limit=3');

    // Assess
    expect(status).toBe(200);
    expect(Date.parse(body.asOf)).toBeGreaterThan(Date.now() - 60_000);
    expect(body.entries.map((e: { channel: string }) => e.channel)).toEqual(['face_to_face', 'sms', 'web']);
    expect(body.entries[0]).toMatchObject({ decision: 'resolve', firstContactResolved: true, service: { id: 'council-opening-hours' } });
    expect(body.entries[0].summary.length).toBeLessThanOrEqual(120);
    expect(body.entries[0].summary).toMatch(/…$/);
    expect(body.entries[1]).toMatchObject({ decision: 'emergency', summary: 'I can smell gas in my kitchen' });
    expect(body.entries[2]).toMatchObject({ decision: 'handoff', reference: web.body.reference, service: { id: 'pothole' } });
    const all = await get('/api/console/feed');
    const times = all.body.entries.map((e: { at: string }) => e.at);
    expect(times.length).toBeGreaterThan(3);
    expect(times.length).toBeLessThanOrEqual(50);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('refuses a limit outside 1 to 100', async () => {
    for (const limit of ['0', '101', 'many', '2.5']) {
      expect(await get(`/api/console/feed?limit=${limit}`)).toEqual({
        status: 400,
        body: { error: `'limit' must be a whole number from 1 to 100 (got '${limit}')` },
      });
    }
  });
});
