// A text from a resident (Twilio Messaging webhook): one step of their SMS conversation.
// Read (one round trip: this message's stored reply and the conversation), decide
// (conversation.ts), record a contact through the routing layer when the
// conversation completes one, then write the reply and the conversation's next state in one
// transaction that is conditional on the reply being new. So Twilio's retry of a MessageSid
// gets the first reply and changes nothing; the contact itself is idempotent on its provider id
// (the MessageSid of the text that completed it).
import { acceptContact, type ContactDeps } from '#app/contacts';
import { hasExpired } from '#domain/clock';
import type { Contact } from '#domain/contact';
import { renderMessage } from '#domain/messages';
import type { Rating, RatingAsked } from '#domain/rating';
import { normalisePhone } from '#domain/resident';
import * as z from '#domain/schema';
import {
  conversationAfter,
  nextSmsAction,
  type Conversation,
  type NextConversation,
  type SmsAction,
} from './conversation.ts';

export interface StoredConversation {
  state: Conversation;
  /** Incremented on every change; a change is conditional on the version it read. */
  version: number;
  /** Epoch seconds; after this the conversation is over even if the table has not yet removed it. */
  expiresAt: number;
}

export interface SmsSnapshot {
  /** The reply already given to this MessageSid, if it was handled before. */
  reply?: string;
  conversation?: StoredConversation;
  ratingAsked?: RatingAsked;
}

export interface SmsChange {
  phone: string;
  messageSid: string;
  reply: string;
  at: Date;
  /** The version the decision was based on (also when the conversation had expired). */
  readVersion?: number;
  next: NextConversation;
  optOut?: 'out' | 'in';
  /** Records the rating and clears the request, in the same transaction. */
  rating?: Rating;
}

export interface SmsStore {
  /** One consistent read of what handling this message needs, as it stands at `now` (the clock's). */
  load(phone: string, messageSid: string, now: Date): Promise<SmsSnapshot>;
  /**
   * Writes the reply (only if this MessageSid has none: else 'duplicate'), the conversation's
   * next state (only if it is still at `readVersion`: else 'conflict') and any opt-out change,
   * all or nothing.
   */
  save(change: SmsChange): Promise<'saved' | 'duplicate' | 'conflict'>;
  findReply(messageSid: string): Promise<string | undefined>;
}

export interface SmsDeps {
  store: SmsStore;
  contacts: ContactDeps;
  newId: () => string;
}

/** What we read from Twilio's webhook parameters. */
export const InboundSmsSchema = z.object({
  MessageSid: z.string().check(z.regex(/^[A-Z]{2}[0-9a-fA-F]{32}$/)),
  From: z.string().check(z.minLength(1)),
  To: z.optional(z.string()),
  Body: z.string().check(z.trim(), z.minLength(1), z.maxLength(1600)),
});

export interface InboundSms {
  messageSid: string;
  /** The resident's number, E.164. */
  from: string;
  /** The council's number they texted, E.164, when Twilio says. */
  to?: string;
  text: string;
}

/** Twilio's parameters as an inbound text; undefined when it has no sender, no words or no MessageSid. */
export function inboundSms(params: Record<string, string | undefined>): InboundSms | undefined {
  const parsed = InboundSmsSchema.safeParse({ ...params, MessageSid: params.MessageSid ?? params.SmsMessageSid });
  if (!parsed.success) return undefined;
  const from = normalisePhone(parsed.data.From);
  if (!from) return undefined;
  const to = parsed.data.To ? normalisePhone(parsed.data.To) : undefined;
  return { messageSid: parsed.data.MessageSid, from, ...(to ? { to } : {}), text: parsed.data.Body };
}

export class ConversationBusyError extends Error {
  override name = 'ConversationBusyError';
}

const SAVE_ATTEMPTS = 3;

/** The reply to a text from a resident, in plain SMS words (the handler wraps it in TwiML). */
export async function receiveSms(params: Record<string, string | undefined>, deps: SmsDeps): Promise<string> {
  const { catalogue } = deps.contacts;
  const sms = inboundSms(params);
  // Nothing to go on: say so, and write nothing.
  if (!sms) return renderMessage(catalogue, 'sms-didnt-catch', 'sms', {});

  for (let attempt = 0; attempt < SAVE_ATTEMPTS; attempt++) {
    const now = deps.contacts.clock.now();
    const snapshot = await deps.store.load(sms.from, sms.messageSid, now);
    if (snapshot.reply !== undefined) return snapshot.reply;
    const live = snapshot.conversation && !hasExpired(snapshot.conversation.expiresAt, now) ? snapshot.conversation.state : null;

    const action = nextSmsAction(live, sms.text, {
      catalogue,
      ...(sms.to ? { councilNumber: sms.to } : {}),
      ...(snapshot.ratingAsked ? { ratingAsked: snapshot.ratingAsked } : {}),
    });
    const { reply, next, optOut } = await carryOut(action, sms, now, deps);
    const rating: Rating | undefined =
      action.kind === 'rate' && snapshot.ratingAsked
        ? { ...snapshot.ratingAsked, rating: action.rating, at: now.toISOString(), channel: 'sms' }
        : undefined;

    const saved = await deps.store.save({
      phone: sms.from,
      messageSid: sms.messageSid,
      reply,
      at: now,
      ...(snapshot.conversation ? { readVersion: snapshot.conversation.version } : {}),
      next,
      ...(optOut ? { optOut } : {}),
      ...(rating ? { rating } : {}),
    });
    if (saved === 'saved') return reply;
    if (saved === 'duplicate') return (await deps.store.findReply(sms.messageSid)) ?? reply;
    // 'conflict': another text from this resident moved the conversation on meanwhile; decide again.
  }
  throw new ConversationBusyError(`the conversation kept changing while message ${sms.messageSid} was handled`);
}

async function carryOut(
  action: SmsAction,
  sms: InboundSms,
  now: Date,
  deps: SmsDeps,
): Promise<{ reply: string; next: NextConversation; optOut?: 'out' | 'in' }> {
  switch (action.kind) {
    case 'reply':
      return { reply: action.message, next: action.next };
    case 'opt-out':
      return { reply: action.message, next: 'end', optOut: 'out' };
    case 'opt-in':
      return { reply: action.message, next: 'keep', optOut: 'in' };
    case 'rate':
      return { reply: action.message, next: 'keep' };
    case 'accept': {
      const contact: Contact = {
        id: deps.newId(),
        channel: 'sms',
        // The text that completed the contact: Twilio's retry of it finds the same contact.
        providerId: sms.messageSid,
        receivedAt: now.toISOString(),
        text: action.contact.text,
        ...(action.contact.serviceId ? { serviceId: action.contact.serviceId } : {}),
        resident: { phone: sms.from },
        ...(action.contact.details && Object.keys(action.contact.details).length ? { details: action.contact.details } : {}),
      };
      const outcome = await acceptContact(contact, deps.contacts, action.decision);
      return { reply: outcome.message, next: conversationAfter(action, outcome, deps.contacts.catalogue) };
    }
  }
}

/** What to say when handling a text failed unexpectedly (the webhook still answers TwiML). */
export function smsApology(deps: Pick<SmsDeps, 'contacts'>): string {
  return renderMessage(deps.contacts.catalogue, 'sms-try-again', 'sms', {});
}
