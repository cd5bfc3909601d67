// Messages the platform starts, rather than replies to residents' texts (SMS and emails):
// - built by buildNotification (shared/domain/notification.ts) and put in the outbox (a table
//   item) alone or with the case change that caused them; the table stream takes it to
//   the notifications queue (shared/app/dispatch.ts).
// - notificationBatch: the queue's consumer sends each one once through Twilio (emails through
//   SES), unless the resident opted out (STOP), and says which messages the queue should deliver
//   again.
import type { Clock } from '#domain/clock';
import { parseNotification, type Notification } from '#domain/notification';

// ---- Sending -------------------------------------------------------------------------------------------

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

/** Another delivery of the same message is sending it now: look again later, when it will be recorded. */
export class DeliveryInProgressError extends Error {
  override name = 'DeliveryInProgressError';
  constructor(dedupKey: string, options?: { cause?: unknown }) {
    super(`notification ${dedupKey} is being sent by another delivery`, options);
  }
}

/** The message went (or was skipped) but the record that says so could not be written. */
export class DeliveryNotRecordedError extends Error {
  override name = 'DeliveryNotRecordedError';
  constructor(
    readonly delivery: Delivery,
    options?: { cause?: unknown },
  ) {
    super(`a notification was delivered (${delivery.status}) but its delivery record was not written`, options);
  }
}

export interface DeliveryLedger {
  isOptedOut(phone: string): Promise<boolean>;
  /**
   * Delivers a message once, however often it is asked to (by its dedupKey): calls `deliver` and
   * records the delivery it returns, or returns the delivery an earlier call recorded without
   * calling it (`earlier`). Throws DeliveryInProgressError while another call is delivering it;
   * when `deliver` throws, forgets this try (so a later call delivers it) and throws that error;
   * throws DeliveryNotRecordedError when `deliver` returned but its record could not be written.
   */
  deliverOnce(dedupKey: string, deliver: () => Promise<Delivery>): Promise<{ delivery: Delivery; earlier: boolean }>;
}

export interface SendPorts {
  ledger: DeliveryLedger;
  sender: SmsSender;
  /** Without one, emails are recorded as an unsupported channel. */
  emailSender?: EmailSender;
  /** For logs: never the number or the words. */
  onProblem(problem: 'unreadable' | 'rejected' | 'retry' | 'not-recorded' | 'unsupported-channel', detail: { messageId: string; dedupKey?: string; error: unknown }): void;
}

/** What became of a message from the queue; 'retry' ones go back to it (the others are done with). */
export type SendOutcome = 'sent' | 'duplicate' | 'skipped-opted-out' | 'rejected' | 'unsupported-channel' | 'unreadable' | 'retry';

export interface QueuedMessage {
  /** The queue's id for this delivery (SQS messageId). */
  messageId: string;
  body: string;
}

/** The queue should deliver this message again: it was not sent, and a later try may send it. */
export class NotSentYetError extends Error {
  override name = 'NotSentYetError';
}

export interface NotificationBatch {
  /**
   * Sends one message of the batch and says what became of it; throws NotSentYetError when the
   * queue should deliver it again (an SQS batch item failure).
   */
  send(message: QueuedMessage): Promise<SendOutcome>;
  /** What became of each message so far, for the log (ids only). */
  readonly outcomes: Array<{ messageId: string; dedupKey?: string; outcome: SendOutcome }>;
}

/**
 * Sends a batch from the notifications queue, each message on its own so one failure holds back
 * no other (the batch processor calls `send` for each). Copies of one message (the same dedupKey)
 * in a batch go one after another, so the later ones find it sent rather than in flight.
 */
export function notificationBatch(ports: SendPorts): NotificationBatch {
  const outcomes: NotificationBatch['outcomes'] = [];
  const lastCopy = new Map<string, Promise<unknown>>();
  const done = (messageId: string, dedupKey: string | undefined, outcome: SendOutcome) => {
    outcomes.push({ messageId, ...(dedupKey ? { dedupKey } : {}), outcome });
    return outcome;
  };
  return {
    outcomes,
    async send(message) {
      const notification = readNotification(message, ports);
      if (!notification) return done(message.messageId, undefined, 'unreadable');
      const { dedupKey } = notification;
      const before = lastCopy.get(dedupKey);
      const sending = (async () => {
        await before;
        return sendOne(message.messageId, notification, ports);
      })();
      lastCopy.set(dedupKey, sending.catch(() => undefined));
      try {
        return done(message.messageId, dedupKey, await sending);
      } catch (error) {
        done(message.messageId, dedupKey, 'retry');
        throw error;
      }
    },
  };
}

function readNotification(message: QueuedMessage, ports: SendPorts): Notification | undefined {
  try {
    return parseNotification(JSON.parse(message.body));
  } catch (error) {
    // Delivering it again cannot mend it; the queue would only move it to the dead-letter queue.
    ports.onProblem('unreadable', { messageId: message.messageId, error });
    return undefined;
  }
}

async function sendOne(messageId: string, notification: Notification, ports: SendPorts): Promise<SendOutcome> {
  const { dedupKey } = notification;
  try {
    const { delivery, earlier } = await ports.ledger.deliverOnce(dedupKey, () => deliver(messageId, notification, ports));
    return earlier ? 'duplicate' : OUTCOME_OF[delivery.status];
  } catch (error) {
    if (error instanceof DeliveryNotRecordedError) {
      // The message went (or was skipped): delivering it again could send it twice. It is
      // acknowledged; its claim runs out with this invocation.
      ports.onProblem('not-recorded', { messageId, dedupKey, error });
      return OUTCOME_OF[error.delivery.status];
    }
    // Not sent (Twilio or SES failing, throttled, unreachable; or another delivery sending it now).
    ports.onProblem('retry', { messageId, dedupKey, error });
    throw new NotSentYetError(`notification ${dedupKey} was not sent; the queue will deliver it again`, { cause: error });
  }
}

/** Sends the message, or says why not; throws only when a later try may succeed. */
async function deliver(messageId: string, notification: Notification, ports: SendPorts): Promise<Delivery> {
  const { dedupKey } = notification;
  try {
    if (notification.channel === 'email' && ports.emailSender) {
      const { id } = await ports.emailSender.send({ to: notification.to, subject: notification.subject ?? 'frontdoor', body: notification.body });
      return { status: 'emailed', messageId: id };
    }
    if (notification.channel !== 'sms') {
      // Retrying cannot help until a sender for the channel exists: recorded, logged, acknowledged.
      ports.onProblem('unsupported-channel', { messageId, dedupKey, error: new Error(`no sender for ${notification.channel}`) });
      return { status: 'unsupported-channel', channel: notification.channel };
    }
    if (await ports.ledger.isOptedOut(notification.to)) return { status: 'skipped-opted-out' };
    const { sid } = await ports.sender.send({ to: notification.to, body: notification.body });
    return { status: 'sent', providerSid: sid };
  } catch (error) {
    if (!(error instanceof SmsRejectedError)) throw error;
    ports.onProblem('rejected', { messageId, dedupKey, error });
    return { status: 'failed', httpStatus: error.httpStatus, ...(error.code !== undefined ? { code: error.code } : {}) };
  }
}

const OUTCOME_OF: Record<Delivery['status'], SendOutcome> = {
  sent: 'sent',
  emailed: 'sent',
  'skipped-opted-out': 'skipped-opted-out',
  failed: 'rejected',
  'unsupported-channel': 'unsupported-channel',
};
