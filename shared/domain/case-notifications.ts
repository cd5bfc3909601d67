// The messages a case sends as it moves, built the one way (buildNotification) in the catalogue's
// wording (templates.json): to its resident (a team's update, a reroute, the rating request after
// a resolve, the confirmation a caller asked for) and to its team's escalation contact (at risk,
// breached). The case lifecycle and the SLA monitor return them as effects; nothing here writes.
import type { Case } from './case.ts';
import type { Catalogue } from './catalogue.ts';
import type { ResidentDetails } from './contact.ts';
import { describeInstant } from './calendar.ts';
import { renderEmail, renderMessage, type TemplateId } from './messages.ts';
import { buildNotification, type Notification, type NotificationReason } from './notification.ts';
import type { RatingAsked } from './rating.ts';
import { maskEmail, maskPhone } from './resident.ts';
import type { SlaMark } from './sla-monitor.ts';

type Wording = Pick<Catalogue, 'template'>;

/**
 * A message to the resident about their case, the way they gave us to reach them: an SMS to their
 * phone number, else an email; undefined when they gave neither. `key` makes the dedup key with
 * the reference: the same key is the same message.
 */
export function toResident(
  kase: Case,
  templateId: TemplateId,
  values: Readonly<Record<string, string>>,
  ctx: { catalogue: Wording; reason: NotificationReason; key: string; now: Date },
): Notification | undefined {
  const { phone, email } = kase.resident;
  const common = { dedupKey: `${kase.reference}#${ctx.key}`, reason: ctx.reason, caseReference: kase.reference, createdAt: ctx.now };
  switch (reachBy(kase.resident)) {
    case 'sms':
      return buildNotification({ ...common, channel: 'sms', to: phone!, body: renderMessage(ctx.catalogue, templateId, 'sms', values) });
    case 'email':
      return buildNotification({ ...common, channel: 'email', to: email!, ...renderEmail(ctx.catalogue, templateId, values) });
    case 'none':
      return undefined;
  }
}

/** How the platform reaches a resident about their case: an SMS to their phone number, else an email, else not at all. */
export function reachBy(resident: ResidentDetails): 'sms' | 'email' | 'none' {
  if (resident.phone) return 'sms';
  if (resident.email) return 'email';
  return 'none';
}

/** How the resident will hear about their case, with the number or address masked (for staff screens). */
export function contactPreferenceOf(resident: ResidentDetails): { channel: 'sms' | 'email' | 'none'; to?: string } {
  const channel = reachBy(resident);
  if (channel === 'sms') return { channel, to: maskPhone(resident.phone!) };
  if (channel === 'email') return { channel, to: maskEmail(resident.email!) };
  return { channel };
}

/**
 * After a resolve, how did we do? By SMS only: the resident's 1-5 reply comes back by text, and
 * `asked` lets the SMS channel match it to the case.
 */
export function ratingRequest(
  kase: Case,
  ctx: { catalogue: Wording; now: Date },
): { notification: Notification; asked: RatingAsked & { phone: string } } | undefined {
  const { phone } = kase.resident;
  if (!phone) return undefined;
  const notification = toResident(kase, 'rating-request', { reference: kase.reference }, { ...ctx, reason: 'rating-request', key: 'rating-request' })!;
  return { notification, asked: { phone, reference: kase.reference, serviceId: kase.serviceId, teamId: kase.teamId } };
}

/** An email to the team's escalation contact: the case is at risk of missing its due time, or has passed it. */
export function escalation(kase: Case, mark: SlaMark, ctx: { catalogue: Pick<Catalogue, 'template' | 'team'>; now: Date }): Notification {
  const team = ctx.catalogue.team(kase.teamId);
  const email = renderEmail(ctx.catalogue, mark === 'breached' ? 'sla-breached' : 'sla-at-risk', {
    reference: kase.reference,
    service: kase.serviceName,
    team: team.name,
    priority: kase.priority,
    due: describeInstant(new Date(kase.sla.dueAt), ctx.now, 'written'),
    status: kase.status,
  });
  return buildNotification({
    dedupKey: `${kase.reference}#${mark}#v${kase.version}`,
    channel: 'email',
    to: team.escalationContact,
    ...email,
    reason: 'escalation',
    caseReference: kase.reference,
    createdAt: ctx.now,
  });
}
