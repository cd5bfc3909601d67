import type { _Record, AttributeValue } from '@aws-sdk/client-dynamodb-streams';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { inStreamOrder, itemChangeOf } from '#adapters/stream';
import { dispatchOutboxItem, OUTBOX_ENTITIES } from '#app/dispatch';
import type { HandoffMessage } from '#domain/handoff';
import type { ChangeEvent } from '#domain/item-change';
import { COUNTED_ENTITIES, counterUpdates, exampleChanges } from '#domain/measures';
import type { Notification } from '#domain/notification';
import { toLambdaRecord } from '#infra/local/stream-mapping';
import { platform, type StreamRecordFilter } from '#infra/registry';
import { filterPattern, matchesPattern, wantsRecord } from '#infra/stream-filter';
import { handoffMessage, smsNotification } from '../support/fixtures.ts';

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

// ---- Stream filters: what each consumer is given ------------------------------------------------

const filtersOf = (name: string): StreamRecordFilter[] => platform.functions.find((fn) => fn.name === name)!.tableStream!.filters;
const DISPATCHER = filtersOf('dispatch-handoffs');
const MEASURES = filtersOf('update-measures');

type Item = Record<string, unknown>;

/** A change to an item as the local mapping hands it on: read from the stream, then made a Lambda record. */
function changeRecord(event: ChangeEvent, before: Item | undefined, after: Item | undefined, sequenceNumber = '1'): DynamoDBRecord {
  const image = (item: Item) => marshall(item, { removeUndefinedValues: true }) as Record<string, AttributeValue>;
  const keys = (after ?? before)!;
  return toLambdaRecord(
    streamRecord(
      {
        SequenceNumber: sequenceNumber,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
        Keys: image({ pk: keys.pk, sk: keys.sk }),
        ...(before ? { OldImage: image(before) } : {}),
        ...(after ? { NewImage: image(after) } : {}),
      },
      { eventID: `event-${sequenceNumber}`, eventName: event },
    ),
    STREAM_ARN,
  );
}
const inserted = (item: Item) => changeRecord('INSERT', undefined, item);
const modified = (before: Item, after: Item = before) => changeRecord('MODIFY', before, after);
const removed = (item: Item) => changeRecord('REMOVE', item, undefined);

const notification: Notification = smsNotification();

// Items as the platform writes them (what the measures read, plus keys).
const contact: Item = {
  pk: 'CONTACT#web#c1',
  sk: 'CONTACT',
  entity: 'contact',
  contact: { id: 'c1', channel: 'web', receivedAt: '2026-11-26T10:00:00.000Z' },
  outcome: { decision: 'handoff', firstContactResolved: false, service: { id: 'missed-bin' }, teamId: 'waste-services' },
};
/** The same contact once an adviser marked it as failure demand (shared/app/failure-demand.ts). */
const markedContact: Item = { ...contact, failureDemand: { kind: 'chasing', by: 'amara.okafor', at: '2026-11-26T10:05:00.000Z' } };
const kase = (over: Item = {}): Item => ({
  pk: 'CASE#K7MD-Q9PX',
  sk: 'CASE',
  entity: 'case',
  case: { status: 'open', serviceId: 'missed-bin', teamId: 'waste-services', channel: 'web', createdAt: '2026-11-26T10:00:00.000Z', ...over },
});
const rating: Item = {
  pk: 'RATING#K7MD-Q9PX',
  sk: 'RATING',
  entity: 'rating',
  rating: { reference: 'K7MD-Q9PX', rating: 4, serviceId: 'missed-bin', teamId: 'waste-services', at: '2026-11-27T09:00:00.000Z' },
};
const handoff: Item = { pk: 'CASE#K7MD-Q9PX', sk: 'HANDOFF#000001', entity: 'handoff', message: handoffMessage(), expiresAt: 1_800_000_000 };
const outboxNotification: Item = { pk: 'NOTIFY#K7MD-Q9PX#confirmation', sk: 'NOTIFY', entity: 'notification', message: notification, expiresAt: 1_800_000_000 };
const counter: Item = { pk: 'MEASURES#2026-11-26', sk: 'all#all', entity: 'measure', period: '2026-11-26', dimension: 'all', value: 'all', contacts: 3 };
const gauge: Item = { pk: 'MEASURES#CURRENT', sk: 'team#waste-services', entity: 'measure', period: 'CURRENT', dimension: 'team', value: 'waste-services', open: 1 };
const marker: Item = { pk: 'MEASURES#COUNTED#event-9', sk: 'COUNTED', entity: 'measure-counted', countedAt: '2026-11-26T10:00:01.000Z', expiresAt: 1_800_000_000 };
/** A delivery record as Powertools idempotency writes it (shared/adapters/delivery-ledger.ts): no `entity`. */
const idempotency: Item = {
  pk: 'IDEMPOTENCY#send-notifications',
  sk: 'notification#2i1Bdb0Yx7Bz3bqZGAzCYw==',
  status: 'COMPLETED',
  expiresAt: 1_800_000_000,
  data: '{"status":"sent","providerSid":"SM1","dedupKey":"K7MD-Q9PX#confirmation"}',
};
const others: Item[] = [
  { pk: 'CASE#K7MD-Q9PX', sk: 'EVENT#2026-11-26T10:00:00.000Z#000001#opened', entity: 'case-event', event: { action: 'opened', version: 1 }, createdAt: '2026-11-26T10:00:00.000Z' },
  { pk: 'SMS#+447700900123', sk: 'CONVERSATION', entity: 'sms-conversation', state: { step: 'choosing' }, version: 1 },
  { pk: 'SMSREPLY#SM1', sk: 'REPLY', entity: 'sms-reply', message: 'Thanks' },
  { pk: 'SMS#+447700900123', sk: 'OPTOUT', entity: 'sms-opt-out', optedOutAt: '2026-11-26T10:00:00.000Z' },
  { pk: 'SMS#+447700900123', sk: 'RATING-ASKED', entity: 'sms-rating-asked', reference: 'K7MD-Q9PX', expiresAt: 1_800_000_000 },
  { pk: 'CALL#CA1', sk: 'STATUS#completed', entity: 'call-status', status: 'completed' },
  { pk: 'CALL#CA1', sk: 'TRANSFER', entity: 'call-transfer', outcome: 'answered' },
  idempotency,
];

/** Every kind of change to every kind of item above. */
const everyChange = [contact, kase(), rating, handoff, outboxNotification, counter, gauge, marker, ...others].flatMap((item) => [
  inserted(item),
  modified(item, { ...item, touched: true }),
  removed(item),
]);

describe('stream filters, as the registry declares them', () => {
  it('gives the dispatcher new hand-offs and notifications, and nothing else written to the table', () => {
    expect(wantsRecord(DISPATCHER, inserted(handoff))).toBe(true);
    expect(wantsRecord(DISPATCHER, inserted(outboxNotification))).toBe(true);
    // Not an outbox item changed or removed (its TTL), not a measure counter, nor any other item.
    expect(wantsRecord(DISPATCHER, modified(handoff))).toBe(false);
    expect(wantsRecord(DISPATCHER, removed(handoff))).toBe(false);
    for (const item of [counter, gauge, marker, contact, kase(), rating, ...others]) {
      expect(wantsRecord(DISPATCHER, inserted(item)), `${item.entity} inserted`).toBe(false);
      expect(wantsRecord(DISPATCHER, modified(item)), `${item.entity} modified`).toBe(false);
    }
  });

  it('gives the measures contacts, cases and ratings as they arrive, cases and contacts as they change, cases as they go, and not its own counters', () => {
    expect(wantsRecord(MEASURES, inserted(contact))).toBe(true);
    expect(wantsRecord(MEASURES, inserted(kase()))).toBe(true);
    expect(wantsRecord(MEASURES, inserted(rating))).toBe(true);
    expect(wantsRecord(MEASURES, modified(kase(), kase({ status: 'resolved', resolvedAt: '2026-11-26T11:00:00.000Z' })))).toBe(true);
    expect(wantsRecord(MEASURES, removed(kase()))).toBe(true);
    // A contact changes when an adviser marks it as failure demand (or changes or clears the mark).
    expect(wantsRecord(MEASURES, modified(contact, markedContact))).toBe(true);
    // A rating is counted as it arrives only; a contact's or rating's removal takes nothing away.
    expect(wantsRecord(MEASURES, modified(rating))).toBe(false);
    expect(wantsRecord(MEASURES, removed(contact))).toBe(false);
    expect(wantsRecord(MEASURES, removed(rating))).toBe(false);
    for (const item of [counter, gauge, marker, handoff, outboxNotification, ...others]) {
      for (const record of [inserted(item), modified(item), removed(item)]) {
        expect(wantsRecord(MEASURES, record), `${item.entity} ${record.eventName}`).toBe(false);
      }
    }
  });

  it('leaves out no change that moves a measure (a filtered-out record is never delivered again)', () => {
    // Prepare: every change above, each way a case moves its measures, and each way a mark moves a contact's.
    const contactChanges = [
      modified(contact, markedContact),
      modified(markedContact, { ...markedContact, failureDemand: { kind: 'complaining', by: 'david.hughes', at: '2026-11-26T10:06:00.000Z' } }),
      modified(markedContact, contact),
    ];
    const caseChanges = [
      modified(kase(), kase({ status: 'resolved', resolvedAt: '2026-11-26T11:00:00.000Z', slaMet: true })),
      modified(kase(), kase({ slaMarks: { warnedAt: '2026-11-26T15:00:00.000Z' } })),
      modified(kase({ slaMarks: { warnedAt: '2026-11-26T15:00:00.000Z' } }), kase({ slaMarks: { warnedAt: '2026-11-26T15:00:00.000Z', breachedAt: '2026-11-26T17:00:00.000Z' } })),
      modified(kase(), kase({ teamId: 'street-scene', serviceId: 'fly-tipping' })),
      removed(kase({ slaMarks: { breachedAt: '2026-11-26T17:00:00.000Z' } })),
    ];

    // Act
    const moving = [...everyChange, ...caseChanges, ...contactChanges].filter((record) => counterUpdates(itemChangeOf(record)).length > 0);

    // Assess: the changes that move a measure are many and of every counted kind; the filters pass each.
    expect(new Set(moving.map((r) => itemChangeOf(r).after?.entity ?? itemChangeOf(r).before?.entity))).toEqual(COUNTED_ENTITIES);
    expect(moving.map((r) => r.eventName)).toEqual(expect.arrayContaining(['INSERT', 'MODIFY', 'REMOVE']));
    expect(moving).toEqual(expect.arrayContaining(contactChanges));
    // The examples of failure demand are written beside the counters: never from a change the filters leave out.
    const withExamples = [...everyChange, ...contactChanges].filter((record) => exampleChanges(itemChangeOf(record)).length > 0);
    expect(withExamples).toEqual(expect.arrayContaining(contactChanges));
    expect(withExamples.filter((record) => !wantsRecord(MEASURES, record))).toEqual([]);
    expect(moving.filter((record) => !wantsRecord(MEASURES, record))).toEqual([]);
  });

  it('gives the dispatcher exactly the changes it sends', async () => {
    // Act: what the dispatcher does with every change above.
    const sends: DynamoDBRecord[] = [];
    for (const record of everyChange) {
      const ports = { send: async () => void sends.push(record), notify: async () => void sends.push(record) };
      await dispatchOutboxItem(itemChangeOf(record), ports);
    }

    // Assess
    expect(sends.map((r) => r.dynamodb?.NewImage?.entity?.S)).toEqual([...OUTBOX_ENTITIES]);
    expect(everyChange.filter((record) => wantsRecord(DISPATCHER, record))).toEqual(sends);
  });
});

describe('matching a record against filter patterns, as Lambda does', () => {
  const record = modified(kase(), { ...kase(), entity: 'draft' });

  it('writes one pattern per filter: its events, and the entity of each image it names', () => {
    expect(filterPattern({ events: ['INSERT', 'MODIFY'], newEntity: ['case'], oldEntity: ['draft'] })).toEqual({
      eventName: ['INSERT', 'MODIFY'],
      dynamodb: { NewImage: { entity: { S: ['case'] } }, OldImage: { entity: { S: ['draft'] } } },
    });
    expect(filterPattern({ events: ['REMOVE'] })).toEqual({ eventName: ['REMOVE'] });
  });

  it('needs every field the pattern names, each with one of its values', () => {
    expect(matchesPattern({ eventName: ['MODIFY'], dynamodb: { OldImage: { entity: { S: ['case'] } } } }, record)).toBe(true);
    expect(matchesPattern({ eventName: ['MODIFY'], dynamodb: { NewImage: { entity: { S: ['case'] } } } }, record)).toBe(false);
    expect(matchesPattern({ eventName: ['INSERT'] }, record)).toBe(false);
    // A field that is missing, or not a string there, matches nothing.
    expect(matchesPattern({ dynamodb: { NewImage: { kind: { S: ['case'] } } } }, record)).toBe(false);
    expect(matchesPattern({ dynamodb: { NewImage: { entity: { N: ['1'] } } } }, record)).toBe(false);
    expect(matchesPattern({ dynamodb: { NewImage: { entity: ['draft'] } } }, record)).toBe(false);
  });

  it('gives a record to a consumer when one of its filters matches (they OR together); the images of one filter AND', () => {
    expect(wantsRecord([{ events: ['INSERT'] }, { events: ['MODIFY'], oldEntity: ['case'] }], record)).toBe(true);
    expect(wantsRecord([{ events: ['MODIFY'], newEntity: ['case'], oldEntity: ['case'] }], record)).toBe(false);
    expect(wantsRecord([{ events: ['MODIFY'], newEntity: ['draft'], oldEntity: ['case'] }], record)).toBe(true);
    expect(wantsRecord([], record)).toBe(false);
  });
});
