// Table stream (the outbox) -> service teams' hand-off queues and the notifications queue.
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { queueNotification, sendHandoff } from '#adapters/handoff-queue';
import { logger, withLambdaContext } from '#adapters/logger';
import { batchResponse, inStreamOrder } from '#adapters/stream';
import { dispatchOutboxItem } from '#app/dispatch';

export const handler = withLambdaContext(async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const result = await inStreamOrder(event.Records, (change) => dispatchOutboxItem(change, { send: sendHandoff, notify: queueNotification }), {
    onFailed: (error, sequenceNumber) =>
      logger.warn('outbox message not sent yet; the stream will retry it', { error: error as Error, sequenceNumber }),
    onUnreadable: (error, key) => logger.error('outbox item is not a valid message', { error: error as Error, key }),
  });
  if (result.handled.length) logger.info('outbox messages sent', { dedupKeys: result.handled });
  return batchResponse(result);
});
