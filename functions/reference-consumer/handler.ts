// A reference consumer of one team's hand-off queue (Parks and Trees), written as a team would
// write its own, to copy (docs/handoff-queue.md): it acknowledges each case through the service
// API with the team's key, and touches nothing else of the platform. Powertools' batch processor
// runs the records and reports each failure, so only the failed messages come back (and, after
// the queue's maxReceiveCount, go to its dead-letter queue).
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { config } from '#adapters/config';
import { logger, withLambdaContext } from '#adapters/logger';
import { readSecret } from '#adapters/secrets';
import { serviceApiClient } from '#adapters/service-api-client';
import { processSqsBatch } from '#adapters/sqs-batch';
import { consumeHandoff } from '#app/handoff-consumer';

const TEAM_ID = 'parks-trees';

const api = serviceApiClient({
  baseUrl: () => config.setting('SERVICE_API_URL'),
  apiKey: () => readSecret('PARKS_TREES_API_KEY'),
});

class PoisonMessageError extends Error {
  override name = 'PoisonMessageError';
}

async function acknowledge(message: { messageId: string; body: string }): Promise<void> {
  const result = await consumeHandoff(message.body, TEAM_ID, api).catch((error: unknown) => {
    logger.warn('hand-off not acknowledged; the queue will deliver it again', { messageId: message.messageId, error });
    throw error;
  });
  if (result === 'poison') {
    logger.error('not a valid hand-off; it will go to the dead-letter queue after its retries', { messageId: message.messageId });
    throw new PoisonMessageError(`message ${message.messageId} is not a valid hand-off for ${TEAM_ID}`);
  }
}

export const handler = withLambdaContext((event: SQSEvent): Promise<SQSBatchResponse> => processSqsBatch(event, acknowledge));
