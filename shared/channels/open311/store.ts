// The table as Open311 reads it: cases by reference (BatchGet) and cases opened on a day (the byDay
// index, one Query per day). Keys come from store.ts, the only module that knows them.
import type { CasesOpenedOnQuery, Open311Store } from './requests.ts';
import type { Case } from '#domain/case';
import { queryItems } from '#adapters/aws';
import { config } from '#adapters/config';
import { batchGet } from '#adapters/dynamo';
import { INDEXES, keys } from '#adapters/store';

/** DynamoDB's IN takes at most 100 values. */
const MAX_IN_VALUES = 100;

export const dynamoOpen311Store: Open311Store = {
  async casesByReference(references) {
    const items = await batchGet(references.map((reference) => keys.case(reference)));
    const byReference = new Map(items.map((item) => [(item.case as Case).reference, item.case as Case]));
    return references.flatMap((reference) => byReference.get(reference) ?? []);
  },

  async casesOpenedOn(day: string, query: CasesOpenedOnQuery) {
    if (!query.serviceIds.length) return [];
    const filterInQuery = query.serviceIds.length <= MAX_IN_VALUES;
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
