// The one way to build a notification (shared/domain/notification.ts): what every place that texts
// or emails someone uses, whether it writes the message alone or with the change that caused it.
import { describe, expect, it } from 'vitest';
import { buildNotification, InvalidNotificationError, NOTIFICATION_SCHEMA_VERSION, parseNotification, type NotificationDraft } from '#domain/notification';

const NOW = new Date('2026-11-26T10:15:00.000Z');

const sms = (overrides: Partial<NotificationDraft> = {}): NotificationDraft => ({
  dedupKey: 'K7MD-Q9PX#confirmation',
  channel: 'sms',
  to: '07700 900321',
  body: ' Your reference is K7MD-Q9PX. ',
  reason: 'confirmation',
  caseReference: 'K7MD-Q9PX',
  createdAt: NOW,
  ...overrides,
});

describe('buildNotification', () => {
  it('builds an SMS with the number in E.164, the words trimmed and the schema version set', () => {
    expect(buildNotification(sms())).toEqual({
      schemaVersion: NOTIFICATION_SCHEMA_VERSION,
      dedupKey: 'K7MD-Q9PX#confirmation',
      channel: 'sms',
      to: '+447700900321',
      body: 'Your reference is K7MD-Q9PX.',
      reason: 'confirmation',
      caseReference: 'K7MD-Q9PX',
      createdAt: '2026-11-26T10:15:00.000Z',
    });
  });

  it('builds an email with its subject, the address lower-cased, and what it builds reads back as it was', () => {
    const email = buildNotification({
      dedupKey: 'K7MD-Q9PX#breached#v3',
      channel: 'email',
      to: 'Waste.Escalations@council.example.gov.uk',
      subject: 'SLA breached: K7MD-Q9PX',
      body: 'Case K7MD-Q9PX has passed its due time.',
      reason: 'escalation',
      createdAt: NOW,
    });
    expect(email).toMatchObject({ channel: 'email', to: 'waste.escalations@council.example.gov.uk', subject: 'SLA breached: K7MD-Q9PX' });
    expect(email).not.toHaveProperty('caseReference');
    expect(parseNotification(JSON.parse(JSON.stringify(email)))).toEqual(email);
  });

  it('refuses a number it cannot text, an address that is not one, an email without a subject or an empty message, without naming the number or the words', () => {
    const build = (draft: NotificationDraft) => () => buildNotification(draft);
    expect(build(sms({ to: 'not a number' }))).toThrow(InvalidNotificationError);
    expect(build(sms({ to: 'not a number' }))).not.toThrow(/not a number/);
    expect(build(sms({ to: 'not a number' }))).toThrow('the number for sms K7MD-Q9PX#confirmation is not a phone number we can text');
    expect(build(sms({ channel: 'email', to: '07700 900321', subject: 'x' }))).toThrow(/is not an email address/);
    expect(build(sms({ channel: 'email', to: 'jo@example.com' }))).toThrow('email K7MD-Q9PX#confirmation needs a subject');
    expect(build(sms({ body: '   ' }))).toThrow(/check body/);
    expect(build(sms({ body: 'Secret words '.repeat(200) }))).toThrow(/check body/);
    expect(build(sms({ body: 'Secret words '.repeat(200) }))).not.toThrow(/Secret/);
  });
});
