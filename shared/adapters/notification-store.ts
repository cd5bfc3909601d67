// The core's items about a resident's messages, whatever channel writes them (keys and TTLs:
// docs/data-model.md): the opt-out a STOP leaves, the rating asked for after a resolved case and
// the rating given, and the delivery record of each outbound SMS. Apart from store.ts so that
// send-notifications bundles without the catalogue.
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { RatingAsked } from '#domain/rating';
import type { Delivery, DeliveryLedger } from '#app/notifications';
import { dynamo } from './aws.ts';
import { config } from './config.ts';
import { conditionFailed, epochSeconds, expiresAfter } from './dynamo.ts';

/** How long a delivery record is kept: SQS keeps a message at most 14 days. */
const DELIVERY_TTL_SECONDS = 14 * 24 * 60 * 60;
/** A claim older than this was left by a delivery that died (send-notifications times out at 30 s). */
const CLAIM_STALE_SECONDS = 60;

export const residentKeys = {
  /** Present while the resident has opted out (STOP); START deletes it. */
  optOut: (phone: string) => ({ pk: `SMS#${phone}`, sk: 'OPTOUT' }),
  /** A resolved case whose rating we asked for; the resident's 1-5 reply is matched to it. */
  ratingAsked: (phone: string) => ({ pk: `SMS#${phone}`, sk: 'RATING-ASKED' }),
  /** A resident's rating of a resolved case (entity 'rating': counted in the measures). */
  rating: (reference: string) => ({ pk: `RATING#${reference}`, sk: 'RATING' }),
  /** How one outbound SMS ended (or that it is being sent). */
  delivery: (dedupKey: string) => ({ pk: `SENT#${dedupKey}`, sk: 'SENT' }),
};

export const dynamoDeliveryLedger: DeliveryLedger = {
  async claim(dedupKey, at) {
    const TableName = config.tableName;
    const Key = residentKeys.delivery(dedupKey);
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
      new GetCommand({ TableName: config.tableName, Key: residentKeys.optOut(phone), ConsistentRead: true }),
    );
    return Item !== undefined;
  },

  async settle(dedupKey, delivery: Delivery, at) {
    await dynamo().send(
      new PutCommand({
        TableName: config.tableName,
        Item: {
          ...residentKeys.delivery(dedupKey),
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
          Key: residentKeys.delivery(dedupKey),
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
  return { ...residentKeys.ratingAsked(phone), entity: 'sms-rating-asked', ...asked, askedAt: at.toISOString(), expiresAt: expiresAfter(at, RATING_ASKED_TTL_SECONDS) };
}
