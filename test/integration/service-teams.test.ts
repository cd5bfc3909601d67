// The service teams' side, on its own local stack (so it can fire the SLA monitor's schedule at
// chosen times, and give the reference consumer's queue a short visibility timeout so a poison
// message reaches the dead-letter queue within the test).
import { GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import webhooks from 'twilio/lib/webhooks/webhooks.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platform } from '../../infra/registry.ts';
import { startLocalStack, type LocalStack } from '../../infra/local/stack.ts';
import { serviceApiClient } from '#adapters/service-api-client';
import { consumeHandoff } from '#app/handoff-consumer';
import { waitFor } from '../support/wait.ts';

let stack: LocalStack;
let sqs: SQSClient;
let db: DynamoDBDocumentClient;

const KEYS: Record<string, string> = { 'waste-services': 'dev-waste-key', highways: 'dev-highways-key', 'parks-trees': 'dev-parks-key' };

beforeAll(async () => {
  process.env.LOG_LEVEL = 'CRITICAL';
  const fastQueues = platform.queues.map((q) =>
    q.id === 'handoff-parks-trees' ? { ...q, visibilityTimeoutSeconds: 1, maxReceiveCount: 2 } : q,
  );
  stack = await startLocalStack({ port: 0, platform: { ...platform, queues: fastQueues } });
  const credentials = { accessKeyId: 'l', secretAccessKey: 'l' };
  sqs = new SQSClient({ region: stack.region, endpoint: stack.endpoints.sqs, credentials });
  db = DynamoDBDocumentClient.from(new DynamoDBClient({ region: stack.region, endpoint: stack.endpoints.dynamodb, credentials }));
});

afterAll(async () => {
  sqs?.destroy();
  await stack?.stop();
});

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${stack.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

async function asTeam(teamId: string, method: 'GET' | 'POST', path: string, body?: unknown) {
  const response = await fetch(`${stack.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${KEYS[teamId]}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

/** A text from a resident, as Twilio sends it: signed by the twilio library with the dev token. */
async function textFrom(from: string, body: string, messageSid: string): Promise<string> {
  const url = `${stack.url}/twilio/sms`;
  const params = { MessageSid: messageSid, From: from, To: '+441632960000', Body: body };
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': webhooks.getExpectedTwilioSignature('dev-twilio-auth-token', url, params),
    },
    body: new URLSearchParams(params).toString(),
  });
  return response.text();
}

async function notificationsFor(reference: string) {
  const { Items = [] } = await db.send(
    new ScanCommand({
      TableName: stack.tableName,
      FilterExpression: 'entity = :n AND #m.caseReference = :ref',
      ExpressionAttributeNames: { '#m': 'message' },
      ExpressionAttributeValues: { ':n': 'notification', ':ref': reference },
    }),
  );
  return Items.map((item) => item.message as { reason: string; channel: string; to: string; body: string; subject?: string });
}

/** The hand-off the platform put on the team's queue for a case's version, as it was sent. */
async function handoffOf(reference: string, version = 1): Promise<Record<string, unknown>> {
  const { Item } = await db.send(
    new GetCommand({ TableName: stack.tableName, Key: { pk: `CASE#${reference}`, sk: `HANDOFF#${String(version).padStart(6, '0')}` } }),
  );
  return Item!.message as Record<string, unknown>;
}

async function queueDepth(url: string): Promise<number> {
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
  );
  return Number(Attributes.ApproximateNumberOfMessages ?? 0) + Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0);
}

async function eventsOf(reference: string) {
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: stack.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :e)',
      ExpressionAttributeValues: { ':pk': `CASE#${reference}`, ':e': 'EVENT#' },
    }),
  );
  return Items.map((item) => item.event as { action: string; version: number });
}


describe('the service API', () => {
  it('works a case from the worklist to resolved, telling the resident and asking for a rating', async () => {
    // Prepare
    const phone = `+4477009${String(Date.now() % 100000).padStart(5, '0')}`;
    const created = await post('/api/contacts', { description: 'bin missed on Monday', service: 'missed-bin', phone });
    const reference = created.body.reference as string;

    // Act
    const worklist = await asTeam('waste-services', 'GET', '/service/worklist');
    const accepted = await asTeam('waste-services', 'POST', `/service/cases/${reference}/actions`, { version: 1, action: 'accept' });
    const noted = await asTeam('waste-services', 'POST', `/service/cases/${reference}/actions`, { version: 2, action: 'note', note: 'Crew sent' });
    const resolved = await asTeam('waste-services', 'POST', `/service/cases/${reference}/actions`, {
      version: 3,
      action: 'resolve',
      outcome: 'Collected on Tuesday',
      messageToResident: 'We collected your bin this morning.',
    });
    const history = await asTeam('waste-services', 'GET', `/service/cases/${reference}`);

    // Assess
    expect(worklist.status).toBe(200);
    const entry = worklist.body.cases.find((c: { reference: string }) => c.reference === reference);
    expect(entry).toMatchObject({ status: 'open', version: 1, slaState: expect.stringMatching(/on-track|at-risk|breached/) });
    const dues = worklist.body.cases.map((c: { dueAt: string }) => c.dueAt);
    expect([...dues].sort()).toEqual(dues);
    expect([accepted.status, noted.status, resolved.status]).toEqual([200, 200, 200]);
    expect(resolved.body.case).toMatchObject({ status: 'resolved', version: 4, slaMet: expect.any(Boolean) });
    expect(history.body.events.map((e: { action: string }) => e.action)).toEqual(['accept', 'note', 'resolve']);
    const sent = await notificationsFor(reference);
    expect(sent.map((n) => n.reason).sort()).toEqual(['rating-request', 'case-update'].sort());
    expect(sent.find((n) => n.reason === 'case-update')?.body).toContain('We collected your bin this morning.');
    expect(sent.every((n) => n.to === phone)).toBe(true);
    const after = await asTeam('waste-services', 'GET', '/service/worklist');
    expect(after.body.cases.map((c: { reference: string }) => c.reference)).not.toContain(reference);
  });

  it("keeps teams to their own cases, refuses stale versions, a second resolve, unknown actions and services", async () => {
    const email = `pothole-${Date.now()}@example.org`;
    const { body } = await post('/api/contacts', { description: 'pothole', service: 'pothole', email });
    const reference = body.reference as string;
    const path = `/service/cases/${reference}/actions`;

    expect((await asTeam('waste-services', 'GET', `/service/cases/${reference}`)).status).toBe(404);
    expect((await asTeam('waste-services', 'POST', path, { version: 1, action: 'accept' })).status).toBe(404);
    expect((await asTeam('highways', 'POST', path, { version: 7, action: 'accept' })).status).toBe(409);
    expect((await asTeam('highways', 'POST', path, { version: 1, action: 'fly' })).status).toBe(400);
    expect((await asTeam('highways', 'POST', path, { version: 1, action: 'reroute', serviceId: 'moon', reason: 'x' })).status).toBe(400);
    const resolve = { action: 'resolve', outcome: 'Filled', messageToResident: 'Fixed.' };
    expect((await asTeam('highways', 'POST', path, { version: 1, ...resolve })).status).toBe(200);
    const again = await asTeam('highways', 'POST', path, { version: 2, ...resolve });
    expect(again.status).toBe(409);
    expect(again.body.error).toContain('already resolved');
    // A resident who gave only an email address hears by email, once.
    const emails = await waitFor(async () => stack.sentEmails.filter((e) => e.to.includes(email)), (e) => e.length >= 1);
    expect(emails.map((e) => e.body)).toEqual([expect.stringContaining('Fixed.')]);
    const unauthenticated = await fetch(`${stack.url}/service/worklist`);
    expect(unauthenticated.status).toBe(401);
  });

  it('reroutes a case to another team with a new hand-off and its own SLA, and pauses while waiting on the resident', async () => {
    const { body } = await post('/api/contacts', { description: 'pothole', service: 'pothole' });
    const reference = body.reference as string;
    const path = `/service/cases/${reference}/actions`;
    const waiting = await asTeam('highways', 'POST', path, { version: 1, action: 'await-resident', note: 'Which side of the road?' });
    expect(waiting.body.case.sla.pausedAt).toBeDefined();
    const resumed = await asTeam('highways', 'POST', path, { version: 2, action: 'resume' });
    expect(resumed.body.case.sla.pausedAt).toBeUndefined();
    const rerouted = await asTeam('highways', 'POST', path, { version: 3, action: 'reroute', serviceId: 'street-light-fault', reason: 'It is a lamp column' });
    expect(rerouted.status).toBe(200);
    expect(rerouted.body.case).toMatchObject({ teamId: 'street-lighting', serviceId: 'street-light-fault', status: 'open', version: 4 });
    const url = stack.queues.find((q) => q.definition.teamId === 'street-lighting')!.url;
    const messages = await waitFor(
      async () => (await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }))).Messages ?? [],
      (m) => m.some((x) => JSON.parse(x.Body!).dedupKey === `${reference}#4`),
    );
    expect(messages.map((m) => JSON.parse(m.Body!).dedupKey)).toContain(`${reference}#4`);
    expect((await asTeam('highways', 'GET', `/service/cases/${reference}`)).status).toBe(404);
  });
});

describe('the SLA monitor', () => {
  it('escalates a case once when it crosses its warning point and once when it passes its due time', async () => {
    // Prepare: a dead animal on the road: 1 elapsed hour
    const { body } = await post('/api/contacts', { description: 'dead fox in the road', service: 'dead-animal' });
    const reference = body.reference as string;
    const due = Date.parse(body.dueAt);
    const at = (ms: number) => new Date(ms);

    // Act: the schedule fires before, at and after the warning point, then past the due time, twice each
    await stack.runSchedule('sla-monitor', at(due - 60 * 60_000 + 1000));
    const beforeWarning = await notificationsFor(reference);
    await stack.runSchedule('sla-monitor', at(due - 5 * 60_000));
    await stack.runSchedule('sla-monitor', at(due - 4 * 60_000));
    const afterWarning = await notificationsFor(reference);
    await stack.runSchedule('sla-monitor', at(due + 60_000));
    await stack.runSchedule('sla-monitor', at(due + 120_000));

    // Assess
    expect(beforeWarning).toEqual([]);
    expect(afterWarning.map((n) => n.subject)).toEqual([expect.stringContaining('SLA at risk')]);
    const escalations = (await notificationsFor(reference)).filter((n) => n.reason === 'escalation');
    expect(escalations.map((n) => n.subject?.slice(0, 12)).sort()).toEqual(['SLA at risk:', 'SLA breached'].sort());
    expect(escalations.every((n) => n.channel === 'email' && n.to.includes('@'))).toBe(true);
    expect((await eventsOf(reference)).map((e) => e.action)).toEqual(['warned', 'breached']);
    // Delivered by send-notifications through (the local fake of) Amazon SES, once each.
    const emailed = await waitFor(
      async () => stack.sentEmails.filter((e) => e.subject.includes(reference)),
      (emails) => emails.length >= 2,
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(stack.sentEmails.filter((e) => e.subject.includes(reference)).map((e) => e.subject.slice(0, 12)).sort()).toEqual(
      ['SLA at risk:', 'SLA breached'].sort(),
    );
    expect(emailed[0]!.to).toEqual([escalations[0]!.to]);
    expect(emailed[0]!.from).toBe('frontdoor@council.example.gov.uk');
  });
});

describe("a team's hand-off queue", () => {
  it('the reference consumer accepts valid hand-offs (a poison message ends in the DLQ without holding back the batch), and the resolved case reaches the resident by SMS', async () => {
    // Prepare
    const queue = stack.queues.find((q) => q.definition.id === 'handoff-parks-trees')!;
    await sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: '{"not": "a hand-off"}' }));
    const phone = `+4477009${String((Date.now() + 7) % 100000).padStart(5, '0')}`;
    const { body } = await post('/api/contacts', { description: 'overgrown hedge', service: 'overgrown-vegetation', phone });
    expect(body.teamId).toBe('parks-trees');

    // Act / Assess
    const accepted = await waitFor(
      () => asTeam('parks-trees', 'GET', `/service/cases/${body.reference}`),
      (r) => r.body.case?.status === 'accepted',
    );
    expect(accepted.body.case.status).toBe('accepted');
    const depth = await waitFor(
      async () =>
        Number(
          (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queue.deadLetterUrl, AttributeNames: ['ApproximateNumberOfMessages'] })))
            .Attributes?.ApproximateNumberOfMessages ?? 0,
        ),
      (n) => n >= 1,
      20_000,
    );
    expect(depth).toBe(1);

    // The team resolves the case it was handed; the resident's SMS reaches (the local fake of) Twilio.
    const resolved = await asTeam('parks-trees', 'POST', `/service/cases/${body.reference}/actions`, {
      version: accepted.body.case.version,
      action: 'resolve',
      outcome: 'Hedge cut back',
      messageToResident: 'We have cut back the hedge on your street.',
    });
    expect(resolved.status).toBe(200);
    const texts = await waitFor(
      async () => stack.sentSms.filter((m) => m.to === phone),
      (m) => m.length >= 2,
    );
    expect(texts.map((m) => m.body).join('\n')).toContain('We have cut back the hedge on your street.');
    expect(texts.some((m) => /rate|1 \(poor\)/i.test(m.body))).toBe(true);

    // The resident answers "how did we do?" with a 4: recorded against the case, once.
    const rate = (text: string, sid: string) => textFrom(phone, text, sid);
    const thanks = await rate('4', `SM${'a'.repeat(31)}1`);
    const again = await rate('5', `SM${'a'.repeat(31)}2`);
    expect(thanks).toContain('Thank you for rating');
    expect(again).not.toContain('Thank you for rating');
    const { Items = [] } = await db.send(
      new QueryCommand({ TableName: stack.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `RATING#${body.reference}` } }),
    );
    expect(Items.map((item) => item.rating)).toEqual([
      expect.objectContaining({ reference: body.reference, rating: 4, serviceId: 'overgrown-vegetation', teamId: 'parks-trees', channel: 'sms' }),
    ]);
  });
});

describe("the reference consumer's way of acknowledging: through the service API with the team's key", () => {
  it('accepts a case whose version moved on while it was open at the current version, once, however often the hand-off comes', async () => {
    // Prepare: a Highways case (no consumer runs on that queue here) that a note moved to version 2
    const { body } = await post('/api/contacts', { description: 'pothole', service: 'pothole' });
    const reference = body.reference as string;
    const handoff = JSON.stringify(await handoffOf(reference));
    const noted = await asTeam('highways', 'POST', `/service/cases/${reference}/actions`, { version: 1, action: 'note', note: 'Seen from the road' });
    expect(noted.body.case).toMatchObject({ status: 'open', version: 2 });
    const api = serviceApiClient({ baseUrl: () => stack.url, apiKey: async () => KEYS.highways! });

    // Act: the hand-off (version 1) arrives, then again
    const first = await consumeHandoff(handoff, 'highways', api);
    const again = await consumeHandoff(handoff, 'highways', api);

    // Assess
    expect([first, again]).toEqual(['accepted', 'already-handled']);
    const history = await asTeam('highways', 'GET', `/service/cases/${reference}`);
    expect(history.body.case).toMatchObject({ status: 'accepted', version: 3 });
    expect(history.body.events.map((e: { action: string; by: string }) => [e.action, e.by])).toEqual([
      ['note', 'highways'],
      ['accept', 'highways'],
    ]);
    // Another team's key sees no such case, so it cannot acknowledge it.
    const parks = serviceApiClient({ baseUrl: () => stack.url, apiKey: async () => KEYS['parks-trees']! });
    expect(await parks.act(reference, { version: 3, action: 'accept' })).toBe('not-found');
  });

  it('the deployed reference consumer takes a redelivered hand-off off the queue and changes nothing', async () => {
    // Prepare: a Parks and Trees case the consumer has accepted
    const queue = stack.queues.find((q) => q.definition.id === 'handoff-parks-trees')!;
    const { body } = await post('/api/contacts', { description: 'overgrown hedge', service: 'overgrown-vegetation' });
    const reference = body.reference as string;
    const accepted = await waitFor(
      () => asTeam('parks-trees', 'GET', `/service/cases/${reference}`),
      (r) => r.body.case?.status === 'accepted',
    );
    const deadLettersBefore = await queueDepth(queue.deadLetterUrl);

    // Act: the same hand-off is delivered again
    await sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: JSON.stringify(await handoffOf(reference)) }));
    await waitFor(() => queueDepth(queue.url), (depth) => depth === 0, 20_000);

    // Assess: handled (deleted, not dead-lettered) and the case as it was
    expect(await queueDepth(queue.deadLetterUrl)).toBe(deadLettersBefore);
    const after = await asTeam('parks-trees', 'GET', `/service/cases/${reference}`);
    expect(after.body.case.version).toBe(accepted.body.case.version);
    expect(after.body.events.map((e: { action: string }) => e.action)).toEqual(['accept']);
  });
});
