// Plays Lambda's DynamoDB Streams event-source mapping: reads every shard in order, gives the
// function only the records its filters match (infra/stream-filter.ts; the others count as
// processed, as on Lambda), invokes it with batches, and on a failure retries from the failed
// record (ReportBatchItemFailures) with back-off, so records are neither skipped nor lost.
// Checkpoints can be kept on disk so a restart of `npm start` resumes where it stopped instead of
// replaying the stream.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { StreamRecordFilter } from '../registry.ts';
import { wantsRecord } from '../stream-filter.ts';
import type { LocalFunction } from './lambda.ts';
import { sleep } from './ports.ts';

export interface StreamMappingOptions {
  client: DynamoDBStreamsClient;
  streamArn: string;
  fn: LocalFunction;
  batchSize: number;
  /** The records the function is given; the mapping passes over the rest. */
  filters: StreamRecordFilter[];
  checkpointFile?: string;
  onError: (error: unknown) => void;
  pollMs?: number;
}

interface ShardState {
  iterator?: string;
  /** Last sequence number the function finished with. */
  checkpoint?: string;
  closed: boolean;
}

type Image = Record<string, unknown>;

// The Streams SDK client turns an empty map {"M": {}} into {}; Lambda delivers {"M": {}}. Put it back.
function repairValue(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const av = value as Record<string, unknown>;
  if (Object.keys(av).length === 0) return { M: {} };
  if (av.M) return { M: repairImage(av.M as Image) };
  if (Array.isArray(av.L)) return { L: av.L.map(repairValue) };
  return av;
}

function repairImage(image: Image | undefined): Image | undefined {
  return image && Object.fromEntries(Object.entries(image).map(([k, v]) => [k, repairValue(v)]));
}

export function toLambdaRecord(record: _Record, streamArn: string): DynamoDBRecord {
  const images = {
    Keys: repairImage(record.dynamodb?.Keys),
    NewImage: repairImage(record.dynamodb?.NewImage),
    OldImage: repairImage(record.dynamodb?.OldImage),
  };
  return {
    eventID: record.eventID,
    eventName: record.eventName as DynamoDBRecord['eventName'],
    eventVersion: record.eventVersion,
    eventSource: 'aws:dynamodb',
    awsRegion: record.awsRegion ?? 'eu-west-2',
    eventSourceARN: streamArn,
    dynamodb: {
      ...(record.dynamodb as DynamoDBRecord['dynamodb']),
      ...Object.fromEntries(Object.entries(images).filter(([, image]) => image)),
      ApproximateCreationDateTime: record.dynamodb?.ApproximateCreationDateTime
        ? Math.floor(record.dynamodb.ApproximateCreationDateTime.getTime() / 1000)
        : undefined,
    },
  } as DynamoDBRecord;
}

export function startStreamMapping(options: StreamMappingOptions): { stop(): Promise<void> } {
  const { client, streamArn, fn, batchSize } = options;
  const shards = new Map<string, ShardState>();
  const saved: Record<string, string> =
    options.checkpointFile && existsSync(options.checkpointFile) ? JSON.parse(readFileSync(options.checkpointFile, 'utf8')) : {};
  let running = true;
  let backoffMs = 0;

  const persist = () => {
    if (!options.checkpointFile) return;
    mkdirSync(dirname(options.checkpointFile), { recursive: true });
    const all = { ...saved };
    for (const [id, state] of shards) if (state.checkpoint) all[id] = state.checkpoint;
    writeFileSync(options.checkpointFile, JSON.stringify(all));
  };

  const refreshShards = async () => {
    const { StreamDescription } = await client.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const shard of StreamDescription?.Shards ?? ([] as Shard[])) {
      if (!shards.has(shard.ShardId!)) {
        const checkpoint = saved[shard.ShardId!];
        shards.set(shard.ShardId!, { closed: false, ...(checkpoint ? { checkpoint } : {}) });
      }
    }
  };

  const iteratorFor = async (shardId: string, state: ShardState) => {
    const { ShardIterator } = await client.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shardId,
        ...(state.checkpoint
          ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: state.checkpoint }
          : { ShardIteratorType: 'TRIM_HORIZON' }),
      }),
    );
    return ShardIterator;
  };

  /** Returns true when the shard delivered records (so poll again at once). */
  const pollShard = async (shardId: string, state: ShardState): Promise<boolean> => {
    state.iterator ??= await iteratorFor(shardId, state);
    if (!state.iterator) {
      state.closed = true;
      return false;
    }
    const { Records = [], NextShardIterator } = await client.send(
      new GetRecordsCommand({ ShardIterator: state.iterator, Limit: batchSize }),
    );
    if (!Records.length) {
      state.iterator = NextShardIterator;
      if (!NextShardIterator) state.closed = true;
      return false;
    }
    // Records no filter matches are not delivered, and count as processed (the checkpoint passes them).
    const event: DynamoDBStreamEvent = {
      Records: Records.map((r) => toLambdaRecord(r, streamArn)).filter((r) => wantsRecord(options.filters, r)),
    };
    let failedAt: string | undefined;
    if (event.Records.length) {
      try {
        const response = (await fn.invoke(event)) as DynamoDBBatchResponse | undefined;
        failedAt = response?.batchItemFailures?.[0]?.itemIdentifier;
      } catch (error) {
        options.onError(error);
        failedAt = event.Records[0]!.dynamodb!.SequenceNumber;
      }
    }
    const failedIndex = failedAt ? Records.findIndex((r) => r.dynamodb?.SequenceNumber === failedAt) : -1;
    const done = failedAt ? Records.slice(0, Math.max(failedIndex, 0)) : Records;
    if (done.length) state.checkpoint = done.at(-1)!.dynamodb!.SequenceNumber;
    persist();
    if (failedAt) {
      // Retry from the failed record after a pause, as Lambda does.
      state.iterator = undefined;
      backoffMs = Math.min(backoffMs ? backoffMs * 2 : 250, 2_000);
      return false;
    }
    backoffMs = 0;
    state.iterator = NextShardIterator;
    if (!NextShardIterator) state.closed = true;
    return true;
  };

  const loop = (async () => {
    let lastRefresh = 0;
    while (running) {
      let busy = false;
      try {
        if (Date.now() - lastRefresh > 2_000) {
          await refreshShards();
          lastRefresh = Date.now();
        }
        for (const [shardId, state] of shards) {
          if (!state.closed && running) busy = (await pollShard(shardId, state)) || busy;
        }
      } catch (error) {
        options.onError(error);
        backoffMs = Math.min(backoffMs ? backoffMs * 2 : 250, 2_000);
      }
      if (!busy) await sleep(backoffMs || options.pollMs || 100);
    }
  })();

  return {
    async stop() {
      running = false;
      await loop;
    },
  };
}
