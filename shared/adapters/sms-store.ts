// The SMS channel's items in the platform table (keys and TTLs: docs/data-model.md):
// conversations and opt-outs keyed by the resident's number, replies keyed by MessageSid, and
// delivery records keyed by a notification's dedup key. Kept apart from store.ts so that
// send-notifications bundles without the catalogue.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DeleteCommand, GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Delivery, DeliveryLedger } from '#app/notifications';
import type { RatingAsked, SmsChange, SmsSnapshot, SmsStore, StoredConversation } from '#app/sms';
import { dynamo } from './aws.ts';
import { config } from './config.ts';

/** How long a conversation waits for the resident's next text before it is over. */
export const CONVERSATION_TTL_SECONDS = 60 * 60;
/** How long a reply is kept to answer Twilio's retries of the same MessageSid. */
const REPLY_TTL_SECONDS = 24 * 60 * 60;
/** How long a delivery record is kept: SQS keeps a message at most 14 days. */
const DELIVERY_TTL_SECONDS = 14 * 24 * 60 * 60;
/** A claim older than this was left by a delivery that died (send-notifications times out at 30 s). */
const CLAIM_STALE_SECONDS = 60;

export const smsKeys = {
  /** A resident's conversation with the council's number: one at a time. */
  conversation: (phone: string) => ({ pk: `SMS#${phone}`, sk: 'CONVERSATION' }),
  /** Present while the resident has opted out (STOP); START deletes it. */
  optOut: (phone: string) => ({ pk: `SMS#${phone}`, sk: 'OPTOUT' }),
  /** A resolved case whose rating we asked for; the resident's 1-5 reply is matched to it. */
  ratingAsked: (phone: string) => ({ pk: `SMS#${phone}`, sk: 'RATING-ASKED' }),
  /** A resident's rating of a resolved case (entity 'rating': counted in the measures). */
  rating: (reference: string) => ({ pk: `RATING#${reference}`, sk: 'RATING' }),
  /** The reply given to one inbound text. */
  reply: (messageSid: string) => ({ pk: `SMSREPLY#${messageSid}`, sk: 'REPLY' }),
  /** How one outbound SMS ended (or that it is being sent). */
  delivery: (dedupKey: string) => ({ pk: `SENT#${dedupKey}`, sk: 'SENT' }),
};

const epochSeconds = (at: Date) => Math.floor(at.getTime() / 1000);
const conditionFailed = (error: unknown) => (error as { name?: string }).name === 'ConditionalCheckFailedException';

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

export const dynamoDeliveryLedger: DeliveryLedger = {
  async claim(dedupKey, at) {
    const TableName = config.tableName;
    const Key = smsKeys.delivery(dedupKey);
    try {
      await dynamo().send(
        new PutCommand({
          TableName,
          Item: {
            ...Key,
            entity: 'sms-delivery',
            dedupKey,
            status: 'sending',
            claimedAt: epochSeconds(at),
            expiresAt: epochSeconds(at) + DELIVERY_TTL_SECONDS,
          },
          // New, or a claim whose delivery died before it could finish.
          ConditionExpression: 'attribute_not_exists(pk) OR (#status = :sending AND claimedAt < :stale)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':sending': 'sending', ':stale': epochSeconds(at) - CLAIM_STALE_SECONDS },
        }),
      );
      return 'claimed';
    } catch (error) {
      if (!conditionFailed(error)) throw error;
      const { Item } = await dynamo().send(new GetCommand({ TableName, Key, ConsistentRead: true }));
      return Item?.status === 'sending' ? 'in-flight' : 'done';
    }
  },

  async isOptedOut(phone) {
    const { Item } = await dynamo().send(
      new GetCommand({ TableName: config.tableName, Key: smsKeys.optOut(phone), ConsistentRead: true }),
    );
    return Item !== undefined;
  },

  async settle(dedupKey, delivery: Delivery, at) {
    await dynamo().send(
      new PutCommand({
        TableName: config.tableName,
        Item: {
          ...smsKeys.delivery(dedupKey),
          entity: 'sms-delivery',
          dedupKey,
          ...delivery,
          settledAt: at.toISOString(),
          expiresAt: epochSeconds(at) + DELIVERY_TTL_SECONDS,
        },
      }),
    );
  },

  async release(dedupKey) {
    try {
      await dynamo().send(
        new DeleteCommand({
          TableName: config.tableName,
          Key: smsKeys.delivery(dedupKey),
          ConditionExpression: '#status = :sending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':sending': 'sending' },
        }),
      );
    } catch (error) {
      if (!conditionFailed(error)) throw error;
    }
  },
};

/** How long a resident may answer "how did we do?" after their case is resolved. */
export const RATING_ASKED_TTL_SECONDS = 7 * 24 * 60 * 60;

/** The item that lets a resident's 1-5 reply be matched to the case they were asked about. */
export function ratingAskedItem(phone: string, asked: RatingAsked, at: Date) {
  return { ...smsKeys.ratingAsked(phone), entity: 'sms-rating-asked', ...asked, askedAt: at.toISOString(), expiresAt: epochSeconds(at) + RATING_ASKED_TTL_SECONDS };
}
