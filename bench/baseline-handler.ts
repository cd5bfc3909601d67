// The bench's baseline: a bare HTTP handler that does only the one unavoidable DynamoDB write,
// against the same emulator, through the same gateway. Channel latency is reported against it.
import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { dynamo } from '#adapters/aws';
import { config } from '#adapters/config';

export async function handler(): Promise<APIGatewayProxyStructuredResultV2> {
  const id = randomUUID();
  await dynamo().send(new PutCommand({ TableName: config.tableName, Item: { pk: `BENCH#${id}`, sk: 'BENCH' } }));
  return { statusCode: 201, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id }) };
}
