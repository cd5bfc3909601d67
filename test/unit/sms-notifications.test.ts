import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { processSqsBatch } from '#adapters/sqs-batch';
import { twilioHttpClient, twilioMessages, twilioSmsSender } from '#adapters/twilio-client';
import {
  DeliveryInProgressError,
  DeliveryNotRecordedError,
  notificationBatch,
  SmsRejectedError,
  type Delivery,
  type DeliveryLedger,
  type QueuedMessage,
  type SendPorts,
} from '#app/notifications';
import { fixedClock } from '#domain/clock';
import type { Notification } from '#domain/notification';
import { toSqsRecord } from '#infra/local/sqs-mapping';

const NOW = '2026-11-26T10:15:00.000Z';
const RESIDENT = '+447700900321';

function notification(overrides: Partial<Notification> = {}): Notification {
  return {
    schemaVersion: '1',
    dedupKey: 'K7MD-Q9PX#v2',
    channel: 'sms',
    to: RESIDENT,
    body: 'Update on your report K7MD-Q9PX: resolved.',
    reason: 'case-update',
    createdAt: NOW,
    ...overrides,
  };
}

let nextId = 0;
const queued = (body: unknown): QueuedMessage => ({ messageId: `m-${++nextId}`, body: typeof body === 'string' ? body : JSON.stringify(body) });

/**
 * The delivery ledger's rules in memory (the DynamoDB one, Powertools idempotency, is tested against
 * DynamoDB Local in test/integration/delivery-ledger.test.ts): a message is claimed ('sending')
 * while it is delivered, its delivery kept once done, the claim given back when delivering fails.
 */
function memoryLedger(optedOut: string[] = [], { failRecording = false } = {}) {
  const records = new Map<string, { status: string; delivery?: Delivery }>();
  const ledger: DeliveryLedger = {
    isOptedOut: async (phone) => optedOut.includes(phone),
    async deliverOnce(dedupKey, deliver) {
      const record = records.get(dedupKey);
      if (record?.status === 'sending') throw new DeliveryInProgressError(dedupKey);
      if (record) return { delivery: record.delivery!, earlier: true };
      records.set(dedupKey, { status: 'sending' });
      let delivery: Delivery;
      try {
        delivery = await deliver();
      } catch (error) {
        records.delete(dedupKey);
        throw error;
      }
      if (failRecording) throw new DeliveryNotRecordedError(delivery, { cause: new Error('DynamoDB unavailable') });
      records.set(dedupKey, { status: delivery.status, delivery });
      return { delivery, earlier: false };
    },
  };
  return { ledger, records };
}

function ports(overrides: Partial<SendPorts> = {}) {
  const sent: Array<{ to: string; body: string }> = [];
  const problems: string[] = [];
  const all: SendPorts = {
    ledger: memoryLedger().ledger,
    sender: {
      async send(sms) {
        sent.push(sms);
        return { sid: `SM${sent.length}` };
      },
    },
    onProblem: (problem) => problems.push(problem),
    ...overrides,
  };
  return { ports: all, sent, problems };
}

/** A batch from the notifications queue through the batch processor, as send-notifications handles it. */
async function sendNotifications(messages: QueuedMessage[], p: SendPorts) {
  const batch = notificationBatch(p);
  const event = { Records: messages.map((m) => toSqsRecord({ MessageId: m.messageId, ReceiptHandle: `rh-${m.messageId}`, Body: m.body }, 'arn:aws:sqs:eu-west-2:000000000000:frontdoor-notifications')) };
  const { batchItemFailures } = await processSqsBatch(event, batch.send);
  return { outcomes: batch.outcomes, retry: batchItemFailures.map((failure) => failure.itemIdentifier) };
}

describe('sendNotifications', () => {
  it('sends each message once: a copy in the same batch or a later one finds it sent', async () => {
    // Prepare
    const { ledger, records } = memoryLedger();
    const { ports: p, sent } = ports({ ledger });
    const [a, b] = [queued(notification()), queued(notification())];

    // Act
    const report = await sendNotifications([a, b], p);
    const later = await sendNotifications([queued(notification())], p);

    // Assess
    expect(sent).toEqual([{ to: RESIDENT, body: 'Update on your report K7MD-Q9PX: resolved.' }]);
    expect(report.outcomes.map((o) => o.outcome)).toEqual(['sent', 'duplicate']);
    expect(report.retry).toEqual([]);
    expect(later.outcomes[0]!.outcome).toBe('duplicate');
    expect(records.get('K7MD-Q9PX#v2')).toEqual({ status: 'sent', delivery: { status: 'sent', providerSid: 'SM1' } });
  });

  it('sends nothing to a number that opted out, and records that it skipped it', async () => {
    const { ledger, records } = memoryLedger([RESIDENT]);
    const { ports: p, sent } = ports({ ledger });
    const report = await sendNotifications([queued(notification())], p);
    expect(sent).toEqual([]);
    expect(report.outcomes[0]!.outcome).toBe('skipped-opted-out');
    expect(records.get('K7MD-Q9PX#v2')?.status).toBe('skipped-opted-out');
  });

  it('records a message Twilio refuses (4xx) as failed and acknowledges it; retries one that failed otherwise', async () => {
    // Prepare
    const { ledger, records } = memoryLedger();
    const { ports: p, problems } = ports({
      ledger,
      sender: {
        async send(sms) {
          if (sms.body.includes('bad number')) throw new SmsRejectedError('Twilio refused the message: HTTP 400, code 21211', 400, 21211);
          throw new Error('HTTP 503');
        },
      },
    });
    const refused = queued(notification({ dedupKey: 'refused', body: 'bad number' }));
    const unavailable = queued(notification({ dedupKey: 'unavailable' }));

    // Act
    const report = await sendNotifications([refused, unavailable], p);

    // Assess
    expect(report.retry).toEqual([unavailable.messageId]);
    expect(records.get('refused')?.delivery).toEqual({ status: 'failed', httpStatus: 400, code: 21211 });
    // The claim is given back, so the next delivery sends it.
    expect(records.has('unavailable')).toBe(false);
    expect(problems.toSorted()).toEqual(['rejected', 'retry']);
  });

  it('retries a message another delivery is sending right now', async () => {
    const { ledger, records } = memoryLedger();
    records.set('K7MD-Q9PX#v2', { status: 'sending' });
    const { ports: p, sent } = ports({ ledger });
    const message = queued(notification());
    expect((await sendNotifications([message], p)).retry).toEqual([message.messageId]);
    expect(sent).toEqual([]);
  });

  it('acknowledges what can never be sent (not JSON, not a notification, not an E.164 number) and sends the rest', async () => {
    // Prepare
    const { ports: p, sent, problems } = ports();
    const batch = [queued('{not json'), queued({ hello: 'world' }), queued(notification({ dedupKey: 'bad-to', to: '07700 900321' })), queued(notification())];

    // Act
    const report = await sendNotifications(batch, p);

    // Assess
    expect(report.outcomes.map((o) => o.outcome)).toEqual(['unreadable', 'unreadable', 'unreadable', 'sent']);
    expect(report.retry).toEqual([]);
    expect(sent).toHaveLength(1);
    expect(problems).toEqual(['unreadable', 'unreadable', 'unreadable']);
  });

  it('does not send again when the SMS went but recording it failed', async () => {
    const { ledger } = memoryLedger([], { failRecording: true });
    const { ports: p, problems } = ports({ ledger });
    const report = await sendNotifications([queued(notification())], p);
    expect(report.outcomes[0]!.outcome).toBe('sent');
    expect(report.retry).toEqual([]);
    expect(problems).toEqual(['not-recorded']);
  });

  it('acknowledges, without sending, a notification for a channel it has no sender for (email)', async () => {
    const { ports: p, sent } = ports();
    const email = { ...notification(), channel: 'email', to: 'highways@council.example.gov.uk', subject: 'SLA breached' };
    const report = await sendNotifications([queued(email)], p);
    expect(sent).toEqual([]);
    expect(report.retry).toEqual([]);
    // 'unreadable' while the notification schema allows SMS only.
    expect(['unsupported-channel', 'unreadable']).toContain(report.outcomes[0]!.outcome);
  });
});

describe('the twilio client with a custom httpClient', () => {
  // A stand-in for Twilio's REST API: answers what the test says and keeps what it was asked.
  const requests: Array<{ method?: string; url?: string; authorization?: string; form: URLSearchParams }> = [];
  let answer: { status: number; body: unknown } = { status: 201, body: {} };
  let server: Server;
  let baseUrl = '';

  const read = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
  };

  beforeAll(async () => {
    server = createServer(async (req, res) => {
      requests.push({ method: req.method, url: req.url, authorization: req.headers.authorization, form: await read(req) });
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/fake`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  afterEach(() => {
    requests.length = 0;
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  const ACCOUNT = `AC${'1'.repeat(32)}`;

  it("sends messages.create to the same path under the base URL, with Basic auth and Twilio's form fields", async () => {
    // Prepare
    answer = { status: 201, body: { sid: `SM${'a'.repeat(32)}`, status: 'queued', to: RESIDENT, body: 'Hello' } };

    // Act
    const message = await twilioMessages({ accountSid: ACCOUNT, authToken: 'secret' }, twilioHttpClient(baseUrl)).create({
      to: RESIDENT,
      from: '+441632960000',
      body: 'Hello',
    });

    // Assess
    expect(message.sid).toBe(`SM${'a'.repeat(32)}`);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      method: 'POST',
      url: `/fake/2010-04-01/Accounts/${ACCOUNT}/Messages.json`,
      authorization: `Basic ${Buffer.from(`${ACCOUNT}:secret`).toString('base64')}`,
    });
    expect(Object.fromEntries(requests[0]!.form)).toEqual({ To: RESIDENT, From: '+441632960000', Body: 'Hello' });
  });

  it('goes to api.twilio.com when no base URL is set', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(JSON.stringify({ sid: 'SM1' }), { status: 201 }));
    await twilioMessages({ accountSid: ACCOUNT, authToken: 'secret' }, twilioHttpClient(undefined)).create({ to: RESIDENT, from: '+441632960000', body: 'Hi' });
    expect(String(fetch.mock.calls[0]![0])).toBe(`https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT}/Messages.json`);
  });

  describe('twilioSmsSender', () => {
    const configure = () => {
      vi.stubEnv('TWILIO_ACCOUNT_SID', ACCOUNT);
      vi.stubEnv('TWILIO_AUTH_TOKEN', 'secret');
      vi.stubEnv('TWILIO_FROM_NUMBER', '+441632960000');
      vi.stubEnv('TWILIO_API_BASE_URL', baseUrl);
    };

    it('sends from the council number and returns the message sid', async () => {
      configure();
      answer = { status: 201, body: { sid: 'SM42' } };
      await expect(twilioSmsSender.send({ to: RESIDENT, body: 'Hi' })).resolves.toEqual({ sid: 'SM42' });
      expect(requests[0]!.form.get('From')).toBe('+441632960000');
    });

    it("turns Twilio's 400 for a bad number into SmsRejectedError with its code, without the number", async () => {
      configure();
      answer = { status: 400, body: { code: 21211, message: `The 'To' number ${RESIDENT} is not a valid phone number.`, status: 400 } };
      const error = await twilioSmsSender.send({ to: RESIDENT, body: 'Hi' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SmsRejectedError);
      expect(error).toMatchObject({ httpStatus: 400, code: 21211 });
      expect((error as Error).message).not.toContain(RESIDENT);
    });

    it('leaves a 5xx, a 429 or a 401 to be retried', async () => {
      configure();
      for (const status of [503, 429, 401]) {
        answer = { status, body: { code: 20500, message: 'Internal error', status } };
        const error = await twilioSmsSender.send({ to: RESIDENT, body: 'Hi' }).catch((e: unknown) => e);
        expect(error, String(status)).not.toBeInstanceOf(SmsRejectedError);
        expect(error, String(status)).toMatchObject({ status });
      }
    });
  });
});
