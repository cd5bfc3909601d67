// The words the platform says to residents, in each channel's own form. The wording is data
// (shared/catalogue/templates.json, validated when the catalogue loads); this module picks the
// channel's variant, fills in the values and shapes the result:
// - sms: plain GSM text (curly quotes and dashes straightened so a message is not sent as
//   UCS-2 at 70 characters a segment), spaces collapsed, at most 3 segments (459 characters);
// - voice: a script for text-to-speech: no web addresses, no '&' or '/', references and
//   postcodes read out character by character;
// - web: plain text for web forms, Open311 and the adviser console; line breaks kept;
// - email (renderEmail): a one-line subject and a plain-text body, for a resident we have no
//   phone number for and for council staff (SLA escalations).
import { normalisePostcode } from './bin-day.ts';
import type { CaseStatus } from './case.ts';
import type { WordingStyle } from './calendar.ts';
import { type Catalogue, type EmergencyKind, fillPlaceholders, placeholdersIn, type Template, type TemplateVariant } from './catalogue.ts';
import type { Channel } from './contact.ts';
import { normaliseReference } from './reference.ts';

/** How a message reaches the resident: a text message, a voice script, or text on a screen. */
export type MessageStyle = TemplateVariant;

/** The templates the platform sends in a channel; templates.json must define each (a unit test checks it). */
export const TEMPLATE_IDS = [
  'handoff-confirmation',
  'emergency',
  'emergency-advice-gas',
  'emergency-advice-fire',
  'emergency-advice-danger-to-life',
  'emergency-advice-child-at-risk',
  'emergency-advice-adult-at-risk',
  'emergency-advice-flooding-home',
  'emergency-advice-dangerous-structure',
  'emergency-advice-live-electrics',
  'ask-options',
  'adviser-open',
  'adviser-closed',
  'adviser-web',
  'case-status',
  'case-status-resolved',
  'case-status-not-yours',
  'case-not-found',
  'needs-reference',
  'repeat-contact',
  'needs-postcode',
  'bin-day',
  'bin-day-unknown',
  'self-service',
  'answer',
  'case-update',
  'case-rerouted',
  'rating-request',
  'sms-ask-location',
  'sms-ask-detail',
  'sms-ask-again',
  'sms-choose',
  'sms-confirm',
  'sms-cancelled',
  'sms-opted-out',
  'sms-opted-in',
  'sms-help',
  'sms-didnt-catch',
  'sms-try-again',
  'sms-rating-thanks',
] as const;

/** The templates the platform sends by email; each has an email wording (a unit test checks it). */
export const EMAIL_TEMPLATE_IDS = ['case-update', 'case-rerouted', 'sla-at-risk', 'sla-breached'] as const;

export type TemplateId = (typeof TEMPLATE_IDS)[number] | (typeof EMAIL_TEMPLATE_IDS)[number];

/** What the resident should do now in this kind of emergency (call 999, the gas line...), said first. */
export function emergencyAdviceTemplate(kind: EmergencyKind): TemplateId {
  return `emergency-advice-${kind}`;
}

/** The most an SMS reply may take: 3 segments (459 GSM characters, or 201 in UCS-2). */
export const MAX_SMS_SEGMENTS = 3;

export class MessageError extends Error {
  override name = 'MessageError';
  constructor(
    message: string,
    readonly templateId: string,
    /** The placeholder at fault, when the problem is a missing value. */
    readonly placeholder?: string,
  ) {
    super(message);
  }
}

/** SMS for text messages, voice for calls, web for everything read on a screen (web, Open311, the console). */
export function styleFor(channel: Channel): MessageStyle {
  switch (channel) {
    case 'sms':
      return 'sms';
    case 'phone':
      return 'voice';
    case 'web':
    case 'open311':
    case 'face_to_face':
      return 'web';
  }
}

/** The calendar's wording style for a message style: spoken for voice, written otherwise. */
export function wordingStyleOf(style: MessageStyle): WordingStyle {
  return style === 'voice' ? 'spoken' : 'written';
}

/**
 * A template's wording for the channel, with `{name}` placeholders filled from `values`.
 * Every placeholder the template declares needs a value, whichever variant is used, so a
 * caller that works for one channel works for all. For voice, a `reference` or `postcode`
 * value that is one is read out character by character (spokenReference).
 */
export function renderMessage(
  catalogue: Pick<Catalogue, 'template'>,
  templateId: TemplateId | (string & {}),
  channel: Channel,
  values: Readonly<Record<string, string>>,
): string {
  const template = templateWithValues(catalogue, templateId, values);
  const style = styleFor(channel);
  const wording = template[style] ?? template.text;
  if (wording === undefined) throw new MessageError(`message template '${templateId}' has no ${style} wording`, templateId);
  return shapeFor(style, fillPlaceholders(wording, style === 'voice' ? spokenValues(values) : values));
}

/** A template's email wording with its placeholders filled: the subject on one line, the body as plain text. */
export function renderEmail(
  catalogue: Pick<Catalogue, 'template'>,
  templateId: TemplateId | (string & {}),
  values: Readonly<Record<string, string>>,
): { subject: string; body: string } {
  const { email } = templateWithValues(catalogue, templateId, values);
  if (!email) throw new MessageError(`message template '${templateId}' has no email wording`, templateId);
  return {
    subject: fillPlaceholders(email.subject, values).replace(/\s+/g, ' ').trim(),
    body: shapeFor('web', fillPlaceholders(email.body, values)),
  };
}

// The template, once every placeholder it declares has a value, whichever wording is used.
function templateWithValues(catalogue: Pick<Catalogue, 'template'>, templateId: string, values: Readonly<Record<string, string>>): Template {
  const template = catalogue.template(templateId);
  if (!template) throw new MessageError(`no message template '${templateId}' in the catalogue (templates.json)`, templateId);
  // The catalogue load has checked that each wording uses only the template's declared placeholders.
  for (const name of template.placeholders) {
    if (typeof values[name] !== 'string') {
      throw new MessageError(`message template '${templateId}' needs a value for {${name}}`, templateId, name);
    }
  }
  return template;
}

/**
 * An answer (answers.json) for the channel: the `sms` or `voice` wording where the answer has
 * one, else `text`; `{openingHours}` and `{nextOpening}` come from the catalogue's business
 * calendar at `now`, so the answer always agrees with calendar.json.
 */
export function answerText(
  catalogue: Pick<Catalogue, 'answer' | 'calendar'>,
  answerId: string,
  channel: Channel,
  now: Date,
): string {
  const answer = catalogue.answer(answerId);
  if (!answer) throw new MessageError(`no answer '${answerId}' in the catalogue (answers.json)`, answerId);
  const style = styleFor(channel);
  const wording = (style === 'voice' ? answer.voice : style === 'sms' ? answer.sms : undefined) ?? answer.text;
  const values: Record<string, string> = {};
  const used = new Set(placeholdersIn(wording));
  const words = wordingStyleOf(style);
  if (used.has('openingHours')) values.openingHours = catalogue.calendar.describeOpeningHours(words);
  if (used.has('nextOpening')) values.nextOpening = catalogue.calendar.nextOpeningInWords(now, words);
  return shapeFor(style, fillPlaceholders(wording, values));
}

/** Shapes finished wording for its channel (see the header): used for templates and answers alike. */
export function shapeFor(style: MessageStyle, wording: string): string {
  switch (style) {
    case 'sms':
      return fitSms(collapseWhitespace(toGsm(wording)));
    case 'voice':
      return speakable(wording);
    case 'web':
      return collapseWhitespace(wording);
  }
}

/** "K7MD-Q9PX" -> "K, 7, M, D, then Q, 9, P, X": a pause after each character, "then" between groups. */
export function spokenReference(reference: string): string {
  const groups = (normaliseReference(reference) ?? reference.trim().toUpperCase())
    .split(/[\s-]+/)
    .filter((group) => group.length > 0);
  return groups.map((group) => [...group].join(', ')).join(', then ');
}

/** A case status in the resident's words, to follow "your report is ...". */
export function describeStatus(status: CaseStatus): string {
  switch (status) {
    case 'open':
      return 'with the team';
    case 'accepted':
      return 'being worked on';
    case 'awaiting-resident':
      return 'waiting for information from you';
    case 'resolved':
      return 'resolved';
    case 'returned-to-csn':
      return 'with our customer service team';
  }
}

const SPOKEN_NUMBERS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];

/**
 * Choices for the resident: for sms and web a numbered list, one a line ("1. Report a pothole");
 * for voice "Say or press one for ..., two for ..., or three for ..." (keypad only up to 9).
 */
export function formatOptions(names: readonly string[], style: MessageStyle): string {
  if (names.length === 0) throw new MessageError('there are no options to offer', 'ask-options', 'options');
  if (style !== 'voice') return names.map((name, i) => `${i + 1}. ${name}`).join('\n');
  const spoken = names.map((name, i) => `${SPOKEN_NUMBERS[i + 1] ?? String(i + 1)} for ${name}`);
  const list = spoken.length === 1 ? spoken[0]! : `${spoken.slice(0, -1).join(', ')}, or ${spoken[spoken.length - 1]}`;
  return `${names.length <= 9 ? 'Say or press' : 'Say'} ${list}`;
}

/** How many segments an SMS takes: GSM-7 160, or 153 each when split; UCS-2 70, or 67 each. */
export function smsSegments(text: string): number {
  let units = 0;
  for (const ch of text) {
    if (GSM_BASIC.has(ch)) units += 1;
    else if (GSM_EXTENDED.has(ch)) units += 2;
    else return ucs2Segments(text);
  }
  return units <= 160 ? 1 : Math.ceil(units / 153);
}

// ---- Shaping --------------------------------------------------------------------------------------

function spokenValues(values: Readonly<Record<string, string>>): Record<string, string> {
  const out = { ...values };
  if (out.reference !== undefined && normaliseReference(out.reference)) out.reference = spokenReference(out.reference);
  if (out.postcode !== undefined) {
    const postcode = normalisePostcode(out.postcode);
    if (postcode) out.postcode = spokenReference(postcode);
  }
  return out;
}

// Runs of spaces become one; lines are trimmed; blank lines go (an SMS or a form reply is short).
function collapseWhitespace(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .filter((line) => line.length > 0)
    .join('\n');
}

// A text-to-speech script: one paragraph, web addresses replaced by "our website", symbols in words.
function speakable(text: string): string {
  return text
    .replace(/\b(?:https?:\/\/|www\.)\S*?(?=[.,;:!?]?(?:\s|$))/gi, 'our website')
    .replace(/\s*&\s*/g, ' and ')
    .replace(/(?<=[A-Za-z])\/(?=[A-Za-z])/g, ' or ')
    .replace(/\//g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const TYPOGRAPHIC: Record<string, string> = {
  '\u2018': "'", '\u2019': "'", '\u201c': '"', '\u201d': '"', '\u2013': '-', '\u2014': '-', '\u2026': '...', '\u2022': '-',
};

// Typographic punctuation has plain GSM equivalents; one curly quote would make the whole SMS UCS-2.
function toGsm(text: string): string {
  return text.replace(/[\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u2022]/g, (ch) => TYPOGRAPHIC[ch]!);
}

// Longer than MAX_SMS_SEGMENTS: keep the whole sentences that fit, else whole words and "...".
// The seed templates never need this (a unit test renders them with realistic values); it stops a
// long value from sending a message of many parts.
function fitSms(text: string): string {
  if (smsSegments(text) <= MAX_SMS_SEGMENTS) return text;
  // A sentence ends at . ! or ? before a space, so "www.council.example.gov.uk" is not cut.
  const sentences = text.split(/(?<=[.!?])(?=\s)/);
  let kept = '';
  for (const sentence of sentences) {
    if (smsSegments(`${kept}${sentence}`.trim()) > MAX_SMS_SEGMENTS) break;
    kept += sentence;
  }
  if (kept.trim()) return kept.trim();
  const words = text.split(' ');
  while (words.length > 1 && smsSegments(`${words.join(' ')}...`) > MAX_SMS_SEGMENTS) words.pop();
  return `${words.join(' ')}...`;
}

function ucs2Segments(text: string): number {
  return text.length <= 70 ? 1 : Math.ceil(text.length / 67);
}

const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const GSM_EXTENDED = new Set('^{}\\[~]|€\f');
