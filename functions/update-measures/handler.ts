// Table stream -> the measures the council manages by: daily counters and per-team gauges, each
// stream record counted exactly once (docs/measures.md). A record that cannot be counted yet stops
// the batch there, so the stream retries it and what follows, in order.
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { systemClock } from '#adapters/clock';
import { logger, withLambdaContext } from '#adapters/logger';
import { dynamoMeasuresStore } from '#adapters/measures-store';
import { countMeasures } from '#app/measures';

export const handler = withLambdaContext(async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const result = await countMeasures(event.Records, {
    store: dynamoMeasuresStore,
    clock: systemClock,
    onCountFailed: (error, sequenceNumber) =>
      logger.warn('measures not counted yet; the stream will retry', { error: error as Error, sequenceNumber }),
    onUnreadable: (error, key) => logger.error('item cannot be counted in the measures', { error: error as Error, key }),
  });
  if (result.counted || result.alreadyCounted) {
    logger.info('measures counted', { counted: result.counted, alreadyCounted: result.alreadyCounted });
  }
  return { batchItemFailures: result.failedAt ? [{ itemIdentifier: result.failedAt }] : [] };
});
