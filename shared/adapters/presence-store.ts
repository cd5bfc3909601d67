// Who is looking at which case (docs/data-model.md, "Presence"): one partition, PRESENCE, with a
// sort key per case and person, `<reference>#<username>`. So one case's lookers are one Query
// (begins_with), and the lookers of any set of cases are one Query too (the range from the first
// reference to the last, the others in it dropped here). Each item lives PRESENCE_TTL_SECONDS
// (the table's TTL attribute); readers drop the expired ones DynamoDB has not removed yet.
import { DeleteCommand, PutCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Presence, PresenceStore } from '#app/presence';
import { dynamo, queryItems } from './aws.ts';
import { config } from './config.ts';

export const PRESENCE_PARTITION = 'PRESENCE';

export const presenceKey = (reference: string, username: string) => ({ pk: PRESENCE_PARTITION, sk: `${reference}#${username}` });

/** The sort-key condition that takes in every presence on these cases (and those of cases sorted between them). */
function rangeOf(references: readonly string[]): Pick<QueryCommandInput, 'KeyConditionExpression' | 'ExpressionAttributeValues'> {
  const sorted = [...references].sort();
  if (sorted.length === 1) {
    return { KeyConditionExpression: 'pk = :pk AND begins_with(sk, :case)', ExpressionAttributeValues: { ':pk': PRESENCE_PARTITION, ':case': `${sorted[0]}#` } };
  }
  // '$' sorts just after '#': every `<last>#<username>` is below `<last>$`.
  return {
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': PRESENCE_PARTITION, ':from': `${sorted[0]}#`, ':to': `${sorted[sorted.length - 1]}$` },
  };
}

export const dynamoPresenceStore: PresenceStore = {
  async presencesOn(references) {
    if (!references.length) return [];
    const found: Presence[] = [];
    for await (const item of queryItems({ TableName: config.tableName, ...rangeOf(references) })) {
      found.push({
        reference: item.reference as string,
        username: item.username as string,
        since: item.since as string,
        expiresAt: item.expiresAt as number,
      });
    }
    return found;
  },

  async put(presence) {
    await dynamo().send(
      new PutCommand({
        TableName: config.tableName,
        Item: { ...presenceKey(presence.reference, presence.username), entity: 'presence', ...presence },
      }),
    );
  },

  async remove(reference, username) {
    await dynamo().send(new DeleteCommand({ TableName: config.tableName, Key: presenceKey(reference, username) }));
  },
};
