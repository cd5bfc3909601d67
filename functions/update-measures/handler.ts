// Table stream -> the measures the council manages by: daily counters and per-team gauges, each
// stream record counted exactly once (docs/measures.md). A record that cannot be counted yet stops
// the batch there, so the stream retries it and what follows, in order.
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { logger, withLambdaContext } from '#adapters/logger';
import { countDeps } from '#adapters/measures-wiring';
import { batchResponse, inStreamOrder } from '#adapters/stream';
import { countChange } from '#app/measures';

export const handler = withLambdaContext(async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const result = await inStreamOrder(event.Records, (change) => countChange(change, countDeps), {
    onFailed: (error, sequenceNumber) =>
      logger.warn('measures not counted yet; the stream will retry', { error: error as Error, sequenceNumber }),
    onUnreadable: (error, key) => logger.error('item cannot be counted in the measures', { error: error as Error, key }),
  });
  const counted = result.handled.filter((outcome) => outcome === 'counted').length;
  const alreadyCounted = result.handled.length - counted;
  if (result.handled.length) logger.info('measures counted', { counted, alreadyCounted });
  return batchResponse(result);
});
