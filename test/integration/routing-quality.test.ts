// Routing quality end to end against the test run's stack: an adviser overrides a routing choice in
// the New contact form (console API), takes another suggestion, and chooses a service where routing
// deferred; a team member reroutes a case to another team (team-actions), whose member reroutes it
// again; the table stream counts them (update-measures); and a manager reads the corrections and
// their share in the measures, by service and by team. A reroute delivered again by the stream
// counts once. Integration files run one at a time, so today's figures move only by what this
// file does: it compares them before and after.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lambdaContext } from '../../infra/local/lambda.ts';
import { londonTimeOf } from '../../shared/domain/calendar.ts';
import { signInAs } from '../support/sign-in.ts';
import { tableStreamRecordsOf } from '../support/table-stream.ts';
import { postJson, queueUrl, stack, takeFromQueue, useStackTable } from '../support/stack.ts';
import { waitFor } from '../support/wait.ts';

type As = 'adviser' | 'manager' | 'waste' | 'lighting';
const USERNAMES: Record<As, string> = { adviser: 'amara.okafor', manager: 'david.hughes', waste: 'priya.shah', lighting: 'owen.price' };
const tokens = {} as Record<As, string>;
let streams: DynamoDBStreamsClient;
let raw: DynamoDBClient;

beforeAll(async () => {
  for (const [as, username] of Object.entries(USERNAMES)) tokens[as as As] = (await signInAs(username)).accessToken;
  // The stream consumer is run from this process too, for a record delivered again.
  useStackTable();
  const config = { region: stack.region, endpoint: stack.dynamodbEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
  streams = new DynamoDBStreamsClient(config);
  raw = new DynamoDBClient(config);
});

afterAll(() => {
  streams?.destroy();
  raw?.destroy();
});

async function call(method: 'GET' | 'POST', path: string, as: As, body?: unknown) {
  const response = await fetch(`${stack.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${tokens[as]}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

const today = () => londonTimeOf(new Date()).date;
const measuresToday = (by: 'service' | 'team') => call('GET', `/api/console/measures?from=${today()}&to=${today()}&by=${by}`, 'manager');
const suggestion = async (description: string) => (await call('POST', '/api/console/route', 'adviser', { description })).body;
const teamAction = (reference: string, as: As, body: Record<string, unknown>) => call('POST', `/api/console/cases/${reference}/team-actions`, as, body);

const ROUTING = ['contacts', 'routingOverridden', 'routingRerouted', 'routingCorrections', 'routingCorrectedInto'] as const;
type Figures = Record<(typeof ROUTING)[number], number>;
const figuresOf = (summary: Record<string, any> | undefined): Figures =>
  Object.fromEntries(ROUTING.map((name) => [name, summary?.[name] ?? 0])) as Figures;
const group = (report: Record<string, any>, key: string) => figuresOf(report.groups?.find((g: { key: string }) => g.key === key));
/** What changed between two readings, counter by counter. */
const moved = (before: Figures, after: Figures) => Object.fromEntries(ROUTING.map((name) => [name, after[name] - before[name]]));

/** The stream records of one item, as Lambda would deliver them. */
const streamRecordsOf = (pk: string): Promise<DynamoDBRecord[]> => tableStreamRecordsOf({ raw, streams }, stack.tableName, pk);

describe('routing quality', () => {
  it('counts an adviser’s override and a team’s first reroute once each, for the services and teams routing chose, and serves their share', { timeout: 90_000 }, async () => {
    // Prepare: today's figures before this test, by service and by team.
    const [servicesBefore, teamsBefore] = [await measuresToday('service'), await measuresToday('team')];
    expect(servicesBefore.status).toBe(200);

    // Act 1: on the phone, an adviser hears about a pothole that is really a broken street light
    // (routing chose potholes; the adviser chooses street lights, with a reason) ...
    const potholeWords = 'There is a deep pothole in the road outside the school, a car burst its tyre in it';
    const suggested = await suggestion(potholeWords);
    expect(['handoff', 'resolve']).toContain(suggested.decision);
    const routedTo: { id: string; teamId: string } = { id: suggested.service.id, teamId: suggested.teamId };
    expect(routedTo.id).not.toBe('street-light-fault');
    const overridden = await call('POST', '/api/console/contacts', 'adviser', {
      channel: 'phone',
      description: potholeWords,
      service: 'street-light-fault',
      overrideReason: 'The resident says the hole is where a lamp post was knocked down: the column is the problem',
      details: { location: 'Outside the school on Mill Lane', 'column-number': '14' },
    });
    // ... takes routing's suggestion for the same words from another resident ...
    const taken = await call('POST', '/api/console/contacts', 'adviser', { channel: 'face_to_face', description: potholeWords, service: routedTo.id });
    // ... and chooses a service for words routing was unsure of.
    const unsureWords = 'Help please';
    expect(['ask', 'adviser']).toContain((await suggestion(unsureWords)).decision);
    const deferred = await call('POST', '/api/console/contacts', 'adviser', { channel: 'phone', description: unsureWords, service: 'street-light-fault' });
    expect([overridden.status, taken.status, deferred.status]).toEqual([201, 201, 201]);
    expect(overridden.body.outcome).toMatchObject({ decision: 'handoff', service: { id: 'street-light-fault' }, teamId: 'street-lighting' });

    // Act 2: a missed bin reported on the web is rerouted by Waste Services to street lights, and
    // by Street Lighting on to potholes (one misrouted contact, rerouted twice).
    const bin = await postJson('/api/contacts', { description: 'The lamp post outside number 12 is out and the bin men said to report it', service: 'missed-bin' });
    expect(bin.status).toBe(201);
    const reference: string = bin.body.reference;
    const first = await teamAction(reference, 'waste', { version: 1, action: 'reroute', serviceId: 'street-light-fault', reason: 'A street light, not a bin' });
    expect(first.status).toBe(200);
    expect(first.body.case).toMatchObject({ serviceId: 'street-light-fault', teamId: 'street-lighting', version: 2 });
    const second = await teamAction(reference, 'lighting', { version: 2, action: 'reroute', serviceId: 'pothole', reason: 'The light is fine: it is the hole under it' });
    expect(second.status).toBe(200);
    expect(second.body.case).toMatchObject({ serviceId: 'pothole', teamId: 'highways', version: 3 });

    // Assess: 4 contacts more; 1 override (for routing's service and its team, not the one taken
    // nor the one routing deferred); 1 reroute (from missed bins and Waste Services, once though
    // the case moved twice); 2 corrections, both into street lights.
    const expected = { contacts: 4, routingOverridden: 1, routingRerouted: 1, routingCorrections: 2, routingCorrectedInto: 2 };
    const services = await waitFor(
      () => measuresToday('service'),
      (r) => isDeepEqual(moved(figuresOf(servicesBefore.body.totals), figuresOf(r.body.totals)), expected),
      30_000,
    );
    expect(moved(figuresOf(servicesBefore.body.totals), figuresOf(services.body.totals))).toEqual(expected);
    const serviceMoved = (key: string) => moved(group(servicesBefore.body, key), group(services.body, key));
    expect(serviceMoved(routedTo.id)).toMatchObject({ routingOverridden: 1, routingRerouted: 0, routingCorrections: 1, routingCorrectedInto: 0 });
    expect(serviceMoved('missed-bin')).toMatchObject({ contacts: 1, routingOverridden: 0, routingRerouted: 1, routingCorrections: 1 });
    expect(serviceMoved('street-light-fault')).toMatchObject({ contacts: 2, routingCorrections: 0, routingCorrectedInto: 2 });
    if (routedTo.id !== 'pothole') expect(serviceMoved('pothole')).toMatchObject({ routingCorrections: 0, routingCorrectedInto: 0 });
    // The share: corrections of the day's contacts (for the council, every contact is as routing sent it), as the API rounds it.
    const { totals } = services.body;
    expect(totals.routedContacts).toBe(totals.contacts);
    expect(totals.routingCorrectionShare).toBe(Math.round((totals.routingCorrections / totals.contacts) * 10_000) / 10_000);
    // For a service, of the contacts as routing sent them: the overridden one counts for routing's service, not the adviser's.
    const routed = (report: Record<string, any>, key: string) => report.groups.find((g: { key: string }) => g.key === key)?.routedContacts ?? 0;
    expect(routed(services.body, routedTo.id) - routed(servicesBefore.body, routedTo.id)).toBe(2);
    expect(routed(services.body, 'street-light-fault') - routed(servicesBefore.body, 'street-light-fault')).toBe(1);
    expect(services.body.series[0].totals).toMatchObject(figuresOf(totals));

    const teams = await waitFor(() => measuresToday('team'), (r) => moved(group(teamsBefore.body, 'waste-services'), group(r.body, 'waste-services')).routingRerouted === 1);
    expect(moved(group(teamsBefore.body, 'waste-services'), group(teams.body, 'waste-services'))).toMatchObject({ routingRerouted: 1 });
    expect(moved(group(teamsBefore.body, routedTo.teamId), group(teams.body, routedTo.teamId))).toMatchObject({ routingOverridden: 1 });
    expect(moved(group(teamsBefore.body, 'street-lighting'), group(teams.body, 'street-lighting'))).toMatchObject({ routingRerouted: 0, routingCorrectedInto: 2 });

    // One service alone, over time: the same figures as its group.
    const focus = await call('GET', `/api/console/measures?from=${today()}&to=${today()}&focus=service:missed-bin`, 'manager');
    expect(figuresOf(focus.body.totals)).toEqual(group(services.body, 'missed-bin'));

    // The first reroute's change, delivered again by the stream (as after a retry), counts nothing twice.
    const changes = (await streamRecordsOf(`CASE#${reference}`)).filter((record) => {
      const images = record.dynamodb!;
      const before = images.OldImage && unmarshall(images.OldImage as never);
      const after = images.NewImage && unmarshall(images.NewImage as never);
      return record.eventName === 'MODIFY' && after?.case?.firstReroute && !before?.case?.firstReroute;
    });
    expect(changes).toHaveLength(1);
    const { handler: updateMeasures } = await import('../../functions/update-measures/handler.ts');
    expect(await updateMeasures({ Records: changes }, lambdaContext('frontdoor-update-measures'))).toEqual({ batchItemFailures: [] });
    expect(figuresOf((await measuresToday('service')).body.totals)).toEqual(figuresOf(services.body.totals));

    // Tidy: this test's hand-offs off the teams' queues (the bin's three, and one per case the adviser opened).
    const handoffs = new Map<string, number>();
    const handedOff = (team: string) => handoffs.set(team, (handoffs.get(team) ?? 0) + 1);
    ['waste-services', 'street-lighting', 'highways'].forEach(handedOff);
    for (const { body } of [overridden, taken, deferred]) if (body.outcome.reference) handedOff(body.outcome.teamId);
    const references = [reference, ...[overridden, taken, deferred].map((r) => r.body.outcome.reference)];
    const ours = (m: { Body?: string }) => references.includes(JSON.parse(m.Body!).caseReference);
    for (const [team, wanted] of handoffs) expect((await takeFromQueue(queueUrl(team), ours, { wanted })).length, team).toBe(wanted);
  });
});

function isDeepEqual(a: Record<string, number>, b: Record<string, number>): boolean {
  return Object.keys(b).every((key) => a[key] === b[key]);
}
