// A service team's reference consumer of its hand-off queue (docs/handoff-queue.md): each message
// is checked against the hand-off schema, de-duplicated on its key, and the case acknowledged
// ('accept'). A message that is not a valid hand-off is reported as a failure, so after the
// queue's maxReceiveCount it moves to the dead-letter queue; the rest of the batch goes on.
import type { SQSBatchResponse, SQSRecord } from 'aws-lambda';
import { HandoffMessageSchema } from '#domain/handoff';
import { CaseActionError } from '#domain/case-lifecycle';
import { actOnCase, CaseNotFoundError, StaleCaseError, type CaseDeps } from './cases.ts';

export type ConsumeResult = 'accepted' | 'already-handled' | 'poison';

export async function consumeHandoff(record: SQSRecord, teamId: string, deps: CaseDeps): Promise<ConsumeResult> {
  let body: unknown;
  try {
    body = JSON.parse(record.body);
  } catch {
    return 'poison';
  }
  const parsed = HandoffMessageSchema.safeParse(body);
  if (!parsed.success || parsed.data.teamId !== teamId) return 'poison';
  const message = parsed.data;
  // The version in the message, then the case as it is now: an SLA mark or a repeat contact may
  // have moved the version on since the hand-off without anyone having acknowledged it.
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = attempt === 0 ? undefined : await deps.store.getCase(message.caseReference);
    if (current && (current.teamId !== teamId || current.status !== 'open')) return 'already-handled';
    const version = current?.version ?? message.caseVersion;
    try {
      await actOnCase({ reference: message.caseReference, teamId, version, action: { action: 'accept' } }, deps);
      return 'accepted';
    } catch (error) {
      if (error instanceof StaleCaseError) continue;
      // Accepted already (a redelivery), or no longer this team's: the hand-off was handled.
      if (error instanceof CaseActionError || error instanceof CaseNotFoundError) return 'already-handled';
      throw error;
    }
  }
  throw new StaleCaseError(message.caseVersion);
}

export async function consumeHandoffBatch(
  records: SQSRecord[],
  teamId: string,
  deps: CaseDeps,
  onPoison: (messageId: string) => void,
): Promise<SQSBatchResponse> {
  const failures: string[] = [];
  for (const record of records) {
    try {
      if ((await consumeHandoff(record, teamId, deps)) === 'poison') {
        onPoison(record.messageId);
        failures.push(record.messageId);
      }
    } catch {
      failures.push(record.messageId);
    }
  }
  return { batchItemFailures: failures.map((itemIdentifier) => ({ itemIdentifier })) };
}
