// The measures' counter items in the platform table (keys: docs/data-model.md, "Measures").
// Every item this module writes has a pk starting MEASURES#, so anything that must tell records
// from derived data (a count of the records, say) can leave them out with one condition.
import type { ExampleStore } from '#app/demand';
import type { MeasuresStore } from '#app/measures';
import { DIMENSIONS, type CounterItem, type CounterUpdate, type Dimension, type ExampleChange, type FailureExample } from '#domain/measures';
import { queryItems } from './aws.ts';
import { config } from './config.ts';
import { backoffMs, days, expiresAfter, onlyIfNew, pause, queryPage, transactWrite, type TransactItem } from './dynamo.ts';

/** Longer than the stream keeps a record (24 hours), so any redelivery still finds its marker. */
const COUNTED_TTL_DAYS = 2;
/** Transactions on the same counters from parallel shards can collide; try again a few times before failing the record. */
const CONFLICT_ATTEMPTS = 4;
/** An example of failure demand is kept about 13 months from its contact, so a month compares with the same month a year before. */
const EXAMPLE_TTL_DAYS = 400;

export const MEASURES_PREFIX = 'MEASURES#';

export const measureKeys = {
  /** A day's counters (period YYYY-MM-DD, Europe/London) or the gauges (period CURRENT), one item per dimension value. */
  counters: (period: string, dimension: Dimension, value: string) => ({ pk: `${MEASURES_PREFIX}${period}`, sk: `${dimension}#${value}` }),
  /** Marks a stream record as counted: the condition that makes counting exactly-once. */
  counted: (recordId: string) => ({ pk: `${MEASURES_PREFIX}COUNTED#${recordId}`, sk: 'COUNTED' }),
  /** A service's examples of failure demand, in the order their contacts came in. */
  example: (serviceId: string, at: string, contactId: string) => ({ pk: `${MEASURES_PREFIX}EXAMPLES#${serviceId}`, sk: `${at}#${contactId}` }),
};

function exampleWrite(TableName: string, change: ExampleChange): TransactItem {
  if ('remove' in change) {
    const { serviceId, at, contactId } = change.remove;
    return { Delete: { TableName, Key: measureKeys.example(serviceId, at, contactId) } };
  }
  const example = change.put;
  return {
    Put: {
      TableName,
      Item: { ...measureKeys.example(example.serviceId, example.at, example.contactId), entity: 'measure-example', example, expiresAt: expiresAfter(example.at, days(EXAMPLE_TTL_DAYS)) },
    },
  };
}

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

export const dynamoMeasuresStore: MeasuresStore & ExampleStore = {
  async count(recordId, updates, now, examples = []) {
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
    // One transaction: the marker, every ADD and the examples land together or not at all (at most
    // 1 + 2 days x 4 dimensions + 2 teams items; a contact: 1 + 4 + 2 examples).
    const TransactItems = [marker, ...updates.map((u) => counterUpdate(TableName, u)), ...examples.map((e) => exampleWrite(TableName, e))];
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

  async examplesOf(serviceId, fromAt, toAt, limit) {
    // Keys sort by the time the contact came in: the range is one key condition, newest first.
    const items = await queryPage({
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': measureKeys.example(serviceId, '', '').pk, ':from': fromAt, ':to': toAt },
      ScanIndexForward: false,
      Limit: limit,
    });
    return items.map((item) => item.example as FailureExample);
  },
};
