// What Twilio reports about calls, kept in the platform table so that abandonment can be measured:
// each status a call reaches, and how a transfer to an adviser ended. Keys and access patterns are
// in docs/data-model.md. Every write is conditional on the item being new, so the same callback
// delivered twice changes nothing. Items keep no caller numbers or words.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { CallStore } from './calls.ts';
import type { Contact } from '#domain/contact';
import { turnProviderId, type CallStatusReport, type TransferReport } from './call-flow.ts';
import { dynamo } from '#adapters/aws';
import { config } from '#adapters/config';
import { days, expiresAfter, putIfNew } from '#adapters/dynamo';
import { keys } from '#adapters/store';

/** Call records are kept for about 13 months, long enough to compare a month with the same month last year. */
const CALL_TTL_DAYS = 400;

export const callKeys = {
  /** One item per status a call reaches (ringing, in-progress, completed...). */
  status: (callSid: string, status: string) => ({ pk: `CALL#${callSid}`, sk: `STATUS#${status}` }),
  /** How the call's transfer to an adviser ended (one transfer a call). */
  transfer: (callSid: string) => ({ pk: `CALL#${callSid}`, sk: 'TRANSFER' }),
};

const expiresAt = (at: string) => expiresAfter(at, days(CALL_TTL_DAYS));

async function putOnce(item: Record<string, unknown>): Promise<'recorded' | 'already-recorded'> {
  return (await putIfNew(item)) ? 'recorded' : 'already-recorded';
}

export const dynamoCallStore: CallStore = {
  recordStatus(report: CallStatusReport, at: string) {
    return putOnce({
      ...callKeys.status(report.callSid, report.status),
      entity: 'call-status',
      callSid: report.callSid,
      status: report.status,
      ...(report.durationSeconds !== undefined ? { durationSeconds: report.durationSeconds } : {}),
      at,
      expiresAt: expiresAt(at),
    });
  },

  recordTransfer(report: TransferReport, at: string) {
    return putOnce({
      ...callKeys.transfer(report.callSid),
      entity: 'call-transfer',
      callSid: report.callSid,
      via: report.via,
      result: report.result,
      outcome: report.outcome,
      ...(report.waitSeconds !== undefined ? { waitSeconds: report.waitSeconds } : {}),
      at,
      expiresAt: expiresAt(at),
    });
  },

  async wordsOfTurn(callSid, attempt) {
    const { Item } = await dynamo().send(
      new GetCommand({ TableName: config.tableName, Key: keys.contact('phone', turnProviderId(callSid, attempt)), ConsistentRead: true }),
    );
    return (Item?.contact as Contact | undefined)?.text;
  },
};
