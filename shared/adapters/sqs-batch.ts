// An SQS consumer's batch through Powertools batch processing: each message handled on its own;
// those whose handler throws go back to the queue (partial batch failures, ReportBatchItemFailures
// in the event source mapping), the others are deleted.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';

export async function processSqsBatch(
  event: SQSEvent,
  handleMessage: (message: { messageId: string; body: string }) => Promise<unknown>,
): Promise<SQSBatchResponse> {
  // A processor per batch: it holds the batch's state, and locally several consumers share a process.
  const processor = new BatchProcessor(EventType.SQS);
  return processPartialResponse(event, (record: SQSRecord) => handleMessage({ messageId: record.messageId, body: record.body }), processor, {
    // A batch in which every message is to be retried (Twilio unreachable) is answered like any
    // other, with its item failures, rather than failing the invocation.
    throwOnFullBatchFailure: false,
  });
}
