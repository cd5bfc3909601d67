// The one loop over a table-stream batch, shared by its consumers: decodes each record's images
// into an ItemChange and hands it to the consumer, in stream order. An item that can never be
// handled (it cannot be decoded, or the consumer throws UnreadableItemError) is logged and passed
// over, so it does not hold back the records behind it. Any other failure stops the batch at that
// record and reports its sequence number as the batch item failure: Lambda then retries from it,
// in order, and nothing after it has been acted on yet. (Why this is not Powertools' batch
// processor: docs/architecture.md.)
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { UnreadableItemError, type ChangeEvent, type ItemChange } from '#domain/item-change';

export interface StreamBatchResult<T> {
  /** What the consumer answered for each change it acted on, in stream order. */
  handled: T[];
  /** Keys (`<pk>/<sk>`) of the items passed over as unreadable; they stay in the table. */
  unreadable: string[];
  /** Sequence number of the record the batch stopped at, for the partial batch response. */
  failedAt?: string;
}

export interface StreamBatchLog {
  onUnreadable(error: unknown, key: string): void;
  onFailed(error: unknown, sequenceNumber: string): void;
}

type Image = Record<string, AttributeValue>;

const EVENTS: readonly string[] = ['INSERT', 'MODIFY', 'REMOVE'] satisfies ChangeEvent[];

function keyOf(record: DynamoDBRecord): string {
  const image = record.dynamodb?.Keys ?? record.dynamodb?.NewImage ?? record.dynamodb?.OldImage;
  return `${image?.pk?.S}/${image?.sk?.S}`;
}

function decoded(image: Image): Record<string, unknown> {
  try {
    return unmarshall(image);
  } catch (error) {
    throw new UnreadableItemError(`the stream image cannot be read: ${(error as Error).message}`, { cause: error });
  }
}

/** The change a stream record tells, with its images as plain objects. Throws UnreadableItemError. */
export function itemChangeOf(record: DynamoDBRecord): ItemChange {
  const event = record.eventName;
  if (!event || !EVENTS.includes(event)) throw new UnreadableItemError(`the stream record's event '${event}' is not one of ${EVENTS.join(', ')}`);
  const before = record.dynamodb?.OldImage as Image | undefined;
  const after = record.dynamodb?.NewImage as Image | undefined;
  return {
    event,
    recordId: record.eventID ?? record.dynamodb?.SequenceNumber ?? '',
    key: keyOf(record),
    ...(before ? { before: decoded(before) } : {}),
    ...(after ? { after: decoded(after) } : {}),
  };
}

/**
 * Hands each record's change to `handle`, in order, and stops at the first that fails. `handle`
 * answers undefined for a change it has nothing to do with.
 */
export async function inStreamOrder<T>(
  records: DynamoDBRecord[],
  handle: (change: ItemChange) => Promise<T | undefined>,
  log: StreamBatchLog,
): Promise<StreamBatchResult<T>> {
  const result: StreamBatchResult<T> = { handled: [], unreadable: [] };
  for (const record of records) {
    let outcome: T | undefined;
    try {
      outcome = await handle(itemChangeOf(record));
    } catch (error) {
      if (error instanceof UnreadableItemError) {
        const key = keyOf(record);
        log.onUnreadable(error, key);
        result.unreadable.push(key);
        continue;
      }
      const sequenceNumber = record.dynamodb?.SequenceNumber ?? '';
      log.onFailed(error, sequenceNumber);
      return { ...result, failedAt: sequenceNumber };
    }
    if (outcome !== undefined) result.handled.push(outcome);
  }
  return result;
}

/** The partial batch response: retry from the record the batch stopped at, if it stopped. */
export function batchResponse(result: StreamBatchResult<unknown>): DynamoDBBatchResponse {
  return { batchItemFailures: result.failedAt ? [{ itemIdentifier: result.failedAt }] : [] };
}
