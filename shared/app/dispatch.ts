// Transactional outbox: items written in the same transaction as the change that caused them
// leave through the table's stream: hand-offs to the team's queue, notifications to the
// notifications queue. A send that fails stops the batch at that record, so the stream retries it
// (and what follows) in order until it succeeds; nothing is skipped and nothing is lost.
import type { DynamoDBRecord } from 'aws-lambda';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { HandoffMessageSchema, type HandoffMessage } from '#domain/handoff';
import { parseNotification, type Notification } from '#domain/notification';

export interface DispatchResult {
  /** Dedup keys of what was sent. */
  sent: string[];
  /** Outbox items that can never be sent (not a valid message); they stay in the table. */
  unreadable: string[];
  /** Sequence number of the first record whose send failed, for the stream's partial batch response. */
  failedAt?: string;
}

export interface DispatchPorts {
  send(message: HandoffMessage): Promise<void>;
  notify(notification: Notification): Promise<void>;
  onSendFailed(error: unknown, sequenceNumber: string): void;
  onUnreadable(error: unknown, key: string): void;
}

type Outgoing = { kind: 'handoff'; message: HandoffMessage } | { kind: 'notification'; message: Notification };

const OUTBOX_ENTITIES = new Set(['handoff', 'notification']);

export async function dispatchHandoffs(records: DynamoDBRecord[], ports: DispatchPorts): Promise<DispatchResult> {
  const result: DispatchResult = { sent: [], unreadable: [] };
  for (const record of records) {
    const image = record.dynamodb?.NewImage;
    const entity = image?.entity?.S;
    if (record.eventName !== 'INSERT' || !entity || !OUTBOX_ENTITIES.has(entity)) continue;
    const sequenceNumber = record.dynamodb?.SequenceNumber ?? '';
    let outgoing: Outgoing;
    try {
      const item = unmarshall(image as Record<string, AttributeValue>);
      outgoing =
        entity === 'handoff'
          ? { kind: 'handoff', message: HandoffMessageSchema.parse(item.message) }
          : { kind: 'notification', message: parseNotification(item.message) };
    } catch (error) {
      // Retrying cannot mend it, and it must not hold back the messages behind it.
      const key = `${image.pk?.S}/${image.sk?.S}`;
      ports.onUnreadable(error, key);
      result.unreadable.push(key);
      continue;
    }
    try {
      if (outgoing.kind === 'handoff') await ports.send(outgoing.message);
      else await ports.notify(outgoing.message);
      result.sent.push(outgoing.message.dedupKey);
    } catch (error) {
      ports.onSendFailed(error, sequenceNumber);
      return { ...result, failedAt: sequenceNumber };
    }
  }
  return result;
}
