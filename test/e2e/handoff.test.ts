// The thin slice end to end: a web contact is posted, routed, recorded, and its hand-off lands on
// the service team's SQS queue through the table stream and the dispatcher.
import { describe, expect, it } from 'vitest';
import { HandoffMessageSchema } from '../../shared/domain/handoff.ts';
import { postJson, queueUrl, takeFromQueue } from '../support/stack.ts';

const forReference = (reference: string) => (message: { Body?: string }) =>
  JSON.parse(message.Body ?? '{}').caseReference === reference;

describe('hand-off to the service team queue', () => {
  it('delivers the hand-off message for a new case to the owning team', async () => {
    // Act
    const { status, body } = await postJson('/api/contacts', {
      description: 'Huge pothole outside the school gates',
      service: 'pothole',
      email: 'resident@example.org',
      location: { lat: 52.2, lng: 0.12 },
    });
    const messages = await takeFromQueue(queueUrl('highways'), forReference(body.reference));

    // Assess
    expect(status).toBe(201);
    expect(messages).toHaveLength(1);
    const handoff = HandoffMessageSchema.parse(JSON.parse(messages[0]!.Body!));
    expect(handoff).toMatchObject({
      schemaVersion: '1',
      caseReference: body.reference,
      dedupKey: `${body.reference}#1`,
      teamId: 'highways',
      service: { id: 'pothole' },
      channel: 'web',
      description: 'Huge pothole outside the school gates',
      resident: { email: 'resident@example.org' },
      location: { lat: 52.2, lng: 0.12 },
    });
    expect(messages[0]!.MessageAttributes?.dedupKey?.StringValue).toBe(`${body.reference}#1`);
    expect(messages[0]!.MessageAttributes?.schemaVersion?.StringValue).toBe('1');
  });

  it('delivers exactly one hand-off when the same submission arrives three times', async () => {
    // Prepare
    const submission = { description: 'Rubbish dumped by the recycling bank', service: 'fly-tipping' };
    const key = `triple-${Date.now()}`;

    // Act
    const answers = await Promise.all([1, 2, 3].map(() => postJson('/api/contacts', submission, { 'idempotency-key': key })));
    const reference = answers[0]!.body.reference as string;
    const messages = await takeFromQueue(queueUrl('street-scene'), forReference(reference), { settleMs: 3_000 });

    // Assess
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.reference))).toEqual(new Set([reference]));
    expect(messages).toHaveLength(1);
  });
});
