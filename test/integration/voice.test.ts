// The phone channel through the local gateway: Twilio Voice webhooks signed by the twilio library,
// against DynamoDB Local and the SQS emulator, with the real handlers.
import { randomBytes, randomInt } from 'node:crypto';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { catalogue } from '#catalogue/index';
import { spokenReference } from '#domain/messages';
import { functions } from '../../infra/registry.ts';
import { db, queueUrl, stack, tableItemCount, takeFromQueue } from '../support/stack.ts';
import { postTwilio, smsSentTo } from '../support/twilio.ts';
import { waitFor as until } from '../support/wait.ts';

const COUNCIL_NUMBER = '+441632960000';

/** A call from a mobile no other test uses, so its hand-offs are never linked to another test's cases. */
function newCall(from = `+4479${String(randomInt(0, 100_000_000)).padStart(8, '0')}`) {
  const call = { CallSid: `CA${randomBytes(16).toString('hex')}`, From: from, To: COUNCIL_NUMBER, AccountSid: `AC${'0'.repeat(32)}` };
  return {
    ...call,
    post: (path: string, params: Record<string, string> = {}, options: { signature?: string | null } = {}) =>
      postTwilio(path, { ...call, CallStatus: 'in-progress', ...params }, options),
  };
}

const referenceIn = (twiml: string) => /\/twilio\/voice\/confirm\?reference=([0-9A-Z]{4}-[0-9A-Z]{4})/.exec(twiml)?.[1];

async function callItems(callSid: string) {
  const { Items = [] } = await db.send(
    new QueryCommand({ TableName: stack.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `CALL#${callSid}` }, ConsistentRead: true }),
  );
  return Items;
}


describe('POST /twilio/voice: a call comes in', () => {
  it('greets the caller and listens for speech or a key, with the keypad menu, writing nothing', async () => {
    // Prepare
    const call = newCall();
    const before = await tableItemCount();

    // Act
    const response = await call.post('/twilio/voice');

    // Assess
    expect(response.status).toBe(200);
    expect(response.contentType).toContain('text/xml');
    expect(response.body).toMatch(/<Gather input="speech dtmf" action="\/twilio\/voice\/gather\?attempt=1"[^>]* language="en-GB" speechTimeout="auto"/);
    expect(response.body).toContain('<Say voice="Polly.Amy" language="en-GB">');
    expect(response.body).toContain('press 1 to report a missed bin');
    expect(await tableItemCount()).toBe(before);
  });
});

describe('POST /twilio/voice/gather: what the caller said', () => {
  it('hands a missed bin off to the waste team, reading the reference slowly, and answers a retry the same way', async () => {
    // Prepare
    const call = newCall();
    const said = { SpeechResult: 'My bin was not collected today', Confidence: '0.92' };

    // Act
    const first = await call.post('/twilio/voice/gather?attempt=1', said);
    const itemsAfterFirst = await tableItemCount();
    const retry = await call.post('/twilio/voice/gather?attempt=1', said);

    // Assess
    expect(first.status).toBe(200);
    const reference = referenceIn(first.body)!;
    expect(reference).toBeDefined();
    expect(first.body).toContain(`<prosody rate="slow">${spokenReference(reference)}</prosody></Say><Pause length="1"/>`);
    expect(first.body).toMatch(/<Gather [^>]*numDigits="1"[^>]*><Say [^>]*>Would you like me to text you this reference\? Press 1 or say yes/);
    const { Item } = await db.send(new GetCommand({ TableName: stack.tableName, Key: { pk: `CASE#${reference}`, sk: 'CASE' } }));
    expect(Item?.case).toMatchObject({
      reference,
      channel: 'phone',
      serviceId: 'missed-bin',
      teamId: 'waste-services',
      description: 'My bin was not collected today',
      resident: { phone: call.From },
    });
    const contact = await db.send(new GetCommand({ TableName: stack.tableName, Key: { pk: `CONTACT#phone#${call.CallSid}#gather#1`, sk: 'CONTACT' } }));
    expect(contact.Item?.outcome).toMatchObject({ decision: 'handoff', reference });
    const handoffs = await takeFromQueue(queueUrl('waste-services'), (m) => JSON.parse(m.Body ?? '{}').caseReference === reference);
    expect(handoffs).toHaveLength(1);
    expect(JSON.parse(handoffs[0]!.Body!)).toMatchObject({ channel: 'phone', service: { id: 'missed-bin' } });
    // Twilio retrying the same turn of the same call gets the same answer and creates nothing.
    expect(retry.body).toBe(first.body);
    expect(await tableItemCount()).toBe(itemsAfterFirst);
  });

  it('says an emergency at once: the advice is the first thing the caller hears, with no menu', async () => {
    // Act
    const response = await newCall().post('/twilio/voice/gather?attempt=1', { SpeechResult: 'I can smell gas' });

    // Assess
    expect(response.status).toBe(200);
    expect(response.body).toMatch(/^<\?xml[^>]*\?><Response><Say voice="Polly.Amy" language="en-GB">If you can smell gas: open doors and windows/);
    expect(response.body).toContain('0800 111 999');
    expect(response.body).not.toContain('<Gather');
    expect(response.body).toMatch(/<Hangup\/><\/Response>$/);
  });

  it('follows the keypad: 2, then a postcode spelled out, gives the bin days', async () => {
    // Prepare
    const call = newCall();

    // Act
    const menu = await call.post('/twilio/voice/gather?attempt=1', { Digits: '2' });
    const answer = await call.post('/twilio/voice/gather?attempt=2&service=bin-day', { SpeechResult: 'N N 1 4 T Q' });

    // Assess
    expect(menu.body).toContain('action="/twilio/voice/gather?attempt=2&amp;service=bin-day"');
    expect(menu.body).toContain('Please tell me your postcode.');
    expect(answer.body).toContain('Abbey Road');
    expect(answer.body).toMatch(/action="\/twilio\/voice\/gather\?attempt=3&amp;step=more"/);
    const contact = await db.send(new GetCommand({ TableName: stack.tableName, Key: { pk: `CONTACT#phone#${call.CallSid}#gather#2`, sk: 'CONTACT' } }));
    expect(contact.Item?.outcome).toMatchObject({ decision: 'resolve', firstContactResolved: true, service: { id: 'bin-day' } });
  });

  it('offers options when unsure, and routes the first words to the option pressed', async () => {
    // Prepare
    const call = newCall();

    // Act
    const asked = await call.post('/twilio/voice/gather?attempt=1', { SpeechResult: 'bins' });
    const action = /<Gather [^>]*action="([^"]+)"/.exec(asked.body)![1]!.replace(/&amp;/g, '&');
    const options = new URLSearchParams(action.split('?')[1]).get('options')!.split('.');
    const chosen = await call.post(action, { Digits: String(options.indexOf('missed-bin') + 1) });

    // Assess
    expect(asked.body).toContain('Say or press one for');
    expect(options).toContain('missed-bin');
    const reference = referenceIn(chosen.body)!;
    const { Item } = await db.send(new GetCommand({ TableName: stack.tableName, Key: { pk: `CASE#${reference}`, sk: 'CASE' } }));
    expect(Item?.case).toMatchObject({ serviceId: 'missed-bin', description: 'bins' });
  });

  it('puts the caller through to an adviser in opening hours, or reads the opening hours', async () => {
    // Prepare
    const open = catalogue.calendar.isOpen(new Date());

    // Act
    const response = await newCall().post('/twilio/voice/gather?attempt=1', { Digits: '0' });

    // Assess
    if (open) {
      expect(response.body).toContain('<Dial action="/twilio/voice/queue" method="POST" timeout="30">+441632960001</Dial>');
    } else {
      expect(response.body).not.toContain('<Dial');
      expect(response.body).toContain(`Our opening hours are ${catalogue.calendar.describeOpeningHours('spoken')}`);
      expect(response.body).toMatch(/Thank you for calling\. Goodbye\.<\/Say><Hangup\/><\/Response>$/);
    }
  });

  it('asks again when nothing was heard, writing nothing', async () => {
    // Prepare
    const before = await tableItemCount();

    // Act
    const response = await newCall().post('/twilio/voice/gather?attempt=1', { SpeechResult: '' });

    // Assess
    expect(response.body).toContain('action="/twilio/voice/gather?attempt=2&amp;silence=1"');
    expect(response.body).toContain("Sorry, I didn't catch that.");
    expect(await tableItemCount()).toBe(before);
  });
});

describe('POST /twilio/voice/confirm: "shall I text you the reference?"', () => {
  it('queues one text to the caller on 1, however often Twilio sends it', async () => {
    // Prepare
    const call = newCall();
    const handoff = await call.post('/twilio/voice/gather?attempt=1', { SpeechResult: 'Our bin was not collected this morning' });
    const reference = referenceIn(handoff.body)!;
    expect(reference).toBeDefined();

    // Act
    const yes = await call.post(`/twilio/voice/confirm?reference=${reference}`, { Digits: '1' });
    const again = await call.post(`/twilio/voice/confirm?reference=${reference}`, { Digits: '1' });

    // Assess
    expect(yes.body).toContain('I will text you the reference now.');
    expect(yes.body).toMatch(/Goodbye\.<\/Say><Hangup\/><\/Response>$/);
    expect(again.body).toBe(yes.body);
    const { Item } = await db.send(
      new GetCommand({ TableName: stack.tableName, Key: { pk: `NOTIFY#${reference}#voice-confirmation`, sk: 'NOTIFY' }, ConsistentRead: true }),
    );
    expect(Item?.message).toMatchObject({ to: call.From, reason: 'confirmation', caseReference: reference, channel: 'sms' });
    expect(Item?.message.body).toContain(`Your reference is ${reference}.`);
    // The SMS itself is sent by send-notifications, when the platform has it.
    if (functions.some((f) => f.name === 'send-notifications')) {
      const sent = await until(() => smsSentTo(call.From), (messages) => messages.some((m) => m.body.includes(reference)));
      expect(sent.filter((m) => m.body.includes(reference))).toHaveLength(1);
    }
  });

  it('sends nothing on any other answer', async () => {
    // Prepare
    const call = newCall();
    const handoff = await call.post('/twilio/voice/gather?attempt=1', { SpeechResult: 'Someone has dumped a sofa in the alley' });
    const reference = referenceIn(handoff.body)!;
    expect(reference).toBeDefined();

    // Act
    const no = await call.post(`/twilio/voice/confirm?reference=${reference}`, { SpeechResult: 'No thanks' });

    // Assess
    expect(no.body).toContain('No problem.');
    const { Item } = await db.send(new GetCommand({ TableName: stack.tableName, Key: { pk: `NOTIFY#${reference}#voice-confirmation`, sk: 'NOTIFY' } }));
    expect(Item).toBeUndefined();
  });
});

describe('what Twilio reports about the call', () => {
  it('records a status once, even when the callback comes twice', async () => {
    // Prepare
    const call = newCall();
    const params = { CallStatus: 'completed', CallDuration: '73' };

    // Act
    const first = await call.post('/twilio/voice/status', params);
    const before = await tableItemCount();
    const second = await call.post('/twilio/voice/status', params);

    // Assess
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(first.body).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    expect(await tableItemCount()).toBe(before);
    const items = await callItems(call.CallSid);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ sk: 'STATUS#completed', entity: 'call-status', status: 'completed', durationSeconds: 73 });
    expect(items[0]!.expiresAt).toBeGreaterThan(Date.now() / 1000 + 399 * 86_400);
    expect(JSON.stringify(items[0])).not.toContain(call.From);
  });

  it('records how a transfer to an adviser ended, once, and apologises when nobody answered', async () => {
    // Prepare
    const call = newCall();

    // Act
    const abandoned = await call.post('/twilio/voice/queue', { QueueResult: 'hangup', QueueTime: '120', QueueSid: `QU${'1'.repeat(32)}` });
    await call.post('/twilio/voice/queue', { QueueResult: 'hangup', QueueTime: '120' });
    const unanswered = await newCall().post('/twilio/voice/queue', { DialCallStatus: 'no-answer' });

    // Assess
    expect(abandoned.body).toMatch(/<Response><Hangup\/><\/Response>$/);
    expect(await callItems(call.CallSid)).toEqual([
      expect.objectContaining({ sk: 'TRANSFER', via: 'queue', result: 'hangup', outcome: 'abandoned', waitSeconds: 120 }),
    ]);
    expect(unanswered.body).toContain('Sorry, none of our advisers could take your call just now.');
  });
});

describe('bad requests', () => {
  it('refuses a forged or missing signature with 403 and writes nothing', async () => {
    // Prepare
    const call = newCall();
    const before = await tableItemCount();

    // Act
    const forged = await call.post('/twilio/voice/gather?attempt=1', { SpeechResult: 'my bin was not collected' }, { signature: 'bm90IGEgc2lnbmF0dXJl' });
    const missing = await call.post('/twilio/voice/status', { CallStatus: 'completed' }, { signature: null });

    // Assess
    expect(forged.status).toBe(403);
    expect(missing.status).toBe(403);
    expect(await tableItemCount()).toBe(before);
  });

  it("answers a request without CallSid or From with a spoken apology and writes nothing", async () => {
    // Prepare
    const before = await tableItemCount();

    // Act
    const noCall = await postTwilio('/twilio/voice/gather?attempt=1', { From: '+447700900555', SpeechResult: 'my bin was not collected' });
    const noFrom = await postTwilio('/twilio/voice/status', { CallSid: `CA${randomBytes(16).toString('hex')}`, CallStatus: 'completed' });

    // Assess
    for (const response of [noCall, noFrom]) {
      expect(response.status).toBe(200);
      expect(response.body).toContain("Sorry, I didn't catch that.");
    }
    expect(await tableItemCount()).toBe(before);
  });
});
