// Sends hand-off messages to service teams' SQS queues.
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { HandoffMessage } from '#domain/handoff';
import { sqs } from './aws.ts';
import { config } from './config.ts';

export async function sendHandoff(message: HandoffMessage): Promise<void> {
  const attribute = (value: string) => ({ DataType: 'String', StringValue: value });
  await sqs().send(
    new SendMessageCommand({
      QueueUrl: config.handoffQueueUrl(message.teamId),
      MessageBody: JSON.stringify(message),
      MessageAttributes: {
        schemaVersion: attribute(message.schemaVersion),
        caseReference: attribute(message.caseReference),
        dedupKey: attribute(message.dedupKey),
        serviceId: attribute(message.service.id),
      },
    }),
  );
}
