// A DynamoDB stream record as Lambda delivers it (attribute-value images), for unit tests of the
// stream consumers and their loop.
import { marshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue, DynamoDBRecord } from 'aws-lambda';

export const streamImage = (item: Record<string, unknown>) => marshall(item, { removeUndefinedValues: true }) as Record<string, AttributeValue>;

export function streamRecord(
  sequenceNumber: string,
  eventName: DynamoDBRecord['eventName'],
  images: { old?: Record<string, unknown>; new?: Record<string, unknown> },
): DynamoDBRecord {
  const keys = images.new ?? images.old;
  return {
    eventID: `event-${sequenceNumber}`,
    eventName,
    eventSource: 'aws:dynamodb',
    dynamodb: {
      SequenceNumber: sequenceNumber,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
      ...(keys ? { Keys: streamImage({ pk: keys.pk, sk: keys.sk }) } : {}),
      ...(images.old ? { OldImage: streamImage(images.old) } : {}),
      ...(images.new ? { NewImage: streamImage(images.new) } : {}),
    },
  };
}
