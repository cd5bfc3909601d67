// Failure demand end to end against the test run's stack: advisers mark contacts through the
// console API, the table stream gives the contact's change to update-measures (its filter lets a
// contact's MODIFY through), the counters and the examples move once per change, and a manager
// reads the demand analysis, the examples in the residents' words with their personal data left
// out. The contacts counted exactly are recorded by the application's own code on a day of their
// own, 200 days ago, so no other test's contacts share their counters.
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lambdaContext } from '../../infra/local/lambda.ts';
import type { acceptContact as AcceptContact, ContactDeps } from '../../shared/app/contacts.ts';
import { addDays, londonInstant, londonTimeOf } from '../../shared/domain/calendar.ts';
import type { Contact } from '../../shared/domain/contact.ts';
import { signInAs } from '../support/sign-in.ts';
import { tableStreamRecordsOf } from '../support/table-stream.ts';
import { db, stack, useStackTable } from '../support/stack.ts';
import { waitFor } from '../support/wait.ts';

type As = 'adviser' | 'manager' | 'team' | 'nobody';
const tokens = {} as Record<Exclude<As, 'nobody'>, string>;
let acceptContact: typeof AcceptContact;
let contactDeps: ContactDeps;
let streams: DynamoDBStreamsClient;
let raw: DynamoDBClient;

beforeAll(async () => {
  const [adviser, manager, team] = await Promise.all(['amara.okafor', 'david.hughes', 'priya.shah'].map((username) => signInAs(username)));
  Object.assign(tokens, { adviser: adviser!.accessToken, manager: manager!.accessToken, team: team!.accessToken });
  // Contacts on a day in the past are recorded by the real application code from this process.
  useStackTable();
  ({ acceptContact } = await import('../../shared/app/contacts.ts'));
  ({ contactDeps } = await import('../../shared/adapters/wiring.ts'));
  const config = { region: stack.region, endpoint: stack.dynamodbEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
  streams = new DynamoDBStreamsClient(config);
  raw = new DynamoDBClient(config);
});

afterAll(() => {
  streams?.destroy();
  raw?.destroy();
});

async function call(method: 'GET' | 'POST' | 'PUT', path: string, { body, as = 'adviser' }: { body?: unknown; as?: As } = {}) {
  const response = await fetch(`${stack.url}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(as === 'nobody' ? {} : { authorization: `Bearer ${tokens[as]}` }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

const mark = (body: Record<string, unknown>, as: As = 'adviser') => call('PUT', '/api/console/contacts/failure-demand', { body, as });
const today = () => londonTimeOf(new Date()).date;
/** A day of this file's own: no other test records contacts 200 days ago. */
const DAY = addDays(londonTimeOf(new Date()).date, -200);
const measuresOn = (day: string) => call('GET', `/api/console/measures?from=${day}&to=${day}&by=service`, { as: 'manager' });
const demandOn = (day: string, query = '') => call('GET', `/api/console/demand?from=${day}&to=${day}${query}`, { as: 'manager' });

/** A contact recorded by the application as if it had come in at `time` (London) on DAY. */
async function recordOn(time: string, contact: Omit<Contact, 'id' | 'providerId' | 'receivedAt'>): Promise<{ providerId: string; outcome: Awaited<ReturnType<typeof AcceptContact>> }> {
  const providerId = randomUUID();
  const outcome = await acceptContact({ id: randomUUID(), providerId, receivedAt: londonInstant(DAY, time).toISOString(), ...contact }, contactDeps);
  return { providerId, outcome };
}

/** A drama-range mobile number nobody in this run has been in touch from. */
async function freshPhone(): Promise<string> {
  for (;;) {
    const phone = `+447700900${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
    if ((await call('GET', `/api/console/residents/${encodeURIComponent(`PHONE#${phone}`)}/timeline`)).status === 404) return phone;
  }
}

/** The feed entry of a contact, found by its words. */
async function feedEntry(words: string) {
  const feed = await call('GET', '/api/console/feed?limit=100');
  return feed.body.entries.find((e: { summary: string }) => e.summary.startsWith(words));
}

/** The stream records of one item, as Lambda would deliver them. */
const streamRecordsOf = (pk: string): Promise<DynamoDBRecord[]> => tableStreamRecordsOf({ raw, streams }, stack.tableName, pk);

const service = (report: Record<string, any>, id: string) => report.groups?.find((g: { key: string }) => g.key === id);

describe('failure demand', () => {
  it('counts an adviser’s mark, a change of kind and a cleared mark once each, from the contact’s change on the stream', { timeout: 90_000 }, async () => {
    // Prepare: on DAY a resident reports a missed bin on the web, then rings about it (the platform
    // links the call to the open case: a repeat); another resident's bin is missed again.
    const [phone, patelPhone] = [await freshPhone(), await freshPhone()];
    const first = await recordOn('09:00', { channel: 'web', text: 'Bin missed on Monday in Mill Lane', serviceId: 'missed-bin', resident: { phone } });
    const again = await recordOn('11:00', { channel: 'phone', text: 'Ringing again about the bin, nobody has come', serviceId: 'missed-bin', resident: { phone } });
    const patel = await recordOn('14:00', {
      channel: 'face_to_face',
      text: 'Mrs Patel at 14 Orchard Close, 07700 900452, says her bin was missed again though she was promised it yesterday',
      serviceId: 'missed-bin',
      resident: { name: 'Sunita Patel', phone: patelPhone, address: '14 Orchard Close, Hightown' },
      takenBy: { adviserId: 'amara.okafor' },
    });
    expect(first.outcome).toMatchObject({ decision: 'handoff', service: { id: 'missed-bin' } });
    expect(again.outcome.repeatOf).toBe(first.outcome.reference);
    expect(patel.outcome.repeatOf).toBeUndefined();
    const counted = await waitFor(() => measuresOn(DAY), (r) => service(r.body, 'missed-bin')?.contacts === 3);
    expect(counted.body.totals).toMatchObject({
      contacts: 3,
      repeatContacts: 1,
      failureDemand: 1,
      valueDemand: 2,
      failureDemandByKind: { repeat: 1, chasing: 0, repeating: 0, correcting: 0, complaining: 0 },
    });

    // Act: the adviser marks Mrs Patel's contact as chasing, from her timeline...
    const timeline = await call('GET', `/api/console/residents/${encodeURIComponent(`PHONE#${patelPhone}`)}/timeline`);
    const entry = timeline.body.entries.find((e: { kind: string }) => e.kind === 'contact');
    expect(entry).toMatchObject({ channel: 'face_to_face', providerId: patel.providerId, countedAsRepeat: false });
    expect(entry.failureDemand).toBeUndefined();
    const marked = await mark({ channel: entry.channel, providerId: entry.providerId, kind: 'chasing' });

    // Assess: who and when, and counted on the contact's own day.
    expect(marked.status).toBe(200);
    expect(marked.body).toMatchObject({ changed: true, countedAs: 'chasing', failureDemand: { kind: 'chasing', by: 'amara.okafor' } });
    expect(Date.now() - Date.parse(marked.body.failureDemand.at)).toBeLessThan(60_000);
    const afterMark = await waitFor(() => measuresOn(DAY), (r) => r.body.totals?.failureDemand === 2);
    expect(service(afterMark.body, 'missed-bin')).toMatchObject({ contacts: 3, failureDemand: 2, valueDemand: 1, failureDemandShare: 0.6667 });
    expect(afterMark.body.totals).toMatchObject({ failureDemand: 2, failureDemandByKind: { repeat: 1, chasing: 1 } });
    const marks = (await call('GET', `/api/console/residents/${encodeURIComponent(`PHONE#${patelPhone}`)}/timeline`)).body.entries;
    expect(marks.find((e: { kind: string }) => e.kind === 'contact')).toMatchObject({ failureDemand: { kind: 'chasing', by: 'amara.okafor' } });

    // The same mark again changes nothing; a manager changes the kind; the adviser refines the repeat.
    const same = await mark({ channel: entry.channel, providerId: entry.providerId, kind: 'chasing' }, 'manager');
    expect(same.body).toMatchObject({ changed: false, failureDemand: { by: 'amara.okafor' } });
    expect((await mark({ channel: entry.channel, providerId: entry.providerId, kind: 'complaining' }, 'manager')).body).toMatchObject({
      changed: true,
      failureDemand: { kind: 'complaining', by: 'david.hughes' },
    });
    const refined = await mark({ channel: 'phone', providerId: again.providerId, kind: 'chasing' });
    expect(refined.body).toMatchObject({ changed: true, countedAsRepeat: true, countedAs: 'chasing' });
    const afterChanges = await waitFor(
      () => measuresOn(DAY),
      (r) => r.body.totals?.failureDemandByKind.chasing === 1 && r.body.totals?.failureDemandByKind.complaining === 1,
    );
    expect(service(afterChanges.body, 'missed-bin')).toMatchObject({
      failureDemand: 2,
      repeatContacts: 1,
      failureDemandByKind: { repeat: 0, chasing: 1, repeating: 0, correcting: 0, complaining: 1 },
    });

    // The manager reads the demand analysis: the service, its share and kinds, and its examples in
    // the residents' words with the name, address and phone number left out, newest first.
    const report = await waitFor(
      () => demandOn(DAY),
      (r) => r.body.services?.[0]?.examples?.length === 2 && r.body.services[0].examples.some((e: { kind: string }) => e.kind === 'complaining'),
    );
    expect(report.status).toBe(200);
    expect(report.body.totals).toMatchObject({ contacts: 3, failureDemand: 2, valueDemand: 1 });
    expect(report.body.services).toHaveLength(1);
    expect(report.body.services[0]).toMatchObject({ serviceId: 'missed-bin', name: 'Report a missed bin collection', failureDemand: 2, failureDemandShare: 0.6667 });
    expect(report.body.services[0].examples.map((e: { channel: string; kind: string; words: string; day: string }) => [e.day, e.channel, e.kind, e.words])).toEqual([
      [DAY, 'face_to_face', 'complaining', '[name] at [address], [phone], says her bin was missed again though she was promised it yesterday'],
      [DAY, 'phone', 'chasing', 'Ringing again about the bin, nobody has come'],
    ]);
    expect(report.body.series).toEqual([{ period: DAY, from: DAY, to: DAY, services: [{ serviceId: 'missed-bin', contacts: 3, failureDemand: 2, valueDemand: 1 }] }]);

    // Cleared as made in error: the count and its example go; the platform's repeat keeps its own.
    const cleared = await mark({ channel: entry.channel, providerId: entry.providerId, kind: null });
    expect(cleared.body).toMatchObject({ changed: true, failureDemand: null, countedAs: null });
    const afterClear = await waitFor(() => measuresOn(DAY), (r) => r.body.totals?.failureDemand === 1);
    expect(service(afterClear.body, 'missed-bin')).toMatchObject({ failureDemand: 1, valueDemand: 2, failureDemandByKind: { chasing: 1, complaining: 0 } });
    const examples = await db.send(
      new QueryCommand({
        TableName: stack.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :day)',
        ExpressionAttributeValues: { ':pk': 'MEASURES#EXAMPLES#missed-bin', ':day': DAY },
      }),
    );
    expect(examples.Items!.map((item) => [item.example.kind, item.entity])).toEqual([['chasing', 'measure-example']]);
    const in400Days = Date.parse(londonInstant(DAY, '11:00').toISOString()) / 1000 + 400 * 86_400;
    expect(examples.Items![0]!.expiresAt).toBe(in400Days);

    // The stream carried three changes to her contact (marked, changed, cleared), and a change
    // delivered again (as the stream does after a retry) counts nothing twice.
    const changes = (await streamRecordsOf(`CONTACT#face_to_face#${patel.providerId}`)).filter((r) => r.eventName === 'MODIFY');
    expect(changes).toHaveLength(3);
    const { handler: updateMeasures } = await import('../../functions/update-measures/handler.ts');
    expect(await updateMeasures({ Records: [changes[0]!] }, lambdaContext('frontdoor-update-measures'))).toEqual({ batchItemFailures: [] });
    expect((await measuresOn(DAY)).body).toEqual(afterClear.body);
  });

  it('counts a mark made as the adviser records the contact in the New contact form, and shows it on the feed', async () => {
    // Act
    const recorded = await call('POST', '/api/console/contacts', {
      body: { channel: 'phone', description: 'Third call about the dropped kerb outside the shops, still not done', service: 'dropped-kerb', failureDemand: 'repeating' },
    });

    // Assess
    expect(recorded.status).toBe(201);
    const counted = await waitFor(
      () => call('GET', `/api/console/measures?from=${today()}&to=${today()}&by=service`, { as: 'manager' }),
      (r) => service(r.body, 'dropped-kerb')?.failureDemand === 1,
    );
    expect(service(counted.body, 'dropped-kerb')).toMatchObject({ failureDemand: 1, failureDemandByKind: { repeating: 1 } });
    expect(await feedEntry('Third call')).toMatchObject({ channel: 'phone', countedAsRepeat: false, failureDemand: { kind: 'repeating', by: 'amara.okafor' } });
    const example = await db.send(
      new QueryCommand({ TableName: stack.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'MEASURES#EXAMPLES#dropped-kerb' } }),
    );
    expect(example.Items!.map((i) => i.example)).toContainEqual(expect.objectContaining({ contactId: recorded.body.outcome.contactId, kind: 'repeating', channel: 'phone' }));
    const badKind = await call('POST', '/api/console/contacts', { body: { channel: 'phone', description: 'Another call', service: 'dropped-kerb', failureDemand: 'moaning' } });
    expect(badKind.status).toBe(400);
    expect(badKind.body.problems).toEqual([{ field: 'failureDemand', message: 'must be one of chasing, repeating, correcting, complaining' }]);
  });

  it('refuses, in words, a kind it does not know, a contact that does not exist, and a service team member', async () => {
    const entry = await feedEntry('Third call');

    const badKind = await mark({ channel: entry.channel, providerId: entry.providerId, kind: 'grumbling' });
    expect(badKind.status).toBe(400);
    expect(badKind.body.problems).toEqual([{ field: 'kind', message: 'must be one of chasing, repeating, correcting, complaining, or null to clear a mark made in error' }]);
    expect((await mark({ channel: entry.channel, providerId: entry.providerId })).status).toBe(400);
    const badChannel = await mark({ channel: 'fax', providerId: entry.providerId, kind: 'chasing' });
    expect(badChannel.body.problems).toEqual([{ field: 'channel', message: 'must be one of web, phone, sms, face_to_face, open311' }]);

    const unknown = await mark({ channel: 'sms', providerId: 'SM-no-such-message', kind: 'chasing' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toBe("there is no sms contact 'SM-no-such-message': mark a contact from the feed or a resident's timeline");

    const team = await mark({ channel: entry.channel, providerId: entry.providerId, kind: 'chasing' }, 'team');
    expect(team.status).toBe(403);
    expect(team.body.error).toMatch(/advisers|managers/);
    expect((await mark({ channel: entry.channel, providerId: entry.providerId, kind: 'chasing' }, 'nobody')).status).toBe(401);
    // None of that changed the mark.
    expect(await feedEntry('Third call')).toMatchObject({ failureDemand: { kind: 'repeating', by: 'amara.okafor' } });
  });

  it('gives the demand analysis to managers only, and says what was wrong with a query it refuses', async () => {
    expect((await call('GET', '/api/console/demand', { as: 'adviser' })).status).toBe(403);
    expect((await call('GET', '/api/console/demand', { as: 'team' })).status).toBe(403);
    expect((await call('GET', '/api/console/demand', { as: 'nobody' })).status).toBe(401);
    const refusals: Array<[string, string]> = [
      ['from=2026-02-30', "'from' must be a date written YYYY-MM-DD (got '2026-02-30')"],
      ['from=2026-05-02&to=2026-05-01', "'from' (2026-05-02) is after 'to' (2026-05-01)"],
      ['from=2026-01-01&to=2026-06-30', 'ask for at most 92 days at a time (2026-01-01 to 2026-06-30 is more)'],
      ['interval=fortnight', "'interval' must be one of day, week, month (got 'fortnight')"],
      ['limit=0', "'limit' must be a whole number from 1 to 10 (got '0')"],
    ];
    for (const [query, error] of refusals) {
      const refused = await call('GET', `/api/console/demand?${query}`, { as: 'manager' });
      expect([refused.status, refused.body.error], query).toEqual([400, error]);
    }
    const defaults = await call('GET', '/api/console/demand?interval=week', { as: 'manager' });
    expect(defaults.status).toBe(200);
    expect(defaults.body).toMatchObject({ from: addDays(today(), -6), to: today(), interval: 'week' });
    expect(defaults.body.services.length).toBeGreaterThan(0);
    expect(defaults.body.services.length).toBeLessThanOrEqual(5);
  });
});
