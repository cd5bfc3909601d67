// A fake of the one part of Twilio's REST API the platform calls: sending an SMS
// (POST /2010-04-01/Accounts/{AccountSid}/Messages.json). It checks the account's credentials as
// Twilio does and keeps every message, so tests and developers can read what residents were sent:
// GET /_local/twilio/messages (optionally ?to=+447700900123).
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readForm, sendJson } from './http-io.ts';

export interface SentSms {
  sid: string;
  accountSid: string;
  from: string;
  to: string;
  body: string;
  dateCreated: string;
  /** When it was sent, to the millisecond (Twilio's dateCreated has whole seconds). */
  sentAt: string;
}

export const FAKE_TWILIO_PREFIX = '/_local/twilio';

export function createFakeTwilio(credentials: () => { accountSid: string; authToken: string }) {
  const messages: SentSms[] = [];

  /** Answers requests under FAKE_TWILIO_PREFIX; returns false for anything else. */
  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    if (!url.pathname.startsWith(FAKE_TWILIO_PREFIX)) return false;
    const path = url.pathname.slice(FAKE_TWILIO_PREFIX.length);
    if (req.method === 'GET' && path === '/messages') {
      const to = url.searchParams.get('to');
      sendJson(res, 200, { messages: to ? messages.filter((m) => m.to === to) : messages });
      return true;
    }
    const match = /^\/2010-04-01\/Accounts\/(\w+)\/Messages\.json$/.exec(path);
    if (req.method === 'POST' && match) {
      const { accountSid, authToken } = credentials();
      const expected = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
      if (req.headers.authorization !== expected || match[1] !== accountSid) {
        sendJson(res, 401, { code: 20003, message: 'Authenticate', status: 401 });
        return true;
      }
      const form = await readForm(req);
      const [to, from, body] = [form.get('To'), form.get('From') ?? form.get('MessagingServiceSid'), form.get('Body')];
      if (!to || !from || !body) {
        sendJson(res, 400, { code: 21604, message: "A 'To', 'From' and 'Body' are required", status: 400 });
        return true;
      }
      const sms: SentSms = {
        sid: `SM${randomBytes(16).toString('hex')}`,
        accountSid,
        from,
        to,
        body,
        dateCreated: new Date().toUTCString(),
        sentAt: new Date().toISOString(),
      };
      messages.push(sms);
      sendJson(res, 201, {
        sid: sms.sid,
        account_sid: accountSid,
        from,
        to,
        body,
        status: 'queued',
        num_segments: '1',
        direction: 'outbound-api',
        date_created: sms.dateCreated,
        uri: `/2010-04-01/Accounts/${accountSid}/Messages/${sms.sid}.json`,
      });
      return true;
    }
    sendJson(res, 404, { code: 20404, message: `The requested resource ${path} was not found`, status: 404 });
    return true;
  }

  return { handle, messages };
}
