// The SMS channel's store against DynamoDB Local, run in this process with the application's own
// code: how long it keeps asking for keys DynamoDB leaves unprocessed, and whose clock says a
// rating request has expired.
import { randomBytes } from 'node:crypto';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { dynamo } from '#adapters/aws';
import { UnprocessedKeysError } from '#adapters/dynamo';
import { ratingAskedItem } from '#adapters/notification-store';
import { receiveSms } from '#channels/sms/receive';
import { dynamoSmsStore } from '#channels/sms/store';
import { smsDeps } from '#channels/sms/wiring';
import { fixedClock } from '#domain/clock';
import { db, stack, useStackTable } from '../support/stack.ts';

// The store and the application run in this process, against the stack's DynamoDB Local.
beforeAll(useStackTable);

const DAY_MS = 86_400_000;
const messageSid = () => `SM${randomBytes(16).toString('hex')}`;
let nextNumber = Date.now() % 1000;
const newResident = () => `+447700901${String((nextNumber = (nextNumber + 11) % 1000)).padStart(3, '0')}`;

/**
 * Plays DynamoDB under load, which DynamoDB Local never is: every BatchGetItem goes to DynamoDB
 * Local, and its answer comes back with every key unprocessed and no items. A fault injected into
 * the real client's answer, not a stand-in for DynamoDB: the request, the store and the SDK are
 * real, and the bound itself is also unit-tested (test/unit/dynamo.test.ts).
 */
async function whileBatchGetIsThrottled<T>(act: () => Promise<T>): Promise<{ result?: T; error?: unknown; requests: number }> {
  const stackOfMiddleware = dynamo().middlewareStack;
  let requests = 0;
  stackOfMiddleware.add(
    (next, context) => async (args: any) => {
      const answer = await next(args);
      if (context.commandName === 'BatchGetItemCommand') {
        requests++;
        (answer.output as any).Responses = {};
        // The request as sent (attribute values); the answer as the document client returns it (plain values).
        (answer.output as any).UnprocessedKeys = Object.fromEntries(
          Object.entries(args.input.RequestItems as Record<string, any>).map(([table, request]) => [
            table,
            { ...request, Keys: request.Keys.map((key: any) => unmarshall(key)) },
          ]),
        );
      }
      return answer;
    },
    { step: 'deserialize', priority: 'high', name: 'playThrottledBatchGet' },
  );
  try {
    return { result: await act(), requests };
  } catch (error) {
    return { error, requests };
  } finally {
    stackOfMiddleware.remove('playThrottledBatchGet');
  }
}

describe('the SMS store', () => {
  it('gives up with a clear error, after a few requests, when DynamoDB keeps leaving its keys unprocessed', async () => {
    // Act
    const { error, requests } = await whileBatchGetIsThrottled(() => dynamoSmsStore.load(newResident(), messageSid(), new Date()));

    // Assess
    expect(error).toBeInstanceOf(UnprocessedKeysError);
    expect((error as Error).message).toMatch(/left 3 of 3 keys unprocessed after 5 BatchGet requests/);
    expect(requests).toBe(5);
  }, 15_000);

  it("judges a rating request's expiry by the application's clock, not the machine's", async () => {
    // Prepare: two residents asked "how did we do?" 7 days apart; the request lasts 7 days
    const now = Date.now();
    const asked = { serviceId: 'overgrown-vegetation', teamId: 'parks-trees' };
    const late = { phone: newResident(), reference: 'TEST-LATE' };
    const early = { phone: newResident(), reference: 'TEST-ERLY' };
    await db.send(new PutCommand({ TableName: stack.tableName, Item: ratingAskedItem(late.phone, { ...asked, reference: late.reference }, new Date(now)) }));
    await db.send(
      new PutCommand({ TableName: stack.tableName, Item: ratingAskedItem(early.phone, { ...asked, reference: early.reference }, new Date(now - 8 * DAY_MS)) }),
    );
    const textAt = (phone: string, at: number) =>
      receiveSms(
        { MessageSid: messageSid(), From: phone, To: '+441632960000', Body: '4' },
        { ...smsDeps, contacts: { ...smsDeps.contacts, clock: fixedClock(new Date(at)) } },
      );

    // Act: the late one answers when the application's clock says 8 days have passed (the machine
    // says none); the early one when it says half a day has (the machine says 8)
    const lateReply = await textAt(late.phone, now + 8 * DAY_MS);
    const earlyReply = await textAt(early.phone, now - 7.5 * DAY_MS);

    // Assess
    expect(lateReply).not.toContain('Thank you for rating');
    expect(earlyReply).toContain('Thank you for rating');
    const ratingOf = async (reference: string) =>
      (
        await db.send(
          new QueryCommand({ TableName: stack.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `RATING#${reference}` } }),
        )
      ).Items ?? [];
    expect(await ratingOf(late.reference)).toEqual([]);
    expect((await ratingOf(early.reference)).map((item) => item.rating.rating)).toEqual([4]);
  });
});
