// The measures the council manages by, end to end on a local stack of its own (so no other test's
// contacts are counted): contacts on the web and face to face, hand-offs, a repeat contact, a
// case resolved by its team, SLA marks from the monitor and a rating; the table stream counts
// them; GET /api/console/measures must give the figures counted by hand, and a stream record
// delivered again must not count twice. The stream's filters (infra/registry.ts) keep the
// counters update-measures writes, and the other items no consumer wants, from both consumers.
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand, type _Record } from '@aws-sdk/client-dynamodb-streams';
import { DynamoDBDocumentClient, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBRecord } from 'aws-lambda';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platform } from '../../infra/registry.ts';
import { startLocalStack, type LocalStack } from '../../infra/local/stack.ts';
import { toLambdaRecord } from '../../infra/local/stream-mapping.ts';
import { addDays, londonTimeOf } from '../../shared/domain/calendar.ts';
import { periodKeyOf, periodsBetween } from '../../shared/domain/periods.ts';
import { deliveredTo, recordingStreamConsumers } from '../support/recording-stream-consumer.ts';
import { lambdaContext } from '../../infra/local/lambda.ts';
import { signInLocally } from '../../infra/local/sign-in.ts';
import { waitFor } from '../support/wait.ts';

/** The development default of TEAM_API_KEYS (README). */
const WASTE_KEY = 'dev-waste-key';
/** Signed in at this file's own stack's fake Cognito: an adviser takes contacts, a manager reads the measures. */
let ADVISER_TOKEN: string;
let MANAGER_TOKEN: string;

let stack: LocalStack;
let db: DynamoDBDocumentClient;
let streams: DynamoDBStreamsClient;
let raw: DynamoDBClient;
let sqs: SQSClient;

beforeAll(async () => {
  process.env.LOG_LEVEL = 'CRITICAL';
  // The registry's platform, with the stream consumers' handlers recorded (what reached each).
  stack = await startLocalStack({ port: 0, platform: recordingStreamConsumers(platform) });
  const config = { region: stack.region, endpoint: stack.endpoints.dynamodb, credentials: { accessKeyId: 'l', secretAccessKey: 'l' } };
  raw = new DynamoDBClient(config);
  db = DynamoDBDocumentClient.from(raw);
  streams = new DynamoDBStreamsClient(config);
  sqs = new SQSClient({ ...config, endpoint: stack.endpoints.sqs });
  ADVISER_TOKEN = (await signInLocally(stack.url, 'amara.okafor')).accessToken;
  MANAGER_TOKEN = (await signInLocally(stack.url, 'david.hughes')).accessToken;
});

afterAll(async () => {
  sqs?.destroy();
  streams?.destroy();
  raw?.destroy();
  await stack?.stop();
});

async function call(method: 'GET' | 'POST', path: string, { body, token }: { body?: unknown; token?: string } = {}) {
  const response = await fetch(`${stack.url}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

const web = (body: Record<string, unknown>) => call('POST', '/api/contacts', { body });
const adviser = (body: Record<string, unknown>) => call('POST', '/api/console/contacts', { body, token: ADVISER_TOKEN });
const measures = (query: string) => call('GET', `/api/console/measures?${query}`, { token: MANAGER_TOKEN });


async function countedMarkers() {
  const { Items = [] } = await db.send(
    new ScanCommand({ TableName: stack.tableName, FilterExpression: 'begins_with(pk, :p)', ExpressionAttributeValues: { ':p': 'MEASURES#COUNTED#' } }),
  );
  return Items;
}

/** Every record on the table's stream so far, as Lambda would deliver it. */
async function streamRecords() {
  const { Table } = await raw.send(new DescribeTableCommand({ TableName: stack.tableName }));
  const streamArn = Table!.LatestStreamArn!;
  const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
  const records: _Record[] = [];
  for (const shard of StreamDescription?.Shards ?? []) {
    let iterator = (await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.ShardId!, ShardIteratorType: 'TRIM_HORIZON' })))
      .ShardIterator;
    while (iterator) {
      const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
      records.push(...(page.Records ?? []));
      if (!page.Records?.length) break;
      iterator = page.NextShardIterator;
    }
  }
  return records.map((record) => toLambdaRecord(record, streamArn));
}

describe('the measures', () => {
  it('counts contacts, cases, SLA marks and ratings as they happen, and serves the hand-counted figures', { timeout: 90_000 }, async () => {
    // Prepare: a morning at the council.
    const today = londonTimeOf(new Date()).date;
    const phone = '+447700900321';
    const hours = await web({ description: 'What are your opening hours?' });
    const tax = await web({ description: 'How do I pay my council tax?' });
    const bin = await web({ description: 'bin missed on Monday', service: 'missed-bin', phone });
    const binAgain = await web({ description: 'Our bin was not collected today', service: 'missed-bin', phone });
    const fox = await web({ description: 'dead fox in the road' });
    const needles = await web({ description: 'used needles discarded in the park' });
    const desk = await adviser({
      channel: 'face_to_face',
      description: 'Wanted to know how to pay council tax by direct debit',
      service: 'pay-council-tax',
      resolvedNote: 'Set up the direct debit with the resident at the desk',
    });
    const sofa = await adviser({ channel: 'face_to_face', description: 'Resident reports a dumped sofa in the alley behind Mill Lane' });
    // What each contact was, as the routing layer answered (the hand count below rests on it).
    expect([hours, tax, bin, binAgain, fox, needles].map((r) => [r.status, r.body.decision, r.body.firstContactResolved])).toEqual([
      [201, 'resolve', true],
      [201, 'resolve', true],
      [201, 'handoff', false],
      [201, 'handoff', false],
      [201, 'handoff', false],
      [201, 'handoff', false],
    ]);
    expect(binAgain.body.repeatOf).toBe(bin.body.reference);
    expect([fox.body.teamId, needles.body.teamId, bin.body.teamId]).toEqual(['street-scene', 'street-scene', 'waste-services']);
    expect(desk.body.outcome).toMatchObject({ decision: 'resolve', firstContactResolved: true });
    expect(sofa.body.outcome).toMatchObject({ decision: 'handoff', teamId: 'street-scene' });

    // Act: Waste Services resolve the bin (within its SLA); the SLA monitor runs past the fox's due
    // time (at risk and breached at once) and past the needles' warning point (at risk only).
    const resolved = await call('POST', `/service/cases/${bin.body.reference}/actions`, {
      token: WASTE_KEY,
      body: { version: 1, action: 'resolve', outcome: 'Collected', messageToResident: 'We collected your bin.' },
    });
    expect(resolved.body.case).toMatchObject({ status: 'resolved', slaMet: true });
    await stack.runSchedule('sla-monitor', new Date(Date.parse(fox.body.dueAt) + 60_000));
    const needlesCase = await call('GET', `/api/console/cases/${needles.body.reference}`, { token: ADVISER_TOKEN });
    await stack.runSchedule('sla-monitor', new Date(Date.parse(needlesCase.body.case.sla.warnAt) + 1_000));
    // The resident rates the service 4 out of 5. The rating path is being built elsewhere; this
    // writes the item it will write (entity 'rating'), so the stream carries it the same way.
    await db.send(
      new PutCommand({
        TableName: stack.tableName,
        Item: {
          pk: `RATING#${bin.body.reference}`,
          sk: 'RATING',
          entity: 'rating',
          rating: { reference: bin.body.reference, rating: 4, serviceId: 'missed-bin', teamId: 'waste-services', at: new Date().toISOString() },
        },
      }),
    );

    // Assess: 8 contacts (6 web, 2 face to face); 3 resolved there and then; 1 repeat; 4 cases
    // (bin, fox, needles, sofa), 1 resolved within the hour and its SLA; 2 marked at risk (fox,
    // needles), 1 in breach (fox); 1 rating of 4. The marks fall up to 2 hours from now, so the
    // range runs to tomorrow.
    const range = `from=${today}&to=${addDays(today, 1)}`;
    const expectedTotals = {
      contacts: 8,
      firstContactResolved: 3,
      firstContactResolutionRate: 0.375,
      repeatContacts: 1,
      repeatContactShare: 0.125,
      decisions: { resolve: 3, handoff: 5, ask: 0, adviser: 0, emergency: 0 },
      casesOpened: 4,
      casesResolved: 1,
      slaMet: 1,
      slaMetPercent: 100,
      medianHoursToResolve: { over: 0, atMost: 1 },
      slaWarned: 2,
      slaBreached: 1,
      satisfaction: { ratings: 1, averageRating: 4 },
    };
    // Wait (with a deadline) until the stream consumer has counted everything, then compare.
    const counted = (totals: Record<string, unknown> = {}) =>
      isDeepStrictEqual(Object.fromEntries(Object.keys(expectedTotals).map((k) => [k, totals[k]])), expectedTotals);
    const byTeam = await waitFor(() => measures(`${range}&by=team`), (r) => r.status === 200 && counted(r.body.totals));
    expect(byTeam.status).toBe(200);
    expect(byTeam.body.totals).toMatchObject(expectedTotals);
    const team = (id: string) => byTeam.body.groups.find((g: { key: string }) => g.key === id);
    expect(team('waste-services')).toMatchObject({
      contacts: 2,
      repeatContacts: 1,
      repeatContactShare: 0.5,
      casesOpened: 1,
      casesResolved: 1,
      slaMetPercent: 100,
      satisfaction: { ratings: 1, averageRating: 4 },
    });
    expect(team('street-scene')).toMatchObject({
      contacts: 3,
      casesOpened: 3,
      casesResolved: 0,
      slaWarned: 2,
      slaBreached: 1,
      medianHoursToResolve: null,
    });
    // Now: Street Scene has the fox (in breach), the needles (at risk) and the sofa open; Waste Services nothing.
    expect(byTeam.body.current.teams).toEqual([
      { teamId: 'street-scene', open: 3, atRisk: 1, breached: 1 },
      { teamId: 'waste-services', open: 0, atRisk: 0, breached: 0 },
    ]);
    expect(byTeam.body.current.totals).toEqual({ open: 3, atRisk: 1, breached: 1 });

    const byChannel = await measures(`${range}&by=channel`);
    type Group = { key: string; contacts: number; firstContactResolved: number };
    expect(byChannel.body.groups.map((g: Group) => [g.key, g.contacts, g.firstContactResolved])).toEqual([
      ['face_to_face', 2, 1],
      ['web', 6, 2],
    ]);
    expect(byChannel.body.channels).toEqual([
      { channel: 'face_to_face', contacts: 2, share: 0.25 },
      { channel: 'web', contacts: 6, share: 0.75 },
    ]);
    const byDay = await measures(`${range}&by=day`);
    expect(byDay.body.groups.map((g: { key: string }) => g.key)).toEqual([today, addDays(today, 1)]);
    expect(byDay.body.groups[0]).toMatchObject({ contacts: 8, firstContactResolutionRate: 0.375, casesOpened: 4 });
    expect(byDay.body.channelShift[0]).toEqual({
      day: today,
      contacts: 8,
      channels: [
        { channel: 'face_to_face', contacts: 2, share: 0.25 },
        { channel: 'web', contacts: 6, share: 0.75 },
      ],
    });
    const byService = await measures(`${range}&by=service`);
    expect(byService.body.groups.find((g: { key: string }) => g.key === 'missed-bin')).toMatchObject({ contacts: 2, repeatContacts: 1, casesResolved: 1 });

    // Every record that moved a measure left its marker, kept for 2 days: 8 contacts, 4 cases
    // opened, the bin resolved, the fox and the needles marked, 1 rating.
    const markers = await countedMarkers();
    expect(markers).toHaveLength(16);
    const inTwoDays = Date.now() / 1000 + 2 * 86_400;
    for (const marker of markers) expect(Math.abs(marker.expiresAt - inTwoDays)).toBeLessThan(300);

    // A record delivered again (as the stream does after a retry) counts nothing twice.
    const records = await streamRecords();
    const first = records.find((r) => r.eventName === 'INSERT' && r.dynamodb?.NewImage?.entity?.S === 'contact')!;
    expect(markers.map((m) => m.pk)).toContain(`MEASURES#COUNTED#${first.eventID}`);
    // Loaded here, after the stack set the environment and the log level, as the Lambda runtime would.
    const { handler: updateMeasures } = await import('../../functions/update-measures/handler.ts');
    const redelivered = await updateMeasures({ Records: [first] }, lambdaContext('frontdoor-update-measures'));
    expect(redelivered).toEqual({ batchItemFailures: [] });
    const after = await measures(`${range}&by=team`);
    expect(after.body).toEqual(byTeam.body);
    expect(await countedMarkers()).toHaveLength(16);
  });

  it("needs a manager's sign-in, and says what was wrong with a range it refuses", async () => {
    expect((await call('GET', '/api/console/measures')).status).toBe(401);
    expect((await call('GET', '/api/console/measures', { token: ADVISER_TOKEN })).status).toBe(403);
    const tooLong = await measures('from=2026-01-01&to=2026-06-30');
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error).toContain('at most 92 days');
    const badGroup = await measures('by=week');
    expect(badGroup.status).toBe(400);
    expect(badGroup.body.error).toContain("'by' must be one of day, service, team, channel");
    const defaults = await measures('');
    expect(defaults.status).toBe(200);
    expect(defaults.body.groups).toHaveLength(7);
    expect(defaults.body.to).toBe(londonTimeOf(new Date()).date);
  });
});

describe('the measures over periods, for the performance view', () => {
  it("serves the range week by week and month by month, a breakdown in every period, the channel mix, and one service's figures alone", { timeout: 60_000 }, async () => {
    // Prepare: graffiti reported on the web and by the same resident again (a repeat), both
    // today, for a service no other test here reports; and an opening-hours question.
    const today = londonTimeOf(new Date()).date;
    const from = addDays(today, -40);
    const phone = '+447700900654';
    const first = await web({ description: 'Graffiti sprayed on the wall of the bus shelter', service: 'graffiti', phone });
    const again = await web({ description: 'The graffiti on the bus shelter is still there', service: 'graffiti', phone });
    await web({ description: 'When are you open on Saturday?' });
    expect(first.body).toMatchObject({ decision: 'handoff' });
    expect(again.body.repeatOf).toBe(first.body.reference);

    // Act: one service's figures week by week, once the stream has counted both contacts.
    const graffiti = await waitFor(
      () => measures(`from=${from}&to=${today}&interval=week&focus=service:graffiti`),
      (r) => r.status === 200 && r.body.totals.contacts === 2,
    );

    // Assess: weeks keyed by their Monday, the first clipped to the range; everything in today's week.
    expect(graffiti.body).toMatchObject({ from, to: today, by: 'day', interval: 'week', focus: { dimension: 'service', value: 'graffiti' } });
    const weeks = periodsBetween(from, today, 'week');
    expect(graffiti.body.series.map((p: { period: string; from: string; to: string }) => [p.period, p.from, p.to])).toEqual(weeks.map((w) => [w.key, w.from, w.to]));
    expect(graffiti.body.series[0].from).toBe(from);
    const thisWeek = graffiti.body.series.at(-1);
    expect(thisWeek.period).toBe(periodKeyOf(today, 'week'));
    expect(thisWeek.totals).toMatchObject({ contacts: 2, repeatContacts: 1, repeatContactShare: 0.5, casesOpened: 1, firstContactResolved: 0 });
    expect(thisWeek.totals).not.toHaveProperty('hoursToResolve');
    expect(graffiti.body.series.slice(0, -1).every((p: { totals: { contacts: number } }) => p.totals.contacts === 0)).toBe(true);
    // A service's contacts are not counted per channel: no channel mix with a focus on one.
    expect([thisWeek.channels, thisWeek.selfServiceShare, graffiti.body.selfServiceShare]).toEqual([[], null, null]);

    // Month by month, by service: every service seen in the range, in every month, in the same order.
    const monthly = await measures(`from=${from}&to=${today}&interval=month&by=service`);
    expect(monthly.status).toBe(200);
    expect(monthly.body.series.map((p: { period: string }) => p.period)).toEqual(periodsBetween(from, today, 'month').map((m) => m.key));
    const keys = monthly.body.groups.map((g: { key: string }) => g.key);
    for (const period of monthly.body.series) expect(period.groups.map((g: { key: string }) => g.key)).toEqual(keys);
    const thisMonth = monthly.body.series.at(-1);
    expect(thisMonth.period).toBe(today.slice(0, 7));
    expect(thisMonth.groups.find((g: { key: string }) => g.key === 'graffiti')).toMatchObject({ contacts: 2, repeatContacts: 1, casesOpened: 1 });
    // The periods add up to the range, and the self-service share is the web's, SMS's and Open311's contacts of all.
    const sum = (field: 'contacts' | 'casesOpened') => monthly.body.series.reduce((n: number, p: { totals: Record<string, number> }) => n + (p.totals[field] ?? 0), 0);
    expect([sum('contacts'), sum('casesOpened')]).toEqual([monthly.body.totals.contacts, monthly.body.totals.casesOpened]);
    const selfServed = monthly.body.channels
      .filter((c: { channel: string }) => ['web', 'sms', 'open311'].includes(c.channel))
      .reduce((n: number, c: { contacts: number }) => n + c.contacts, 0);
    expect(selfServed).toBeGreaterThan(0);
    expect(monthly.body.selfServiceShare).toBe(Math.round((selfServed / monthly.body.totals.contacts) * 10_000) / 10_000);
    expect(thisMonth.channels.map((c: { channel: string }) => c.channel)).toEqual(monthly.body.channels.map((c: { channel: string }) => c.channel));

    // One channel alone: the web's contacts, all of them on the web.
    const webOnly = await measures(`from=${from}&to=${today}&interval=month&focus=channel:web`);
    const webContacts = monthly.body.channels.find((c: { channel: string }) => c.channel === 'web').contacts;
    expect(webOnly.body.totals.contacts).toBe(webContacts);
    expect(webOnly.body.selfServiceShare).toBe(1);
  });

  it('refuses, in words, an unknown interval or focus, a focus broken down, day-by-day breakdowns over long ranges, and impossible dates', async () => {
    const refusals: Array<[string, string]> = [
      ['interval=fortnight', "'interval' must be one of day, week, month (got 'fortnight')"],
      ['focus=service:unicorns', "'focus' names no service 'unicorns' we know"],
      ['focus=ward:north', "'focus' must be service:<service id>, team:<team id> or channel:<channel>"],
      ['focus=service:graffiti&by=team', "'focus' cannot be combined with by=team"],
      ['from=2026-01-01&to=2026-03-01&by=service', 'ask week by week (interval=week)'],
      ['from=2026-02-30', "'from' must be a date written YYYY-MM-DD (got '2026-02-30')"],
      ['from=2026-03-02&to=2026-03-01', "'from' (2026-03-02) is after 'to' (2026-03-01)"],
      ['from=2026-01-01&to=2026-04-30&interval=week', 'at most 92 days'],
    ];
    for (const [query, words] of refusals) {
      const answer = await measures(query);
      expect([query, answer.status]).toEqual([query, 400]);
      expect(answer.body.error).toContain(words);
    }
    // The same 92 days by service, week by week, is answered.
    const quarter = await measures('from=2026-01-01&to=2026-04-02&by=service&interval=week');
    expect(quarter.status).toBe(200);
    expect(quarter.body.series.map((p: { period: string }) => p.period)).toEqual(periodsBetween('2026-01-01', '2026-04-02', 'week').map((w) => w.key));
  });
});

const entityOf = (record: DynamoDBRecord) => (record.dynamodb?.NewImage ?? record.dynamodb?.OldImage)?.entity?.S;
const pkOf = (record: DynamoDBRecord) => record.dynamodb?.Keys?.pk?.S ?? '';

describe('the table stream, filtered for each consumer', () => {
  it('keeps measure counters and other items no consumer wants from the dispatcher, while a hand-off still reaches its team and is counted', { timeout: 60_000 }, async () => {
    // Prepare: the counters update-measures wrote above are on the stream; so are an SMS reply and
    // a Powertools idempotency record (which has no entity), written now.
    const today = londonTimeOf(new Date()).date;
    const before = await measures(`from=${today}&to=${today}`);
    await db.send(new PutCommand({ TableName: stack.tableName, Item: { pk: 'SMSREPLY#SM-filter-test', sk: 'REPLY', entity: 'sms-reply', message: 'Thank you' } }));
    await db.send(
      new PutCommand({
        TableName: stack.tableName,
        // As Powertools idempotency writes a delivery record (shared/adapters/delivery-ledger.ts).
        Item: { pk: 'IDEMPOTENCY#send-notifications', sk: 'notification#filter-test', status: 'COMPLETED', expiresAt: 1_900_000_000, data: '{"status":"sent"}' },
      }),
    );

    // Act: a report for Waste Services, written after all of them.
    const bin = await web({ description: 'bin missed on Tuesday', service: 'missed-bin' });
    expect(bin.body).toMatchObject({ decision: 'handoff', teamId: 'waste-services' });
    const reference: string = bin.body.reference;

    // Assess: its hand-off reached the dispatcher and the team's queue...
    const isItsHandoff = (r: DynamoDBRecord) => entityOf(r) === 'handoff' && r.dynamodb?.NewImage?.message?.M?.caseReference?.S === reference;
    const dispatched = await waitFor(async () => deliveredTo('dispatch-handoffs'), (records) => records.some(isItsHandoff));
    expect(dispatched.filter(isItsHandoff)).toHaveLength(1);
    const wasteQueue = stack.queues.find((q) => q.definition.teamId === 'waste-services')!.url;
    const onQueue = await waitFor(
      async () =>
        (await sqs.send(new ReceiveMessageCommand({ QueueUrl: wasteQueue, MaxNumberOfMessages: 10, VisibilityTimeout: 0, MessageAttributeNames: ['All'] })))
          .Messages ?? [],
      (messages) => messages.some((m) => m.MessageAttributes?.caseReference?.StringValue === reference),
    );
    expect(onQueue.some((m) => m.MessageAttributes?.caseReference?.StringValue === reference)).toBe(true);
    // ...and the measures counted its contact and its case, as before.
    const after = await waitFor(
      () => measures(`from=${today}&to=${today}`),
      (r) => r.body.totals?.casesOpened === before.body.totals.casesOpened + 1,
    );
    expect(after.body.totals).toMatchObject({ contacts: before.body.totals.contacts + 1, casesOpened: before.body.totals.casesOpened + 1 });

    // The stream carried counters, counted-markers, the reply and the idempotency record before the
    // hand-off, so the mapping read past them; the dispatcher was given none of them, only new
    // hand-offs and notifications, and update-measures none of the counters it writes itself.
    const stream = await streamRecords();
    const handoffAt = BigInt(stream.find(isItsHandoff)!.dynamodb!.SequenceNumber!);
    const earlier = stream.filter((r) => BigInt(r.dynamodb!.SequenceNumber!) < handoffAt);
    expect(earlier.some((r) => entityOf(r) === 'measure')).toBe(true);
    expect(earlier.some((r) => entityOf(r) === 'measure-counted')).toBe(true);
    expect(earlier.some((r) => pkOf(r) === 'SMSREPLY#SM-filter-test')).toBe(true);
    expect(earlier.some((r) => pkOf(r) === 'IDEMPOTENCY#send-notifications' && r.dynamodb?.Keys?.sk?.S === 'notification#filter-test')).toBe(true);
    const toDispatcher = deliveredTo('dispatch-handoffs');
    expect(toDispatcher.filter((r) => r.eventName !== 'INSERT' || !['handoff', 'notification'].includes(entityOf(r) ?? '')).map(pkOf)).toEqual([]);
    expect(toDispatcher.filter((r) => pkOf(r).startsWith('MEASURES#') || pkOf(r).startsWith('SMSREPLY#') || pkOf(r).startsWith('IDEMPOTENCY#'))).toEqual([]);
    const toMeasures = deliveredTo('update-measures');
    expect(toMeasures.some((r) => entityOf(r) === 'contact' && r.dynamodb?.NewImage?.outcome?.M?.reference?.S === reference)).toBe(true);
    expect(toMeasures.filter((r) => !['contact', 'case', 'rating'].includes(entityOf(r) ?? '')).map(pkOf)).toEqual([]);
  });
});
