// The edge of every Twilio webhook: the form body, Twilio's own signature check over the
// configured public URL, and TwiML answers. A bad or missing signature gets 403 before anything
// is read or written; an unexpected failure still answers TwiML, so the resident hears or reads
// an apology rather than Twilio's error tone.
import type { Context } from 'aws-lambda';
import webhooks from 'twilio/lib/webhooks/webhooks.js';
import { config } from './config.ts';
import { HttpError, parseFormBody, type HttpEvent, type HttpResult } from './http.ts';
import { logger, withLambdaContext } from './logger.ts';
import { readSecret } from './secrets.ts';

export const TWILIO_AUTH_TOKEN = 'TWILIO_AUTH_TOKEN';
export const PUBLIC_BASE_URL = 'PUBLIC_BASE_URL';

/** Twilio's form parameters (single-valued, as Twilio sends them). */
export type TwilioParams = Record<string, string>;

export interface TwilioRequest {
  params: TwilioParams;
  event: HttpEvent;
  context: Context;
}

/** The URL Twilio requested, as it signed it: the public base URL, the path and the query. */
export function signedUrl(event: HttpEvent): string {
  const base = config.setting(PUBLIC_BASE_URL).replace(/\/$/, '');
  return `${base}${event.rawPath}${event.rawQueryString ? `?${event.rawQueryString}` : ''}`;
}

export async function verifyTwilioRequest(event: HttpEvent): Promise<TwilioParams> {
  const signature = event.headers['x-twilio-signature'];
  if (!signature) throw new HttpError(403, 'missing X-Twilio-Signature');
  const params = Object.fromEntries(parseFormBody(event).entries());
  const authToken = await readSecret(TWILIO_AUTH_TOKEN);
  if (!webhooks.validateRequest(authToken, signature, signedUrl(event), params)) {
    throw new HttpError(403, 'X-Twilio-Signature does not match this request');
  }
  return params;
}

export function twimlResult(xml: string): HttpResult {
  return { statusCode: 200, headers: { 'content-type': 'text/xml; charset=utf-8' }, body: xml };
}

/**
 * Wraps a Twilio webhook route: verified params in, TwiML out. `apology` is the TwiML to answer
 * with when something unexpected fails (the failure is logged, without the resident's words).
 */
export function twilioHandler(route: (request: TwilioRequest) => Promise<string>, apology: () => string) {
  return withLambdaContext<HttpEvent, HttpResult>(async (event, context) => {
    let params: TwilioParams;
    try {
      params = await verifyTwilioRequest(event);
    } catch (error) {
      if (error instanceof HttpError) {
        logger.warn('Twilio webhook refused', { status: error.statusCode, reason: error.message, path: event.rawPath });
        return { statusCode: error.statusCode, headers: { 'content-type': 'text/plain' }, body: error.message };
      }
      throw error;
    }
    try {
      return twimlResult(await route({ params, event, context }));
    } catch (error) {
      logger.error('Twilio webhook failed', { error: error as Error, path: event.rawPath, sid: params.MessageSid ?? params.CallSid });
      return twimlResult(apology());
    }
  });
}
