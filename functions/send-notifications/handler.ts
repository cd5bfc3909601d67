// The notifications queue -> residents' phones through Twilio, and escalation emails through SES. Each message is sent once
// (SENT#<dedupKey>), never to a number that sent STOP; only failures worth retrying go back
// to the queue (partial batch failures), so one bad number holds back nothing else.
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { systemClock } from '#adapters/clock';
import { sesEmailSender } from '#adapters/email';
import { logger, withLambdaContext } from '#adapters/logger';
import { dynamoDeliveryLedger } from '#adapters/notification-store';
import { twilioSmsSender } from '#adapters/twilio-client';
import { sendNotifications } from '#app/notifications';

// Twilio's error messages can quote the number ("The 'To' number +44... is not valid"): log its
// status and code only. Our own errors name no resident.
function loggable(error: unknown) {
  const { name, message, status, code } = error as { name?: string; message?: string; status?: number; code?: number };
  return status === undefined ? { name, message } : { name, status, code };
}

export const handler = withLambdaContext(async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const report = await sendNotifications(
    event.Records.map((record) => ({ messageId: record.messageId, body: record.body })),
    {
      ledger: dynamoDeliveryLedger,
      sender: twilioSmsSender,
      emailSender: sesEmailSender,
      clock: systemClock,
      onProblem: (problem, { messageId, dedupKey, error }) => {
        const detail = { messageId, dedupKey, problem: loggable(error) };
        if (problem === 'retry') logger.warn('notification not sent yet; the queue will deliver it again', detail);
        else logger.error(`notification ${problem}`, detail);
      },
    },
  );
  logger.info('notifications handled', { outcomes: report.outcomes.map(({ dedupKey, outcome }) => ({ dedupKey, outcome })) });
  return { batchItemFailures: report.retry.map((itemIdentifier) => ({ itemIdentifier })) };
});
