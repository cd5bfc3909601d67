// The notifications queue -> residents' phones through Twilio, residents' and staff's email through SES.
// Each message is sent once per dedupKey (Powertools idempotency: shared/adapters/delivery-ledger.ts),
// never to a number that sent STOP; only failures worth retrying go back to the queue (partial
// batch failures, Powertools batch processing), so one bad number holds back nothing else.
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { dynamoDeliveryLedger } from '#adapters/delivery-ledger';
import { sesEmailSender } from '#adapters/email';
import { logger, withLambdaContext } from '#adapters/logger';
import { processSqsBatch } from '#adapters/sqs-batch';
import { twilioSmsSender } from '#adapters/twilio-client';
import { notificationBatch, type SendPorts } from '#app/notifications';

// Twilio's error messages can quote the number ("The 'To' number +44... is not valid"): log its
// status and code only. Our own errors name no resident.
function loggable(error: unknown) {
  const { name, message, status, code } = error as { name?: string; message?: string; status?: number; code?: number };
  return status === undefined ? { name, message } : { name, status, code };
}

const onProblem: SendPorts['onProblem'] = (problem, { messageId, dedupKey, error }) => {
  const detail = { messageId, dedupKey, problem: loggable(error) };
  if (problem === 'retry') logger.warn('notification not sent yet; the queue will deliver it again', detail);
  else logger.error(`notification ${problem}`, detail);
};

export const handler = withLambdaContext(async (event: SQSEvent, context): Promise<SQSBatchResponse> => {
  const batch = notificationBatch({ ledger: dynamoDeliveryLedger(context), sender: twilioSmsSender, emailSender: sesEmailSender, onProblem });
  const response = await processSqsBatch(event, batch.send);
  logger.info('notifications handled', { outcomes: batch.outcomes.map(({ dedupKey, outcome }) => ({ dedupKey, outcome })) });
  return response;
});
