// One resident across channels: found by their phone number (any spelling), email (any case), a
// case reference or their name, and their contacts and cases together on one timeline, newest
// first, whichever channel they used. A resident is their customerKey (PHONE#<E.164>, else
// EMAIL#<address>): what every channel records with their contacts and cases.
import { customerKeyOf, type Case, type CaseStatus } from '#domain/case';
import type { BusinessCalendar } from '#domain/calendar';
import type { Clock } from '#domain/clock';
import type { Channel, Contact, ResidentDetails } from '#domain/contact';
import type { Priority } from '#domain/catalogue';
import type { ContactOutcome } from '#domain/outcome';
import { normaliseReference } from '#domain/reference';
import { nameWords, normaliseEmail, normalisePhoneLoosely } from '#domain/resident';
import type { DecisionKind } from '#domain/routing';
import type { FailureDemandMark } from '#domain/failure-demand';
import type { MarkedContact } from './failure-demand.ts';
import { viewSlaClock, type SlaOutcomeState } from '#domain/sla';
import { summarise } from '#domain/text';

/** A contact (with an adviser's mark of failure demand, when it has one) or a case of a resident, as recorded. */
export type ResidentRecord = ({ kind: 'contact' } & MarkedContact) | { kind: 'case'; case: Case };

/** Who a resident said they were on one record: enough to know them by (and count their contacts). */
export interface ResidentMention {
  kind: 'contact' | 'case';
  at: string;
  resident: ResidentDetails;
}

/** A resident whose recorded name has a word (the name index). */
export interface NameMatch {
  customerKey: string;
  /** The whole name as last recorded with that word. */
  name: string;
  /** When a contact last recorded it. */
  seenAt: string;
}

export interface ResidentStore {
  /** The resident's contacts and cases, newest first, at most `limit`. */
  recordsOf(customerKey: string, limit: number): Promise<ResidentRecord[]>;
  /** Every contact and case of the resident, newest first, with only who they said they were. */
  mentionsOf(customerKey: string): Promise<ResidentMention[]>;
  /** Residents with this word (as nameWords gives it) in their recorded name, most recently seen first. */
  residentsNamed(word: string, limit: number): Promise<NameMatch[]>;
  /** Residents known by their phone number who gave this email address too (their keys), most recently first. */
  residentsWithEmail(email: string, limit: number): Promise<string[]>;
}

export interface ResidentDeps {
  residents: ResidentStore;
  cases: { getCase(reference: string): Promise<Case | undefined> };
  catalogue: { calendar: BusinessCalendar };
  clock: Clock;
}

export class ResidentQueryError extends Error {
  override name = 'ResidentQueryError';
}

export class ResidentNotFoundError extends Error {
  override name = 'ResidentNotFoundError';
}

// ---- What was typed into the search box --------------------------------------------------------

export type ResidentQuery =
  | { kind: 'phone'; phone: string }
  | { kind: 'email'; email: string }
  | { kind: 'reference'; reference: string }
  | { kind: 'name'; words: string[] };

const MAX_QUERY_LENGTH = 200;
/** The name words searched at most (each is one index query). */
const MAX_SEARCHED_WORDS = 4;

/**
 * What someone is searching for: an email (it has an @), a phone number (digits, with any spaces,
 * brackets, dashes or +44), a case reference (as the reference module reads one; every issued
 * reference has a digit), else a name (2 letters or more).
 */
export function readResidentQuery(q: string): ResidentQuery {
  const text = q.trim();
  if (!text) throw new ResidentQueryError('search for a phone number, an email address, a case reference or a name');
  if (text.length > MAX_QUERY_LENGTH) throw new ResidentQueryError(`a search is at most ${MAX_QUERY_LENGTH} characters`);
  if (text.includes('@')) {
    const email = normaliseEmail(text);
    if (!email) throw new ResidentQueryError(`'${text}' is not an email address`);
    return { kind: 'email', email };
  }
  const reference = normaliseReference(text);
  const isReference = reference !== undefined && /\d/.test(reference);
  if (/^[+\d(][\d\s().+-]*$/.test(text)) {
    const phone = normalisePhoneLoosely(text);
    if (phone) return { kind: 'phone', phone };
    if (isReference) return { kind: 'reference', reference };
    throw new ResidentQueryError(`'${text}' is not a phone number`);
  }
  if (isReference) return { kind: 'reference', reference };
  const words = nameWords(text);
  if (!words.length) throw new ResidentQueryError('give at least 2 letters of a name (or a phone number, an email address or a case reference)');
  return { kind: 'name', words };
}

// ---- Finding residents -------------------------------------------------------------------------

export interface ResidentSummary {
  key: string;
  name?: string;
  phone?: string;
  email?: string;
  lastContactAt: string;
  contacts: number;
}

export interface ResidentSearch {
  query: string;
  kind: ResidentQuery['kind'];
  residents: ResidentSummary[];
  /** A reference search that found a case (with a resident or without: an anonymous report). */
  case?: { reference: string };
}

/** The most residents one search answers with. */
export const MAX_RESIDENTS = 20;
/** Name-index entries read per word: the residents most recently seen with it. */
const NAME_MATCHES_PER_WORD = 100;

/** The newest value of each detail the resident gave, over their records (newest first). */
function detailsFrom(key: string, mentions: ReadonlyArray<{ resident: ResidentDetails }>): ResidentDetails {
  const details: ResidentDetails = {};
  for (const { resident } of mentions) {
    for (const field of ['name', 'phone', 'email', 'address'] as const) {
      if (details[field] === undefined && resident[field]) details[field] = resident[field];
    }
  }
  // The key is how every record found them: it wins over an older detail.
  if (key.startsWith('PHONE#')) details.phone = key.slice('PHONE#'.length);
  if (key.startsWith('EMAIL#')) details.email = key.slice('EMAIL#'.length);
  return details;
}

async function summaryOf(key: string, store: ResidentStore): Promise<ResidentSummary | undefined> {
  const mentions = await store.mentionsOf(key);
  if (!mentions.length) return undefined;
  const contacts = mentions.filter((m) => m.kind === 'contact');
  const { name, phone, email } = detailsFrom(key, mentions);
  return {
    key,
    ...(name ? { name } : {}),
    ...(phone ? { phone } : {}),
    ...(email ? { email } : {}),
    lastContactAt: (contacts[0] ?? mentions[0]!).at,
    contacts: contacts.length,
  };
}

async function summariesOf(keys: string[], store: ResidentStore): Promise<ResidentSummary[]> {
  const found = (await Promise.all(keys.map((key) => summaryOf(key, store)))).filter((s) => s !== undefined);
  return found.sort((a, b) => b.lastContactAt.localeCompare(a.lastContactAt)).slice(0, MAX_RESIDENTS);
}

/** Residents whose recorded name has every word given (whole words, any order, any case). */
async function residentsNamed(words: string[], store: ResidentStore): Promise<string[]> {
  const searched = [...words].sort((a, b) => b.length - a.length).slice(0, MAX_SEARCHED_WORDS);
  const matches = (await Promise.all(searched.map((word) => store.residentsNamed(word, NAME_MATCHES_PER_WORD)))).flat();
  const keys = new Map<string, string>();
  for (const match of matches.sort((a, b) => b.seenAt.localeCompare(a.seenAt))) {
    const has = new Set(nameWords(match.name));
    if (words.every((word) => has.has(word)) && !keys.has(match.customerKey)) keys.set(match.customerKey, match.seenAt);
  }
  return [...keys.keys()].slice(0, MAX_RESIDENTS);
}

export async function findResidents(q: string, deps: Pick<ResidentDeps, 'residents' | 'cases'>): Promise<ResidentSearch> {
  const query = readResidentQuery(q);
  const answer = (residents: ResidentSummary[], extra: Partial<ResidentSearch> = {}): ResidentSearch => ({
    query: q.trim(),
    kind: query.kind,
    residents,
    ...extra,
  });
  switch (query.kind) {
    case 'phone':
      return answer(await summariesOf([customerKeyOf({ phone: query.phone })!], deps.residents));
    case 'email': {
      // Known by that address, or known by a phone number and gave that address too.
      const byPhone = await deps.residents.residentsWithEmail(query.email, MAX_RESIDENTS);
      return answer(await summariesOf([...new Set([customerKeyOf({ email: query.email })!, ...byPhone])], deps.residents));
    }
    case 'reference': {
      const kase = await deps.cases.getCase(query.reference);
      if (!kase) return answer([]);
      const residents = kase.customerKey ? await summariesOf([kase.customerKey], deps.residents) : [];
      return answer(residents, { case: { reference: kase.reference } });
    }
    case 'name':
      return answer(await summariesOf(await residentsNamed(query.words, deps.residents), deps.residents));
  }
}

// ---- One resident's timeline -------------------------------------------------------------------

export type TimelineEntry =
  | {
      kind: 'contact';
      at: string;
      channel: Channel;
      /** The channel's own id for the contact: with the channel, what names it (to mark it as failure demand). */
      providerId: string;
      decision: DecisionKind;
      service: { id: string; name: string };
      /** The resident's words, at most SUMMARY_LENGTH characters. */
      summary: string;
      reference?: string;
      repeatOf?: string;
      firstContactResolved: boolean;
      /** The adviser who took it (their username), for a contact taken in the console. */
      takenBy?: string;
      /** An adviser's mark of failure demand. */
      failureDemand?: FailureDemandMark;
      /** The platform counted it as a repeat of an open case (failure demand, whatever the mark). */
      countedAsRepeat: boolean;
    }
  | {
      kind: 'case';
      at: string;
      reference: string;
      status: CaseStatus;
      service: { id: string; name: string };
      teamId: string;
      priority: Priority;
      dueAt: string;
      slaState: SlaOutcomeState;
      repeatContacts: number;
    };

export interface Timeline {
  resident: ResidentDetails & { key: string };
  entries: TimelineEntry[];
}

/** The newest records a timeline shows. */
export const TIMELINE_LENGTH = 200;
export const SUMMARY_LENGTH = 200;

export { summarise };

export function timelineEntry(record: ResidentRecord, calendar: BusinessCalendar, now: Date): TimelineEntry {
  if (record.kind === 'case') {
    const c = record.case;
    return {
      kind: 'case',
      at: c.createdAt,
      reference: c.reference,
      status: c.status,
      service: { id: c.serviceId, name: c.serviceName },
      teamId: c.teamId,
      priority: c.priority,
      dueAt: c.sla.dueAt,
      slaState: viewSlaClock(c.sla, calendar, now, c.resolvedAt ? { resolvedAt: c.resolvedAt, ...(c.slaMet !== undefined ? { slaMet: c.slaMet } : {}) } : undefined).state,
      repeatContacts: c.repeatContacts,
    };
  }
  const { contact, outcome, failureDemand } = record;
  return {
    kind: 'contact',
    at: contact.receivedAt,
    channel: contact.channel,
    providerId: contact.providerId,
    decision: outcome.decision,
    service: outcome.service,
    summary: summarise(contact.text, SUMMARY_LENGTH),
    ...(outcome.reference ? { reference: outcome.reference } : {}),
    ...(outcome.repeatOf ? { repeatOf: outcome.repeatOf } : {}),
    firstContactResolved: outcome.firstContactResolved,
    ...(contact.takenBy ? { takenBy: contact.takenBy.adviserId } : {}),
    ...(failureDemand ? { failureDemand } : {}),
    countedAsRepeat: Boolean(outcome.repeatOf),
  };
}

const recordAt = (record: ResidentRecord) => (record.kind === 'case' ? record.case.createdAt : record.contact.receivedAt);

/** Everything one resident has been in touch about, newest first; ResidentNotFoundError when nobody has that key. */
export async function residentTimeline(key: string, deps: Pick<ResidentDeps, 'residents' | 'catalogue' | 'clock'>): Promise<Timeline> {
  if (!/^(PHONE|EMAIL)#./.test(key)) throw new ResidentQueryError(`'${key}' is not a resident's key (PHONE#<number> or EMAIL#<address>)`);
  const records = await deps.residents.recordsOf(key, TIMELINE_LENGTH);
  if (!records.length) throw new ResidentNotFoundError('we have no contact or case from that resident');
  const now = deps.clock.now();
  const sorted = [...records].sort((a, b) => recordAt(b).localeCompare(recordAt(a)));
  const resident = detailsFrom(
    key,
    sorted.map((r) => ({ resident: r.kind === 'case' ? r.case.resident : r.contact.resident })),
  );
  return { resident: { key, ...resident }, entries: sorted.map((r) => timelineEntry(r, deps.catalogue.calendar, now)) };
}
