// The routing layer through the web channel, against DynamoDB Local: resolve at first contact,
// ask, emergencies, the SLA clock on new cases, "where is my case", and repeat contacts.
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { db, postJson, queueUrl, stack, tableItemCount, takeFromQueue } from '../support/stack.ts';

const uniquePhone = () => `07700 9${String(Date.now() % 100000).padStart(5, '0')}`;

async function caseItem(reference: string) {
  const { Item } = await db.send(new GetCommand({ TableName: stack.tableName, Key: { pk: `CASE#${reference}`, sk: 'CASE' } }));
  return Item;
}

describe('resolving at first contact', () => {
  it('answers an opening-hours question from the calendar, writing one contact and no case', async () => {
    // Prepare
    const before = await tableItemCount();

    // Act
    const { status, body } = await postJson('/api/contacts', { description: 'What are your opening hours?' });

    // Assess
    expect(status).toBe(201);
    expect(body).toMatchObject({ decision: 'resolve', firstContactResolved: true });
    expect(body.reference).toBeUndefined();
    expect(body.message).toMatch(/Monday/);
    expect(await tableItemCount()).toBe(before + 1);
  });

  it('looks up bin days for a postcode in the text', async () => {
    const { body } = await postJson('/api/contacts', { description: 'when is my bin collection day? nn1 4tq' });
    expect(body).toMatchObject({ decision: 'resolve', firstContactResolved: true });
    expect(body.message).toMatch(/recycling/i);
    expect(body.message).toMatch(/general waste/i);
  });

  it('asks for the postcode when a bin-day question has none', async () => {
    const { body } = await postJson('/api/contacts', { description: 'when is my bin collection day?' });
    expect(body).toMatchObject({ decision: 'ask', firstContactResolved: false });
    expect(body.message).toMatch(/postcode/i);
  });
});

describe('asking and emergencies', () => {
  it('asks with options when the description could be several services, opening no case', async () => {
    const before = await tableItemCount();
    const { body } = await postJson('/api/contacts', { description: 'broken' });
    expect(body.decision).toBe('ask');
    expect(body.options.length).toBeGreaterThanOrEqual(2);
    expect(body.message).toContain(body.options[0].name);
    expect(body.firstContactResolved).toBe(false);
    expect(await tableItemCount()).toBe(before + 1);
  });

  it('treats a gas smell as an emergency: the advice at once and an urgent case', async () => {
    // Act
    const { status, body } = await postJson('/api/contacts', { description: 'I can smell gas in my kitchen', phone: uniquePhone() });

    // Assess
    expect(status).toBe(201);
    expect(body.decision).toBe('emergency');
    expect(body.message).toMatch(/0800 111 999|999/);
    expect(body.priority).toBe('urgent');
    const item = await caseItem(body.reference);
    expect(item?.case.priority).toBe('urgent');
  });
});

describe('a new case runs its SLA clock on the council calendar', () => {
  it('carries due and warning times, says the commitment, and is on the team worklist index', async () => {
    // Act
    const { body } = await postJson('/api/contacts', { description: 'bin not collected', service: 'missed-bin' });

    // Assess
    expect(body.commitment).toMatch(/^by \d{1,2}(:\d\d)?(am|pm) /);
    expect(body.message).toContain(body.commitment);
    const item = await caseItem(body.reference);
    expect(item?.case.sla).toMatchObject({ policy: { amount: 2, unit: 'working-days' } });
    expect(Date.parse(item!.case.sla.warnAt)).toBeLessThan(Date.parse(item!.case.sla.dueAt));
    expect(item?.dueAt).toBe(body.dueAt);
    const worklist = await db.send(
      new QueryCommand({
        TableName: stack.tableName,
        IndexName: 'byTeamDue',
        KeyConditionExpression: 'teamId = :team AND dueAt = :due',
        ExpressionAttributeValues: { ':team': 'waste-services', ':due': body.dueAt },
      }),
    );
    expect(worklist.Items?.map((i) => i.case.reference)).toContain(body.reference);
    const [message] = await takeFromQueue(queueUrl('waste-services'), (m) => JSON.parse(m.Body!).caseReference === body.reference);
    expect(JSON.parse(message!.Body!).sla).toMatchObject({ dueAt: body.dueAt, warnAt: item!.case.sla.warnAt });
  });
});

describe('one resident across channels', () => {
  it('links a second report of the same open problem to the first case (a repeat contact), with no new hand-off', async () => {
    // Prepare
    const phone = uniquePhone();
    const first = await postJson('/api/contacts', { description: 'Our bin was missed', service: 'missed-bin', phone });
    await takeFromQueue(queueUrl('waste-services'), (m) => JSON.parse(m.Body!).caseReference === first.body.reference);

    // Act: the same resident, writing their number another way
    const again = await postJson('/api/contacts', {
      description: 'Still waiting for our missed bin',
      service: 'missed-bin',
      phone: `+44 ${phone.slice(1)}`,
    });

    // Assess
    expect(again.body).toMatchObject({ decision: 'handoff', reference: first.body.reference, repeatOf: first.body.reference });
    expect(again.body.message).toContain(first.body.reference);
    expect((await caseItem(first.body.reference))?.case.repeatContacts).toBe(1);
    const extra = await takeFromQueue(queueUrl('waste-services'), (m) => JSON.parse(m.Body!).caseReference === first.body.reference, {
      deadlineMs: 2_000,
    });
    expect(extra).toHaveLength(0);
  });

  it('tells the resident who reported it where their case is, and counts the chase as a repeat contact', async () => {
    // Prepare
    const email = `resident-${Date.now()}@example.org`;
    const created = await postJson('/api/contacts', { description: 'pothole on Mill Lane', service: 'pothole', email });

    // Act
    const asked = await postJson('/api/contacts', {
      description: `Where is my case ${created.body.reference.toLowerCase()}?`,
      email: email.toUpperCase(),
    });

    // Assess
    expect(asked.body).toMatchObject({ decision: 'resolve', firstContactResolved: true, reference: created.body.reference });
    expect(asked.body.message).toContain(created.body.reference);
    expect(asked.body.message).toContain(asked.body.commitment);
    expect((await caseItem(created.body.reference))?.case.repeatContacts).toBe(1);
  });

  it('does not give the status of a case to someone else', async () => {
    const created = await postJson('/api/contacts', { description: 'graffiti', service: 'graffiti', email: `a-${Date.now()}@example.org` });
    const asked = await postJson('/api/contacts', {
      description: `what is happening with ${created.body.reference}`,
      email: `someone-else-${Date.now()}@example.org`,
    });
    expect(asked.body.message).not.toContain(created.body.commitment);
    expect((await caseItem(created.body.reference))?.case.repeatContacts).toBe(0);
  });
});
