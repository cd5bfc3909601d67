// Transactional outbox: hand-off items written with the case reach the team's queue from the
// table's stream. A send that fails stops the batch at that record, so the stream retries it
// (and what follows) in order until it succeeds; nothing is skipped and nothing is lost.
import type { DynamoDBRecord } from 'aws-lambda';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { HandoffMessageSchema, type HandoffMessage } from '#domain/handoff';

export interface DispatchResult {
  sent: string[];
  /** Outbox items that can never be sent (not a valid hand-off); they stay in the table. */
  unreadable: string[];
  /** Sequence number of the first record whose send failed, for the stream's partial batch response. */
  failedAt?: string;
}

export interface DispatchPorts {
  send(message: HandoffMessage): Promise<void>;
  onSendFailed(error: unknown, sequenceNumber: string): void;
  onUnreadable(error: unknown, key: string): void;
}

export async function dispatchHandoffs(records: DynamoDBRecord[], ports: DispatchPorts): Promise<DispatchResult> {
  const result: DispatchResult = { sent: [], unreadable: [] };
  for (const record of records) {
    const image = record.dynamodb?.NewImage;
    if (record.eventName !== 'INSERT' || image?.entity?.S !== 'handoff') continue;
    const sequenceNumber = record.dynamodb?.SequenceNumber ?? '';
    let message: HandoffMessage;
    try {
      message = HandoffMessageSchema.parse(unmarshall(image as Record<string, AttributeValue>).message);
    } catch (error) {
      // Retrying cannot mend it, and it must not hold back the hand-offs behind it.
      const key = `${image.pk?.S}/${image.sk?.S}`;
      ports.onUnreadable(error, key);
      result.unreadable.push(key);
      continue;
    }
    try {
      await ports.send(message);
      result.sent.push(message.dedupKey);
    } catch (error) {
      ports.onSendFailed(error, sequenceNumber);
      return { ...result, failedAt: sequenceNumber };
    }
  }
  return result;
}
