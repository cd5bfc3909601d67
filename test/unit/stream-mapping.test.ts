import type { _Record, AttributeValue } from '@aws-sdk/client-dynamodb-streams';
import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { inStreamOrder } from '#adapters/stream';
import { dispatchOutboxItem } from '#app/dispatch';
import type { HandoffMessage } from '#domain/handoff';
import { toLambdaRecord } from '#infra/local/stream-mapping';
import { handoffMessage } from '../support/fixtures.ts';

const STREAM_ARN = 'arn:aws:dynamodb:eu-west-2:000000000000:table/frontdoor/stream/2026-11-26T00:00:00.000';

/** What the Streams SDK client hands back for an empty map: an object with no member set. */
const EMPTY_FROM_SDK = {} as AttributeValue;

function streamRecord(dynamodb: _Record['dynamodb'], overrides: Partial<_Record> = {}): _Record {
  return {
    eventID: 'event-1',
    eventName: 'INSERT',
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'eu-west-1',
    dynamodb,
    ...overrides,
  };
}

describe('toLambdaRecord', () => {
  it('puts back an empty map that the SDK client returned as {}', () => {
    // Prepare
    const record = streamRecord({ SequenceNumber: '1', NewImage: { pk: { S: 'CASE#K7MD-Q9PX' }, resident: EMPTY_FROM_SDK } });

    // Act
    const lambda = toLambdaRecord(record, STREAM_ARN);

    // Assess
    expect(lambda.dynamodb?.NewImage).toEqual({ pk: { S: 'CASE#K7MD-Q9PX' }, resident: { M: {} } });
  });

  it('repairs empty maps nested inside maps and lists, at any depth', () => {
    // Prepare
    const record = streamRecord({
      SequenceNumber: '1',
      NewImage: {
        message: {
          M: {
            resident: EMPTY_FROM_SDK,
            routing: { M: { extra: { M: { deeper: EMPTY_FROM_SDK } } } },
            attachments: { L: [EMPTY_FROM_SDK, { S: 'photo.jpg' }, { M: { meta: EMPTY_FROM_SDK } }, { L: [EMPTY_FROM_SDK] }] },
          },
        },
      },
    });

    // Act
    const lambda = toLambdaRecord(record, STREAM_ARN);

    // Assess
    expect(lambda.dynamodb?.NewImage).toEqual({
      message: {
        M: {
          resident: { M: {} },
          routing: { M: { extra: { M: { deeper: { M: {} } } } } },
          attachments: { L: [{ M: {} }, { S: 'photo.jpg' }, { M: { meta: { M: {} } } }, { L: [{ M: {} }] }] },
        },
      },
    });
  });

  it('keeps every other kind of value as it was', () => {
    // Prepare
    const image: Record<string, AttributeValue> = {
      text: { S: 'Bin not emptied' },
      empty: { S: '' },
      count: { N: '0' },
      flag: { BOOL: false },
      nothing: { NULL: true },
      tags: { SS: ['a', 'b'] },
      none: { L: [] },
      already: { M: {} },
      map: { M: { a: { N: '1' } } },
    };
    const record = streamRecord({ SequenceNumber: '1', NewImage: image, OldImage: image });

    // Act
    const lambda = toLambdaRecord(record, STREAM_ARN);

    // Assess
    expect(lambda.dynamodb?.NewImage).toEqual(image);
    expect(lambda.dynamodb?.OldImage).toEqual(image);
  });

  it('repairs Keys and OldImage as well, and adds no image the record did not have', () => {
    // Prepare
    const record = streamRecord(
      { SequenceNumber: '7', Keys: { pk: { S: 'CASE#X' }, odd: EMPTY_FROM_SDK }, OldImage: { pk: { S: 'CASE#X' }, bag: EMPTY_FROM_SDK } },
      { eventName: 'REMOVE' },
    );

    // Act
    const lambda = toLambdaRecord(record, STREAM_ARN);

    // Assess
    expect(lambda.dynamodb?.Keys).toEqual({ pk: { S: 'CASE#X' }, odd: { M: {} } });
    expect(lambda.dynamodb?.OldImage).toEqual({ pk: { S: 'CASE#X' }, bag: { M: {} } });
    expect(lambda.dynamodb).not.toHaveProperty('NewImage');
  });

  it('gives the creation time in whole epoch seconds, as Lambda does', () => {
    // Prepare
    const record = streamRecord({ SequenceNumber: '1', ApproximateCreationDateTime: new Date('2026-11-26T10:15:00.900Z') });

    // Act
    const lambda = toLambdaRecord(record, STREAM_ARN);

    // Assess
    expect(lambda.dynamodb?.ApproximateCreationDateTime).toBe(Date.UTC(2026, 10, 26, 10, 15, 0) / 1000);
  });

  it("leaves the creation time undefined when the stream didn't give one", () => {
    // Act
    const lambda = toLambdaRecord(streamRecord({ SequenceNumber: '1' }), STREAM_ARN);

    // Assess
    expect(lambda.dynamodb?.ApproximateCreationDateTime).toBeUndefined();
  });

  it("names the source and the stream, and keeps the record's ids and stream fields", () => {
    // Prepare
    const record = streamRecord(
      { SequenceNumber: '000123', SizeBytes: 321, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      { eventID: 'abc', eventName: 'MODIFY', eventSource: 'dynamodb.local' },
    );

    // Act
    const lambda = toLambdaRecord(record, STREAM_ARN);

    // Assess
    expect(lambda).toMatchObject({
      eventID: 'abc',
      eventName: 'MODIFY',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      eventSourceARN: STREAM_ARN,
      awsRegion: 'eu-west-1',
      dynamodb: { SequenceNumber: '000123', SizeBytes: 321, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
  });

  it('falls back to eu-west-2 when the record has no region', () => {
    // Prepare
    const record = streamRecord({ SequenceNumber: '1' }, { awsRegion: undefined });

    // Act
    const lambda = toLambdaRecord(record, STREAM_ARN);

    // Assess
    expect(lambda.awsRegion).toBe('eu-west-2');
  });

  it('does not change the record it was given', () => {
    // Prepare
    const record = streamRecord({
      SequenceNumber: '1',
      ApproximateCreationDateTime: new Date('2026-11-26T10:15:00Z'),
      NewImage: { message: { M: { resident: EMPTY_FROM_SDK } } },
    });
    const before = structuredClone(record);

    // Act
    toLambdaRecord(record, STREAM_ARN);

    // Assess
    expect(record).toEqual(before);
  });

  it('lets the dispatcher read a hand-off whose resident left no details', async () => {
    // Prepare: the resident map is empty, so the SDK client returns it as {}
    const message: HandoffMessage = handoffMessage();
    const image = marshall({ pk: 'CASE#K7MD-Q9PX', sk: 'HANDOFF#000001', entity: 'handoff', message }) as Record<string, AttributeValue>;
    const asSdkReturnsIt = structuredClone(image);
    (asSdkReturnsIt.message as { M: Record<string, AttributeValue> }).M.resident = EMPTY_FROM_SDK;
    const sent: HandoffMessage[] = [];
    const unreadable: string[] = [];

    // Act
    const result = await inStreamOrder(
      [toLambdaRecord(streamRecord({ SequenceNumber: '1', NewImage: asSdkReturnsIt }), STREAM_ARN)],
      (change) =>
        dispatchOutboxItem(change, {
          send: async (m) => {
            sent.push(m);
          },
          notify: async () => undefined,
        }),
      { onFailed: () => undefined, onUnreadable: (_error, key) => unreadable.push(key) },
    );

    // Assess
    expect(unreadable).toEqual([]);
    expect(result.handled).toEqual(['K7MD-Q9PX#1']);
    expect(sent).toEqual([message]);
  });
});
