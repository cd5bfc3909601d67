// A stream consumer's filters (infra/registry.ts) as Lambda event filter patterns, and the one
// evaluation of those patterns against a stream record. The CDK stack puts the patterns in the
// event-source mapping's FilterCriteria; the local stream mapping drops the records they do not
// match before it invokes the function, as Lambda does. Only what the registry can declare is
// generated (exact string values), so matching needs no more of Lambda's filter syntax than that.
import type { DynamoDBRecord } from 'aws-lambda';
import type { StreamEventName, StreamRecordFilter } from './registry.ts';

/** Lambda's filter pattern: each field names the values it may have, or a pattern for what it holds. */
export interface FilterPattern {
  [field: string]: string[] | FilterPattern;
}

/** Lambda's default quota of filters on one event-source mapping. */
export const MAX_FILTERS = 5;

/** `{"eventName": [...], "dynamodb": {"NewImage": {"entity": {"S": [...]}}, "OldImage": ...}}` */
export function filterPattern(filter: StreamRecordFilter): FilterPattern {
  const images: FilterPattern = {
    ...(filter.newEntity ? { NewImage: { entity: { S: [...filter.newEntity] } } } : {}),
    ...(filter.oldEntity ? { OldImage: { entity: { S: [...filter.oldEntity] } } } : {}),
  };
  return { eventName: [...filter.events], ...(Object.keys(images).length ? { dynamodb: images } : {}) };
}

/** As Lambda matches: every field the pattern names is there and is one of its values (or matches its pattern). */
export function matchesPattern(pattern: FilterPattern, value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  return Object.entries(pattern).every(([field, rule]) => {
    const actual = (value as Record<string, unknown>)[field];
    return Array.isArray(rule) ? typeof actual === 'string' && rule.includes(actual) : matchesPattern(rule, actual);
  });
}

/** Whether a consumer with these filters is given the record: one of them matches it. */
export function wantsRecord(filters: StreamRecordFilter[], record: DynamoDBRecord): boolean {
  return filters.some((filter) => matchesPattern(filterPattern(filter), record));
}

const HAS_NEW_IMAGE: StreamEventName[] = ['INSERT', 'MODIFY'];
const HAS_OLD_IMAGE: StreamEventName[] = ['MODIFY', 'REMOVE'];

/** What is wrong with a consumer's filters (none when they can work), to refuse them before they deploy. */
export function streamFilterProblems(filters: StreamRecordFilter[]): string[] {
  const problems: string[] = [];
  if (!filters.length) problems.push('declares no stream filter, so it would be given no record');
  if (filters.length > MAX_FILTERS) problems.push(`declares ${filters.length} stream filters; Lambda takes at most ${MAX_FILTERS}`);
  filters.forEach((filter, i) => {
    const which = `stream filter ${i + 1}`;
    if (!filter.events.length) problems.push(`${which} names no event`);
    if (filter.newEntity && !filter.newEntity.length) problems.push(`${which} names no kind of new image`);
    if (filter.oldEntity && !filter.oldEntity.length) problems.push(`${which} names no kind of old image`);
    // A record of such an event has no such image, so the filter could never match it.
    for (const event of filter.events) {
      if (filter.newEntity && !HAS_NEW_IMAGE.includes(event)) problems.push(`${which} asks for the new image of ${event}, which has none`);
      if (filter.oldEntity && !HAS_OLD_IMAGE.includes(event)) problems.push(`${which} asks for the old image of ${event}, which has none`);
    }
  });
  return problems;
}
