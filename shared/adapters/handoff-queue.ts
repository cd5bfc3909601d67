// Puts outgoing messages on SQS: hand-offs on the team's queue, notifications on theirs.
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { HandoffMessage } from '#domain/handoff';
import type { Notification } from '#domain/notification';
import { sqs } from './aws.ts';
import { config } from './config.ts';

const attribute = (value: string) => ({ DataType: 'String', StringValue: value });

export async function sendHandoff(message: HandoffMessage): Promise<void> {
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

export async function queueNotification(notification: Notification): Promise<void> {
  await sqs().send(
    new SendMessageCommand({
      QueueUrl: config.queueUrl('notifications'),
      MessageBody: JSON.stringify(notification),
      MessageAttributes: { schemaVersion: attribute(notification.schemaVersion), dedupKey: attribute(notification.dedupKey) },
    }),
  );
}
