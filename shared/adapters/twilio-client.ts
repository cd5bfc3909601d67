// Outbound SMS through the twilio library's REST client, with a custom httpClient that sends
// Twilio's requests to TWILIO_API_BASE_URL when it is set (locally: the fake Twilio that keeps
// every message) and to Twilio itself otherwise.
//
// Why not `twilio(accountSid, authToken, { httpClient })`: the package's entry bundles to 3.7 MB,
// and even its base client (twilio/lib/base/BaseTwilio.js) requires the axios-based RequestClient
// at load (389 KB bundled) although a custom httpClient makes it dead code. The library's Messages
// resource with its Domain and Version classes is 42 KB: it still builds the request (URL, form
// parameters), parses the answer into a MessageInstance and throws RestException on an error, so
// only what BaseTwilio.Client.request adds (credentials and headers) is done here, in
// `TwilioRestClient`. Measured with esbuild --bundle --minify (README, "SMS").
import type { Client as BaseTwilioClient, RequestOpts } from 'twilio/lib/base/BaseTwilio.js';
import DomainModule from 'twilio/lib/base/Domain.js';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import VersionModule from 'twilio/lib/base/Version.js';
import type Response from 'twilio/lib/http/response.js';
import type V2010 from 'twilio/lib/rest/api/V2010.js';
import { MessageListInstance } from 'twilio/lib/rest/api/v2010/account/message.js';
import { SmsRejectedError, type SmsSender } from '#app/notifications';
import { config } from './config.ts';
import { readSecret } from './secrets.ts';

export const TWILIO_API_ORIGIN = 'https://api.twilio.com';
export const TWILIO_ACCOUNT_SID = 'TWILIO_ACCOUNT_SID';
export const TWILIO_FROM_NUMBER = 'TWILIO_FROM_NUMBER';
export const TWILIO_API_BASE_URL = 'TWILIO_API_BASE_URL';
// The registry's 'twilio-auth-token' secret (as in twilio-webhook.ts, which this module does not
// import: its signature code would ride along into send-notifications' bundle).
const TWILIO_AUTH_TOKEN = 'TWILIO_AUTH_TOKEN';

const REQUEST_TIMEOUT_MS = 10_000;

// These modules are CommonJS with `exports.default`: Node's ESM loader hands over the exports
// object, vitest the default itself.
const cjsDefault = <T>(module: T | { default: T }): T => ((module as { default?: T }).default ?? module) as T;
const Domain = cjsDefault(DomainModule);
const Version = cjsDefault(VersionModule);

/** The twilio library's httpClient contract (what RequestClient does), on fetch. */
export type TwilioHttpClient = Pick<RequestClient, 'request'>;

/** Form-encodes Twilio's parameters; a list is sent as the same name repeated, as twilio-node does. */
function formBody(data: object): string {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(data)) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) form.append(name, String(item));
  }
  return form.toString();
}

/**
 * An httpClient for the twilio library: Twilio's own URL, or the same path under `baseUrl`
 * (e.g. http://localhost:3000/_local/twilio/2010-04-01/Accounts/AC.../Messages.json).
 */
export function twilioHttpClient(baseUrl?: string): TwilioHttpClient {
  return {
    async request<TData>(opts: RequestClient.RequestOptions<TData>): Promise<Response<TData>> {
      const twilioUrl = new URL(opts.uri);
      const url = baseUrl ? new URL(`${baseUrl.replace(/\/$/, '')}${twilioUrl.pathname}${twilioUrl.search}`) : twilioUrl;
      for (const [name, value] of Object.entries(opts.params ?? {})) {
        if (value !== undefined && value !== null) url.searchParams.append(name, String(value));
      }
      const headers: Record<string, string> = { ...(opts.headers ?? {}) };
      if (opts.username && opts.password) {
        headers.Authorization = `Basic ${Buffer.from(`${opts.username}:${opts.password}`).toString('base64')}`;
      }
      const response = await fetch(url, {
        method: opts.method.toUpperCase(),
        headers,
        ...(opts.data ? { body: formBody(opts.data) } : {}),
        redirect: opts.allowRedirects ? 'follow' : 'manual',
        signal: AbortSignal.timeout(opts.timeout ?? REQUEST_TIMEOUT_MS),
      });
      // The twilio library parses a string body itself, for answers and for RestException alike.
      const body = (await response.text()) as TData;
      return { statusCode: response.status, body, headers: Object.fromEntries(response.headers) } as Response<TData>;
    },
  };
}

/** What BaseTwilio.Client.request does before it calls the httpClient: credentials and headers. */
class TwilioRestClient {
  constructor(
    private readonly accountSid: string,
    private readonly authToken: string,
    private readonly httpClient: TwilioHttpClient,
  ) {}

  request(opts: RequestOpts): Promise<Response<unknown>> {
    if (!opts.method || !opts.uri) throw new Error('a Twilio request needs a method and a uri');
    const headers = { ...(opts.headers ?? {}) };
    headers['User-Agent'] = 'frontdoor (twilio-node Messages)';
    headers['Accept-Charset'] = 'utf-8';
    if ((opts.method === 'post' || opts.method === 'put') && !headers['Content-Type']) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
    }
    if (opts.method !== 'delete' && !headers.Accept) headers.Accept = 'application/json';
    return this.httpClient.request({
      method: opts.method,
      uri: opts.uri,
      username: this.accountSid,
      password: this.authToken,
      headers,
      ...(opts.params ? { params: opts.params } : {}),
      ...(opts.data ? { data: opts.data } : {}),
      ...(opts.timeout ? { timeout: opts.timeout } : {}),
      ...(opts.allowRedirects !== undefined ? { allowRedirects: opts.allowRedirects } : {}),
    });
  }
}

/** The twilio library's Messages list of one account (messages.create({ to, from, body })). */
export function twilioMessages(credentials: { accountSid: string; authToken: string }, httpClient: TwilioHttpClient) {
  const client = new TwilioRestClient(credentials.accountSid, credentials.authToken, httpClient);
  const api = new Domain(client as unknown as BaseTwilioClient, TWILIO_API_ORIGIN);
  const v2010 = new Version(api, '2010-04-01');
  return MessageListInstance(v2010 as V2010, credentials.accountSid);
}

/**
 * Twilio answers 400 for a message it will never send: a number that is not valid or cannot get
 * SMS, a recipient who sent STOP (21610), a body it refuses. Other answers (401/403: our
 * credentials, 404: the account or URL, 429: too fast, 5xx) are ours or passing: retried, and
 * left on the dead-letter queue if they go on.
 */
const PERMANENT_STATUSES = new Set([400, 422]);

export const twilioSmsSender: SmsSender = {
  async send({ to, body }) {
    const messages = twilioMessages(
      { accountSid: config.setting(TWILIO_ACCOUNT_SID), authToken: await readSecret(TWILIO_AUTH_TOKEN) },
      twilioHttpClient(config.optionalSetting(TWILIO_API_BASE_URL)),
    );
    try {
      const message = await messages.create({ to, from: config.setting(TWILIO_FROM_NUMBER), body });
      return { sid: message.sid };
    } catch (error) {
      const { status, code } = error as { status?: unknown; code?: unknown };
      if (typeof status === 'number' && PERMANENT_STATUSES.has(status)) {
        throw new SmsRejectedError(`Twilio refused the message: HTTP ${status}, code ${String(code ?? 'none')}`, status, typeof code === 'number' ? code : undefined);
      }
      throw error;
    }
  },
};
