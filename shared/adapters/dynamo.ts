// What every store does with DynamoDB the same way: read a refused condition (a single write's
// ConditionalCheckFailedException, a transaction's cancellation reasons item by item), write TTLs
// (epoch seconds, `expiresAt = now + N`), and read keys with BatchGet, asking again for the keys
// DynamoDB leaves unprocessed under load, a bounded number of times.
import {
  BatchGetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type QueryCommandInput,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { dynamo } from './aws.ts';
import { config } from './config.ts';

type Item = Record<string, any>;
type Key = Record<string, unknown>;
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

// ---- Conditions ---------------------------------------------------------------------------------

/** The condition that makes a put create an item, never replace one. */
export const onlyIfNew = 'attribute_not_exists(pk)';

/** A single write's condition was false (PutItem, UpdateItem, DeleteItem). */
export const conditionFailed = (error: unknown): boolean =>
  (error as { name?: string } | undefined)?.name === 'ConditionalCheckFailedException';

/** Why DynamoDB cancelled a transaction, item by item in TransactItems' order. */
export interface Cancellation {
  /** Each item's reason code: 'None', 'ConditionalCheckFailed', 'TransactionConflict', ... */
  codes: string[];
  /** The item at `index` failed its condition; without an index, any item did. */
  conditionFailed(index?: number): boolean;
  /** Another request was writing one of the items at that moment: trying again may succeed. */
  conflict: boolean;
  /** The cancellation itself, to throw when no reason is one the caller handles. */
  error: Error;
}

/** The transaction's cancellation reasons, or undefined when `error` is not a cancelled transaction. */
export function cancellationOf(error: unknown): Cancellation | undefined {
  const cancelled = error as { name?: string; CancellationReasons?: Array<{ Code?: string }> } | undefined;
  if (cancelled?.name !== 'TransactionCanceledException') return undefined;
  const codes = (cancelled.CancellationReasons ?? []).map((reason) => reason.Code ?? 'None');
  return {
    codes,
    conditionFailed: (index) =>
      index === undefined ? codes.includes('ConditionalCheckFailed') : codes[index] === 'ConditionalCheckFailed',
    conflict: codes.includes('TransactionConflict'),
    error: error as Error,
  };
}

/** Puts the item unless one with its key exists: true when it was written. */
export async function putIfNew(item: Item): Promise<boolean> {
  try {
    await dynamo().send(new PutCommand({ TableName: config.tableName, Item: item, ConditionExpression: onlyIfNew }));
    return true;
  } catch (error) {
    if (conditionFailed(error)) return false;
    throw error;
  }
}

/** Writes the items together or not at all: undefined when written, else why DynamoDB cancelled it. */
export async function transactWrite(items: TransactItem[]): Promise<Cancellation | undefined> {
  try {
    await dynamo().send(new TransactWriteCommand({ TransactItems: items }));
    return undefined;
  } catch (error) {
    const cancellation = cancellationOf(error);
    if (!cancellation) throw error;
    return cancellation;
  }
}

/** One page of a query on the platform table: with a Limit and no filter, the first `Limit` items. */
export async function queryPage(input: Omit<QueryCommandInput, 'TableName'>): Promise<Item[]> {
  return (await dynamo().send(new QueryCommand({ TableName: config.tableName, ...input }))).Items ?? [];
}

// ---- TTL ----------------------------------------------------------------------------------------

/** DynamoDB's TTL reads whole seconds since the epoch. */
export const epochSeconds = (at: Date | string): number => Math.floor(new Date(at).getTime() / 1000);

/** `n` days in seconds, for TTLs. */
export const days = (n: number): number => n * 86_400;

/** The TTL attribute of an item kept `seconds` from `at`. */
export const expiresAfter = (at: Date | string, seconds: number): number => epochSeconds(at) + seconds;

// ---- Back-off and BatchGet ----------------------------------------------------------------------

export const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The pause before retry `attempt` (1, 2, ...): doubling from `baseMs`, with jitter so writers that collided spread out. */
export const backoffMs = (attempt: number, baseMs: number, random: () => number = Math.random): number =>
  baseMs * 2 ** (attempt - 1) * (0.5 + random());

export class UnprocessedKeysError extends Error {
  override name = 'UnprocessedKeysError';
  constructor(readonly left: number, requested: number, rounds: number) {
    super(`DynamoDB left ${left} of ${requested} keys unprocessed after ${rounds} BatchGet requests (throttled); try again later`);
  }
}

export interface BatchGetOptions {
  consistentRead?: boolean;
  /** Requests at most, the first included; then UnprocessedKeysError. */
  rounds?: number;
  /** The first retry's pause; each further one doubles it (with jitter). */
  baseDelayMs?: number;
}

/** One BatchGet request: the items it returned and the keys it left for later. */
export type BatchGetPage = (keys: Key[]) => Promise<{ items: Item[]; unprocessed: Key[] }>;

/** BatchGetItem takes at most 100 keys a request. */
const BATCH_GET_MAX_KEYS = 100;
const DEFAULT_ROUNDS = 5;
const DEFAULT_BASE_DELAY_MS = 25;

/**
 * Every item of `keys` that exists, reading through `page` and asking again for what it leaves
 * unprocessed, with back-off, at most `rounds` requests; then an UnprocessedKeysError.
 */
export async function readAllKeys(
  keys: Key[],
  page: BatchGetPage,
  options: { rounds?: number; baseDelayMs?: number; pause?: (ms: number) => Promise<void> } = {},
): Promise<Item[]> {
  const rounds = options.rounds ?? DEFAULT_ROUNDS;
  const items: Item[] = [];
  let left = keys;
  for (let round = 1; left.length; round++) {
    if (round > rounds) throw new UnprocessedKeysError(left.length, keys.length, rounds);
    if (round > 1) await (options.pause ?? pause)(backoffMs(round - 1, options.baseDelayMs ?? DEFAULT_BASE_DELAY_MS));
    const answer = await page(left);
    items.push(...answer.items);
    left = answer.unprocessed;
  }
  return items;
}

/** The platform table's items with these keys (any number of keys; missing items are left out, in no order). */
export async function batchGet(keys: Key[], options: BatchGetOptions = {}): Promise<Item[]> {
  const TableName = config.tableName;
  const page: BatchGetPage = async (Keys) => {
    const answer = await dynamo().send(
      new BatchGetCommand({ RequestItems: { [TableName]: { Keys, ...(options.consistentRead ? { ConsistentRead: true } : {}) } } }),
    );
    return { items: answer.Responses?.[TableName] ?? [], unprocessed: answer.UnprocessedKeys?.[TableName]?.Keys ?? [] };
  };
  const chunks: Key[][] = [];
  for (let i = 0; i < keys.length; i += BATCH_GET_MAX_KEYS) chunks.push(keys.slice(i, i + BATCH_GET_MAX_KEYS));
  return (await Promise.all(chunks.map((chunk) => readAllKeys(chunk, page, options)))).flat();
}
