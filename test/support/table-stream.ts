// One item's records on the stack's real table stream (DynamoDB Local), read from the start of
// every shard and shaped as Lambda delivers them: for tests that redeliver a record by hand.
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, type DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand, type _Record } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import { toLambdaRecord } from '../../infra/local/stream-mapping.ts';

export async function tableStreamRecordsOf(clients: { raw: DynamoDBClient; streams: DynamoDBStreamsClient }, tableName: string, pk: string): Promise<DynamoDBRecord[]> {
  const { Table } = await clients.raw.send(new DescribeTableCommand({ TableName: tableName }));
  const streamArn = Table!.LatestStreamArn!;
  const { StreamDescription } = await clients.streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
  const records: _Record[] = [];
  for (const shard of StreamDescription?.Shards ?? []) {
    let iterator = (await clients.streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.ShardId!, ShardIteratorType: 'TRIM_HORIZON' })))
      .ShardIterator;
    while (iterator) {
      const page = await clients.streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
      records.push(...(page.Records ?? []).filter((r) => r.dynamodb?.Keys?.pk?.S === pk));
      if (!page.Records?.length) break;
      iterator = page.NextShardIterator;
    }
  }
  return records.map((record) => toLambdaRecord(record, streamArn));
}
