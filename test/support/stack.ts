// What integration and e2e tests use to reach the local stack started by global-setup.ts.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, ScanCommand, type ScanCommandInput } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';

export const stack = inject('stack');
const clientConfig = { region: stack.region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
export const db = DynamoDBDocumentClient.from(new DynamoDBClient({ ...clientConfig, endpoint: stack.dynamodbEndpoint }));
export const sqs = new SQSClient({ ...clientConfig, endpoint: stack.sqsEndpoint });

/** Points the adapters in this process at the stack's DynamoDB Local, with the environment the local stack gives the functions. */
export function useStackTable(): void {
  Object.assign(process.env, {
    TABLE_NAME: stack.tableName,
    AWS_REGION: stack.region,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: stack.dynamodbEndpoint,
  });
}

export function queueUrl(teamId: string): string {
  const queue = stack.queues.find((q) => q.teamId === teamId);
  if (!queue) throw new Error(`no queue for team ${teamId}`);
  return queue.url;
}

export async function postJson(path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${stack.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, any> };
}

export async function getJson(path: string) {
  const response = await fetch(`${stack.url}${path}`);
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

/**
 * The records that name one case: its own partition (the case, events, hand-offs), its outbox
 * notifications (`NOTIFY#<reference>#...`) and the contacts that opened it or repeated it. To show
 * that a refused action on that case wrote nothing, whatever the background (the SLA monitor's
 * schedule, other tests' consumers) writes elsewhere meanwhile.
 */
export function itemsNaming(reference: string): Promise<number> {
  return countItems({
    FilterExpression: 'contains(pk, :reference) OR #outcome.#reference = :reference OR #outcome.repeatOf = :reference',
    ExpressionAttributeNames: { '#outcome': 'outcome', '#reference': 'reference' },
    ExpressionAttributeValues: { ':reference': reference },
  });
}

/**
 * The records requests write (contacts, cases, events, outbox items, conversations...): to show
 * that bad input wrote nothing. Items the platform derives in the background after a record
 * (daily measures, the delivery records of notifications) are left out, so their timing cannot
 * make a count wrong.
 */
export function tableItemCount(): Promise<number> {
  return countItems({
    FilterExpression: 'NOT begins_with(pk, :measures) AND NOT begins_with(pk, :idempotency)',
    ExpressionAttributeValues: { ':measures': 'MEASURES#', ':idempotency': 'IDEMPOTENCY#' },
  });
}

/** The items a filter keeps, counted over the whole table, page by page. */
async function countItems(filter: Pick<ScanCommandInput, 'FilterExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'>): Promise<number> {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new ScanCommand({ TableName: stack.tableName, Select: 'COUNT', ...filter, ExclusiveStartKey: start }));
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return count;
}

/**
 * Consumes, as a service team would, the messages that match from a queue until `wanted` have
 * arrived (then keeps listening for `settleMs` to catch duplicates), or the deadline passes.
 * Matching messages are deleted; others are handed straight back (visibility 0) for their owners.
 */
export async function takeFromQueue(
  url: string,
  matches: (message: Message) => boolean,
  { wanted = 1, deadlineMs = 15_000, settleMs = 0 } = {},
): Promise<Message[]> {
  const taken: Message[] = [];
  const deadline = Date.now() + deadlineMs;
  let settleUntil: number | undefined;
  while (Date.now() < (settleUntil ?? deadline)) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, MessageAttributeNames: ['All'] }),
    );
    for (const message of Messages) {
      if (matches(message)) {
        taken.push(message);
        await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: message.ReceiptHandle! }));
      } else {
        await sqs.send(
          new ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle: message.ReceiptHandle!, VisibilityTimeout: 0 }),
        );
      }
    }
    if (taken.length >= wanted && settleUntil === undefined) settleUntil = Math.min(deadline, Date.now() + settleMs);
    if (!Messages.length) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return taken;
}
