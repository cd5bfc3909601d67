// Transactional outbox: hand-off items written with the case reach the team's queue from the
// table's stream. A failure stops the batch at that record, so the stream retries it (and what
// follows) in order; nothing is skipped and nothing is lost.
import type { DynamoDBRecord } from 'aws-lambda';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { HandoffMessageSchema, type HandoffMessage } from '#domain/handoff';

export interface DispatchResult {
  sent: string[];
  /** Sequence number of the first record that failed, for the stream's partial batch response. */
  failedAt?: string;
}

export async function dispatchHandoffs(
  records: DynamoDBRecord[],
  send: (message: HandoffMessage) => Promise<void>,
  onError: (error: unknown, sequenceNumber: string) => void,
): Promise<DispatchResult> {
  const sent: string[] = [];
  for (const record of records) {
    const image = record.dynamodb?.NewImage;
    if (record.eventName !== 'INSERT' || image?.entity?.S !== 'handoff') continue;
    const sequenceNumber = record.dynamodb?.SequenceNumber ?? '';
    try {
      const item = unmarshall(image as Record<string, AttributeValue>);
      const message = HandoffMessageSchema.parse(item.message);
      await send(message);
      sent.push(message.dedupKey);
    } catch (error) {
      onError(error, sequenceNumber);
      return { sent, failedAt: sequenceNumber };
    }
  }
  return { sent };
}
