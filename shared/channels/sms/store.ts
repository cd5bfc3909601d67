// The SMS channel's items in the platform table (keys and TTLs: docs/data-model.md):
// conversations keyed by the resident's number and replies keyed by MessageSid, written in one
// transaction with the core's opt-out and rating items (shared/adapters/notification-store.ts).
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { SmsChange, SmsSnapshot, SmsStore, StoredConversation } from './receive.ts';
import { dynamo } from '#adapters/aws';
import { config } from '#adapters/config';
import { batchGet, days, expiresAfter, onlyIfNew, transactWrite } from '#adapters/dynamo';
import { hasExpired } from '#domain/clock';
import { residentKeys } from '#adapters/notification-store';

/** How long a conversation waits for the resident's next text before it is over. */
export const CONVERSATION_TTL_SECONDS = 60 * 60;
/** How long a reply is kept to answer Twilio's retries of the same MessageSid. */
const REPLY_TTL_SECONDS = days(1);

export const smsKeys = {
  /** A resident's conversation with the council's number: one at a time. */
  conversation: (phone: string) => ({ pk: `SMS#${phone}`, sk: 'CONVERSATION' }),
  /** The reply given to one inbound text. */
  reply: (messageSid: string) => ({ pk: `SMSREPLY#${messageSid}`, sk: 'REPLY' }),
  ...residentKeys,
};

export const dynamoSmsStore: SmsStore = {
  async load(phone, messageSid, now): Promise<SmsSnapshot> {
    const wanted = [smsKeys.reply(messageSid), smsKeys.conversation(phone), smsKeys.ratingAsked(phone)];
    const items = await batchGet(wanted, { consistentRead: true });
    const reply = items.find((item) => item.sk === 'REPLY');
    const conversation = items.find((item) => item.sk === 'CONVERSATION');
    const asked = items.find((item) => item.sk === 'RATING-ASKED' && !hasExpired(item.expiresAt, now));
    return {
      ...(asked ? { ratingAsked: { reference: asked.reference, serviceId: asked.serviceId, teamId: asked.teamId } } : {}),
      ...(reply ? { reply: reply.message as string } : {}),
      ...(conversation
        ? { conversation: { state: conversation.state, version: conversation.version, expiresAt: conversation.expiresAt } as StoredConversation }
        : {}),
    };
  },

  async save(change: SmsChange) {
    const TableName = config.tableName;
    const at = change.at.toISOString();
    const conversationKey = smsKeys.conversation(change.phone);
    const versionCondition =
      change.readVersion === undefined
        ? { ConditionExpression: onlyIfNew }
        : { ConditionExpression: 'version = :read', ExpressionAttributeValues: { ':read': change.readVersion } };

    const conversationWrite =
      change.next === 'keep'
        ? undefined
        : change.next === 'end'
          ? change.readVersion === undefined
            ? undefined
            : { Delete: { TableName, Key: conversationKey, ...versionCondition } }
          : {
              Put: {
                TableName,
                Item: {
                  ...conversationKey,
                  entity: 'sms-conversation',
                  state: change.next,
                  version: (change.readVersion ?? 0) + 1,
                  updatedAt: at,
                  expiresAt: expiresAfter(change.at, CONVERSATION_TTL_SECONDS),
                },
                ...versionCondition,
              },
            };
    const optOutWrite =
      change.optOut === 'out'
        ? { Put: { TableName, Item: { ...smsKeys.optOut(change.phone), entity: 'sms-opt-out', optedOutAt: at } } }
        : change.optOut === 'in'
          ? { Delete: { TableName, Key: smsKeys.optOut(change.phone) } }
          : undefined;

    const replyPut = {
      Put: {
        TableName,
        Item: {
          ...smsKeys.reply(change.messageSid),
          entity: 'sms-reply',
          message: change.reply,
          createdAt: at,
          expiresAt: expiresAfter(change.at, REPLY_TTL_SECONDS),
        },
        ConditionExpression: onlyIfNew,
      },
    };
    const ratingWrites = change.rating
      ? [
          { Put: { TableName, Item: { ...smsKeys.rating(change.rating.reference), entity: 'rating', rating: change.rating, createdAt: at } } },
          // Only while the request is there: a second answer is not a second rating.
          { Delete: { TableName, Key: smsKeys.ratingAsked(change.phone), ConditionExpression: 'attribute_exists(pk)' } },
        ]
      : [];

    const cancelled = await transactWrite([replyPut, ...(conversationWrite ? [conversationWrite] : []), ...(optOutWrite ? [optOutWrite] : []), ...ratingWrites]);
    if (!cancelled) return 'saved';
    if (cancelled.conditionFailed(0)) return 'duplicate';
    if (conversationWrite && cancelled.conditionFailed(1)) return 'conflict';
    // The rating request went meanwhile (a second answer), or another writer held an item: decide again.
    if (cancelled.conditionFailed() || cancelled.conflict) return 'conflict';
    throw cancelled.error;
  },

  async findReply(messageSid) {
    const { Item } = await dynamo().send(
      new GetCommand({ TableName: config.tableName, Key: smsKeys.reply(messageSid), ConsistentRead: true }),
    );
    return Item?.message as string | undefined;
  },
};
