// The second baseline: a bare HTTP handler that writes what a hand-off must write, one
// three-item DynamoDB transaction (contact, case, outbox), and nothing else.
import { randomUUID } from 'node:crypto';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { dynamo } from '#adapters/aws';
import { config } from '#adapters/config';

export async function handler(): Promise<APIGatewayProxyStructuredResultV2> {
  const id = randomUUID();
  await dynamo().send(
    new TransactWriteCommand({
      TransactItems: ['CONTACT', 'CASE', 'HANDOFF'].map((kind) => ({
        Put: { TableName: config.tableName, Item: { pk: `BENCH#${id}`, sk: kind }, ConditionExpression: 'attribute_not_exists(pk)' },
      })),
    }),
  );
  return { statusCode: 201, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id }) };
}
