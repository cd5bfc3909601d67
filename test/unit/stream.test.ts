// The one loop over a table-stream batch (shared/adapters/stream.ts): each record decoded into a
// plain change and handed on in stream order; an item that can never be handled is passed over;
// any other failure stops the batch at its record, which is what the stream retries from.
import type { AttributeValue as StreamAttributeValue } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { batchResponse, inStreamOrder, itemChangeOf } from '#adapters/stream';
import { UnreadableItemError, type ItemChange } from '#domain/item-change';
import { streamRecord } from '../support/stream-records.ts';

const record = streamRecord;

const caseItem = (status: string) => ({ pk: 'CASE#K7MD-Q9PX', sk: 'CASE', entity: 'case', case: { status, repeatContacts: 0, tags: [] } });

function recorder(fail?: (change: ItemChange) => Error | undefined) {
  const seen: ItemChange[] = [];
  const unreadable: string[] = [];
  const failed: string[] = [];
  const handle = async (change: ItemChange) => {
    seen.push(change);
    const error = fail?.(change);
    if (error) throw error;
    return change.key;
  };
  const log = { onUnreadable: (_error: unknown, key: string) => unreadable.push(key), onFailed: (_error: unknown, sequenceNumber: string) => failed.push(sequenceNumber) };
  return { handle, log, seen, unreadable, failed };
}

describe('itemChangeOf', () => {
  it('decodes the old and new images into plain objects, with the record id and the item keys', () => {
    // Act
    const change = itemChangeOf(record('7', 'MODIFY', { old: caseItem('open'), new: caseItem('resolved') }));

    // Assess
    expect(change).toEqual({ event: 'MODIFY', recordId: 'event-7', key: 'CASE#K7MD-Q9PX/CASE', before: caseItem('open'), after: caseItem('resolved') });
  });

  it('has only the image the event has: after for an insert, before for a removal', () => {
    expect(itemChangeOf(record('1', 'INSERT', { new: caseItem('open') }))).not.toHaveProperty('before');
    expect(itemChangeOf(record('2', 'REMOVE', { old: caseItem('open') }))).toEqual({
      event: 'REMOVE',
      recordId: 'event-2',
      key: 'CASE#K7MD-Q9PX/CASE',
      before: caseItem('open'),
    });
  });

  it('refuses, as unreadable, an image it cannot decode and an event it does not know', () => {
    const broken = record('3', 'INSERT', { new: caseItem('open') });
    // An attribute value with no member set: what the Streams SDK client makes of an empty map.
    broken.dynamodb!.NewImage!.case = {} as StreamAttributeValue;
    expect(() => itemChangeOf(broken)).toThrow(UnreadableItemError);
    expect(() => itemChangeOf({ ...record('4', 'INSERT', { new: caseItem('open') }), eventName: undefined })).toThrow(UnreadableItemError);
  });
});

describe('inStreamOrder', () => {
  it('hands on every change in stream order, and keeps what the consumer answered for those it acted on', async () => {
    // Prepare
    const r = recorder();
    const handle = async (change: ItemChange) => (change.event === 'REMOVE' ? undefined : r.handle(change));

    // Act
    const result = await inStreamOrder(
      [record('1', 'INSERT', { new: caseItem('open') }), record('2', 'REMOVE', { old: caseItem('open') }), record('3', 'INSERT', { new: { pk: 'X', sk: 'Y' } })],
      handle,
      r.log,
    );

    // Assess
    expect(r.seen.map((c) => c.recordId)).toEqual(['event-1', 'event-3']);
    expect(result).toEqual({ handled: ['CASE#K7MD-Q9PX/CASE', 'X/Y'], unreadable: [] });
    expect(batchResponse(result)).toEqual({ batchItemFailures: [] });
  });

  it('passes over an item that can never be handled, logged, without holding back the records behind it', async () => {
    // Prepare
    const r = recorder((change) => (change.key === 'A/1' ? new UnreadableItemError('no use') : undefined));
    const undecodable = record('2', 'INSERT', { new: { pk: 'B', sk: '2', n: 1 } });
    undecodable.dynamodb!.NewImage!.n = {} as StreamAttributeValue;

    // Act
    const result = await inStreamOrder(
      [record('1', 'INSERT', { new: { pk: 'A', sk: '1' } }), undecodable, record('3', 'INSERT', { new: { pk: 'C', sk: '3' } })],
      r.handle,
      r.log,
    );

    // Assess
    expect(result).toEqual({ handled: ['C/3'], unreadable: ['A/1', 'B/2'] });
    expect(r.unreadable).toEqual(['A/1', 'B/2']);
    expect(r.failed).toEqual([]);
  });

  it('stops at the first failure and reports its sequence number, acting on nothing after it', async () => {
    // Prepare
    const r = recorder((change) => (change.key === 'B/2' ? new Error('DynamoDB is unavailable') : undefined));

    // Act
    const result = await inStreamOrder(
      [record('1', 'INSERT', { new: { pk: 'A', sk: '1' } }), record('2', 'INSERT', { new: { pk: 'B', sk: '2' } }), record('3', 'INSERT', { new: { pk: 'C', sk: '3' } })],
      r.handle,
      r.log,
    );

    // Assess
    expect(result).toEqual({ handled: ['A/1'], unreadable: [], failedAt: '2' });
    expect(r.seen.map((c) => c.key)).toEqual(['A/1', 'B/2']);
    expect(r.failed).toEqual(['2']);
    expect(batchResponse(result)).toEqual({ batchItemFailures: [{ itemIdentifier: '2' }] });
  });
});
