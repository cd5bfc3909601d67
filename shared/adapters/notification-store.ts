// The core's items about a resident's messages, whatever channel writes them (keys and TTLs:
// docs/data-model.md): the opt-out a STOP leaves, the rating asked for after a resolved case and
// the rating given. Apart from store.ts so that send-notifications bundles without the catalogue;
// the delivery records of outbound messages are delivery-ledger.ts's.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { RatingAsked } from '#domain/rating';
import { dynamo } from './aws.ts';
import { config } from './config.ts';
import { days, expiresAfter } from './dynamo.ts';

export const residentKeys = {
  /** Present while the resident has opted out (STOP); START deletes it. */
  optOut: (phone: string) => ({ pk: `SMS#${phone}`, sk: 'OPTOUT' }),
  /** A resolved case whose rating we asked for; the resident's 1-5 reply is matched to it. */
  ratingAsked: (phone: string) => ({ pk: `SMS#${phone}`, sk: 'RATING-ASKED' }),
  /** A resident's rating of a resolved case (entity 'rating': counted in the measures). */
  rating: (reference: string) => ({ pk: `RATING#${reference}`, sk: 'RATING' }),
};

/** How long a resident may answer "how did we do?" after their case is resolved. */
export const RATING_ASKED_TTL_SECONDS = days(7);

/** The item that lets a resident's 1-5 reply be matched to the case they were asked about. */
export function ratingAskedItem(phone: string, asked: RatingAsked, at: Date) {
  return { ...residentKeys.ratingAsked(phone), entity: 'sms-rating-asked', ...asked, askedAt: at.toISOString(), expiresAt: expiresAfter(at, RATING_ASKED_TTL_SECONDS) };
}

/** The resident sent STOP from this number (E.164) and has not sent START since. */
export async function isOptedOut(phone: string): Promise<boolean> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: config.tableName, Key: residentKeys.optOut(phone), ConsistentRead: true }));
  return Item !== undefined;
}
