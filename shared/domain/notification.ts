// A message to a resident (today: an SMS), written to the table as an outbox item with whatever
// caused it, then queued by the dispatcher and sent by send-notifications. Versioned like the
// hand-off message; the dedup key makes a redelivered message send nothing twice.
import { z } from './schema.ts';

export const NOTIFICATION_SCHEMA_VERSION = '1';

export const NOTIFICATION_REASONS = ['confirmation', 'case-update', 'rating-request'] as const;

export const NotificationSchema = z.strictObject({
  schemaVersion: z.literal(NOTIFICATION_SCHEMA_VERSION),
  /** The same key is the same message, however often it is delivered. */
  dedupKey: z.string().check(z.minLength(1)),
  channel: z.literal('sms'),
  /** E.164. */
  to: z.string().check(z.regex(/^\+[1-9]\d{7,14}$/)),
  body: z.string().check(z.minLength(1), z.maxLength(1600)),
  reason: z.enum(NOTIFICATION_REASONS),
  caseReference: z.optional(z.string()),
  createdAt: z.iso.datetime(),
});

export type Notification = z.infer<typeof NotificationSchema>;
