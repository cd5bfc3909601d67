// Table stream -> service teams' hand-off queues.
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { sendHandoff } from '#adapters/handoff-queue';
import { logger } from '#adapters/logger';
import { dispatchHandoffs } from '#app/dispatch';

export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  const result = await dispatchHandoffs(event.Records, sendHandoff, (error, sequenceNumber) =>
    logger.error('hand-off not sent; the stream will retry', { error: error as Error, sequenceNumber }),
  );
  if (result.sent.length) logger.info('hand-offs sent', { dedupKeys: result.sent });
  return { batchItemFailures: result.failedAt ? [{ itemIdentifier: result.failedAt }] : [] };
}
