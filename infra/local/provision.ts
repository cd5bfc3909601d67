// Creates the registry's table and queues in the emulators (idempotent: a restart keeps data).
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { IndexDefinition, QueueDefinition, TableDefinition } from '../registry.ts';

export interface ProvisionedQueue {
  definition: QueueDefinition;
  url: string;
  arn: string;
  deadLetterUrl: string;
}

const indexSpec = (index: IndexDefinition) => ({
  IndexName: index.name,
  KeySchema: [
    { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
    { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
  ],
  Projection: { ProjectionType: 'ALL' as const },
});

/** Creates the table, or adds the indexes a kept table (data in .local/) does not have yet. */
export async function provisionTable(client: DynamoDBClient, table: TableDefinition): Promise<string> {
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: table.name }));
    const existing = new Set((Table!.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
    for (const index of table.indexes.filter((i) => !existing.has(i.name))) {
      await client.send(
        new UpdateTableCommand({
          TableName: table.name,
          AttributeDefinitions: [index.partitionKey, index.sortKey].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
          GlobalSecondaryIndexUpdates: [{ Create: indexSpec(index) }],
        }),
      );
    }
    return Table!.LatestStreamArn!;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  const attributes = new Set([table.partitionKey, table.sortKey, ...table.indexes.flatMap((i) => [i.partitionKey, i.sortKey])]);
  const { TableDescription } = await client.send(
    new CreateTableCommand({
      TableName: table.name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [...attributes].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: table.partitionKey, KeyType: 'HASH' },
        { AttributeName: table.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: table.indexes.map(indexSpec),
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    }),
  );
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: table.name,
      TimeToLiveSpecification: { AttributeName: table.ttlAttribute, Enabled: true },
    }),
  );
  return TableDescription!.LatestStreamArn!;
}

async function queueArn(client: SQSClient, url: string): Promise<string> {
  const { Attributes } = await client.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
  return Attributes!.QueueArn!;
}

export async function provisionQueues(client: SQSClient, queues: QueueDefinition[]): Promise<ProvisionedQueue[]> {
  return Promise.all(
    queues.map(async (definition) => {
      const dlq = await client.send(new CreateQueueCommand({ QueueName: definition.deadLetterQueueName }));
      const dlqArn = await queueArn(client, dlq.QueueUrl!);
      const main = await client.send(
        new CreateQueueCommand({
          QueueName: definition.queueName,
          Attributes: {
            VisibilityTimeout: String(definition.visibilityTimeoutSeconds),
            RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: definition.maxReceiveCount }),
          },
        }),
      );
      return { definition, url: main.QueueUrl!, arn: await queueArn(client, main.QueueUrl!), deadLetterUrl: dlq.QueueUrl! };
    }),
  );
}
