// The SMS channel through the local gateway: Twilio Messaging webhooks signed by the twilio
// library, and outbound SMS through the outbox, the notifications queue and send-notifications
// to the fake Twilio REST API, against DynamoDB Local and the SQS emulator with the real handlers.
import { createHash, randomBytes } from 'node:crypto';
import { GetQueueAttributesCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { putNotification } from '#adapters/store';
import { buildNotification, type Notification, type NotificationDraft } from '#domain/notification';
import { db, postJson, queueUrl, sqs, stack, tableItemCount, takeFromQueue, useStackTable } from '../support/stack.ts';
import { postTwilio, smsSentTo } from '../support/twilio.ts';
import { waitFor as until } from '../support/wait.ts';

const COUNCIL_NUMBER = '+441632960000';
const ACCOUNT_SID = `AC${'0'.repeat(32)}`;

beforeAll(() => {
  // The outbox is written from this test process, as another function would.
  useStackTable();
});

// A mobile number (Ofcom's drama range) that no other test in this run uses.
let nextNumber = Date.now() % 1000;
function newResident(): string {
  nextNumber = (nextNumber + 7) % 1000;
  return `+447700900${String(nextNumber).padStart(3, '0')}`;
}

const messageSid = () => `SM${randomBytes(16).toString('hex')}`;

const xml = new XMLParser();
/** The text of the TwiML <Message>, or undefined when the answer has none. */
function replyIn(twiml: string): string | undefined {
  const message = xml.parse(twiml)?.Response?.Message;
  return message === undefined ? undefined : String(message);
}

/** A text from `from`, as Twilio posts it; `sid` to replay a MessageSid. */
async function text(from: string, body: string, sid = messageSid()) {
  const response = await postTwilio('/twilio/sms', { MessageSid: sid, SmsMessageSid: sid, AccountSid: ACCOUNT_SID, From: from, To: COUNCIL_NUMBER, Body: body, NumMedia: '0' });
  return { ...response, sid, reply: replyIn(response.body) };
}

async function item(pk: string, sk: string) {
  const { Item } = await db.send(new GetCommand({ TableName: stack.tableName, Key: { pk, sk }, ConsistentRead: true }));
  return Item;
}

const referenceIn = (reply: string | undefined) => /reference(?: is)? ([0-9A-Z]{4}-[0-9A-Z]{4})/.exec(reply ?? '')?.[1];

/**
 * The table's item count once background writers (the stream's consumers: hand-offs, daily
 * measures) have finished with what came before: the same count on three reads in a row.
 */
async function settledItemCount(): Promise<number> {
  let counts = [await tableItemCount()];
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && (counts.length < 3 || new Set(counts.slice(-3)).size > 1)) {
    await new Promise((resolve) => setTimeout(resolve, 300));
    counts = [...counts, await tableItemCount()];
  }
  return counts[counts.length - 1]!;
}


describe('POST /twilio/sms: a conversation', () => {
  it('asks where it is, confirms, and on YES opens the case, whose hand-off reaches the team queue', async () => {
    // Prepare
    const resident = newResident();

    // Act
    const first = await text(resident, 'There is dog poo all over the pavement');
    const where = await text(resident, 'Outside 14 Mill Lane, by the bus stop');
    const yes = await text(resident, 'Yes');

    // Assess
    expect(first.status).toBe(200);
    expect(first.contentType).toMatch(/^text\/xml/);
    expect(first.reply).toBe('Thanks. Where is it? Send the street and a nearby house number or landmark.');
    expect(where.reply).toBe('Thank you. Reply YES to send this to our Street Scene team (Report dog fouling), or NO to cancel.');
    expect(yes.reply).toMatch(/^Thank you\. We have passed your request \(Report dog fouling\) to our Street Scene team, who aim to deal with it by .+\. Your reference is [0-9A-Z]{4}-[0-9A-Z]{4}\.$/);
    const reference = referenceIn(yes.reply)!;
    const kase = (await item(`CASE#${reference}`, 'CASE'))?.case;
    expect(kase).toMatchObject({
      channel: 'sms',
      serviceId: 'dog-fouling',
      teamId: 'street-scene',
      status: 'open',
      resident: { phone: resident },
      details: { location: 'Outside 14 Mill Lane, by the bus stop' },
      description: 'There is dog poo all over the pavement\nOutside 14 Mill Lane, by the bus stop',
    });
    // Routed once, on the first text: the case keeps that decision's words and the resident's YES.
    expect(kase.routing.explanation[0]).toMatch(/^The description matched words used for 'Report dog fouling'/);
    expect(kase.routing.explanation.at(-1)).toBe('The resident confirmed it by text.');
    // The contact is keyed by the MessageSid of the YES that completed it.
    expect(await item(`CONTACT#sms#${yes.sid}`, 'CONTACT')).toMatchObject({ outcome: { reference, decision: 'handoff' } });
    expect(await item(`SMS#${resident}`, 'CONVERSATION')).toBeUndefined();
    const handoffs = await takeFromQueue(queueUrl('street-scene'), (m) => JSON.parse(m.Body ?? '{}').caseReference === reference, { settleMs: 1_000 });
    expect(handoffs).toHaveLength(1);
  });

  it('keeps the conversation for an hour (TTL) and offers numbered options on an ask', async () => {
    // Prepare
    const resident = newResident();
    const before = Math.floor(Date.now() / 1000);

    // Act
    const ask = await text(resident, 'water');
    const choice = await text(resident, '2');

    // Assess
    expect(ask.reply).toBe(
      'Sorry, we want to get this right. Which of these is it? Reply with the number.\n1. Report flooding\n2. Report a blocked drain or gully\n3. Report sewage or a bad smell from drains',
    );
    expect(choice.reply).toBe('Thanks. Where is it? Send the street and a nearby house number or landmark.');
    const conversation = await item(`SMS#${resident}`, 'CONVERSATION');
    expect(conversation).toMatchObject({ state: { step: 'collecting', serviceId: 'blocked-drain' }, version: 2 });
    expect(conversation!.expiresAt).toBeGreaterThanOrEqual(before + 3600);
    expect(conversation!.expiresAt).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 3600);
    expect((await item(`SMSREPLY#${choice.sid}`, 'REPLY'))?.expiresAt).toBeGreaterThan(before + 3600);
  });

  it("answers Twilio's retry of a MessageSid with the first reply and changes nothing", async () => {
    // Prepare
    const resident = newResident();
    const first = await text(resident, 'dog poo on Mill Lane');
    const yes = await text(resident, 'YES');
    const reference = referenceIn(yes.reply);
    const items = await settledItemCount();

    // Act: both texts again, as Twilio retries them.
    const yesAgain = await text(resident, 'YES', yes.sid);
    const firstAgain = await text(resident, 'dog poo on Mill Lane', first.sid);

    // Assess
    expect(reference).toBeDefined();
    expect(yesAgain.body).toBe(yes.body);
    expect(firstAgain.body).toBe(first.body);
    expect(await settledItemCount()).toBe(items);
    // The conversation did not start again: it is still over.
    expect(await item(`SMS#${resident}`, 'CONVERSATION')).toBeUndefined();
  });

  it('answers "where is my case" with its status', async () => {
    // Prepare: the resident reported it on the web with the same number.
    const resident = newResident();
    const reported = await postJson('/api/contacts', { description: 'Broken glass all over the pavement', service: 'street-cleaning', phone: resident });
    const reference = reported.body.reference as string;

    // Act
    const { reply } = await text(resident, `Where is my case ${reference.toLowerCase()}?`);

    // Assess
    expect(reply).toMatch(new RegExp(`^Your report ${reference} \\(.+\\) is with the team\\. Our target is to deal with it by .+\\.$`));
  });

  it('raises an emergency at once, with what to do now', async () => {
    const resident = newResident();
    const { reply } = await text(resident, 'I can smell gas in my kitchen');
    expect(reply).toMatch(/^If you can smell gas: .*call the National Gas Emergency Service on 0800 111 999 now\. We have raised an urgent report, reference [0-9A-Z]{4}-[0-9A-Z]{4}\.$/);
    expect((await item(`CASE#${referenceIn(reply)}`, 'CASE'))?.case).toMatchObject({ priority: 'urgent', channel: 'sms' });
  });

  it('answers HELP with the number to call, the opening hours and how to stop', async () => {
    const { reply } = await text(newResident(), 'HELP');
    expect(reply).toMatch(/^Council text service: .* call 01632 960000, open Monday to .*\. Reply STOP to stop texts\.$/);
  });
});

describe('POST /twilio/sms: refused or not understood', () => {
  it('answers a payload without Body or From with "didn\'t catch that", and writes nothing', async () => {
    // Prepare
    const items = await settledItemCount();
    const resident = newResident();

    // Act
    const noBody = await postTwilio('/twilio/sms', { MessageSid: messageSid(), AccountSid: ACCOUNT_SID, From: resident, To: COUNCIL_NUMBER });
    const noFrom = await postTwilio('/twilio/sms', { MessageSid: messageSid(), AccountSid: ACCOUNT_SID, To: COUNCIL_NUMBER, Body: 'pothole' });

    // Assess
    for (const response of [noBody, noFrom]) {
      expect(response.status).toBe(200);
      expect(replyIn(response.body)).toMatch(/^Sorry, we didn't catch that\./);
    }
    expect(await settledItemCount()).toBe(items);
  });

  it('refuses a forged signature and a missing one with 403, and writes nothing', async () => {
    // Prepare
    const items = await settledItemCount();
    const params = { MessageSid: messageSid(), AccountSid: ACCOUNT_SID, From: newResident(), To: COUNCIL_NUMBER, Body: 'dog poo on Mill Lane' };

    // Act
    const forged = await postTwilio('/twilio/sms', params, { signature: 'bm90IGEgcmVhbCBzaWduYXR1cmU=' });
    const unsigned = await postTwilio('/twilio/sms', params, { signature: null });

    // Assess
    expect(forged.status).toBe(403);
    expect(unsigned.status).toBe(403);
    expect(await settledItemCount()).toBe(items);
  });
});

describe('outbound SMS', () => {
  /** Builds a notification the one way and puts it in the outbox, as a function that texts a resident does. */
  const queue = (draft: Omit<NotificationDraft, 'channel' | 'createdAt'>) =>
    putNotification(buildNotification({ ...draft, channel: 'sms', createdAt: new Date() }));
  /** A notification's delivery record (docs/data-model.md): how it ended, or 'sending' while claimed. */
  const delivery = async (dedupKey: string) => {
    const record = await item('IDEMPOTENCY#send-notifications', `notification#${createHash('md5').update(JSON.stringify(dedupKey)).digest('base64')}`);
    return record && (record.status === 'COMPLETED' ? (record.data as Record<string, unknown>) : { status: 'sending' });
  };

  it('sends an SMS put in the outbox to the fake Twilio exactly once, however often it is queued or delivered', async () => {
    // Prepare
    const resident = newResident();
    const dedupKey = `TEST-${Date.now()}#confirmation`;
    const request = { to: resident.replace('+44', '0'), body: 'Your reference is K7MD-Q9PX.', reason: 'confirmation' as const, dedupKey };
    const notificationsQueue = stack.queues.find((q) => q.id === 'notifications')!.url;
    const onQueue = async () => {
      const { Attributes = {} } = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: notificationsQueue, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
      );
      return Number(Attributes.ApproximateNumberOfMessages) + Number(Attributes.ApproximateNumberOfMessagesNotVisible);
    };

    // Act: queued twice; once it has gone, the queue delivers it again (SQS delivers at least once).
    const queued = [await queue(request), await queue(request)];
    const sent = await until(() => smsSentTo(resident), (messages) => messages.length > 0);
    const record = await until(() => delivery(dedupKey), (r) => r?.status === 'sent');
    const notification: Notification = {
      schemaVersion: '1', dedupKey, channel: 'sms', to: resident, body: request.body, reason: 'confirmation', createdAt: new Date().toISOString(),
    };
    await sqs.send(new SendMessageCommand({ QueueUrl: notificationsQueue, MessageBody: JSON.stringify(notification) }));
    const leftOnQueue = await until(onQueue, (count) => count === 0);

    // Assess
    expect(queued).toEqual(['queued', 'already-queued']);
    expect(sent).toEqual([expect.objectContaining({ from: COUNCIL_NUMBER, to: resident, body: 'Your reference is K7MD-Q9PX.' })]);
    expect(record).toMatchObject({ status: 'sent', providerSid: sent[0]!.sid });
    // The redelivery was taken off the queue (handled, not left for a retry) and sent nothing.
    expect(leftOnQueue).toBe(0);
    expect(await smsSentTo(resident)).toHaveLength(1);
  });

  it('sends nothing to a resident who texted STOP, and sends again after START', async () => {
    // Prepare
    const resident = newResident();
    const sms = (dedupKey: string) => ({ to: resident, body: `Update on your report: ${dedupKey}`, reason: 'case-update' as const, dedupKey });

    // Act + Assess: STOP
    const stop = await text(resident, 'STOP');
    expect(stop.reply).toBe('You will get no more texts from us. Reply START to get them again.');
    expect(await item(`SMS#${resident}`, 'OPTOUT')).toMatchObject({ entity: 'sms-opt-out' });
    const whileOut = `TEST-${Date.now()}#while-opted-out`;
    await queue(sms(whileOut));
    expect(await until(() => delivery(whileOut), (record) => record?.status !== undefined && record.status !== 'sending')).toMatchObject({
      status: 'skipped-opted-out',
    });
    expect(await smsSentTo(resident)).toEqual([]);

    // Act + Assess: START
    const start = await text(resident, 'start');
    expect(start.reply).toBe('You will get texts from us again. Reply STOP to stop them.');
    expect(await item(`SMS#${resident}`, 'OPTOUT')).toBeUndefined();
    const afterStart = `TEST-${Date.now()}#after-start`;
    await queue(sms(afterStart));
    const sent = await until(() => smsSentTo(resident), (messages) => messages.length > 0);
    expect(sent.map((m) => m.body)).toEqual([`Update on your report: ${afterStart}`]);
  });

});
