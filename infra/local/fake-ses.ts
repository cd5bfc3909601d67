// A fake of the one Amazon SES v2 call the platform makes (SendEmail: POST /v2/email/outbound-emails),
// keeping every email so tests and developers can read them: GET /_local/ses/messages?to=...
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from './http-io.ts';

export const FAKE_SES_PREFIX = '/_local/ses';

export interface SentEmail {
  messageId: string;
  from: string;
  to: string[];
  subject: string;
  body: string;
}

export function createFakeSes() {
  const emails: SentEmail[] = [];

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    if (!url.pathname.startsWith(FAKE_SES_PREFIX)) return false;
    const path = url.pathname.slice(FAKE_SES_PREFIX.length);
    if (req.method === 'GET' && path === '/messages') {
      const to = url.searchParams.get('to');
      sendJson(res, 200, { messages: to ? emails.filter((e) => e.to.includes(to)) : emails });
      return true;
    }
    if (req.method === 'POST' && path === '/v2/email/outbound-emails') {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const request = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      const to: string[] = request.Destination?.ToAddresses ?? [];
      const simple = request.Content?.Simple;
      if (!request.FromEmailAddress || !to.length || !simple?.Subject?.Data) {
        sendJson(res, 400, { message: 'FromEmailAddress, Destination.ToAddresses and Content.Simple.Subject are required' });
        return true;
      }
      const email: SentEmail = {
        messageId: randomUUID(),
        from: request.FromEmailAddress,
        to,
        subject: simple.Subject.Data,
        body: simple.Body?.Text?.Data ?? '',
      };
      emails.push(email);
      sendJson(res, 200, { MessageId: email.messageId });
      return true;
    }
    sendJson(res, 404, { message: `the fake SES has no ${req.method} ${path}` });
    return true;
  }

  return { handle, emails };
}
