// The advisers' console through the local gateway: a face-to-face contact recorded by an adviser,
// the routing suggestion, an override with a reason, resolving there and then, and auth.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { db, queueUrl, stack, tableItemCount, takeFromQueue } from '../support/stack.ts';

/** The development default of ADVISER_TOKENS (README): adviser 'dev-adviser'. */
const TOKEN = 'dev-adviser-token';

async function consoleCall(method: 'GET' | 'POST', path: string, body?: unknown, token: string | null = TOKEN, headers: Record<string, string> = {}) {
  const response = await fetch(`${stack.url}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

const uniqueEmail = () => `f2f-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@example.org`;

describe('the adviser console', () => {
  it('shows the routing suggestion without recording anything', async () => {
    const before = await tableItemCount();
    const { status, body } = await consoleCall('POST', '/api/console/route', { description: 'there is a big pothole on the high street' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ decision: 'handoff', service: { id: 'pothole' }, teamId: 'highways' });
    expect(await tableItemCount()).toBe(before);
  });

  it('records a face-to-face contact taken by an adviser, hands it off, and the team gets it', async () => {
    // Act
    const { status, body } = await consoleCall('POST', '/api/console/contacts', {
      channel: 'face_to_face',
      centre: 'Guildhall Customer Service Centre',
      description: 'Resident reports a dumped sofa in the alley behind Mill Lane',
      resident: { name: 'Ada', email: uniqueEmail() },
    });

    // Assess
    expect(status).toBe(201);
    expect(body.suggestion).toMatchObject({ service: { id: 'fly-tipping' } });
    expect(body.outcome).toMatchObject({ decision: 'handoff', service: { id: 'fly-tipping' }, teamId: 'street-scene' });
    const { Item } = await db.send(new GetCommand({ TableName: stack.tableName, Key: { pk: `CASE#${body.outcome.reference}`, sk: 'CASE' } }));
    expect(Item?.case).toMatchObject({ channel: 'face_to_face', serviceId: 'fly-tipping' });
    expect(Item?.case.routing.explanation.join(' ')).toContain('Adviser dev-adviser chose');
    const messages = await takeFromQueue(queueUrl('street-scene'), (m) => JSON.parse(m.Body!).caseReference === body.outcome.reference);
    expect(messages).toHaveLength(1);
    expect(JSON.parse(messages[0]!.Body!).channel).toBe('face_to_face');
  });

  it('lets an adviser choose another service only with a reason, and keeps the reason with the case', async () => {
    const description = 'there is a big pothole on the high street';
    const refused = await consoleCall('POST', '/api/console/contacts', { channel: 'phone', description, service: 'street-light-fault' });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toContain("say why in 'overrideReason'");

    const { status, body } = await consoleCall('POST', '/api/console/contacts', {
      channel: 'phone',
      description,
      service: 'street-light-fault',
      overrideReason: 'The caller says the hole is where a lamp column was removed',
    });
    expect(status).toBe(201);
    expect(body.outcome).toMatchObject({ decision: 'handoff', service: { id: 'street-light-fault' } });
    const { Item } = await db.send(new GetCommand({ TableName: stack.tableName, Key: { pk: `CASE#${body.outcome.reference}`, sk: 'CASE' } }));
    expect(Item?.case.routing.explanation.join(' ')).toContain('lamp column was removed');
  });

  it('records a contact the adviser resolved there and then: no case, counted as first-contact resolution', async () => {
    const before = await tableItemCount();
    const { status, body } = await consoleCall('POST', '/api/console/contacts', {
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

  it('lists a resident history and reads a whole case for the adviser', async () => {
    const email = uniqueEmail();
    const created = await consoleCall('POST', '/api/console/contacts', {
      channel: 'face_to_face',
      description: 'missed bin collection on Tuesday',
      service: 'missed-bin',
      resident: { name: 'Grace', email },
    });
    const history = await consoleCall('GET', `/api/console/residents/history?email=${encodeURIComponent(email.toUpperCase())}`);
    expect(history.status).toBe(200);
    expect(history.body.entries.map((e: { kind: string }) => e.kind).sort()).toEqual(['case', 'contact']);
    const kase = await consoleCall('GET', `/api/console/cases/${created.body.outcome.reference}`);
    expect(kase.body).toMatchObject({ reference: created.body.outcome.reference, resident: { name: 'Grace', email } });
  });

  it('refuses a missing or wrong token, and bad input, writing nothing', async () => {
    const before = await tableItemCount();
    expect((await consoleCall('POST', '/api/console/contacts', { channel: 'phone', description: 'x' }, null)).status).toBe(401);
    expect((await consoleCall('GET', '/api/console/cases/K7MD-Q9PX', undefined, 'not-a-token')).status).toBe(401);
    const bad = await consoleCall('POST', '/api/console/contacts', { channel: 'carrier-pigeon', description: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.problems).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'channel' })]));
    expect((await consoleCall('POST', '/api/console/contacts', { channel: 'phone', description: 'x', service: 'moon-landing', overrideReason: 'r' })).status).toBe(400);
    expect(await tableItemCount()).toBe(before);
  });
});
