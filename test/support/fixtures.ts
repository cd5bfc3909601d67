// Records as the platform writes them, for unit tests of code that reads them.
import type { HandoffMessage } from '#domain/handoff';
import type { Notification } from '#domain/notification';

/** A valid hand-off message for a missed bin (schema version 1). */
export function handoffMessage(reference = 'K7MD-Q9PX', version = 1): HandoffMessage {
  return {
    schemaVersion: '1',
    dedupKey: `${reference}#${version}`,
    caseReference: reference,
    caseVersion: version,
    teamId: 'waste-services',
    service: { id: 'missed-bin', name: 'Report a missed bin collection' },
    channel: 'web',
    description: 'Bin not emptied',
    resident: {},
    details: {},
    priority: 'normal',
    sla: {
      target: { amount: 2, unit: 'working-days' },
      startedAt: '2026-11-26T10:15:00.000Z',
      warnAt: '2026-11-27T15:00:00.000Z',
      dueAt: '2026-11-30T17:00:00.000Z',
    },
    routing: { confidence: 1, explanation: ['chosen'] },
    catalogueVersion: '2026.11.2',
    createdAt: '2026-11-26T10:15:00.000Z',
    handedOffAt: '2026-11-26T10:15:01.000Z',
  };
}

/** A valid SMS notification outbox message: a caller's text confirmation. */
export function smsNotification(): Notification {
  return {
    schemaVersion: '1',
    dedupKey: 'K7MD-Q9PX#confirmation',
    channel: 'sms',
    to: '+447700900123',
    body: 'Your reference is K7MD-Q9PX.',
    reason: 'confirmation',
    caseReference: 'K7MD-Q9PX',
    createdAt: '2026-11-26T10:15:00.000Z',
  };
}
