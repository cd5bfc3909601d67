// The SMS channel's items in the platform table (keys and TTLs: docs/data-model.md):
// conversations keyed by the resident's number and replies keyed by MessageSid, written in one
// transaction with the core's opt-out and rating items (shared/adapters/notification-store.ts).
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DeleteCommand, GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { SmsChange, SmsSnapshot, SmsStore, StoredConversation } from './receive.ts';
import { dynamo } from '#adapters/aws';
import { config } from '#adapters/config';
import { residentKeys } from '#adapters/notification-store';

/** How long a conversation waits for the resident's next text before it is over. */
export const CONVERSATION_TTL_SECONDS = 60 * 60;
/** How long a reply is kept to answer Twilio's retries of the same MessageSid. */
const REPLY_TTL_SECONDS = 24 * 60 * 60;

export const smsKeys = {
  /** A resident's conversation with the council's number: one at a time. */
  conversation: (phone: string) => ({ pk: `SMS#${phone}`, sk: 'CONVERSATION' }),
  /** The reply given to one inbound text. */
  reply: (messageSid: string) => ({ pk: `SMSREPLY#${messageSid}`, sk: 'REPLY' }),
  ...residentKeys,
};

const epochSeconds = (at: Date) => Math.floor(at.getTime() / 1000);

export const dynamoSmsStore: SmsStore = {
  async load(phone, messageSid): Promise<SmsSnapshot> {
    const TableName = config.tableName;
    const wanted = [smsKeys.reply(messageSid), smsKeys.conversation(phone), smsKeys.ratingAsked(phone)];
    const items: Array<Record<string, any>> = [];
    let keys: Array<Record<string, unknown>> | undefined = wanted;
    // BatchGet may leave keys unprocessed under load; ask again for those.
    for (let round = 0; keys?.length; round++) {
      if (round > 0) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** round));
      const page: { Responses?: Record<string, Array<Record<string, any>>>; UnprocessedKeys?: Record<string, { Keys?: Array<Record<string, unknown>> }> } =
        await dynamo().send(new BatchGetCommand({ RequestItems: { [TableName]: { Keys: keys, ConsistentRead: true } } }));
      items.push(...(page.Responses?.[TableName] ?? []));
      keys = page.UnprocessedKeys?.[TableName]?.Keys;
    }
    const reply = items.find((item) => item.sk === 'REPLY');
    const conversation = items.find((item) => item.sk === 'CONVERSATION');
    const asked = items.find((item) => item.sk === 'RATING-ASKED' && item.expiresAt * 1000 > Date.now());
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
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
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
                  expiresAt: epochSeconds(change.at) + CONVERSATION_TTL_SECONDS,
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

    try {
      await dynamo().send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName,
                Item: {
                  ...smsKeys.reply(change.messageSid),
                  entity: 'sms-reply',
                  message: change.reply,
                  createdAt: at,
                  expiresAt: epochSeconds(change.at) + REPLY_TTL_SECONDS,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            ...(conversationWrite ? [conversationWrite] : []),
            ...(optOutWrite ? [optOutWrite] : []),
            ...(change.rating
              ? [
                  { Put: { TableName, Item: { ...smsKeys.rating(change.rating.reference), entity: 'rating', rating: change.rating, createdAt: at } } },
                  // Only while the request is there: a second answer is not a second rating.
                  { Delete: { TableName, Key: smsKeys.ratingAsked(change.phone), ConditionExpression: 'attribute_exists(pk)' } },
                ]
              : []),
          ],
        }),
      );
      return 'saved';
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
        const [replyReason, conversationReason] = error.CancellationReasons ?? [];
        if (replyReason?.Code === 'ConditionalCheckFailed') return 'duplicate';
        if (conversationWrite && conversationReason?.Code === 'ConditionalCheckFailed') return 'conflict';
        // The rating request went meanwhile (a second answer), or another writer held an item: decide again.
        if (error.CancellationReasons?.some((r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'TransactionConflict')) return 'conflict';
      }
      throw error;
    }
  },

  async findReply(messageSid) {
    const { Item } = await dynamo().send(
      new GetCommand({ TableName: config.tableName, Key: smsKeys.reply(messageSid), ConsistentRead: true }),
    );
    return Item?.message as string | undefined;
  },
};
