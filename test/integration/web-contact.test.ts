// POST /api/contacts and GET /api/cases/{reference} through the local gateway, against DynamoDB Local.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { db, getJson, postJson, stack, tableItemCount } from '../support/stack.ts';

describe('POST /api/contacts', () => {
  it('records a web contact and its case, and answers with the reference', async () => {
    // Act
    const { status, body } = await postJson('/api/contacts', {
      description: 'Our green recycling bin was not collected this morning',
      service: 'missed-bin',
      name: 'Ada Lovelace',
      phone: '07700 900123',
      email: 'Ada@Example.org',
      address: '12 High Street',
      location: { lat: 51.5, lng: -0.12 },
    });

    // Assess
    expect(status).toBe(201);
    expect(body).toMatchObject({ decision: 'handoff', service: { id: 'missed-bin' }, teamId: 'waste-services' });
    expect(body.reference).toMatch(/^[34679ACDEFGHJKMNPQRTUVWXY]{4}-[34679ACDEFGHJKMNPQRTUVWXY]{4}$/);
    const { Item } = await db.send(new GetCommand({ TableName: stack.tableName, Key: { pk: `CASE#${body.reference}`, sk: 'CASE' } }));
    expect(Item?.case).toMatchObject({
      reference: body.reference,
      status: 'open',
      teamId: 'waste-services',
      channel: 'web',
      resident: { name: 'Ada Lovelace', phone: '+447700900123', email: 'ada@example.org', address: '12 High Street' },
      location: { lat: 51.5, lng: -0.12 },
    });
    expect(Item?.customerKey).toBe('PHONE#+447700900123');
    const contact = await db.send(new GetCommand({ TableName: stack.tableName, Key: { pk: `CONTACT#web#${body.contactId}`, sk: 'CONTACT' } }));
    expect(contact.Item).toMatchObject({ entity: 'contact', outcome: { reference: body.reference, decision: 'handoff' } });
  });

  it('answers a retried submission (same Idempotency-Key) with the first answer and writes nothing new', async () => {
    // Prepare
    const submission = { description: 'Someone has dumped a mattress in the lane', service: 'fly-tipping' };
    const key = `retry-${Date.now()}`;
    const first = await postJson('/api/contacts', submission, { 'idempotency-key': key });
    const itemsAfterFirst = await tableItemCount();

    // Act
    const again = await postJson('/api/contacts', submission, { 'idempotency-key': key });

    // Assess
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await tableItemCount()).toBe(itemsAfterFirst);
  });

  it('GET /api/cases/{reference} returns the case without personal data, however the reference is typed', async () => {
    // Prepare
    const created = await postJson('/api/contacts', { description: 'pothole on Mill Lane', service: 'pothole', name: 'Grace' });
    const typed = created.body.reference.toLowerCase().replace('-', ' ');

    // Act
    const { status, body } = await getJson(`/api/cases/${encodeURIComponent(typed)}`);

    // Assess
    expect(status).toBe(200);
    expect(body).toMatchObject({ reference: created.body.reference, status: 'open', service: { id: 'pothole' } });
    expect(JSON.stringify(body)).not.toContain('Grace');
  });

  it('GET answers 404 for an unknown reference and 400 for something that is not one', async () => {
    expect((await getJson('/api/cases/AAAA-AAAA')).status).toBe(404);
    const bad = await getJson('/api/cases/hello');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain("'hello' is not a case reference");
  });
});

describe('bad input gets a clear 4xx and writes nothing', () => {
  const cases: Array<[string, () => Promise<{ status: number; body: Record<string, any> }>, number, RegExp]> = [
    ['malformed JSON', () => postJson('/api/contacts', '{"description": "bin', {}), 400, /not valid JSON/],
    [
      'a wrong content type',
      async () => {
        const r = await fetch(`${stack.url}/api/contacts`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'my bin' });
        return { status: r.status, body: (await r.json()) as Record<string, any> };
      },
      415,
      /Content-Type: application\/json/,
    ],
    ['a missing description', () => postJson('/api/contacts', { name: 'Ada' }), 400, /problem/],
    ['an unknown field', () => postJson('/api/contacts', { description: 'bin', colour: 'green' }), 400, /problem/],
    ['an empty description', () => postJson('/api/contacts', { description: '   ' }), 400, /problem/],
    ['a phone number that is not one', () => postJson('/api/contacts', { description: 'bin', phone: 'call me' }), 400, /problem/],
    ['a location off the globe', () => postJson('/api/contacts', { description: 'bin', location: { lat: 123, lng: 0 } }), 400, /problem/],
    ['an unknown service', () => postJson('/api/contacts', { description: 'bin', service: 'moon-landing' }), 400, /not a service we offer/],
    ['control characters in the description', () => postJson('/api/contacts', { description: 'bin\u0000missed\u001b[31m' }), 400, /problem/],
    ['HTML or script in the description', () => postJson('/api/contacts', { description: 'bin <script>alert(1)</script>' }), 400, /problem/],
    ['a description of 10,000 characters', () => postJson('/api/contacts', { description: 'bin '.repeat(2_500) }), 400, /problem/],
    ['an Idempotency-Key that cannot be one', () => postJson('/api/contacts', { description: 'bin' }, { 'idempotency-key': 'x'.repeat(300) }), 400, /Idempotency-Key/],
    ['an oversized body', () => postJson('/api/contacts', { description: 'x'.repeat(70_000) }), 413, /most we accept/],
  ];

  for (const [what, send, status, message] of cases) {
    it(`${what} -> ${status}`, async () => {
      // Prepare
      const before = await tableItemCount();

      // Act
      const response = await send();

      // Assess
      expect(response.status).toBe(status);
      expect(response.body.error).toMatch(message);
      expect(await tableItemCount()).toBe(before);
    });
  }

  it('names each problem field', async () => {
    const { body } = await postJson('/api/contacts', { colour: 'green', phone: 'call me' });
    expect(body.problems).toEqual(
      expect.arrayContaining([
        { field: 'description', message: 'is required' },
        { field: 'colour', message: "'colour' is not a field we accept" },
        { field: 'phone', message: 'is not a phone number we can call back' },
      ]),
    );
  });

  it('an unknown route is a 404 with a JSON body', async () => {
    const response = await fetch(`${stack.url}/api/nothing-here`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(((await response.json()) as { error: string }).error).toContain('/api/nothing-here');
  });
});

describe('CORS for the council website', () => {
  it('answers a preflight from an allowed origin and labels the answer for the browser', async () => {
    const preflight = await fetch(`${stack.url}/api/contacts`, {
      method: 'OPTIONS',
      headers: { origin: 'https://www.council.example.gov.uk', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    const posted = await fetch(`${stack.url}/api/contacts`, {
      method: 'POST',
      headers: { origin: 'https://www.council.example.gov.uk', 'content-type': 'application/json' },
      body: JSON.stringify({ description: 'What are your opening hours?' }),
    });
    expect(posted.headers.get('access-control-allow-origin')).toBe('*');
  });
});
