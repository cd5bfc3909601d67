// Messages the platform starts, rather than replies to residents' texts (SMS and emails):
// - built by buildNotification (shared/domain/notification.ts) and put in the outbox (a table
//   item) alone or with the case change that caused them; the table stream takes it to
//   the notifications queue (shared/app/dispatch.ts).
// - sendNotifications: the queue's consumer sends each one once through Twilio, unless the
//   resident opted out (STOP), and says which messages the queue should deliver again.
import type { Clock } from '#domain/clock';
import { NotificationSchema, type Notification } from '#domain/notification';

// ---- Sending -------------------------------------------------------------------------------------------

const E164 = /^\+[1-9]\d{7,14}$/;

/** Twilio refused this message for good (a number that cannot get SMS, a blocked number...). */
export class SmsRejectedError extends Error {
  override name = 'SmsRejectedError';
  constructor(
    message: string,
    readonly httpStatus: number,
    /** Twilio's error code, e.g. 21211 (invalid 'To' number), 21610 (the number sent STOP). */
    readonly code?: number,
  ) {
    super(message);
  }
}

export interface SmsSender {
  /** Resolves with Twilio's message sid; throws SmsRejectedError when retrying cannot help. */
  send(sms: { to: string; body: string }): Promise<{ sid: string }>;
}

/** Sends an email (SLA escalations to a team's escalation contact). */
export interface EmailSender {
  send(email: { to: string; subject: string; body: string }): Promise<{ id: string }>;
}

export type Delivery =
  | { status: 'sent'; providerSid: string }
  | { status: 'emailed'; messageId: string }
  | { status: 'skipped-opted-out' }
  | { status: 'failed'; httpStatus: number; code?: number }
  /** A notification for a channel this consumer has no sender for (not SMS). */
  | { status: 'unsupported-channel'; channel: string };

export interface DeliveryLedger {
  /**
   * Takes the message to send (SENT#<dedupKey>, conditionally): 'claimed', or 'done' when it was
   * sent, skipped or failed before, or 'in-flight' when another delivery of it is sending now.
   */
  claim(dedupKey: string, at: Date): Promise<'claimed' | 'done' | 'in-flight'>;
  isOptedOut(phone: string): Promise<boolean>;
  /** Records how a claimed message ended. */
  settle(dedupKey: string, delivery: Delivery, at: Date): Promise<void>;
  /** Gives a claim back so a later delivery can send it (after a failure worth retrying). */
  release(dedupKey: string): Promise<void>;
}

export interface SendPorts {
  ledger: DeliveryLedger;
  sender: SmsSender;
  /** Without one, emails are recorded as an unsupported channel. */
  emailSender?: EmailSender;
  clock: Clock;
  /** For logs: never the number or the words. */
  onProblem(problem: 'unreadable' | 'rejected' | 'retry' | 'not-recorded' | 'unsupported-channel', detail: { messageId: string; dedupKey?: string; error: unknown }): void;
}

export type SendOutcome = 'sent' | 'duplicate' | 'skipped-opted-out' | 'rejected' | 'unsupported-channel' | 'unreadable' | 'retry';

export interface QueuedMessage {
  /** The queue's id for this delivery (SQS messageId). */
  messageId: string;
  body: string;
}

export interface SendReport {
  outcomes: Array<{ messageId: string; dedupKey?: string; outcome: SendOutcome }>;
  /** Messages the queue should deliver again (SQS batch item failures). */
  retry: string[];
}

/**
 * Sends a batch from the notifications queue, each message on its own so one failure holds back
 * no other. Copies of one message (the same dedupKey) in a batch go one after another, so the
 * later ones find it sent rather than being sent now.
 */
export async function sendNotifications(messages: QueuedMessage[], ports: SendPorts): Promise<SendReport> {
  const outcomes: SendReport['outcomes'] = [];
  const byDedupKey = new Map<string, Array<{ messageId: string; notification: Notification }>>();
  for (const message of messages) {
    const notification = readNotification(message, ports);
    if (!notification) outcomes.push({ messageId: message.messageId, outcome: 'unreadable' });
    else byDedupKey.set(notification.dedupKey, [...(byDedupKey.get(notification.dedupKey) ?? []), { messageId: message.messageId, notification }]);
  }
  await Promise.all(
    [...byDedupKey.values()].map(async (copies) => {
      for (const { messageId, notification } of copies) {
        outcomes.push({ messageId, dedupKey: notification.dedupKey, outcome: await sendOne(messageId, notification, ports) });
      }
    }),
  );
  return { outcomes, retry: outcomes.filter((o) => o.outcome === 'retry').map((o) => o.messageId) };
}

function readNotification(message: QueuedMessage, ports: SendPorts): Notification | undefined {
  try {
    const notification = NotificationSchema.parse(JSON.parse(message.body));
    if (notification.channel === 'sms' && !E164.test(notification.to)) throw new Error('an SMS needs an E.164 number');
    return notification;
  } catch (error) {
    // Delivering it again cannot mend it; the queue would only move it to the dead-letter queue.
    ports.onProblem('unreadable', { messageId: message.messageId, error });
    return undefined;
  }
}

async function sendOne(messageId: string, notification: Notification, ports: SendPorts): Promise<SendOutcome> {
  const { dedupKey } = notification;
  const retry = (error: unknown): SendOutcome => {
    ports.onProblem('retry', { messageId, dedupKey, error });
    return 'retry';
  };

  let claim: 'claimed' | 'done' | 'in-flight';
  try {
    claim = await ports.ledger.claim(dedupKey, ports.clock.now());
  } catch (error) {
    return retry(error);
  }
  if (claim === 'done') return 'duplicate';
  // Another delivery is sending it now: look again later, when it will be 'done'.
  if (claim === 'in-flight') return retry(new Error(`SMS ${dedupKey} is being sent by another delivery`));

  let delivery: Delivery;
  try {
    if (notification.channel === 'email' && ports.emailSender) {
      const { id } = await ports.emailSender.send({ to: notification.to, subject: notification.subject ?? 'frontdoor', body: notification.body });
      delivery = { status: 'emailed', messageId: id };
    } else if (notification.channel !== 'sms') {
      // Retrying cannot help until a sender for the channel exists: recorded, logged, acknowledged.
      ports.onProblem('unsupported-channel', { messageId, dedupKey, error: new Error(`no sender for ${notification.channel}`) });
      delivery = { status: 'unsupported-channel', channel: notification.channel };
    } else if (await ports.ledger.isOptedOut(notification.to)) {
      delivery = { status: 'skipped-opted-out' };
    } else {
      const { sid } = await ports.sender.send({ to: notification.to, body: notification.body });
      delivery = { status: 'sent', providerSid: sid };
    }
  } catch (error) {
    if (error instanceof SmsRejectedError) {
      ports.onProblem('rejected', { messageId, dedupKey, error });
      delivery = { status: 'failed', httpStatus: error.httpStatus, ...(error.code !== undefined ? { code: error.code } : {}) };
    } else {
      await ports.ledger.release(dedupKey).catch(() => undefined); // if this fails too, the claim goes stale and is taken again
      return retry(error);
    }
  }
  try {
    await ports.ledger.settle(dedupKey, delivery, ports.clock.now());
  } catch (error) {
    // The SMS went (or was skipped): delivering it again could send it twice. The claim stays
    // 'sending' until it goes stale, and the message is acknowledged.
    ports.onProblem('not-recorded', { messageId, dedupKey, error });
  }
  return OUTCOME_OF[delivery.status];
}

const OUTCOME_OF: Record<Delivery['status'], SendOutcome> = {
  sent: 'sent',
  emailed: 'sent',
  'skipped-opted-out': 'skipped-opted-out',
  failed: 'rejected',
  'unsupported-channel': 'unsupported-channel',
};
