// The platform table (single-table design; keys and access patterns: docs/data-model.md).
// The only module that knows item keys.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { ContactOutcome, ContactStore, HandoffRecord } from '#app/contacts';
import type { Case } from '#domain/case';
import type { Channel, Contact } from '#domain/contact';
import { dynamo } from './aws.ts';
import { config } from './config.ts';

const IDEMPOTENCY_TTL_DAYS = 30;
const OUTBOX_TTL_DAYS = 14;

export const keys = {
  idempotency: (channel: Channel, providerId: string) => ({ pk: `IDEMPOTENCY#${channel}#${providerId}`, sk: 'IDEMPOTENCY' }),
  contact: (id: string) => ({ pk: `CONTACT#${id}`, sk: 'CONTACT' }),
  case: (reference: string) => ({ pk: `CASE#${reference}`, sk: 'CASE' }),
  handoff: (reference: string, version: number) => ({
    pk: `CASE#${reference}`,
    sk: `HANDOFF#${String(version).padStart(6, '0')}`,
  }),
};

/** The key that lists a resident's contacts and cases together: E.164 phone, else email. */
export function customerKey(contact: Contact): string | undefined {
  if (contact.resident.phone) return `PHONE#${contact.resident.phone}`;
  if (contact.resident.email) return `EMAIL#${contact.resident.email}`;
  return undefined;
}

function expiresAt(from: string, days: number): number {
  return Math.floor(Date.parse(from) / 1000) + days * 86_400;
}

export const dynamoContactStore: ContactStore = {
  async findOutcome(channel, providerId) {
    const { Item } = await dynamo().send(
      new GetCommand({ TableName: config.tableName, Key: keys.idempotency(channel, providerId), ConsistentRead: true }),
    );
    return Item?.outcome as ContactOutcome | undefined;
  },

  async recordHandoff({ contact, case: kase, handoff, outcome }: HandoffRecord) {
    const owner = customerKey(contact);
    try {
      await dynamo().send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: config.tableName,
                Item: {
                  ...keys.idempotency(contact.channel, contact.providerId),
                  entity: 'idempotency',
                  outcome,
                  createdAt: contact.receivedAt,
                  expiresAt: expiresAt(contact.receivedAt, IDEMPOTENCY_TTL_DAYS),
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: config.tableName,
                Item: {
                  ...keys.contact(contact.id),
                  entity: 'contact',
                  contact,
                  decision: outcome.decision,
                  caseReference: kase.reference,
                  customerKey: owner,
                  createdAt: contact.receivedAt,
                },
              },
            },
            {
              Put: {
                TableName: config.tableName,
                Item: { ...keys.case(kase.reference), entity: 'case', case: kase, customerKey: owner, createdAt: kase.createdAt },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: config.tableName,
                Item: {
                  ...keys.handoff(kase.reference, kase.version),
                  entity: 'handoff',
                  message: handoff,
                  expiresAt: expiresAt(contact.receivedAt, OUTBOX_TTL_DAYS),
                },
              },
            },
          ],
        }),
      );
      return 'recorded';
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
        const [idempotency, , caseItem] = error.CancellationReasons ?? [];
        if (idempotency?.Code === 'ConditionalCheckFailed') return 'duplicate';
        if (caseItem?.Code === 'ConditionalCheckFailed') return 'reference-taken';
      }
      throw error;
    }
  },

  async getCase(reference) {
    const { Item } = await dynamo().send(new GetCommand({ TableName: config.tableName, Key: keys.case(reference) }));
    return Item?.case as Case | undefined;
  },
};
