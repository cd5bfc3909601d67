// A reference consumer of one team's hand-off queue (Parks and Trees): a team can copy it.
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { logger, withLambdaContext } from '#adapters/logger';
import { caseDeps } from '#adapters/wiring';
import { consumeHandoffBatch } from '#app/handoff-consumer';

const TEAM_ID = 'parks-trees';

export const handler = withLambdaContext(async (event: SQSEvent): Promise<SQSBatchResponse> => {
  return consumeHandoffBatch(event.Records, TEAM_ID, caseDeps, (messageId) =>
    logger.error('not a valid hand-off; it will go to the dead-letter queue after its retries', { messageId }),
  );
});
