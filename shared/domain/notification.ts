// A message the platform starts: to a resident (an SMS, or an email when we have no number) or to
// council staff (an email: SLA escalations). Written to the table as an outbox item, alone or in
// one transaction with whatever caused it, then queued by the dispatcher and sent by
// send-notifications. Versioned like the hand-off message; the dedup key makes a redelivered
// message send nothing twice. buildNotification is the one way to make one.
import { normaliseEmail, normalisePhone } from './resident.ts';
import * as z from './schema.ts';

export const NOTIFICATION_SCHEMA_VERSION = '1';

export const NOTIFICATION_REASONS = ['confirmation', 'case-update', 'rating-request', 'escalation'] as const;

export const NotificationSchema = z.strictObject({
  schemaVersion: z.literal(NOTIFICATION_SCHEMA_VERSION),
  /** The same key is the same message, however often it is delivered. */
  dedupKey: z.string().check(z.minLength(1)),
  channel: z.enum(['sms', 'email']),
  /** E.164 for an SMS, an email address for an email. */
  to: z.string().check(z.minLength(3), z.maxLength(320)),
  /** For an email. */
  subject: z.optional(z.string().check(z.maxLength(200))),
  body: z.string().check(z.minLength(1), z.maxLength(1600)),
  reason: z.enum(NOTIFICATION_REASONS),
  caseReference: z.optional(z.string()),
  createdAt: z.iso.datetime(),
});

export type Notification = z.infer<typeof NotificationSchema>;
export type NotificationReason = Notification['reason'];

export class InvalidNotificationError extends Error {
  override name = 'InvalidNotificationError';
}

/** What a notification says and to whom; buildNotification adds the version and checks it. */
export interface NotificationDraft {
  /** The same key is the same message: queueing it again, or the queue delivering it twice, sends it once. */
  dedupKey: string;
  channel: Notification['channel'];
  /** A phone number for an SMS (UK or international, normalised to E.164), an address for an email. */
  to: string;
  /** For an email. */
  subject?: string;
  /** The words, already rendered for the channel (renderMessage for an SMS, renderEmail for an email). */
  body: string;
  reason: NotificationReason;
  caseReference?: string;
  createdAt: Date;
}

/**
 * The one way to make a notification: the number or address normalised, the body trimmed, the
 * schema version set, and the whole checked against the schema. The error names the message and
 * the fields at fault, never the number, the address or the words (errors are logged).
 */
export function buildNotification(draft: NotificationDraft): Notification {
  const to = draft.channel === 'sms' ? normalisePhone(draft.to) : normaliseEmail(draft.to);
  if (!to) {
    throw new InvalidNotificationError(
      `the ${draft.channel === 'sms' ? 'number' : 'address'} for ${draft.channel} ${draft.dedupKey} is not ${draft.channel === 'sms' ? 'a phone number we can text' : 'an email address'}`,
    );
  }
  if (draft.channel === 'email' && !draft.subject?.trim()) throw new InvalidNotificationError(`email ${draft.dedupKey} needs a subject`);
  const parsed = NotificationSchema.safeParse({
    schemaVersion: NOTIFICATION_SCHEMA_VERSION,
    dedupKey: draft.dedupKey,
    channel: draft.channel,
    to,
    ...(draft.subject !== undefined ? { subject: draft.subject.trim() } : {}),
    body: draft.body.trim(),
    reason: draft.reason,
    ...(draft.caseReference !== undefined ? { caseReference: draft.caseReference } : {}),
    createdAt: draft.createdAt.toISOString(),
  });
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(message)').join(', ');
    throw new InvalidNotificationError(`${draft.channel} ${draft.dedupKey} is not a message we can send: check ${fields}`);
  }
  return parsed.data;
}

const E164 = /^\+[1-9]\d{7,14}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The schema plus the rule that an SMS goes to a phone number and an email to an address. */
export function parseNotification(value: unknown): Notification {
  const notification = NotificationSchema.parse(value);
  const fits = notification.channel === 'sms' ? E164.test(notification.to) : EMAIL.test(notification.to);
  if (!fits) throw new Error(`a ${notification.channel} notification needs ${notification.channel === 'sms' ? 'an E.164 number' : 'an email address'} in 'to'`);
  return notification;
}
