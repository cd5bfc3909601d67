// The table as Open311 reads it: cases by reference (BatchGet) and cases opened on a day (the byDay
// index, one Query per day). Keys come from store.ts, the only module that knows them.
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import type { CasesOpenedOnQuery, Open311Store } from './requests.ts';
import type { Case } from '#domain/case';
import { dynamo, queryItems } from '#adapters/aws';
import { config } from '#adapters/config';
import { INDEXES, keys } from '#adapters/store';

/** BatchGetItem takes at most 100 keys; DynamoDB's IN takes at most 100 values. */
const BATCH = 100;
const UNPROCESSED_RETRIES = 5;

async function getBatch(references: readonly string[]): Promise<Case[]> {
  const TableName = config.tableName;
  const cases: Case[] = [];
  let request: Record<string, { Keys: Record<string, unknown>[] }> | undefined = {
    [TableName]: { Keys: references.map((reference) => keys.case(reference)) },
  };
  for (let attempt = 0; request && Object.keys(request).length; attempt++) {
    if (attempt > UNPROCESSED_RETRIES) throw new Error('BatchGetItem left keys unprocessed after retries');
    if (attempt) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
    const answer = await dynamo().send(new BatchGetCommand({ RequestItems: request }));
    cases.push(...(answer.Responses?.[TableName] ?? []).map((item) => item.case as Case));
    request = answer.UnprocessedKeys as typeof request;
  }
  return cases;
}

export const dynamoOpen311Store: Open311Store = {
  async casesByReference(references) {
    const batches = [];
    for (let i = 0; i < references.length; i += BATCH) batches.push(getBatch(references.slice(i, i + BATCH)));
    const byReference = new Map((await Promise.all(batches)).flat().map((c) => [c.reference, c]));
    return references.flatMap((reference) => byReference.get(reference) ?? []);
  },

  async casesOpenedOn(day: string, query: CasesOpenedOnQuery) {
    if (!query.serviceIds.length) return [];
    const filterInQuery = query.serviceIds.length <= BATCH;
    const names: Record<string, string> = { '#case': 'case' };
    const values: Record<string, unknown> = { ':day': day, ':from': query.from, ':to': query.to };
    const filters: string[] = [];
    if (filterInQuery) {
      names['#service'] = 'serviceId';
      query.serviceIds.forEach((id, i) => (values[`:s${i}`] = id));
      filters.push(`#case.#service IN (${query.serviceIds.map((_, i) => `:s${i}`).join(', ')})`);
    }
    if (query.status) {
      names['#status'] = 'status';
      values[':resolved'] = 'resolved';
      filters.push(query.status === 'closed' ? '#case.#status = :resolved' : '#case.#status <> :resolved');
    }
    const wanted = new Set(query.serviceIds);
    const cases: Case[] = [];
    // A Limit counts items before the filter, so read on until enough have matched.
    for await (const item of queryItems({
      TableName: config.tableName,
      IndexName: INDEXES.byDay,
      KeyConditionExpression: 'createdDay = :day AND createdAt BETWEEN :from AND :to',
      ...(filters.length ? { FilterExpression: filters.join(' AND '), ExpressionAttributeNames: names } : {}),
      ExpressionAttributeValues: values,
      ScanIndexForward: false,
    })) {
      const kase = item.case as Case;
      if (filterInQuery || wanted.has(kase.serviceId)) cases.push(kase);
      if (cases.length >= query.limit) break;
    }
    return cases.slice(0, query.limit);
  },
};
