import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { inStreamOrder, type StreamBatchLog } from '#adapters/stream';
import { dispatchOutboxItem, type DispatchPorts } from '#app/dispatch';
import type { HandoffMessage } from '#domain/handoff';
import type { Notification } from '#domain/notification';
import { handoffMessage, smsNotification } from '../support/fixtures.ts';
import { streamRecord } from '../support/stream-records.ts';

function outboxItem(reference: string, message: unknown = handoffMessage(reference)): Record<string, unknown> {
  return { pk: `CASE#${reference}`, sk: 'HANDOFF#000001', entity: 'handoff', message, expiresAt: 1_800_000_000 };
}

const record = (sequenceNumber: string, eventName: 'INSERT' | 'MODIFY' | 'REMOVE', newImage?: Record<string, unknown>) =>
  streamRecord(sequenceNumber, eventName, newImage ? { new: newImage } : {});

function fakePorts(failOn?: (message: HandoffMessage) => boolean) {
  const sent: HandoffMessage[] = [];
  const notified: Notification[] = [];
  const ports = {
    send: vi.fn(async (message: HandoffMessage) => {
      if (failOn?.(message)) throw new Error('queue unavailable');
      sent.push(message);
    }),
    notify: vi.fn(async (notification: Notification) => {
      notified.push(notification);
    }),
    onSendFailed: vi.fn<StreamBatchLog['onFailed']>(),
    onUnreadable: vi.fn<StreamBatchLog['onUnreadable']>(),
  } satisfies DispatchPorts & { onSendFailed: StreamBatchLog['onFailed']; onUnreadable: StreamBatchLog['onUnreadable'] };
  return { ports, sent, notified };
}

/** The dispatcher as its handler runs it: each outbox item's send, in the ordered stream loop. */
async function dispatchHandoffs(records: DynamoDBRecord[], ports: ReturnType<typeof fakePorts>['ports']) {
  const { handled, ...rest } = await inStreamOrder(records, (change) => dispatchOutboxItem(change, ports), {
    onFailed: ports.onSendFailed,
    onUnreadable: ports.onUnreadable,
  });
  return { sent: handled, ...rest };
}

describe('dispatchHandoffs', () => {
  it('sends each new hand-off outbox item, in stream order', async () => {
    // Prepare
    const records = [
      record('100', 'INSERT', outboxItem('AAAA-AAAA')),
      record('101', 'INSERT', outboxItem('CCCC-CCCC')),
      record('102', 'INSERT', outboxItem('DDDD-DDDD')),
    ];
    const { ports, sent } = fakePorts();

    // Act
    const result = await dispatchHandoffs(records, ports);

    // Assess
    expect(sent).toEqual([handoffMessage('AAAA-AAAA'), handoffMessage('CCCC-CCCC'), handoffMessage('DDDD-DDDD')]);
    expect(result).toEqual({ sent: ['AAAA-AAAA#1', 'CCCC-CCCC#1', 'DDDD-DDDD#1'], unreadable: [] });
    expect(ports.onSendFailed).not.toHaveBeenCalled();
    expect(ports.onUnreadable).not.toHaveBeenCalled();
  });

  it('ignores updates, deletions and items that are not hand-offs', async () => {
    // Prepare
    const caseItem = { pk: 'CASE#EEEE-EEEE', sk: 'CASE', entity: 'case', case: { reference: 'EEEE-EEEE' } };
    const records = [
      record('200', 'INSERT', caseItem),
      record('201', 'MODIFY', outboxItem('FFFF-FFFF')),
      record('202', 'REMOVE'),
      record('203', 'INSERT', { pk: 'IDEMPOTENCY#web#x', sk: 'IDEMPOTENCY', entity: 'idempotency', message: handoffMessage('GGGG-GGGG') }),
      record('204', 'INSERT', outboxItem('HHHH-HHHH')),
    ];
    const { ports, sent } = fakePorts();

    // Act
    const result = await dispatchHandoffs(records, ports);

    // Assess
    expect(sent.map((m) => m.dedupKey)).toEqual(['HHHH-HHHH#1']);
    expect(result).toEqual({ sent: ['HHHH-HHHH#1'], unreadable: [] });
    expect(ports.onUnreadable).not.toHaveBeenCalled();
  });

  it('stops at the first failed send and reports its sequence number, sending nothing after it', async () => {
    // Prepare
    const records = [
      record('300', 'INSERT', outboxItem('AAAA-AAAA')),
      record('301', 'INSERT', outboxItem('CCCC-CCCC')),
      record('302', 'INSERT', outboxItem('DDDD-DDDD')),
    ];
    const { ports, sent } = fakePorts((message) => message.caseReference === 'CCCC-CCCC');

    // Act
    const result = await dispatchHandoffs(records, ports);

    // Assess
    expect(result).toEqual({ sent: ['AAAA-AAAA#1'], unreadable: [], failedAt: '301' });
    expect(sent.map((m) => m.dedupKey)).toEqual(['AAAA-AAAA#1']);
    expect(ports.send).toHaveBeenCalledTimes(2);
    expect(ports.onSendFailed).toHaveBeenCalledOnce();
    expect(ports.onSendFailed).toHaveBeenCalledWith(expect.objectContaining({ message: 'queue unavailable' }), '301');
  });

  it('reports an unreadable outbox item and carries on with the hand-offs behind it', async () => {
    // Prepare
    const broken = { ...handoffMessage('CCCC-CCCC'), schemaVersion: '0', surprise: true };
    const records = [
      record('400', 'INSERT', outboxItem('AAAA-AAAA')),
      record('401', 'INSERT', outboxItem('CCCC-CCCC', broken)),
      record('402', 'INSERT', outboxItem('DDDD-DDDD', 'not even an object')),
      record('403', 'INSERT', outboxItem('EEEE-EEEE')),
    ];
    const { ports, sent } = fakePorts();

    // Act
    const result = await dispatchHandoffs(records, ports);

    // Assess
    expect(sent.map((m) => m.dedupKey)).toEqual(['AAAA-AAAA#1', 'EEEE-EEEE#1']);
    expect(result).toEqual({
      sent: ['AAAA-AAAA#1', 'EEEE-EEEE#1'],
      unreadable: ['CASE#CCCC-CCCC/HANDOFF#000001', 'CASE#DDDD-DDDD/HANDOFF#000001'],
    });
    expect(result.failedAt).toBeUndefined();
    expect(ports.onUnreadable).toHaveBeenCalledTimes(2);
    expect(ports.onUnreadable).toHaveBeenNthCalledWith(1, expect.any(Error), 'CASE#CCCC-CCCC/HANDOFF#000001');
    expect(ports.onUnreadable).toHaveBeenNthCalledWith(2, expect.any(Error), 'CASE#DDDD-DDDD/HANDOFF#000001');
    expect(ports.onSendFailed).not.toHaveBeenCalled();
  });

  it('keeps what was found unreadable before a failed send', async () => {
    // Prepare
    const records = [
      record('500', 'INSERT', outboxItem('AAAA-AAAA', { dedupKey: 'AAAA-AAAA#1' })),
      record('501', 'INSERT', outboxItem('CCCC-CCCC')),
      record('502', 'INSERT', outboxItem('DDDD-DDDD')),
    ];
    const { ports } = fakePorts(() => true);

    // Act
    const result = await dispatchHandoffs(records, ports);

    // Assess
    expect(result).toEqual({ sent: [], unreadable: ['CASE#AAAA-AAAA/HANDOFF#000001'], failedAt: '501' });
    expect(ports.send).toHaveBeenCalledOnce();
  });

  it('has nothing to do for an empty batch', async () => {
    // Prepare
    const { ports } = fakePorts();

    // Act
    const result = await dispatchHandoffs([], ports);

    // Assess
    expect(result).toEqual({ sent: [], unreadable: [] });
    expect(ports.send).not.toHaveBeenCalled();
  });
});

describe('dispatchHandoffs with notifications', () => {
  const notification: Notification = smsNotification();

  it('queues a notification outbox item and a hand-off from the same batch, in order', async () => {
    // Prepare
    const { ports, sent, notified } = fakePorts();
    const records = [
      record('1', 'INSERT', outboxItem('K7MD-Q9PX')),
      record('2', 'INSERT', { pk: 'CASE#K7MD-Q9PX', sk: 'NOTIFY#confirmation', entity: 'notification', message: notification }),
    ];

    // Act
    const result = await dispatchHandoffs(records, ports);

    // Assess
    expect(sent.map((m) => m.caseReference)).toEqual(['K7MD-Q9PX']);
    expect(notified).toEqual([notification]);
    expect(result.sent).toEqual(['K7MD-Q9PX#1', 'K7MD-Q9PX#confirmation']);
  });

  it('reports a notification that is not valid as unreadable, without holding back the rest', async () => {
    const { ports, notified } = fakePorts();
    const bad = { ...notification, to: 'not a number' };
    const result = await dispatchHandoffs(
      [record('1', 'INSERT', { pk: 'CASE#X', sk: 'NOTIFY#x', entity: 'notification', message: bad }), record('2', 'INSERT', outboxItem('K7MD-Q9PX'))],
      ports,
    );
    expect(result.unreadable).toEqual(['CASE#X/NOTIFY#x']);
    expect(result.sent).toEqual(['K7MD-Q9PX#1']);
    expect(notified).toEqual([]);
  });
});
