// The resident simulator's server side, for the local stack only (nothing shipped imports it): it
// plays Twilio for a person in a browser who texts the council or calls it. Each request is signed
// here with the twilio library and the stack's own auth token (which never reaches the browser),
// posted to the real webhooks over HTTP as Twilio would, and the TwiML answer read back as words:
//
//   POST /_local/simulator/sms            {from, body}        -> {reply}
//   GET  /_local/simulator/sms?phone=...                      -> {phone, thread}
//   POST /_local/simulator/calls          {from}              -> {callId, step}
//   POST /_local/simulator/calls/{callId} {speech?, digits?}  -> {step}
//
// A thread joins the resident's texts and the replies (kept here, in memory) with every SMS the
// platform sent that number later (the fake Twilio's messages). Calls are kept in memory too.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { XMLParser } from 'fast-xml-parser';
import webhooks from 'twilio/lib/webhooks/webhooks.js';
import { normalisePhone } from '#domain/resident';
import type { SentSms } from './fake-twilio.ts';
import { sendJson } from './http-io.ts';

export const SIMULATOR_PREFIX = '/_local/simulator';

/** What the simulator needs of the stack's configuration, read at each request. */
export interface SimulatorConfig {
  /** Where the gateway listens: requests are sent here. */
  gatewayUrl: string;
  /** The URL Twilio would call (PUBLIC_BASE_URL): requests are signed over it, as the webhooks check. */
  publicBaseUrl: string;
  authToken: string;
  accountSid: string;
  /** The council's number, that residents text and call. */
  councilNumber: string;
}

export interface ThreadEntry {
  direction: 'in' | 'out';
  body: string;
  at: string;
  kind: 'text' | 'reply' | 'notification';
}

export interface CallStep {
  /** Each <Say> (or <Play>) in order, up to the point where the caller must answer. */
  say: string[];
  gather?: { input: Array<'speech' | 'dtmf'>; numDigits?: number; hints?: string };
  transfer?: { to: string };
  ended: boolean;
}

const SMS_PATH = '/twilio/sms';
const VOICE_PATH = '/twilio/voice';
const VOICE_STATUS_PATH = '/twilio/voice/status';
const MAX_BODY_BYTES = 16 * 1024;
/** Twilio's longest inbound message (10 segments). */
const MAX_SMS_CHARS = 1600;
/** Kept in memory: the oldest calls and texts go first beyond these. */
const MAX_CALLS = 500;
const MAX_THREAD_ENTRIES = 500;
/** <Redirect>s followed within one step before giving up (a loop in the TwiML). */
const MAX_REDIRECTS = 5;

/** A body the simulator refuses, with what to send instead. */
class BadRequest extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

// ---- TwiML as steps -------------------------------------------------------------------------------

/** A TwiML element as fast-xml-parser gives it with preserveOrder: {Tag: children, ':@': attributes}. */
type XmlNode = Record<string, unknown>;

const xml = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
});

function tagOf(node: XmlNode): string | undefined {
  return Object.keys(node).find((key) => key !== ':@');
}

function childrenOf(node: XmlNode): XmlNode[] {
  const tag = tagOf(node);
  const children = tag ? node[tag] : undefined;
  return Array.isArray(children) ? (children as XmlNode[]) : [];
}

function attributesOf(node: XmlNode): Record<string, string> {
  return (node[':@'] as Record<string, string> | undefined) ?? {};
}

/** The words inside an element (a <Say> with <prosody> inside reads as its text). */
function textOf(node: XmlNode): string {
  if (tagOf(node) === '#text') return String(node['#text'] ?? '');
  return childrenOf(node)
    .map(textOf)
    .filter(Boolean)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The verbs of a TwiML document: the children of <Response>. */
export function twimlVerbs(twiml: string): XmlNode[] {
  let parsed: XmlNode[];
  try {
    parsed = xml.parse(twiml) as XmlNode[];
  } catch (error) {
    throw new Error(`the webhook did not answer TwiML: ${(error as Error).message}`);
  }
  const response = parsed.find((node) => tagOf(node) === 'Response');
  if (!response) throw new Error('the webhook did not answer TwiML (no <Response>)');
  return childrenOf(response);
}

/** The text of each <Message> in an SMS webhook's answer. */
export function messagesIn(twiml: string): string[] {
  return twimlVerbs(twiml)
    .filter((verb) => tagOf(verb) === 'Message')
    .map((message) =>
      childrenOf(message)
        .filter((part) => tagOf(part) !== 'Media')
        .map(textOf)
        .join(' ')
        .trim(),
    );
}

function spokenBy(verb: XmlNode): string | undefined {
  switch (tagOf(verb)) {
    case 'Say':
      return textOf(verb);
    case 'Play':
      return `(a recording plays: ${textOf(verb)})`;
    default:
      return undefined;
  }
}

/** Where a step stopped: a gather waiting for the caller, a redirect to follow, or the end of the call. */
type StepEnd =
  | { kind: 'gather'; action: string | undefined; actionOnEmptyResult: boolean; rest: XmlNode[] }
  | { kind: 'redirect'; to: string }
  | { kind: 'ended' };

/** Reads verbs as the caller hears them, until one needs the caller (or Twilio) to do something. */
export function readVerbs(verbs: XmlNode[]): { step: CallStep; end: StepEnd } {
  const say: string[] = [];
  for (const [i, verb] of verbs.entries()) {
    const spoken = spokenBy(verb);
    if (spoken !== undefined) {
      if (spoken) say.push(spoken);
      continue;
    }
    const attributes = attributesOf(verb);
    switch (tagOf(verb)) {
      case 'Gather': {
        for (const inner of childrenOf(verb)) {
          const words = spokenBy(inner);
          if (words) say.push(words);
        }
        const input = (attributes.input ?? 'dtmf').split(/\s+/).filter((kind): kind is 'speech' | 'dtmf' => kind === 'speech' || kind === 'dtmf');
        const numDigits = attributes.numDigits ? Number(attributes.numDigits) : undefined;
        return {
          step: {
            say,
            gather: {
              input,
              ...(numDigits !== undefined && Number.isInteger(numDigits) ? { numDigits } : {}),
              ...(attributes.hints ? { hints: attributes.hints } : {}),
            },
            ended: false,
          },
          end: { kind: 'gather', action: attributes.action, actionOnEmptyResult: attributes.actionOnEmptyResult === 'true', rest: verbs.slice(i + 1) },
        };
      }
      case 'Redirect':
        return { step: { say, ended: false }, end: { kind: 'redirect', to: textOf(verb) } };
      case 'Dial': {
        // The simulator has no adviser to put the caller through to: the call ends at the transfer.
        const number = childrenOf(verb).find((c) => tagOf(c) === 'Number');
        return { step: { say, transfer: { to: number ? textOf(number) : textOf(verb) }, ended: true }, end: { kind: 'ended' } };
      }
      case 'Enqueue':
        return { step: { say, transfer: { to: `queue ${textOf(verb)}` }, ended: true }, end: { kind: 'ended' } };
      case 'Hangup':
      case 'Reject':
        return { step: { say, ended: true }, end: { kind: 'ended' } };
      default:
        // <Pause>, <Record>... nothing to show.
        break;
    }
  }
  return { step: { say, ended: true }, end: { kind: 'ended' } };
}

// ---- Requests ---------------------------------------------------------------------------------------

async function readJsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) throw new BadRequest(400, 'send the body as JSON (content-type: application/json)');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BadRequest(400, `the body is over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new BadRequest(400, 'the body is not valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new BadRequest(400, 'the body must be a JSON object');
  return body as Record<string, unknown>;
}

function unknownFields(body: Record<string, unknown>, allowed: string[]): void {
  const extra = Object.keys(body).filter((key) => !allowed.includes(key));
  if (extra.length) throw new BadRequest(400, `unknown field${extra.length > 1 ? 's' : ''} ${extra.map((k) => `'${k}'`).join(', ')}; send only ${allowed.map((k) => `'${k}'`).join(' and ')}`);
}

/** A resident's mobile, in any UK spelling, as E.164. */
function mobileOf(value: unknown, field: string): string {
  if (typeof value !== 'string' || !value.trim()) throw new BadRequest(400, `'${field}' is required: the resident's mobile number, e.g. 07700 900123`);
  const phone = normalisePhone(value);
  if (!phone || !/^\+447\d{9}$/.test(phone)) throw new BadRequest(400, `'${field}' must be a UK mobile number, e.g. 07700 900123 (got '${value.slice(0, 40)}')`);
  return phone;
}

/** A caller's number: any phone number (a landline can call). */
function callerOf(value: unknown): string {
  if (typeof value !== 'string' || !value.trim()) throw new BadRequest(400, "'from' is required: the number the resident calls from, e.g. 07700 900123");
  const phone = normalisePhone(value);
  if (!phone) throw new BadRequest(400, `'from' must be a phone number, e.g. 07700 900123 (got '${value.slice(0, 40)}')`);
  return phone;
}

const sid = (prefix: 'SM' | 'CA') => `${prefix}${randomBytes(16).toString('hex')}`;

interface Call {
  sid: string;
  from: string;
  startedAt: number;
  /** Where the last step stopped. */
  end: StepEnd;
  /** The URL (path and query) of the last TwiML document, that relative actions resolve against. */
  documentPath: string;
}

export function createSimulator(options: { config: () => SimulatorConfig; sentSms: readonly SentSms[] }) {
  const threads = new Map<string, ThreadEntry[]>();
  const calls = new Map<string, Call>();

  /** Signs and posts a webhook request as Twilio would: the signature is over the public URL. */
  async function postWebhook(pathAndQuery: string, params: Record<string, string>): Promise<string> {
    const config = options.config();
    const signedUrl = `${config.publicBaseUrl.replace(/\/$/, '')}${pathAndQuery}`;
    const signature = webhooks.getExpectedTwilioSignature(config.authToken, signedUrl, params);
    const response = await fetch(`${config.gatewayUrl}${pathAndQuery}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      body: new URLSearchParams(params).toString(),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${pathAndQuery.split('?')[0]} answered ${response.status}: ${text.slice(0, 200)}`);
    return text;
  }

  function remember(phone: string, entry: ThreadEntry): void {
    const thread = threads.get(phone) ?? [];
    thread.push(entry);
    if (thread.length > MAX_THREAD_ENTRIES) thread.splice(0, thread.length - MAX_THREAD_ENTRIES);
    threads.set(phone, thread);
  }

  async function text(body: Record<string, unknown>) {
    unknownFields(body, ['from', 'body']);
    const from = mobileOf(body.from, 'from');
    if (typeof body.body !== 'string' || !body.body.trim()) throw new BadRequest(400, "'body' is required: the words of the text");
    if (body.body.length > MAX_SMS_CHARS) throw new BadRequest(400, `'body' is over ${MAX_SMS_CHARS} characters, the longest text Twilio takes`);
    const config = options.config();
    const messageSid = sid('SM');
    remember(from, { direction: 'in', body: body.body, at: new Date().toISOString(), kind: 'text' });
    const twiml = await postWebhook(SMS_PATH, {
      MessageSid: messageSid,
      SmsMessageSid: messageSid,
      SmsSid: messageSid,
      AccountSid: config.accountSid,
      From: from,
      To: config.councilNumber,
      Body: body.body,
      NumMedia: '0',
      NumSegments: '1',
      SmsStatus: 'received',
      ApiVersion: '2010-04-01',
    });
    const messages = messagesIn(twiml);
    const reply = messages.length ? messages.join('\n\n') : null;
    if (reply !== null) remember(from, { direction: 'out', body: reply, at: new Date().toISOString(), kind: 'reply' });
    return { reply };
  }

  function thread(phoneParam: string | null) {
    const phone = mobileOf(phoneParam ?? '', 'phone');
    const notifications: ThreadEntry[] = options.sentSms
      .filter((sms) => sms.to === phone)
      .map((sms) => ({ direction: 'out', body: sms.body, at: sms.sentAt, kind: 'notification' }));
    // Oldest first; a sort is stable, so the texts and replies keep their order at the same instant.
    const entries = [...(threads.get(phone) ?? []), ...notifications].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    return { phone, thread: entries };
  }

  function callParams(call: Call, extra: Record<string, string> = {}): Record<string, string> {
    const config = options.config();
    return {
      CallSid: call.sid,
      AccountSid: config.accountSid,
      From: call.from,
      Caller: call.from,
      To: config.councilNumber,
      Called: config.councilNumber,
      Direction: 'inbound',
      CallStatus: 'in-progress',
      ApiVersion: '2010-04-01',
      ...extra,
    };
  }

  /** Posts to the webhook and reads the answer as a step, following any <Redirect>. */
  async function runStep(call: Call, pathAndQuery: string, params: Record<string, string>): Promise<CallStep> {
    const say: string[] = [];
    let target = pathAndQuery;
    let body = params;
    for (let redirects = 0; ; redirects++) {
      const { step, end } = readVerbs(twimlVerbs(await postWebhook(target, body)));
      say.push(...step.say);
      call.documentPath = target;
      if (end.kind !== 'redirect') return settle(call, { ...step, say }, end);
      if (redirects >= MAX_REDIRECTS) return settle(call, { say, ended: true }, { kind: 'ended' });
      target = resolvePath(end.to, target);
      body = callParams(call);
    }
  }

  /** Keeps where the call stopped; an ended call reports its end to the status callback, as Twilio does. */
  async function settle(call: Call, step: CallStep, end: StepEnd): Promise<CallStep> {
    call.end = end;
    if (step.ended) {
      const seconds = Math.max(1, Math.round((Date.now() - call.startedAt) / 1000));
      await postWebhook(VOICE_STATUS_PATH, callParams(call, { CallStatus: 'completed', CallDuration: String(seconds) })).catch(() => undefined);
    }
    return step;
  }

  function resolvePath(action: string, documentPath: string): string {
    const url = new URL(action, new URL(documentPath, 'http://twilio.invalid'));
    return `${url.pathname}${url.search}`;
  }

  async function startCall(body: Record<string, unknown>) {
    unknownFields(body, ['from']);
    const from = callerOf(body.from);
    const call: Call = { sid: sid('CA'), from, startedAt: Date.now(), end: { kind: 'ended' }, documentPath: VOICE_PATH };
    calls.set(call.sid, call);
    if (calls.size > MAX_CALLS) calls.delete(calls.keys().next().value!);
    const step = await runStep(call, VOICE_PATH, callParams(call, { CallStatus: 'ringing' }));
    return { callId: call.sid, step };
  }

  async function answer(callId: string, body: Record<string, unknown>) {
    const call = calls.get(callId);
    if (!call) throw new BadRequest(404, `there is no call '${callId.slice(0, 40)}'; start one with POST ${SIMULATOR_PREFIX}/calls`);
    unknownFields(body, ['speech', 'digits']);
    const { speech, digits } = body;
    if (speech !== undefined && digits !== undefined) throw new BadRequest(400, "send 'speech' or 'digits', not both (neither is silence)");
    if (speech !== undefined && (typeof speech !== 'string' || speech.length > 1000)) {
      throw new BadRequest(400, "'speech' must be the words the caller says, at most 1000 characters");
    }
    if (digits !== undefined && (typeof digits !== 'string' || !/^[0-9*#]{1,20}$/.test(digits))) {
      throw new BadRequest(400, "'digits' must be the keys pressed: 0-9, * and #, e.g. \"1\"");
    }
    const end = call.end;
    if (end.kind !== 'gather') throw new BadRequest(409, 'the call has ended; start a new one');
    const words = typeof speech === 'string' ? speech.trim() : '';
    const keys = typeof digits === 'string' ? digits : '';
    if (!words && !keys && !end.actionOnEmptyResult) {
      // Twilio goes on to the verbs after the <Gather> when nothing was heard.
      const { step, end: next } = readVerbs(end.rest);
      if (next.kind === 'redirect') {
        const after = await runStep(call, resolvePath(next.to, call.documentPath), callParams(call));
        return { step: { ...after, say: [...step.say, ...after.say] } };
      }
      return { step: await settle(call, step, next) };
    }
    const input: Record<string, string> = words ? { SpeechResult: words, Confidence: '0.92' } : keys ? { Digits: keys } : {};
    return { step: await runStep(call, resolvePath(end.action ?? call.documentPath, call.documentPath), callParams(call, input)) };
  }

  /** Answers requests under SIMULATOR_PREFIX; returns false for anything else. */
  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    if (!url.pathname.startsWith(`${SIMULATOR_PREFIX}/`) && url.pathname !== SIMULATOR_PREFIX) return false;
    const path = url.pathname.slice(SIMULATOR_PREFIX.length);
    try {
      const callMatch = /^\/calls\/([^/]+)$/.exec(path);
      if (path === '/sms' && req.method === 'POST') sendJson(res, 200, await text(await readJsonBody(req)));
      else if (path === '/sms' && req.method === 'GET') sendJson(res, 200, thread(url.searchParams.get('phone')));
      else if (path === '/calls' && req.method === 'POST') sendJson(res, 201, await startCall(await readJsonBody(req)));
      else if (callMatch && req.method === 'POST') sendJson(res, 200, await answer(decodeURIComponent(callMatch[1]!), await readJsonBody(req)));
      else {
        sendJson(res, 404, {
          error:
            `there is nothing at ${req.method} ${url.pathname}; the simulator has POST and GET ${SIMULATOR_PREFIX}/sms, ` +
            `POST ${SIMULATOR_PREFIX}/calls and POST ${SIMULATOR_PREFIX}/calls/{callId}`,
        });
      }
    } catch (error) {
      if (error instanceof BadRequest) sendJson(res, error.status, { error: error.message });
      else sendJson(res, 502, { error: `the simulator could not reach the webhook: ${(error as Error).message}` });
    }
    return true;
  }

  return { handle };
}
