// Transactional outbox: items written in the same transaction as the change that caused them
// leave through the table's stream: hand-offs to the team's queue, notifications to the
// notifications queue. This is what to do with one outbox item; the stream loop
// (shared/adapters/stream.ts) runs it in order and stops at a send that fails, so the stream
// retries that item (and what follows) until it succeeds: nothing is skipped and nothing is lost.
import { HandoffMessageSchema, type HandoffMessage } from '#domain/handoff';
import { UnreadableItemError, type ItemChange } from '#domain/item-change';
import { parseNotification, type Notification } from '#domain/notification';

export interface DispatchPorts {
  send(message: HandoffMessage): Promise<void>;
  notify(notification: Notification): Promise<void>;
}

type Outgoing = { kind: 'handoff'; message: HandoffMessage } | { kind: 'notification'; message: Notification };

/** The item kinds (`entity`) that leave through the outbox, when they are written (INSERT). */
export const OUTBOX_ENTITIES = ['handoff', 'notification'] as const;

/** What a new outbox item asks to send; undefined for any other change. Throws UnreadableItemError. */
function outgoingOf(change: ItemChange): Outgoing | undefined {
  const item = change.after;
  const entity = item?.entity;
  if (change.event !== 'INSERT' || !item || !(OUTBOX_ENTITIES as readonly unknown[]).includes(entity)) return undefined;
  try {
    return entity === 'handoff'
      ? { kind: 'handoff', message: HandoffMessageSchema.parse(item.message) }
      : { kind: 'notification', message: parseNotification(item.message) };
  } catch (error) {
    throw new UnreadableItemError(`the outbox item is not a valid ${entity}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Sends one new outbox item to its queue and answers its dedup key; answers undefined for a change
 * that is not a new outbox item. A send that fails throws, so the stream retries this item.
 */
export async function dispatchOutboxItem(change: ItemChange, ports: DispatchPorts): Promise<string | undefined> {
  const outgoing = outgoingOf(change);
  if (!outgoing) return undefined;
  if (outgoing.kind === 'handoff') await ports.send(outgoing.message);
  else await ports.notify(outgoing.message);
  return outgoing.message.dedupKey;
}
