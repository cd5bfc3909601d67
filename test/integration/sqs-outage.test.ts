// Nothing lost: with the SQS emulator down, contacts are still accepted (the case and its outbox
// item are in the table), and once SQS is back the stream delivers each hand-off exactly once.
// This file runs its own local stack, so stopping SQS here cannot disturb the other tests.
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../infra/local/stack.ts';

let stack: LocalStack;
let sqs: SQSClient;

beforeAll(async () => {
  process.env.LOG_LEVEL = 'CRITICAL';
  stack = await startLocalStack({ port: 0 });
  sqs = new SQSClient({ region: stack.region, endpoint: stack.endpoints.sqs, credentials: { accessKeyId: 'l', secretAccessKey: 'l' } });
});

afterAll(async () => {
  sqs?.destroy();
  await stack?.stop();
});

async function drain(url: string, deadlineMs: number, settleMs: number): Promise<Message[]> {
  const taken: Message[] = [];
  const deadline = Date.now() + deadlineMs;
  let settleUntil: number | undefined;
  while (Date.now() < (settleUntil ?? deadline)) {
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
    for (const message of Messages) {
      taken.push(message);
      await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: message.ReceiptHandle! }));
    }
    if (taken.length && settleUntil === undefined) settleUntil = Date.now() + settleMs;
    if (!Messages.length) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return taken;
}

describe('hand-offs survive an SQS outage', () => {
  it('accepts contacts while SQS is down and delivers each hand-off once when it is back', async () => {
    // Prepare
    await stack.stopSqs();

    // Act: three residents report while SQS is unavailable
    const references: string[] = [];
    for (const description of ['pothole by the church', 'pothole on the bridge', 'pothole near the school']) {
      const response = await fetch(`${stack.url}/api/contacts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ description, service: 'pothole' }),
      });
      expect(response.status).toBe(201);
      references.push(((await response.json()) as { reference: string }).reference);
    }
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // the dispatcher fails and retries meanwhile
    await stack.resumeSqs();
    const url = stack.queues.find((q) => q.definition.teamId === 'highways')!.url;
    const delivered = await drain(url, 20_000, 3_000);

    // Assess
    const deliveredReferences = delivered.map((m) => JSON.parse(m.Body!).caseReference as string);
    expect(deliveredReferences.sort()).toEqual([...references].sort());
  });
});
