// Twilio webhooks as Twilio sends them: form-encoded, signed by the twilio library itself with
// the local stack's development auth token over the URL the stack serves.
import webhooks from 'twilio/lib/webhooks/webhooks.js';
import { stack } from './stack.ts';

/** The development default (README): the local stack's TWILIO_AUTH_TOKEN unless the environment sets one. */
export const TWILIO_AUTH_TOKEN = process.env.TWILIO_AUTH_TOKEN ?? 'dev-twilio-auth-token';

export async function postTwilio(path: string, params: Record<string, string>, options: { signature?: string | null } = {}) {
  const url = `${stack.url}${path}`;
  const signature =
    options.signature === undefined ? webhooks.getExpectedTwilioSignature(TWILIO_AUTH_TOKEN, url, params) : options.signature;
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(signature === null ? {} : { 'x-twilio-signature': signature }),
    },
    body: new URLSearchParams(params).toString(),
  });
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: await response.text() };
}

/** Every SMS the platform sent to this number through the fake Twilio REST API. */
export async function smsSentTo(to: string): Promise<Array<{ sid: string; from: string; to: string; body: string }>> {
  const response = await fetch(`${stack.url}/_local/twilio/messages?to=${encodeURIComponent(to)}`);
  return ((await response.json()) as { messages: Array<{ sid: string; from: string; to: string; body: string }> }).messages;
}
