// The phone channel, decided purely: the IVR's wording (shared/catalogue/voice.json, validated at
// load), how a caller's speech or keypress becomes a contact, and what the caller hears next, as a
// list of verbs (CallReply) that the twilio-voice handler renders as TwiML. Every step's state
// travels in the URL Twilio calls next (attempt, offered options, chosen service), never in the
// server, so a retried webhook gets the same answer.
import type { Case } from '#domain/case';
import { toResident } from '#domain/case-notifications';
import { CatalogueError, type Catalogue } from '#domain/catalogue';
import { formatOptions, renderMessage, spokenReference } from '#domain/messages';
import type { Notification } from '#domain/notification';
import type { ContactOutcome } from '#domain/outcome';
import { normaliseReference } from '#domain/reference';
import { canText, normalisePhone } from '#domain/resident';
import * as z from '#domain/schema';
import { describeCommitment } from '#domain/sla';

// ---- The script: voice.json -----------------------------------------------------------------------

const WEB_ADDRESS = /https?:|www\.|\.gov\.uk|\.co\.uk|\{url\}/i;

/** Wording read aloud: no web addresses, '&' or '/', which text-to-speech reads badly. */
const spoken = z.string().check(
  z.minLength(1),
  z.maxLength(600),
  z.refine((v) => !WEB_ADDRESS.test(v), "is read aloud: say 'our website' instead of a web address"),
  z.refine((v) => !/[&/{}]/.test(v), "is read aloud: write 'and' or 'or' instead of '&' or '/', and no '{' or '}'"),
);
const phrase = z.string().check(z.minLength(1), z.maxLength(60));

/** A menu entry's `to` that passes the caller to an adviser rather than to a service. */
export const ADVISER = 'adviser';

export const MenuEntrySchema = z.strictObject({
  digit: z.string().check(z.regex(/^[0-9]$/, 'must be one keypad digit, 0 to 9')),
  /** Follows "press <digit>": "to report a missed bin", "for council tax". */
  say: spoken,
  /** A service id, or 'adviser'. */
  to: z.string().check(z.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be a service id or 'adviser'")),
  /** Asked before routing, when the service needs the caller's words (an address, a postcode). */
  prompt: z.optional(spoken),
});

export const VoiceScriptSchema = z.strictObject({
  /** Twilio's text-to-speech voice and the language of both speech and recognition. */
  speaker: z.strictObject({
    voice: z.string().check(z.minLength(1)),
    language: z.string().check(z.regex(/^[a-z]{2}-[A-Z]{2}$/, 'must be a language tag like en-GB')),
  }),
  greeting: spoken,
  /** Asked again when nothing was heard after the greeting. */
  askAgain: spoken,
  menu: z.strictObject({
    intro: spoken,
    entries: z.array(MenuEntrySchema).check(z.minLength(1), z.maxLength(10)),
  }),
  /** The words recorded (and routed) when a caller asks for an adviser by keypad or says nothing twice. */
  adviserRequest: spoken,
  yesWords: z.array(phrase).check(z.minLength(1)),
  noWords: z.array(phrase).check(z.minLength(1)),
  /** Words that are neither yes nor no ("thank you"): never routed as a request. */
  courtesyWords: z._default(z.array(phrase), []),
  prompts: z.strictObject({
    notHeard: spoken,
    notAnOption: spoken,
    sayAgain: spoken,
    anythingElse: spoken,
    whatElse: spoken,
    offerText: spoken,
    textSent: spoken,
    textNotSent: spoken,
    noText: spoken,
    goodbye: spoken,
    adviserUnavailable: spoken,
    apology: spoken,
  }),
});

export type MenuEntry = z.infer<typeof MenuEntrySchema>;
export type VoiceScript = z.infer<typeof VoiceScriptSchema>;
export type Speaker = VoiceScript['speaker'];

/**
 * Validates voice.json against the catalogue's services; a mistake names the file, the entry and
 * the field, e.g. "shared/catalogue/voice.json: menu.entries[2] (digit '3') field to: no service 'bin'".
 */
export function buildVoiceScript(data: unknown, catalogue: Pick<Catalogue, 'service'>, source = 'voice.json'): VoiceScript {
  const parsed = VoiceScriptSchema.safeParse(data);
  if (!parsed.success) {
    const { path, message } = z.firstProblem(parsed.error);
    throw new CatalogueError(`${source}: ${describeScriptPath(data, path)}: ${message}`);
  }
  const script = parsed.data;
  const digits = new Set<string>();
  script.menu.entries.forEach((entry, i) => {
    const fail = (field: string, message: string): never => {
      throw new CatalogueError(`${source}: menu.entries[${i}] (digit '${entry.digit}') field ${field}: ${message}`);
    };
    if (digits.has(entry.digit)) fail('digit', `'${entry.digit}' is used twice`);
    digits.add(entry.digit);
    if (entry.to !== ADVISER && !catalogue.service(entry.to)) fail('to', `no service '${entry.to}' (or use '${ADVISER}')`);
    if (entry.to === ADVISER && entry.prompt !== undefined) fail('prompt', 'an adviser entry puts the caller through; it asks nothing');
  });
  const lists = { yesWords: script.yesWords, noWords: script.noWords, courtesyWords: script.courtesyWords };
  const seen = new Map<string, string>();
  for (const [list, words] of Object.entries(lists)) {
    words.forEach((word, i) => {
      const key = normaliseSpeech(word);
      if (!key) throw new CatalogueError(`${source}: ${list}[${i}]: '${word}' has no letters`);
      const other = seen.get(key);
      if (other) throw new CatalogueError(`${source}: ${list}[${i}]: '${word}' is already in ${other}`);
      seen.set(key, list);
    });
  }
  return script;
}

// "menu.entries[2] (digit '3') field say" reads better than "menu.entries.2.say".
function describeScriptPath(data: unknown, path: PropertyKey[]): string {
  const segments: string[] = [];
  let node: unknown = data;
  for (const key of path) {
    if (typeof key === 'number') {
      const digit = ((node as unknown[] | undefined)?.[key] as { digit?: unknown } | undefined)?.digit;
      segments.push(typeof digit === 'string' ? `[${key}] (digit '${digit}')` : `[${key}]`);
    } else {
      segments.push(segments.length ? `.${String(key)}` : String(key));
    }
    node = (node as Record<PropertyKey, unknown> | undefined)?.[key];
  }
  const last = path[path.length - 1];
  if (segments.length > 1 && typeof last === 'string') segments[segments.length - 1] = ` field ${last}`;
  return segments.join('') || '(root)';
}

// ---- What the caller hears: verbs the handler renders as TwiML ----------------------------------------

export type SpokenVerb = { verb: 'say'; text: string; slow?: boolean } | { verb: 'pause'; seconds: number };

export type CallVerb =
  | SpokenVerb
  | {
      verb: 'gather';
      action: string;
      /** Keypress-first steps (a yes/no, a menu) finish on one digit. */
      numDigits?: number;
      /** Call the action even when nothing was heard, so the step can re-prompt (else the next verb runs). */
      actionOnEmptyResult: boolean;
      says: SpokenVerb[];
    }
  | { verb: 'dial'; number: string; action: string; timeoutSeconds: number }
  | { verb: 'hangup' };

export type CallReply = CallVerb[];

/** The routes of the twilio-voice function (infra/registry.ts). */
export const VOICE_PATHS = {
  call: '/twilio/voice',
  gather: '/twilio/voice/gather',
  confirm: '/twilio/voice/confirm',
  status: '/twilio/voice/status',
  queue: '/twilio/voice/queue',
} as const;

/** A caller stuck in a loop of questions is passed to an adviser after this many turns. */
export const MAX_ATTEMPTS = 12;
/** How long an adviser's line rings before the caller is told no one could answer. */
export const ADVISER_RING_SECONDS = 30;

const say = (text: string, slow = false): SpokenVerb => (slow ? { verb: 'say', text, slow } : { verb: 'say', text });
const pause = (seconds = 1): SpokenVerb => ({ verb: 'pause', seconds });
const hangup: CallVerb = { verb: 'hangup' };

// ---- Who is calling -------------------------------------------------------------------------------------

/** What Twilio sends as From when the caller withheld or has no number. */
const WITHHELD = new Set(['anonymous', 'restricted', 'unavailable', 'unknown', 'private', '+266696687', '+7378742833', '+2562533', '+8656696']);

export interface Caller {
  callSid: string;
  /** The caller's number in E.164, when they did not withhold it. */
  phone?: string;
}

/** The call's identity from Twilio's parameters; undefined when CallSid or From is missing or malformed. */
export function readCaller(params: Readonly<Record<string, string | undefined>>): Caller | undefined {
  const callSid = params.CallSid?.trim() ?? '';
  const from = params.From?.trim() ?? '';
  if (!/^CA[0-9a-f]{32}$/i.test(callSid) || !from) return undefined;
  const phone = WITHHELD.has(from.toLowerCase()) ? undefined : normalisePhone(from);
  return phone ? { callSid, phone } : { callSid };
}

/** The contact's provider id for a turn of a call: the same call and turn is the same contact. */
export function turnProviderId(callSid: string, attempt: number): string {
  return `${callSid}#gather#${attempt}`;
}

// ---- Where a gather goes next: state in the URL -----------------------------------------------------------

/** What the previous step asked, carried in the query of /twilio/voice/gather. */
export interface GatherStep {
  /** The turn of the call: each question asked has the next number. */
  attempt: number;
  /** A service the caller chose, waiting for their words (an address, a postcode, a reference). */
  service?: string;
  /** Services offered for the caller to choose from, in the order they were read out. */
  options?: string[];
  /** The turn whose words the options were offered for. */
  asked?: number;
  /** 'more': the caller was asked whether there is anything else. */
  step?: 'more';
  /** Nothing was heard once already. */
  silence?: boolean;
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const turnNumber = z.string().check(z.regex(/^[1-9]\d{0,2}$/, 'must be a turn number'));

const GatherQuerySchema = z.object({
  attempt: turnNumber,
  service: z.optional(z.string().check(z.regex(SLUG))),
  options: z.optional(z.string().check(z.regex(/^[a-z0-9-]+(\.[a-z0-9-]+){0,8}$/))),
  asked: z.optional(turnNumber),
  step: z.optional(z.literal('more')),
  silence: z.optional(z.literal('1')),
});

export function gatherAction(step: GatherStep): string {
  const query = new URLSearchParams({ attempt: String(step.attempt) });
  if (step.service) query.set('service', step.service);
  if (step.options?.length) query.set('options', step.options.join('.'));
  if (step.asked !== undefined) query.set('asked', String(step.asked));
  if (step.step) query.set('step', step.step);
  if (step.silence) query.set('silence', '1');
  return `${VOICE_PATHS.gather}?${query.toString()}`;
}

/** The step from the gather URL's query; undefined when it is not one this module wrote. */
export function readGatherStep(query: Readonly<Record<string, string | undefined>>): GatherStep | undefined {
  const parsed = GatherQuerySchema.safeParse(query);
  if (!parsed.success) return undefined;
  const q = parsed.data;
  return {
    attempt: Number(q.attempt),
    ...(q.service ? { service: q.service } : {}),
    ...(q.options ? { options: q.options.split('.') } : {}),
    ...(q.asked ? { asked: Number(q.asked) } : {}),
    ...(q.step ? { step: q.step } : {}),
    ...(q.silence ? { silence: true } : {}),
  };
}

export function confirmAction(reference: string): string {
  return `${VOICE_PATHS.confirm}?${new URLSearchParams({ reference }).toString()}`;
}

export function readConfirmReference(query: Readonly<Record<string, string | undefined>>): string | undefined {
  return query.reference === undefined ? undefined : normaliseReference(query.reference);
}

// ---- What the caller said -----------------------------------------------------------------------------

/** Lower case, letters, digits and single spaces: "That's all." -> "thats all". */
export function normaliseSpeech(text: string): string {
  return text
    .toLowerCase()
    .replace(/['\u2019]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export type ShortReply = 'yes' | 'no' | 'courtesy';

/**
 * A short reply made only of the script's yes, no and courtesy phrases ("No, thank you." -> no);
 * undefined for anything else, which is then a request in its own right.
 */
export function shortReply(speech: string, script: Pick<VoiceScript, 'yesWords' | 'noWords' | 'courtesyWords'>): ShortReply | undefined {
  const words = normaliseSpeech(speech).split(' ').filter(Boolean);
  if (!words.length) return undefined;
  const phrases: Array<[string[], ShortReply]> = [
    ...script.yesWords.map((w): [string[], ShortReply] => [normaliseSpeech(w).split(' '), 'yes']),
    ...script.noWords.map((w): [string[], ShortReply] => [normaliseSpeech(w).split(' '), 'no']),
    ...script.courtesyWords.map((w): [string[], ShortReply] => [normaliseSpeech(w).split(' '), 'courtesy']),
  ].sort((a, b) => b[0].length - a[0].length);
  const kinds = new Set<ShortReply>();
  for (let i = 0; i < words.length; ) {
    const match = phrases.find(([p]) => p.every((w, j) => words[i + j] === w));
    if (!match) return undefined;
    kinds.add(match[1]);
    i += match[0].length;
  }
  if (kinds.has('yes') && kinds.has('no')) return undefined;
  return kinds.has('yes') ? 'yes' : kinds.has('no') ? 'no' : 'courtesy';
}

const ORDINALS: Record<string, number> = {
  one: 1, first: 1, two: 2, second: 2, to: 2, too: 2, three: 3, third: 3, four: 4, fourth: 4, for: 4,
  five: 5, fifth: 5, six: 6, sixth: 6, seven: 7, seventh: 7, eight: 8, eighth: 8, nine: 9, ninth: 9,
};
const CHOICE_FILLER = new Set(['number', 'option', 'the', 'its', 'it', 'is', 'one', 'please', 'press', 'pressed']);

/**
 * Which of `count` offered options the caller chose, from a keypress ("2") or short speech
 * ("two", "number 2", "the second one"); undefined if it is not a choice.
 */
export function choiceOf(input: { digits?: string; speech?: string }, count: number): number | undefined {
  const pick = (n: number) => (Number.isInteger(n) && n >= 1 && n <= count ? n - 1 : undefined);
  if (input.digits) return /^\d$/.test(input.digits) ? pick(Number(input.digits)) : undefined;
  const words = normaliseSpeech(input.speech ?? '').split(' ').filter(Boolean);
  if (!words.length || words.length > 4) return undefined;
  const numbers = words.map((w) => (/^\d$/.test(w) ? Number(w) : ORDINALS[w]));
  // "one" is both a number and filler ("the second one"): the other word decides.
  const chosen = numbers.filter((n, i) => n !== undefined && !(words[i] === 'one' && words.length > 1 && numbers.some((m, j) => j !== i && m !== undefined)));
  const rest = words.filter((w, i) => numbers[i] === undefined && !CHOICE_FILLER.has(w));
  if (chosen.length !== 1 || rest.length) return undefined;
  return pick(chosen[0]!);
}

/**
 * Letters and numbers spoken one by one ("N N 1 4 T Q", "K 7 M D Q 9 P X") run together, so a
 * postcode or case reference can be found in the words.
 */
export function joinSpelledOut(speech: string): string {
  const tokens = speech.trim().split(/\s+/).filter(Boolean);
  const out: string[] = [];
  let run: string[] = [];
  const flush = () => {
    const joined = run.join('');
    const spelled = run.length >= 2 && /\d/.test(joined) && /[A-Z]/.test(joined) && joined.length >= 5 && joined.length <= 8;
    out.push(...(spelled ? [joined] : run));
    run = [];
  };
  for (const token of tokens) {
    const bare = token.replace(/[.,]$/, '');
    if (/^[A-Z0-9]{1,4}$/.test(bare)) run.push(bare);
    else {
      flush();
      out.push(token);
    }
  }
  flush();
  return out.join(' ');
}

// ---- One turn of the call ------------------------------------------------------------------------------

export interface CallInput {
  speech: string;
  digits: string;
}

/** What to do with a turn: answer straight away, or route it as a contact and answer with its outcome. */
export type Turn =
  | { kind: 'reply'; reply: CallReply }
  | {
      kind: 'contact';
      text: string;
      serviceId?: string;
      /** Route the words of this earlier turn (a choice made from the options offered for them). */
      wordsOfTurn?: number;
    };

export function readCallInput(params: Readonly<Record<string, string | undefined>>): CallInput {
  return { speech: (params.SpeechResult ?? '').trim(), digits: (params.Digits ?? '').trim() };
}

/** The spoken keypad menu: "Or use your keypad: press 1 to report a missed bin, ..., or 0 to speak to an adviser." */
export function menuWords(script: VoiceScript): string {
  const entries = script.menu.entries.map((e) => `${e.digit} ${e.say}`);
  const list = entries.length === 1 ? entries[0]! : `${entries.slice(0, -1).join(', ')}, or ${entries[entries.length - 1]}`;
  return `${script.menu.intro} press ${list}.`;
}

function gather(step: GatherStep, says: SpokenVerb[], options: { numDigits?: number; actionOnEmptyResult?: boolean } = {}): CallVerb {
  return {
    verb: 'gather',
    action: gatherAction(step),
    ...(options.numDigits ? { numDigits: options.numDigits } : {}),
    actionOnEmptyResult: options.actionOnEmptyResult ?? true,
    says,
  };
}

/** The incoming call: the greeting and the keypad menu, listening for speech or a keypress. */
export function greetCaller(script: VoiceScript): CallReply {
  return [gather({ attempt: 1 }, [say(script.greeting), say(menuWords(script))], { numDigits: 1 })];
}

export function notHeard(script: VoiceScript): CallReply {
  return [say(script.prompts.notHeard), say(script.prompts.goodbye), hangup];
}

export function apology(script: VoiceScript): CallReply {
  return [say(script.prompts.apology), hangup];
}

export function goodbye(script: VoiceScript, before: string[] = []): CallReply {
  return [...before.map((t) => say(t)), say(script.prompts.goodbye), hangup];
}

/** The question the step asked, to ask again: the options, the service's own prompt, or the opening question. */
function askAgain(script: VoiceScript, step: GatherStep, catalogue: Pick<Catalogue, 'service' | 'template'>): { says: SpokenVerb[]; numDigits?: number } {
  if (step.options?.length) {
    const names = step.options.map((id) => catalogue.service(id)?.name ?? id);
    return { says: [say(renderMessage(catalogue, 'ask-options', 'phone', { options: formatOptions(names, 'voice') }))], numDigits: 1 };
  }
  if (step.service) {
    const entry = script.menu.entries.find((e) => e.to === step.service && e.prompt);
    return { says: [say(entry?.prompt ?? script.prompts.sayAgain)] };
  }
  return { says: [say(script.askAgain), say(menuWords(script))], numDigits: 1 };
}

/**
 * Decides a turn at /twilio/voice/gather from what the previous step asked and what the caller
 * said or pressed: re-prompt once when nothing was heard (then an adviser), read a keypad choice,
 * a choice among offered options, a yes or no to "anything else?", or route the words.
 */
export function decideTurn(
  script: VoiceScript,
  step: GatherStep,
  input: CallInput,
  catalogue: Pick<Catalogue, 'service' | 'template'>,
): Turn {
  const next = step.attempt + 1;
  const adviser: Turn = { kind: 'contact', text: script.adviserRequest };
  if (step.attempt > MAX_ATTEMPTS) return adviser;

  if (!input.speech && !input.digits) {
    if (step.step === 'more') return { kind: 'reply', reply: goodbye(script) };
    if (step.silence) return adviser;
    const again = askAgain(script, step, catalogue);
    const { attempt: _attempt, ...context } = step;
    return {
      kind: 'reply',
      reply: [gather({ ...context, attempt: next, silence: true }, [say(script.prompts.notHeard), ...again.says], again)],
    };
  }

  if (step.step === 'more' && input.speech) {
    const reply = shortReply(input.speech, script);
    if (reply === 'no' || reply === 'courtesy') return { kind: 'reply', reply: goodbye(script) };
    if (reply === 'yes') return { kind: 'reply', reply: [gather({ attempt: next }, [say(script.prompts.whatElse)])] };
  }

  if (step.options?.length) {
    const chosen = choiceOf(input, step.options.length);
    if (chosen !== undefined) {
      return { kind: 'contact', serviceId: step.options[chosen]!, text: '', ...(step.asked ? { wordsOfTurn: step.asked } : {}) };
    }
    // Not a choice: new words describe the request afresh; a wrong key hears the options again.
    if (!input.speech) {
      const again = askAgain(script, step, catalogue);
      const { attempt: _attempt, silence: _silence, ...context } = step;
      return { kind: 'reply', reply: [gather({ ...context, attempt: next }, [say(script.prompts.notAnOption), ...again.says], again)] };
    }
    return { kind: 'contact', text: joinSpelledOut(input.speech) };
  }

  if (step.service) {
    return { kind: 'contact', serviceId: step.service, text: input.speech ? joinSpelledOut(input.speech) : `Keypad ${input.digits}` };
  }

  if (input.digits) {
    const entry = script.menu.entries.find((e) => e.digit === input.digits);
    if (!entry) {
      return {
        kind: 'reply',
        reply: [gather({ attempt: next }, [say(script.prompts.notAnOption), say(menuWords(script))], { numDigits: 1 })],
      };
    }
    if (entry.to === ADVISER) return adviser;
    if (entry.prompt) return { kind: 'reply', reply: [gather({ attempt: next, service: entry.to }, [say(entry.prompt)])] };
    return { kind: 'contact', serviceId: entry.to, text: `Keypad ${entry.digit}: ${entry.say}` };
  }
  return { kind: 'contact', text: joinSpelledOut(input.speech) };
}

/** The message with each spoken case reference read slowly and followed by a pause. */
export function sayWithReference(message: string, reference: string | undefined): SpokenVerb[] {
  const spokenRef = reference ? spokenReference(reference) : '';
  if (!spokenRef || !message.includes(spokenRef)) return [say(message)];
  const verbs: SpokenVerb[] = [];
  message.split(spokenRef).forEach((part, i) => {
    if (i > 0) verbs.push(say(spokenRef, true), pause(1));
    const text = part.replace(/^[\s.,;:]+/, '').trim();
    if (text) verbs.push(say(text));
  });
  return verbs;
}

export interface OutcomeContext {
  /** The turn that produced the outcome. */
  attempt: number;
  caller: Caller;
  /** Inside the council's opening hours now. */
  adviserOpen: boolean;
  /** Where advisers take transferred calls; undefined when none is configured. */
  adviserNumber: string | undefined;
}

/**
 * What the caller hears after the routing layer's outcome: an emergency first and nothing else;
 * an answer then "anything else?"; options to choose from; a hand-off's reference read slowly
 * and an offer to text it; an adviser now (in opening hours) or the opening hours.
 */
export function replyToOutcome(script: VoiceScript, outcome: ContactOutcome, ctx: OutcomeContext): CallReply {
  const next = ctx.attempt + 1;
  const message = sayWithReference(outcome.message, outcome.reference);
  // A message that ends with a reference already ends with its pause.
  const pauseAfter: SpokenVerb[] = message[message.length - 1]?.verb === 'pause' ? [] : [pause(1)];
  const anythingElse: CallReply = [gather({ attempt: next, step: 'more' }, [say(script.prompts.anythingElse)], { actionOnEmptyResult: false }), ...goodbye(script)];

  switch (outcome.decision) {
    case 'emergency':
      // Said at once, and again: the advice (call 999, the gas line) is what matters.
      return [...message, ...pauseAfter, ...message, hangup];

    case 'adviser':
      if (!ctx.adviserOpen) return [...message, ...goodbye(script)];
      if (!ctx.adviserNumber) return goodbye(script, [script.prompts.adviserUnavailable]);
      return [...message, { verb: 'dial', number: ctx.adviserNumber, action: VOICE_PATHS.queue, timeoutSeconds: ADVISER_RING_SECONDS }];

    case 'ask':
      if (outcome.options?.length) {
        return [gather({ attempt: next, options: outcome.options.map((o) => o.serviceId), asked: ctx.attempt }, message, { numDigits: 1 })];
      }
      // The service needs something more (a postcode, a reference): the next words go to it.
      return [gather({ attempt: next, service: outcome.service.id }, message)];

    case 'resolve':
      return [...message, ...pauseAfter, ...anythingElse];

    case 'handoff':
      if (outcome.reference && !outcome.repeatOf && canText(ctx.caller.phone)) {
        return [
          ...message,
          ...pauseAfter,
          {
            verb: 'gather',
            action: confirmAction(outcome.reference),
            numDigits: 1,
            actionOnEmptyResult: false,
            says: [say(script.prompts.offerText)],
          },
          ...goodbye(script),
        ];
      }
      return [...message, ...pauseAfter, ...anythingElse];
  }
}

/** "Press 1 or say yes" to the offer of a text: anything else is a no. */
export function wantsText(input: CallInput, script: VoiceScript): boolean {
  if (input.digits) return input.digits === '1';
  return shortReply(input.speech, script) === 'yes';
}

/**
 * The text confirming a hand-off, for the caller who asked for it on the call: the SMS wording of
 * the hand-off confirmation, to the number the case was reported from. Undefined when that number
 * is not the caller's or cannot take a text: a case is only ever texted to its own resident.
 */
export function textConfirmation(
  kase: Case,
  callerPhone: string,
  catalogue: Pick<Catalogue, 'template' | 'team' | 'calendar'>,
  now: Date,
): Notification | undefined {
  if (!canText(callerPhone) || kase.resident.phone !== callerPhone) return undefined;
  const values = {
    reference: kase.reference,
    service: kase.serviceName,
    team: catalogue.team(kase.teamId).name,
    commitment: describeCommitment(kase.sla.dueAt, catalogue.calendar, 'sms', now),
  };
  // The case's resident has this phone number, so it goes by SMS.
  return toResident(kase, 'handoff-confirmation', values, { catalogue, reason: 'confirmation', key: 'voice-confirmation', now });
}

// ---- What Twilio reports about the call -------------------------------------------------------------------

export const CALL_STATUSES = ['queued', 'initiated', 'ringing', 'in-progress', 'completed', 'busy', 'no-answer', 'failed', 'canceled'] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

export interface CallStatusReport {
  callSid: string;
  status: CallStatus;
  durationSeconds?: number;
}

/** A status callback's report; undefined when it is not one (no CallSid, an unknown status). */
export function readCallStatus(params: Readonly<Record<string, string | undefined>>): CallStatusReport | undefined {
  const caller = readCaller(params);
  const status = CALL_STATUSES.find((s) => s === params.CallStatus);
  if (!caller || !status) return undefined;
  const duration = Number(params.CallDuration);
  return { callSid: caller.callSid, status, ...(params.CallDuration && Number.isFinite(duration) ? { durationSeconds: duration } : {}) };
}

/** How a transfer to an adviser ended, for measuring abandonment. */
export type TransferOutcome = 'answered' | 'abandoned' | 'not-answered' | 'failed' | 'other';

export interface TransferReport {
  callSid: string;
  /** '<Dial>' reports DialCallStatus; '<Enqueue>' reports QueueResult. */
  via: 'dial' | 'queue';
  result: string;
  outcome: TransferOutcome;
  waitSeconds?: number;
}

const QUEUE_OUTCOMES: Record<string, TransferOutcome> = {
  bridged: 'answered',
  'bridging-in-process': 'answered',
  hangup: 'abandoned',
  'queue-full': 'failed',
  error: 'failed',
  'system-error': 'failed',
};
const DIAL_OUTCOMES: Record<string, TransferOutcome> = {
  completed: 'answered',
  answered: 'answered',
  busy: 'not-answered',
  'no-answer': 'not-answered',
  failed: 'failed',
};

/** The result of a transfer (a <Dial> or <Enqueue> action); undefined when the request carries none. */
export function readTransfer(params: Readonly<Record<string, string | undefined>>): TransferReport | undefined {
  const caller = readCaller(params);
  if (!caller) return undefined;
  const seconds = (value: string | undefined) => (value && Number.isFinite(Number(value)) ? { waitSeconds: Number(value) } : {});
  const result = (value: string | undefined) => (value && /^[a-z-]{1,40}$/.test(value) ? value : undefined);
  const queueResult = result(params.QueueResult);
  if (queueResult) {
    return { callSid: caller.callSid, via: 'queue', result: queueResult, outcome: QUEUE_OUTCOMES[queueResult] ?? 'other', ...seconds(params.QueueTime) };
  }
  const dialResult = result(params.DialCallStatus);
  if (dialResult) {
    return { callSid: caller.callSid, via: 'dial', result: dialResult, outcome: DIAL_OUTCOMES[dialResult] ?? 'other' };
  }
  return undefined;
}

/** After a transfer: nothing more if an adviser took the call or the caller left; otherwise say sorry. */
export function replyAfterTransfer(script: VoiceScript, transfer: TransferReport): CallReply {
  if (transfer.outcome === 'answered' || transfer.outcome === 'abandoned') return [hangup];
  return goodbye(script, [script.prompts.adviserUnavailable]);
}
