// A team's open cases for the service-levels view, through the byTeamDue index (open cases only,
// by due time): soonest due first, only the fields the view shows (no resident, no words), and
// only those at risk or in breach at `now` sent back (a filter on the clock as stored; the
// application checks each again). A filter does not make the read cheaper: every case read counts,
// so the read stops after `limit` cases (and one more, to know whether the team has more).
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ServiceLevelStore } from '#app/service-levels';
import type { OpenCaseSummary } from '#domain/service-levels';
import { dynamo } from './aws.ts';
import { config } from './config.ts';
import { INDEXES } from './store.ts';

const FIELDS = ['reference', 'serviceId', 'serviceName', 'teamId', 'channel', 'priority', 'status', 'createdAt', 'sla'] as const;

export const dynamoServiceLevelStore: ServiceLevelStore = {
  async openCasesOf(teamId, now, limit) {
    const cases: OpenCaseSummary[] = [];
    let read = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const page = await dynamo().send(
        new QueryCommand({
          TableName: config.tableName,
          IndexName: INDEXES.byTeamDue,
          KeyConditionExpression: 'teamId = :team',
          // At risk (the warning time has come: breached ones too, whose warning came before their
          // due time) while running, or paused after the due time. ISO times compare as strings.
          FilterExpression: '(attribute_not_exists(#case.#sla.pausedAt) AND #case.#sla.warnAt <= :now) OR #case.#sla.pausedAt > #case.#sla.dueAt',
          ProjectionExpression: FIELDS.map((_, i) => `#case.#f${i}`).join(', '),
          ExpressionAttributeNames: { '#case': 'case', '#sla': 'sla', ...Object.fromEntries(FIELDS.map((field, i) => [`#f${i}`, field])) },
          ExpressionAttributeValues: { ':team': teamId, ':now': now.toISOString() },
          // One more than the limit: reading it tells whether the team has more than the limit.
          Limit: limit + 1 - read,
          ExclusiveStartKey: start,
        }),
      );
      read += page.ScannedCount ?? 0;
      for (const item of page.Items ?? []) cases.push(item.case as OpenCaseSummary);
      start = page.LastEvaluatedKey;
    } while (start && read <= limit);
    // The one case read past the limit is kept if it is late: it was read, and it is as true as the rest.
    return { cases, truncated: read > limit };
  },
};
