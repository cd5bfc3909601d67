// The measures' counter items in the platform table (keys: docs/data-model.md, "Measures").
// Every item this module writes has a pk starting MEASURES#, so anything that must tell records
// from derived data (a count of the records, say) can leave them out with one condition.
import type { MeasuresStore } from '#app/measures';
import { DIMENSIONS, type CounterItem, type CounterUpdate, type Dimension } from '#domain/measures';
import { queryItems } from './aws.ts';
import { config } from './config.ts';
import { backoffMs, days, expiresAfter, onlyIfNew, pause, transactWrite } from './dynamo.ts';

/** Longer than the stream keeps a record (24 hours), so any redelivery still finds its marker. */
const COUNTED_TTL_DAYS = 2;
/** Transactions on the same counters from parallel shards can collide; try again a few times before failing the record. */
const CONFLICT_ATTEMPTS = 4;

export const MEASURES_PREFIX = 'MEASURES#';

export const measureKeys = {
  /** A day's counters (period YYYY-MM-DD, Europe/London) or the gauges (period CURRENT), one item per dimension value. */
  counters: (period: string, dimension: Dimension, value: string) => ({ pk: `${MEASURES_PREFIX}${period}`, sk: `${dimension}#${value}` }),
  /** Marks a stream record as counted: the condition that makes counting exactly-once. */
  counted: (recordId: string) => ({ pk: `${MEASURES_PREFIX}COUNTED#${recordId}`, sk: 'COUNTED' }),
};

/** The item's non-counter attributes; every other attribute is a number kept by ADD. */
const DESCRIPTIVE = new Set(['pk', 'sk', 'entity', 'period', 'dimension', 'value']);

function counterUpdate(TableName: string, update: CounterUpdate) {
  const counters = Object.entries(update.add);
  const names: Record<string, string> = { '#entity': 'entity', '#period': 'period', '#dimension': 'dimension', '#value': 'value' };
  const values: Record<string, unknown> = { ':entity': 'measure', ':period': update.period, ':dimension': update.dimension, ':value': update.value };
  counters.forEach(([counter, n], i) => {
    names[`#c${i}`] = counter;
    values[`:c${i}`] = n;
  });
  return {
    Update: {
      TableName,
      Key: measureKeys.counters(update.period, update.dimension, update.value),
      UpdateExpression:
        'SET #entity = :entity, #period = :period, #dimension = :dimension, #value = :value ' +
        `ADD ${counters.map((_, i) => `#c${i} :c${i}`).join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/** The first pause after a conflict; each further one doubles it. */
const CONFLICT_BACKOFF_MS = 50;

export const dynamoMeasuresStore: MeasuresStore = {
  async count(recordId, updates, now) {
    const TableName = config.tableName;
    const marker = {
      Put: {
        TableName,
        Item: {
          ...measureKeys.counted(recordId),
          entity: 'measure-counted',
          countedAt: now.toISOString(),
          expiresAt: expiresAfter(now, days(COUNTED_TTL_DAYS)),
        },
        ConditionExpression: onlyIfNew,
      },
    };
    // One transaction: the marker and every ADD land together or not at all (at most 1 + 2 days x 4 dimensions + 2 teams items).
    const TransactItems = [marker, ...updates.map((u) => counterUpdate(TableName, u))];
    for (let attempt = 1; ; attempt++) {
      const cancelled = await transactWrite(TransactItems);
      if (!cancelled) return 'counted';
      if (cancelled.conditionFailed(0)) return 'already-counted';
      if (!cancelled.conflict || attempt >= CONFLICT_ATTEMPTS) throw cancelled.error;
      await pause(backoffMs(attempt, CONFLICT_BACKOFF_MS));
    }
  },

  async countersOf(period) {
    const items: CounterItem[] = [];
    for await (const item of queryItems({
      TableName: config.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `${MEASURES_PREFIX}${period}` },
    })) {
      const dimension = item.dimension as Dimension;
      if (!DIMENSIONS.includes(dimension)) continue;
      const counts = Object.fromEntries(
        Object.entries(item).filter(([name, value]) => !DESCRIPTIVE.has(name) && typeof value === 'number'),
      ) as Record<string, number>;
      items.push({ period, dimension, value: String(item.value), counts });
    }
    return items;
  },
};
