// A message to a resident (an SMS) or to council staff (an email: SLA escalations), written to the table as an outbox item with whatever
// caused it, then queued by the dispatcher and sent by send-notifications. Versioned like the
// hand-off message; the dedup key makes a redelivered message send nothing twice.
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

const E164 = /^\+[1-9]\d{7,14}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The schema plus the rule that an SMS goes to a phone number and an email to an address. */
export function parseNotification(value: unknown): Notification {
  const notification = NotificationSchema.parse(value);
  const fits = notification.channel === 'sms' ? E164.test(notification.to) : EMAIL.test(notification.to);
  if (!fits) throw new Error(`a ${notification.channel} notification needs ${notification.channel === 'sms' ? 'an E.164 number' : 'an email address'} in 'to'`);
  return notification;
}
