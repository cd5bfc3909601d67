// A short SMS conversation with one resident, decided purely: given where the conversation is
// and the text that just arrived, what to do (reply, record a contact through the routing layer,
// record an opt-out) and where the conversation goes next. The application layer
// (receive.ts) reads and writes the state; nothing here talks to the outside.
//
// Steps: a first text is routed. An emergency, an answer, a look-up or a contact for an adviser
// is accepted at once. An 'ask' offers numbered options (choosing). A hand-off asks, one at a
// time, for the details its service needs that the text did not give (collecting), then asks
// the resident to confirm (confirming); YES records the contact and opens the case. A look-up
// that still needs a postcode waits for one (awaiting-postcode). At any point: STOP and its
// synonyms opt out, START opts back in, HELP explains, a case reference gets the case's status,
// and an emergency is dealt with there and then.
import { findPostcode } from '#domain/bin-day';
import type { Catalogue, RequiredDetail, Service } from '#domain/catalogue';
import { detectEmergency } from '#domain/classify';
import type { Contact } from '#domain/contact';
import { formatOptions, renderMessage } from '#domain/messages';
import type { ContactOutcome } from '#domain/outcome';
import { findReference } from '#domain/reference';
import { emergencyDecision, route, type Decision } from '#domain/routing';

/** The longest answer to a question we keep (an SMS can be 1,600 characters). */
const MAX_ANSWER_CHARS = 500;

export interface ServiceOption {
  serviceId: string;
  name: string;
}

/** Where a conversation is, between two texts. Stored as it is (JSON) with a version and a TTL. */
export type Conversation =
  | { step: 'choosing'; text: string; options: ServiceOption[] }
  | {
      step: 'collecting';
      serviceId: string;
      /** The first text's routing decision, when routing chose the service: recorded as it is on YES. */
      decision?: Decision;
      /** What the resident has sent so far, first text first. */
      texts: string[];
      details: Record<string, string>;
      /** Detail ids still to ask for; the first is the one just asked. */
      remaining: string[];
    }
  | { step: 'confirming'; serviceId: string; decision?: Decision; texts: string[]; details: Record<string, string> }
  | { step: 'awaiting-postcode'; serviceId: string; text: string };

/** What the conversation becomes: a new state, the same one ('keep'), or nothing ('end'). */
export type NextConversation = Conversation | 'keep' | 'end';

/** What a contact recorded through the routing layer should carry (the app adds ids, time, resident). */
export interface ContactRequest {
  text: string;
  serviceId?: string;
  details?: Record<string, string>;
}

export type SmsAction =
  /** Reply with this text; nothing is recorded but the conversation. */
  | { kind: 'reply'; message: string; next: NextConversation }
  /**
   * Record a contact through the routing layer and reply with its outcome's message. `decision`
   * is the contact's routing when the conversation has made it already: it is recorded as it is.
   */
  | { kind: 'accept'; contact: ContactRequest; decision?: Decision; next: NextConversation }
  /** Record that the resident wants no more texts from us (the conversation ends). */
  | { kind: 'opt-out'; message: string }
  /** Remove the opt-out. */
  | { kind: 'opt-in'; message: string }
  /** A 1-5 answer to "how did we do?" after a resolved case: record it against the case. */
  | { kind: 'rate'; rating: number; reference: string; message: string };

export interface SmsContext {
  catalogue: Catalogue;
  /** The number the resident texted (the council's), E.164, for the help text. */
  councilNumber?: string;
  /** A resolved case whose rating we asked this resident for and have not had yet. */
  ratingAsked?: { reference: string };
}

/** "4", "4 stars", "4/5", "4 out of 5": a rating; anything else is not. */
export function ratingIn(text: string): number | undefined {
  const match = /^\s*([1-5])\s*(?:stars?|\/\s*5|out of 5)?\s*[.!]*\s*$/i.exec(text);
  return match ? Number(match[1]) : undefined;
}

// ---- Keywords ---------------------------------------------------------------------------------------

/** Twilio's and the carriers' opt-out words: the whole text, in any case. */
export const OPT_OUT_WORDS = ['stop', 'stopall', 'unsubscribe', 'cancel', 'end', 'quit'] as const;
export const OPT_IN_WORDS = ['start', 'unstop'] as const;
export const HELP_WORDS = ['help', 'info'] as const;
const YES_WORDS = new Set(['yes', 'y', 'yeah', 'yep', 'yup', 'ok', 'okay', 'sure', 'correct', 'send', 'send it', 'yes please', 'please do']);
const NO_WORDS = new Set(['no', 'n', 'nope', 'no thanks', 'no thank you', 'dont', 'do not', 'not now']);

export type Keyword = 'opt-out' | 'opt-in' | 'help' | 'yes' | 'no';

/** A text as a keyword: lower case, without punctuation or spare spaces ("Stop." is STOP). */
function plain(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9\s]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export function keywordOf(text: string): Keyword | undefined {
  const word = plain(text);
  if ((OPT_OUT_WORDS as readonly string[]).includes(word)) return 'opt-out';
  if ((OPT_IN_WORDS as readonly string[]).includes(word)) return 'opt-in';
  if ((HELP_WORDS as readonly string[]).includes(word)) return 'help';
  if (YES_WORDS.has(word)) return 'yes';
  if (NO_WORDS.has(word)) return 'no';
  return undefined;
}

// ---- What a text already tells us --------------------------------------------------------------------

const STREET_TYPES =
  'road|rd|street|st|lane|ln|avenue|ave|close|drive|dr|way|place|crescent|grove|gardens|terrace|hill|park|square|court|row|walk|parade|mews|green|rise|vale|boulevard|estate|precinct|approach|gate|wharf|yard';
const NOT_A_NAME = new Set(['the', 'a', 'an', 'my', 'our', 'your', 'their', 'his', 'her', 'this', 'that', 'in', 'on', 'of', 'at', 'and', 'or', 'to']);
// "on Mill Lane", "outside 12 High Street", "12a Old Park Road": after a preposition or at a
// house number, one or two words that name the street, then a street type.
const PLACE = new RegExp(
  String.raw`(?:\b(?:on|in|at|outside|near|by|opposite|along|off|behind|from|of)\s+(?:the\s+)?|\b(?=\d))((?:\d+[a-z]?,?\s+)?[a-z']+(?:\s+[a-z']+)?\s+(?:${STREET_TYPES}))\b`,
  'gi',
);

/** A place in free text: a postcode, or a named street with its house number if given; undefined if none. */
export function placeIn(text: string): string | undefined {
  const postcode = findPostcode(text);
  if (postcode) return postcode;
  for (const match of text.matchAll(PLACE)) {
    const place = match[1]!.replace(/\s+/g, ' ');
    const name = place.replace(/^\d+[a-z]?,? /i, '').split(' ').slice(0, -1);
    // "the street light", "my road": a determiner is not a street's name.
    if (name.length === 0 || name.some((w) => NOT_A_NAME.has(w.toLowerCase()))) continue;
    return place;
  }
  return undefined;
}

const DAY_WORDS = /\b(today|yesterday|this morning|last night|(?:last |this )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b/i;

function isYesNo(options: readonly string[]): boolean {
  return options.length === 2 && options.every((o) => ['yes', 'no'].includes(o.toLowerCase()));
}

function containsPhrase(text: string, phrase: string): boolean {
  return ` ${plain(text)} `.includes(` ${plain(phrase)} `);
}

/**
 * A detail the text already gives: `{ value }` to keep (a street, a bin, a day), `{}` when the
 * text itself is the answer (a description), undefined when we must ask.
 */
export function detailFromText(detail: RequiredDetail, text: string): { value?: string } | undefined {
  switch (detail.kind) {
    case 'location': {
      const place = placeIn(text);
      return place ? { value: place } : undefined;
    }
    case 'choice': {
      const options = detail.options ?? [];
      // "no one came" is not an answer to "is it offensive?": yes/no is always asked.
      if (isYesNo(options)) return undefined;
      const found = options.filter((option) => containsPhrase(text, option));
      return found.length === 1 ? { value: found[0]! } : undefined;
    }
    case 'date': {
      const day = DAY_WORDS.exec(text);
      return day ? { value: day[1]!.toLowerCase() } : undefined;
    }
    case 'text':
      // The resident's own words describe the problem when they are more than a word or three.
      return detail.id === 'description' && text.trim().split(/\s+/).length >= 4 ? {} : undefined;
    case 'reference':
      return undefined;
  }
}

/** An answer to a question: the option it picks for a choice, else the words; undefined if not understood. */
export function answerTo(detail: RequiredDetail, reply: string): string | undefined {
  const text = reply.trim();
  if (!text) return undefined;
  if (detail.kind !== 'choice') return text.slice(0, MAX_ANSWER_CHARS);
  const options = detail.options ?? [];
  const number = /^\s*(\d{1,2})\s*\.?\s*$/.exec(text);
  if (number) return options[Number(number[1]) - 1];
  if (isYesNo(options)) {
    const keyword = keywordOf(text);
    if (keyword === 'yes' || keyword === 'no') return options.find((o) => o.toLowerCase() === keyword);
  }
  const exact = options.find((o) => plain(o) === plain(text));
  if (exact) return exact;
  const found = options.filter((option) => containsPhrase(text, option));
  return found.length === 1 ? found[0] : undefined;
}

/** A chosen option: its number ("2", "2."), or its name or most of it ("fly-tipping"). */
export function chosenOption(options: readonly ServiceOption[], reply: string): ServiceOption | undefined {
  const number = /^\s*(\d{1,2})\s*\.?\s*$/.exec(reply);
  if (number) return options[Number(number[1]) - 1];
  const words = plain(reply);
  if (words.length < 3) return undefined;
  const byName = options.filter((o) => plain(o.name) === words || plain(o.name).includes(words) || words.includes(plain(o.name)));
  return byName.length === 1 ? byName[0] : undefined;
}

// ---- Formatting ----------------------------------------------------------------------------------------

/** A UK number as people write it ("+441632960000" -> "01632 960000"); others as they are. */
export function phoneForReading(e164: string): string {
  if (!/^\+44\d{10}$/.test(e164)) return e164;
  const national = `0${e164.slice(3)}`;
  if (national.startsWith('02')) return `${national.slice(0, 3)} ${national.slice(3, 7)} ${national.slice(7)}`;
  if (/^0[389]/.test(national)) return `${national.slice(0, 4)} ${national.slice(4, 7)} ${national.slice(7)}`;
  return `${national.slice(0, 5)} ${national.slice(5)}`;
}

// ---- The state machine ---------------------------------------------------------------------------------

/** What to do with a text from a resident whose conversation is at `conversation` (null: none). */
export function nextSmsAction(conversation: Conversation | null, text: string, ctx: SmsContext): SmsAction {
  const { catalogue } = ctx;
  const say = (templateId: string, values: Record<string, string> = {}) => renderMessage(catalogue, templateId, 'sms', values);
  const keyword = keywordOf(text);

  if (keyword === 'opt-out') return { kind: 'opt-out', message: say('sms-opted-out') };
  if (keyword === 'opt-in') return { kind: 'opt-in', message: say('sms-opted-in') };
  if (keyword === 'help') {
    return {
      kind: 'reply',
      message: say('sms-help', {
        phone: ctx.councilNumber ? phoneForReading(ctx.councilNumber) : 'this number',
        openingHours: catalogue.calendar.describeOpeningHours('written'),
      }),
      next: 'keep',
    };
  }
  // An emergency never waits for the conversation: routing raises the urgent case now.
  const emergency = detectEmergency(text);
  if (emergency) return { kind: 'accept', contact: { text }, decision: emergencyDecision(emergency, catalogue), next: 'end' };

  // A case reference, wherever it comes: the case's status, through the case-status look-up.
  // (Not while we are asking for a reference-like detail, such as an account number.)
  const askingReference = conversation?.step === 'collecting' && detailOf(catalogue, conversation)?.kind === 'reference';
  const statusService = catalogue.services.find((s) => s.resolution.mode === 'lookup' && s.resolution.lookupId === 'case-status');
  if (!askingReference && statusService && findReference(text)) {
    return { kind: 'accept', contact: { text, serviceId: statusService.id }, next: conversation?.step === 'awaiting-postcode' ? 'end' : 'keep' };
  }

  // Between conversations, a lone 1-5 after "how did we do?" is the answer to it. (In the middle
  // of one, a number picks an option.)
  const rating = conversation ? undefined : ratingIn(text);
  if (rating !== undefined && ctx.ratingAsked) {
    return { kind: 'rate', rating, reference: ctx.ratingAsked.reference, message: say('sms-rating-thanks', { reference: ctx.ratingAsked.reference }) };
  }

  switch (conversation?.step) {
    case undefined:
      return firstText(text, ctx);

    case 'choosing': {
      if (keyword === 'no') return { kind: 'reply', message: say('sms-cancelled'), next: 'end' };
      const chosen = chosenOption(conversation.options, text);
      if (!chosen) {
        return { kind: 'reply', message: say('sms-choose', { options: formatOptions(conversation.options.map((o) => o.name), 'sms') }), next: 'keep' };
      }
      const service = catalogue.service(chosen.serviceId);
      if (!service) return firstText(text, ctx); // the catalogue changed under the conversation
      return service.resolution.mode === 'handoff'
        ? startReport(service, [conversation.text], ctx)
        : { kind: 'accept', contact: { text: conversation.text, serviceId: service.id }, next: 'end' };
    }

    case 'collecting': {
      const service = catalogue.service(conversation.serviceId);
      const detail = detailOf(catalogue, conversation);
      if (!service || !detail) return firstText(text, ctx);
      const answer = answerTo(detail, text);
      if (answer === undefined) return { kind: 'reply', message: say('sms-ask-again', { question: questionFor(detail, catalogue) }), next: 'keep' };
      return askOrConfirm(
        service,
        {
          ...decisionOf(conversation),
          texts: [...conversation.texts, text.trim()],
          details: { ...conversation.details, [detail.id]: answer },
          remaining: conversation.remaining.slice(1),
        },
        ctx,
      );
    }

    case 'confirming': {
      const service = catalogue.service(conversation.serviceId);
      if (!service) return firstText(text, ctx);
      if (keyword === 'yes') {
        const words = conversation.texts.join('\n');
        // The texts together can show an emergency none shows alone ("...the cables" / "are hanging
        // down"): that comes first, as it would for a report sent in one text.
        const emergency = detectEmergency(words);
        const decision = emergency
          ? emergencyDecision(emergency, catalogue)
          : conversation.decision?.serviceId === service.id
            ? { ...conversation.decision, explanation: [...conversation.decision.explanation, 'The resident confirmed it by text.'] }
            : undefined;
        return {
          kind: 'accept',
          contact: { text: words, serviceId: service.id, details: conversation.details },
          ...(decision ? { decision } : {}),
          next: 'end',
        };
      }
      if (keyword === 'no') return { kind: 'reply', message: say('sms-cancelled'), next: 'end' };
      return { kind: 'reply', message: confirmation(service, catalogue), next: 'keep' };
    }

    case 'awaiting-postcode':
      // A postcode answers the look-up; anything else is a new request.
      if (findPostcode(text)) {
        return { kind: 'accept', contact: { text: `${conversation.text}\n${text.trim()}`, serviceId: conversation.serviceId }, next: 'end' };
      }
      return firstText(text, ctx);
  }
}

/**
 * The conversation after a contact was recorded: a look-up that still needs a postcode (the
 * routing layer answered 'ask' for it) waits for one; otherwise what the action said.
 */
export function conversationAfter(
  action: Extract<SmsAction, { kind: 'accept' }>,
  outcome: ContactOutcome,
  catalogue: Catalogue,
): NextConversation {
  const service = catalogue.service(outcome.service.id);
  const resolution = service?.resolution;
  if (outcome.decision === 'ask' && resolution?.mode === 'lookup' && catalogue.lookup(resolution.lookupId)?.needs.includes('postcode')) {
    return { step: 'awaiting-postcode', serviceId: outcome.service.id, text: action.contact.text };
  }
  return action.next;
}

// A first text, or one that starts over: route it.
function firstText(text: string, ctx: SmsContext): SmsAction {
  const { catalogue } = ctx;
  const words = text.trim();
  const probe: Contact = { id: '', channel: 'sms', providerId: '', receivedAt: '', text: words, resident: {} };
  const decision = route(probe, catalogue);
  switch (decision.kind) {
    case 'emergency':
    case 'resolve':
    case 'adviser':
      return { kind: 'accept', contact: { text: words }, decision, next: 'end' };
    case 'ask': {
      const options = (decision.options ?? []).map((o) => ({ serviceId: o.serviceId, name: catalogue.service(o.serviceId)?.name ?? o.serviceId }));
      if (options.length === 0) return { kind: 'accept', contact: { text: words }, decision, next: 'end' };
      return {
        kind: 'reply',
        message: renderMessage(catalogue, 'ask-options', 'sms', { options: formatOptions(options.map((o) => o.name), 'sms') }),
        next: { step: 'choosing', text: words, options },
      };
    }
    case 'handoff': {
      const service = catalogue.service(decision.serviceId)!;
      return startReport(service, [words], ctx, decision);
    }
  }
}

// A report for a team: keep what the first text gives, ask for the rest one at a time, then confirm.
function startReport(service: Service, texts: string[], ctx: SmsContext, decision?: Decision): SmsAction {
  const details: Record<string, string> = {};
  const remaining: string[] = [];
  for (const detail of service.requiredDetails) {
    const given = detailFromText(detail, texts[0] ?? '');
    if (!given) remaining.push(detail.id);
    else if (given.value !== undefined) details[detail.id] = given.value;
  }
  return askOrConfirm(service, { texts, details, remaining, ...(decision ? { decision } : {}) }, ctx);
}

function askOrConfirm(
  service: Service,
  state: { decision?: Decision; texts: string[]; details: Record<string, string>; remaining: string[] },
  ctx: SmsContext,
): SmsAction {
  const { catalogue } = ctx;
  // A detail the catalogue no longer has is skipped.
  const remaining = state.remaining.filter((id) => service.requiredDetails.some((d) => d.id === id));
  const next = service.requiredDetails.find((d) => d.id === remaining[0]);
  if (next) {
    return {
      kind: 'reply',
      message: renderMessage(catalogue, 'sms-ask-detail', 'sms', { question: questionFor(next, catalogue) }),
      next: { step: 'collecting', serviceId: service.id, ...decisionOf(state), texts: state.texts, details: state.details, remaining },
    };
  }
  return {
    kind: 'reply',
    message: confirmation(service, catalogue),
    next: { step: 'confirming', serviceId: service.id, ...decisionOf(state), texts: state.texts, details: state.details },
  };
}

const decisionOf = (state: { decision?: Decision }) => (state.decision ? { decision: state.decision } : {});

function confirmation(service: Service, catalogue: Catalogue): string {
  return renderMessage(catalogue, 'sms-confirm', 'sms', { service: service.name, team: catalogue.team(service.teamId).name });
}

function detailOf(catalogue: Catalogue, conversation: Extract<Conversation, { step: 'collecting' }>): RequiredDetail | undefined {
  return catalogue.service(conversation.serviceId)?.requiredDetails.find((d) => d.id === conversation.remaining[0]);
}

// The question as a text message: a place in the SMS wording, a choice with numbered options.
function questionFor(detail: RequiredDetail, catalogue: Catalogue): string {
  if (detail.kind === 'location' && detail.id === 'location') return renderMessage(catalogue, 'sms-ask-location', 'sms', {});
  if (detail.kind === 'choice' && detail.options && !isYesNo(detail.options)) {
    return `${detail.question}\n${formatOptions(detail.options, 'sms')}`;
  }
  if (detail.kind === 'choice' && detail.options) return `${detail.question} Reply YES or NO.`;
  return detail.question;
}
