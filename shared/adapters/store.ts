// The platform table (single-table design; keys and access patterns: docs/data-model.md).
// The only module that knows item keys.
import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { CaseStore } from '#app/cases';
import type { ContactRecord, ContactStore } from '#app/contacts';
import type { HistoryEntry, ResidentStore } from '#app/residents';
import type { Case } from '#domain/case';
import type { CaseEvent } from '#domain/case-lifecycle';
import type { HandoffMessage } from '#domain/handoff';
import { nextSlaCheck } from '#domain/sla-monitor';
import { customerKeyOf } from '#domain/case';
import type { Channel, Contact } from '#domain/contact';
import type { Notification } from '#domain/notification';
import type { ContactOutcome } from '#domain/outcome';
import { dynamo, queryItems } from './aws.ts';
import { ratingAskedItem } from './notification-store.ts';
import { config } from './config.ts';
import { cancellationOf, conditionFailed, days, expiresAfter, onlyIfNew, putIfNew, queryPage } from './dynamo.ts';

const OUTBOX_TTL_DAYS = 14;

export const keys = {
  /** A contact is keyed by its channel's own id for it, which makes recording it idempotent. */
  contact: (channel: Channel, providerId: string) => ({ pk: `CONTACT#${channel}#${providerId}`, sk: 'CONTACT' }),
  case: (reference: string) => ({ pk: `CASE#${reference}`, sk: 'CASE' }),
  /** A message to a resident waiting in the outbox; the dedup key makes writing it idempotent. */
  notification: (dedupKey: string) => ({ pk: `NOTIFY#${dedupKey}`, sk: 'NOTIFY' }),
  event: (reference: string, version: number, at: string, action: string) => ({
    pk: `CASE#${reference}`,
    sk: `EVENT#${at}#${String(version).padStart(6, '0')}#${action}`,
  }),
  handoff: (reference: string, version: number) => ({
    pk: `CASE#${reference}`,
    sk: `HANDOFF#${String(version).padStart(6, '0')}`,
  }),
};

export const INDEXES = { byCustomer: 'byCustomer', byTeamDue: 'byTeamDue', byDay: 'byDay', bySlaNext: 'bySlaNext' } as const;
/** The one partition of bySlaNext: a council's open cases fit one index partition comfortably. */
export const SLA_WATCH = 'SLA';

function contactItem(contact: Contact, outcome: ContactOutcome) {
  return {
    ...keys.contact(contact.channel, contact.providerId),
    entity: 'contact',
    contact,
    outcome,
    customerKey: customerKeyOf(contact.resident),
    createdAt: contact.receivedAt,
  };
}

/** The case with the attributes its indexes and filters use at the top level. */
export function caseItem(kase: Case) {
  const slaNextAt = nextSlaCheck(kase);
  return {
    ...keys.case(kase.reference),
    entity: 'case',
    case: kase,
    status: kase.status,
    customerKey: kase.customerKey,
    createdAt: kase.createdAt,
    createdDay: kase.createdAt.slice(0, 10),
    teamId: kase.teamId,
    // Only open cases carry dueAt, so the byTeamDue index holds open cases only.
    ...(kase.status === 'resolved' ? {} : { dueAt: kase.sla.dueAt }),
    // Only cases the SLA monitor must look at again carry these (the sparse index bySlaNext).
    ...(slaNextAt ? { slaWatch: SLA_WATCH, slaNextAt } : {}),
  };
}

/** The outbox item for a notification; put it alone or inside a transaction with its cause. */
export function notificationItem(notification: Notification) {
  return {
    ...keys.notification(notification.dedupKey),
    entity: 'notification',
    message: notification,
    expiresAt: expiresAfter(notification.createdAt, days(OUTBOX_TTL_DAYS)),
  };
}

/** Queues a message to a resident through the outbox; writing the same dedup key again does nothing. */
export async function putNotification(notification: Notification): Promise<'queued' | 'already-queued'> {
  return (await putIfNew(notificationItem(notification))) ? 'queued' : 'already-queued';
}

export const dynamoContactStore: ContactStore = {
  async findOutcome(channel, providerId) {
    const { Item } = await dynamo().send(
      new GetCommand({ TableName: config.tableName, Key: keys.contact(channel, providerId), ConsistentRead: true }),
    );
    return Item?.outcome as ContactOutcome | undefined;
  },

  async getCase(reference) {
    // Consistent: a team's next action must see the version its last one wrote.
    const { Item } = await dynamo().send(new GetCommand({ TableName: config.tableName, Key: keys.case(reference), ConsistentRead: true }));
    return Item?.case as Case | undefined;
  },

  async openCasesOf(customerKey) {
    // Contacts share the index, and a Limit applies before the filter: read every page.
    const cases: Case[] = [];
    for await (const item of queryItems({
      TableName: config.tableName,
      IndexName: INDEXES.byCustomer,
      KeyConditionExpression: 'customerKey = :key',
      FilterExpression: 'entity = :case AND #status <> :resolved',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':key': customerKey, ':case': 'case', ':resolved': 'resolved' },
      ScanIndexForward: false,
    })) {
      cases.push(item.case as Case);
    }
    return cases;
  },

  async record({ contact, plan, handoff }: ContactRecord) {
    const TableName = config.tableName;
    const contactPut = { Put: { TableName, Item: contactItem(contact, plan.outcome), ConditionExpression: onlyIfNew } };
    try {
      if (plan.write === 'contact') {
        await dynamo().send(new PutCommand(contactPut.Put));
        return 'recorded';
      }
      const second =
        plan.write === 'case'
          ? { Put: { TableName, Item: caseItem(plan.case), ConditionExpression: onlyIfNew } }
          : {
              Update: {
                TableName,
                Key: keys.case(plan.reference),
                UpdateExpression: 'SET #case.repeatContacts = #case.repeatContacts + :one, #case.lastRepeatAt = :at',
                ConditionExpression: 'attribute_exists(pk)',
                ExpressionAttributeNames: { '#case': 'case' },
                ExpressionAttributeValues: { ':one': 1, ':at': contact.receivedAt },
              },
            };
      const outbox = plan.write === 'case' && handoff ? [{ Put: { TableName, Item: outboxHandoffItem(handoff) } }] : [];
      await dynamo().send(new TransactWriteCommand({ TransactItems: [contactPut, second, ...outbox] }));
      return 'recorded';
    } catch (error) {
      if (plan.write === 'contact' && conditionFailed(error)) return 'duplicate';
      const cancelled = cancellationOf(error);
      if (cancelled?.conditionFailed(0)) return 'duplicate';
      if (plan.write === 'case' && cancelled?.conditionFailed(1)) return 'reference-taken';
      // Another writer had the case at that moment (a team's action on a repeat's case): try again.
      if (cancelled?.conflict) return 'conflict';
      throw error;
    }
  },
};

export const dynamoResidentStore: ResidentStore = {
  async historyOf(customerKey, limit) {
    const items = await queryPage({
      IndexName: INDEXES.byCustomer,
      KeyConditionExpression: 'customerKey = :key',
      ExpressionAttributeValues: { ':key': customerKey },
      ScanIndexForward: false,
      Limit: limit,
    });
    return items.map((item): HistoryEntry => {
      if (item.entity === 'case') {
        const c = item.case as Case;
        return {
          kind: 'case',
          at: c.createdAt,
          reference: c.reference,
          status: c.status,
          service: { id: c.serviceId, name: c.serviceName },
          teamId: c.teamId,
          dueAt: c.sla.dueAt,
          repeatContacts: c.repeatContacts,
        };
      }
      const contact = item.contact as Contact;
      const outcome = item.outcome as ContactOutcome;
      return {
        kind: 'contact',
        at: contact.receivedAt,
        channel: contact.channel,
        decision: outcome.decision,
        firstContactResolved: outcome.firstContactResolved,
        ...(outcome.reference ? { reference: outcome.reference } : {}),
        ...(outcome.repeatOf ? { repeatOf: outcome.repeatOf } : {}),
      };
    });
  },
};

function eventItem(event: CaseEvent) {
  return { ...keys.event(event.reference, event.version, event.at, event.action), entity: 'case-event', event, createdAt: event.at };
}

function outboxHandoffItem(message: HandoffMessage) {
  return {
    ...keys.handoff(message.caseReference, message.caseVersion),
    entity: 'handoff',
    message,
    expiresAt: expiresAfter(message.handedOffAt, days(OUTBOX_TTL_DAYS)),
  };
}

export const dynamoCaseStore: CaseStore = {
  getCase: (reference) => dynamoContactStore.getCase(reference),

  async events(reference) {
    const events: CaseEvent[] = [];
    for await (const item of queryItems({
      TableName: config.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :events)',
      ExpressionAttributeValues: { ':pk': keys.case(reference).pk, ':events': 'EVENT#' },
    })) {
      events.push(item.event as CaseEvent);
    }
    return events;
  },

  async worklist(teamId, limit) {
    const items = await queryPage({ IndexName: INDEXES.byTeamDue, KeyConditionExpression: 'teamId = :team', ExpressionAttributeValues: { ':team': teamId }, Limit: limit });
    return items.map((item) => item.case as Case);
  },

  async saveChange({ before, after, events, handoff, notifications, ratingAsked }) {
    const TableName = config.tableName;
    try {
      await dynamo().send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName,
                Item: caseItem(after),
                // Unchanged since it was read: same version, and no repeat contact counted meanwhile.
                ConditionExpression: '#case.version = :version AND #case.repeatContacts = :repeats',
                ExpressionAttributeNames: { '#case': 'case' },
                ExpressionAttributeValues: { ':version': before.version, ':repeats': before.repeatContacts },
              },
            },
            ...events.map((event) => ({ Put: { TableName, Item: eventItem(event), ConditionExpression: onlyIfNew } })),
            ...(handoff ? [{ Put: { TableName, Item: outboxHandoffItem(handoff), ConditionExpression: onlyIfNew } }] : []),
            ...notifications.map((n) => ({ Put: { TableName, Item: notificationItem(n), ConditionExpression: onlyIfNew } })),
            ...(ratingAsked
              ? [{ Put: { TableName, Item: ratingAskedItem(ratingAsked.phone, ratingAsked, new Date(after.updatedAt)) } }]
              : []),
          ],
        }),
      );
      return 'saved';
    } catch (error) {
      // The case changed since it was read, or another writer was changing it at that moment.
      const code = cancellationOf(error)?.codes[0];
      if (code === 'ConditionalCheckFailed' || code === 'TransactionConflict') return 'stale';
      throw error;
    }
  },

  async dueForSlaCheck(now, limit) {
    const cases: Case[] = [];
    for await (const item of queryItems({
      TableName: config.tableName,
      IndexName: INDEXES.bySlaNext,
      KeyConditionExpression: 'slaWatch = :watch AND slaNextAt <= :now',
      ExpressionAttributeValues: { ':watch': SLA_WATCH, ':now': now },
      Limit: limit,
    })) {
      cases.push(item.case as Case);
      if (cases.length >= limit) break;
    }
    return cases;
  },
};
