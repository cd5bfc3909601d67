// The platform table (single-table design; keys and access patterns: docs/data-model.md).
// The only module that knows item keys.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { ContactRecord, ContactStore } from '#app/contacts';
import type { HistoryEntry, ResidentStore } from '#app/residents';
import type { Case } from '#domain/case';
import { customerKeyOf } from '#domain/case';
import type { Channel, Contact } from '#domain/contact';
import type { Notification } from '#domain/notification';
import type { ContactOutcome } from '#domain/outcome';
import { dynamo } from './aws.ts';
import { config } from './config.ts';

const OUTBOX_TTL_DAYS = 14;

export const keys = {
  /** A contact is keyed by its channel's own id for it, which makes recording it idempotent. */
  contact: (channel: Channel, providerId: string) => ({ pk: `CONTACT#${channel}#${providerId}`, sk: 'CONTACT' }),
  case: (reference: string) => ({ pk: `CASE#${reference}`, sk: 'CASE' }),
  /** A message to a resident waiting in the outbox; the dedup key makes writing it idempotent. */
  notification: (dedupKey: string) => ({ pk: `NOTIFY#${dedupKey}`, sk: 'NOTIFY' }),
  handoff: (reference: string, version: number) => ({
    pk: `CASE#${reference}`,
    sk: `HANDOFF#${String(version).padStart(6, '0')}`,
  }),
};

export const INDEXES = { byCustomer: 'byCustomer', byTeamDue: 'byTeamDue', byDay: 'byDay' } as const;

function expiresAt(from: string, days: number): number {
  return Math.floor(Date.parse(from) / 1000) + days * 86_400;
}

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
  };
}

const onlyIfNew = 'attribute_not_exists(pk)';

/** The outbox item for a notification; put it alone or inside a transaction with its cause. */
export function notificationItem(notification: Notification) {
  return {
    ...keys.notification(notification.dedupKey),
    entity: 'notification',
    message: notification,
    expiresAt: expiresAt(notification.createdAt, OUTBOX_TTL_DAYS),
  };
}

/** Queues a message to a resident through the outbox; writing the same dedup key again does nothing. */
export async function putNotification(notification: Notification): Promise<'queued' | 'already-queued'> {
  try {
    await dynamo().send(
      new PutCommand({ TableName: config.tableName, Item: notificationItem(notification), ConditionExpression: onlyIfNew }),
    );
    return 'queued';
  } catch (error) {
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return 'already-queued';
    throw error;
  }
}

export const dynamoContactStore: ContactStore = {
  async findOutcome(channel, providerId) {
    const { Item } = await dynamo().send(
      new GetCommand({ TableName: config.tableName, Key: keys.contact(channel, providerId), ConsistentRead: true }),
    );
    return Item?.outcome as ContactOutcome | undefined;
  },

  async getCase(reference) {
    const { Item } = await dynamo().send(new GetCommand({ TableName: config.tableName, Key: keys.case(reference) }));
    return Item?.case as Case | undefined;
  },

  async openCasesOf(customerKey) {
    // Contacts share the index, and a Limit applies before the filter: page to the end.
    const cases: Case[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await dynamo().send(
        new QueryCommand({
          TableName: config.tableName,
          IndexName: INDEXES.byCustomer,
          KeyConditionExpression: 'customerKey = :key',
          FilterExpression: 'entity = :case AND #status <> :resolved',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':key': customerKey, ':case': 'case', ':resolved': 'resolved' },
          ScanIndexForward: false,
          ExclusiveStartKey: start,
        }),
      );
      cases.push(...(page.Items ?? []).map((item) => item.case as Case));
      start = page.LastEvaluatedKey;
    } while (start);
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
      const outbox =
        plan.write === 'case' && handoff
          ? [
              {
                Put: {
                  TableName,
                  Item: {
                    ...keys.handoff(plan.case.reference, plan.case.version),
                    entity: 'handoff',
                    message: handoff,
                    expiresAt: expiresAt(contact.receivedAt, OUTBOX_TTL_DAYS),
                  },
                },
              },
            ]
          : [];
      await dynamo().send(new TransactWriteCommand({ TransactItems: [contactPut, second, ...outbox] }));
      return 'recorded';
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (plan.write === 'contact' && name === 'ConditionalCheckFailedException') return 'duplicate';
      if (error instanceof TransactionCanceledException) {
        const [contactReason, secondReason] = error.CancellationReasons ?? [];
        if (contactReason?.Code === 'ConditionalCheckFailed') return 'duplicate';
        if (plan.write === 'case' && secondReason?.Code === 'ConditionalCheckFailed') return 'reference-taken';
      }
      throw error;
    }
  },
};

export const dynamoResidentStore: ResidentStore = {
  async historyOf(customerKey, limit) {
    const { Items = [] } = await dynamo().send(
      new QueryCommand({
        TableName: config.tableName,
        IndexName: INDEXES.byCustomer,
        KeyConditionExpression: 'customerKey = :key',
        ExpressionAttributeValues: { ':key': customerKey },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return Items.map((item): HistoryEntry => {
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
