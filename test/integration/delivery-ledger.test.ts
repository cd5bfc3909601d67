// The delivery ledger of send-notifications (Powertools idempotency with its DynamoDB persistence
// layer) against the platform table in DynamoDB Local: each message delivered once per dedupKey,
// under the keys docs/data-model.md gives, and the claims' rules the application relies on.
import { createHash, randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { dynamoDeliveryLedger } from '#adapters/delivery-ledger';
import { DeliveryInProgressError, DeliveryNotRecordedError, type Delivery } from '#app/notifications';
import { lambdaContext } from '../../infra/local/lambda.ts';
import { db, stack, useStackTable } from '../support/stack.ts';

// The ledger runs in this test process, as in send-notifications.
beforeAll(useStackTable);

const invocation = (remainingMs = 30_000) => lambdaContext('frontdoor-send-notifications', { getRemainingTimeInMillis: () => remainingMs });
const newDedupKey = () => `TEST-${randomUUID()}#case-update`;

/** The record as docs/data-model.md describes it: one partition, the sort key a hash of the dedupKey. */
async function recordOf(dedupKey: string) {
  const sk = `notification#${createHash('md5').update(JSON.stringify(dedupKey)).digest('base64')}`;
  const { Item } = await db.send(new GetCommand({ TableName: stack.tableName, Key: { pk: 'IDEMPOTENCY#send-notifications', sk }, ConsistentRead: true }));
  return Item;
}

describe('the delivery ledger (Powertools idempotency on the platform table)', () => {
  it('delivers a message once: asked again, it answers with the recorded delivery and delivers nothing', async () => {
    // Prepare
    const dedupKey = newDedupKey();
    let deliveries = 0;
    const deliver = async (): Promise<Delivery> => ({ status: 'sent', providerSid: `SM${++deliveries}` });

    // Act
    const first = await dynamoDeliveryLedger(invocation()).deliverOnce(dedupKey, deliver);
    const again = await dynamoDeliveryLedger(invocation()).deliverOnce(dedupKey, deliver);

    // Assess
    expect(first).toEqual({ delivery: { status: 'sent', providerSid: 'SM1' }, earlier: false });
    expect(again).toEqual({ delivery: { status: 'sent', providerSid: 'SM1' }, earlier: true });
    expect(deliveries).toBe(1);
    const record = await recordOf(dedupKey);
    expect(record).toMatchObject({ status: 'COMPLETED', data: { dedupKey, status: 'sent', providerSid: 'SM1' } });
    // Kept 14 days (as long as SQS keeps a message), in the table's TTL attribute (epoch seconds).
    expect(Math.abs(record!.expiresAt - (Date.now() / 1000 + 14 * 86_400))).toBeLessThan(300);
  });

  it('tells a second delivery of a message that the first is sending it now, and sends nothing', async () => {
    // Prepare
    const dedupKey = newDedupKey();
    let finish: (delivery: Delivery) => void = () => undefined;
    const first = dynamoDeliveryLedger(invocation()).deliverOnce(dedupKey, () => new Promise<Delivery>((resolve) => (finish = resolve)));
    await expect.poll(() => recordOf(dedupKey)).toMatchObject({ status: 'INPROGRESS' });

    // Act
    const second = await dynamoDeliveryLedger(invocation())
      .deliverOnce(dedupKey, async () => ({ status: 'sent', providerSid: 'SM-second' }))
      .catch((error: unknown) => error);
    finish({ status: 'sent', providerSid: 'SM-first' });

    // Assess
    expect(second).toBeInstanceOf(DeliveryInProgressError);
    expect(await first).toEqual({ delivery: { status: 'sent', providerSid: 'SM-first' }, earlier: false });
  });

  it('gives the claim back when delivering fails, with the failure as it was, so the next delivery sends it', async () => {
    // Prepare
    const dedupKey = newDedupKey();
    const unavailable = Object.assign(new Error('Service Unavailable'), { status: 503 });

    // Act
    const failed = await dynamoDeliveryLedger(invocation())
      .deliverOnce(dedupKey, async () => Promise.reject(unavailable))
      .catch((error: unknown) => error);
    const afterFailure = await recordOf(dedupKey);
    const retried = await dynamoDeliveryLedger(invocation()).deliverOnce(dedupKey, async () => ({ status: 'sent', providerSid: 'SM-retried' }));

    // Assess
    expect(failed).toBe(unavailable);
    expect(afterFailure).toBeUndefined();
    expect(retried).toEqual({ delivery: { status: 'sent', providerSid: 'SM-retried' }, earlier: false });
  });

  it("lets the claim of an invocation that died run out with that invocation's time", async () => {
    // Prepare: an invocation with 300 ms left that never finishes its delivery (a timeout)
    const dedupKey = newDedupKey();
    void dynamoDeliveryLedger(invocation(300)).deliverOnce(dedupKey, () => new Promise<Delivery>(() => undefined));
    await expect.poll(() => recordOf(dedupKey)).toMatchObject({ status: 'INPROGRESS' });
    const whileAlive = await dynamoDeliveryLedger(invocation()).deliverOnce(dedupKey, async () => ({ status: 'sent', providerSid: 'SM-early' })).catch((e: unknown) => e);

    // Act
    await new Promise((resolve) => setTimeout(resolve, 400));
    const afterItsTime = await dynamoDeliveryLedger(invocation()).deliverOnce(dedupKey, async () => ({ status: 'sent', providerSid: 'SM-next' }));

    // Assess
    expect(whileAlive).toBeInstanceOf(DeliveryInProgressError);
    expect(afterItsTime).toEqual({ delivery: { status: 'sent', providerSid: 'SM-next' }, earlier: false });
  });

  it('says a message was delivered but not recorded when its record cannot be written, rather than failing it', async () => {
    // Prepare: a delivery too large for a DynamoDB item (400 KB), so the record cannot be written
    const dedupKey = newDedupKey();
    const delivered: Delivery = { status: 'sent', providerSid: 'S'.repeat(410 * 1024) };

    // Act
    const error = await dynamoDeliveryLedger(invocation())
      .deliverOnce(dedupKey, async () => delivered)
      .catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(DeliveryNotRecordedError);
    expect((error as DeliveryNotRecordedError).delivery).toBe(delivered);
  });
});
