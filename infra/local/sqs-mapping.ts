// Plays Lambda's SQS event-source mapping: receives batches, invokes the function, deletes what
// succeeded and leaves the failures (ReportBatchItemFailures) to reappear after the visibility
// timeout, until the queue's redrive policy moves them to the dead-letter queue.
import { DeleteMessageBatchCommand, ReceiveMessageCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSMessageAttributes, SQSRecord } from 'aws-lambda';
import type { LocalFunction } from './lambda.ts';
import { sleep } from './ports.ts';

export function toSqsRecord(message: Message, queueArn: string): SQSRecord {
  const attributes: SQSMessageAttributes = {};
  for (const [name, value] of Object.entries(message.MessageAttributes ?? {})) {
    attributes[name] = {
      dataType: value.DataType ?? 'String',
      ...(value.StringValue !== undefined ? { stringValue: value.StringValue } : {}),
      stringListValues: [],
      binaryListValues: [],
    };
  }
  return {
    messageId: message.MessageId!,
    receiptHandle: message.ReceiptHandle!,
    body: message.Body ?? '',
    attributes: message.Attributes as unknown as SQSRecord['attributes'],
    messageAttributes: attributes,
    md5OfBody: message.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: 'eu-west-2',
  };
}

export function startSqsMapping(options: {
  client: SQSClient;
  queueUrl: string;
  queueArn: string;
  fn: LocalFunction;
  batchSize: number;
  onError: (error: unknown) => void;
  pollMs?: number;
}): { stop(): Promise<void> } {
  const { client, queueUrl, fn } = options;
  let running = true;
  const loop = (async () => {
    while (running) {
      let received = 0;
      try {
        // The emulator's long poll waits the whole WaitTimeSeconds for batches: poll short instead.
        const { Messages = [] } = await client.send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: options.batchSize,
            WaitTimeSeconds: 0,
            MessageSystemAttributeNames: ['All'],
            MessageAttributeNames: ['All'],
          }),
        );
        received = Messages.length;
        if (received) {
          const event: SQSEvent = { Records: Messages.map((m) => toSqsRecord(m, options.queueArn)) };
          let failed = new Set<string>(Messages.map((m) => m.MessageId!));
          try {
            const response = (await fn.invoke(event)) as SQSBatchResponse | undefined;
            failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
          } catch (error) {
            options.onError(error);
          }
          const succeeded = Messages.filter((m) => !failed.has(m.MessageId!));
          if (succeeded.length) {
            await client.send(
              new DeleteMessageBatchCommand({
                QueueUrl: queueUrl,
                Entries: succeeded.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
              }),
            );
          }
        }
      } catch (error) {
        options.onError(error);
      }
      if (!received) await sleep(options.pollMs ?? 100);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
    },
  };
}
