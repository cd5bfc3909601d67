// The DynamoDB helper's pure parts: reading a refused condition and a cancelled transaction, TTL
// arithmetic, back-off, and the bounded retry of a BatchGet's unprocessed keys.
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import {
  backoffMs,
  cancellationOf,
  conditionFailed,
  days,
  epochSeconds,
  expiresAfter,
  readAllKeys,
  UnprocessedKeysError,
  type BatchGetPage,
} from '#adapters/dynamo';
import { hasExpired } from '#domain/clock';

const $metadata = {};
const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({ $metadata, message: 'cancelled', CancellationReasons: codes.map((Code) => ({ Code })) });

describe('conditions', () => {
  it("recognises a single write's failed condition, and nothing else", () => {
    expect(conditionFailed(new ConditionalCheckFailedException({ $metadata, message: 'no' }))).toBe(true);
    expect(conditionFailed(cancelled('ConditionalCheckFailed'))).toBe(false);
    expect(conditionFailed(new Error('network'))).toBe(false);
    expect(conditionFailed(undefined)).toBe(false);
  });

  it("reads a cancelled transaction's reasons item by item", () => {
    // Act
    const reasons = cancellationOf(cancelled('None', 'ConditionalCheckFailed', 'None'))!;

    // Assess
    expect(reasons.codes).toEqual(['None', 'ConditionalCheckFailed', 'None']);
    expect(reasons.conditionFailed(0)).toBe(false);
    expect(reasons.conditionFailed(1)).toBe(true);
    expect(reasons.conditionFailed()).toBe(true);
    expect(reasons.conflict).toBe(false);
    expect(reasons.error).toBeInstanceOf(TransactionCanceledException);
  });

  it('tells a conflict with another writer from a failed condition', () => {
    const reasons = cancellationOf(cancelled('None', 'TransactionConflict'))!;
    expect(reasons.conflict).toBe(true);
    expect(reasons.conditionFailed()).toBe(false);
  });

  it('is undefined for anything but a cancelled transaction', () => {
    expect(cancellationOf(new ConditionalCheckFailedException({ $metadata, message: 'no' }))).toBeUndefined();
    expect(cancellationOf(new Error('throttled'))).toBeUndefined();
  });
});

describe('TTL', () => {
  it('counts whole seconds since the epoch, from a Date or an ISO instant', () => {
    expect(epochSeconds(new Date('2026-11-26T10:15:00.999Z'))).toBe(Date.UTC(2026, 10, 26, 10, 15) / 1000);
    expect(epochSeconds('2026-11-26T10:15:00.999Z')).toBe(Date.UTC(2026, 10, 26, 10, 15) / 1000);
  });

  it('expires an item N seconds or days after a time', () => {
    const at = '2026-11-26T10:15:00.000Z';
    expect(expiresAfter(at, 3600)).toBe(epochSeconds(at) + 3600);
    expect(expiresAfter(at, days(14))).toBe(epochSeconds('2026-12-10T10:15:00.000Z'));
  });

  it('has expired from the TTL second on', () => {
    const expiresAt = epochSeconds('2026-11-26T10:15:00.000Z');
    expect(hasExpired(expiresAt, new Date('2026-11-26T10:14:59.999Z'))).toBe(false);
    expect(hasExpired(expiresAt, new Date('2026-11-26T10:15:00.000Z'))).toBe(true);
  });
});

describe('back-off', () => {
  it('doubles from the base, within half and one and a half times', () => {
    expect([1, 2, 3].map((attempt) => backoffMs(attempt, 25, () => 0.5))).toEqual([25, 50, 100]);
    expect(backoffMs(2, 25, () => 0)).toBe(25);
    expect(backoffMs(2, 25, () => 0.999)).toBeCloseTo(74.95);
  });
});

describe('BatchGet with unprocessed keys', () => {
  const key = (n: number) => ({ pk: `K#${n}`, sk: 'K' });

  /** A table that answers `served[i]` keys of request i and leaves the rest unprocessed. */
  function throttled(served: number[]) {
    const requests: Array<Array<Record<string, unknown>>> = [];
    const page: BatchGetPage = async (keys) => {
      requests.push(keys);
      const n = served[requests.length - 1] ?? keys.length;
      return { items: keys.slice(0, n).map((k) => ({ ...k, found: true })), unprocessed: keys.slice(n) };
    };
    return { page, requests };
  }

  it('asks again for the keys left unprocessed only, pausing longer each time, until it has them all', async () => {
    // Prepare
    const { page, requests } = throttled([1, 0, 1]);
    const pauses: number[] = [];

    // Act
    const items = await readAllKeys([key(1), key(2), key(3)], page, { baseDelayMs: 10, pause: async (ms) => void pauses.push(ms) });

    // Assess
    expect(items.map((item) => item.pk)).toEqual(['K#1', 'K#2', 'K#3']);
    expect(requests.map((keys) => keys.length)).toEqual([3, 2, 2, 1]);
    expect(pauses).toHaveLength(3);
    expect(pauses.every((ms, i) => ms >= 10 * 2 ** i * 0.5 && ms <= 10 * 2 ** i * 1.5)).toBe(true);
  });

  it('gives up with a clear error after the rounds it may take', async () => {
    // Prepare: the table leaves every key unprocessed, every time
    const { page, requests } = throttled([0, 0, 0, 0, 0, 0, 0, 0]);

    // Act
    const reading = readAllKeys([key(1), key(2)], page, { rounds: 4, pause: async () => undefined });

    // Assess
    await expect(reading).rejects.toThrow(UnprocessedKeysError);
    await expect(reading).rejects.toThrow('DynamoDB left 2 of 2 keys unprocessed after 4 BatchGet requests');
    expect(requests).toHaveLength(4);
  });

  it('reads nothing for no keys', async () => {
    const { page, requests } = throttled([]);
    expect(await readAllKeys([], page)).toEqual([]);
    expect(requests).toEqual([]);
  });
});
