// Table stream (the outbox) -> service teams' hand-off queues and the notifications queue.
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { queueNotification, sendHandoff } from '#adapters/handoff-queue';
import { logger, withLambdaContext } from '#adapters/logger';
import { dispatchHandoffs } from '#app/dispatch';

export const handler = withLambdaContext(async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const result = await dispatchHandoffs(event.Records, {
    send: sendHandoff,
    notify: queueNotification,
    onSendFailed: (error, sequenceNumber) =>
      logger.warn('hand-off not sent yet; the stream will retry it', { error: error as Error, sequenceNumber }),
    onUnreadable: (error, key) => logger.error('outbox item is not a valid hand-off', { error: error as Error, key }),
  });
  if (result.sent.length) logger.info('outbox messages sent', { dedupKeys: result.sent });
  return { batchItemFailures: result.failedAt ? [{ itemIdentifier: result.failedAt }] : [] };
});
