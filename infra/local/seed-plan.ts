// The seeded month's plan, decided purely from a seed and "now": who the residents are, and the
// first contact of each thing they need (a report, a question, an emergency, a wish to talk to a
// person), on which route and when. infra/local/seed.ts runs it through the channels' own code.
// Random numbers come from a hash of the seed, so the same seed and "now" give the same month.
import { createHash } from 'node:crypto';
import { catalogue } from '#catalogue/index';
import { isOfferedOverOpen311 } from '#channels/open311/georeport';
import { addDays, londonInstant, londonTimeOf, type LocalDate } from '#domain/calendar';
import { assessCase } from '#domain/case';
import type { FailureKind } from '#domain/failure-demand';
import { referenceFromRandom } from '#domain/reference';
import { startSla } from '#domain/sla';
import * as words from './seed-data.ts';

export const DEFAULT_SEED = 'frontdoor-demo-month';
/** The month: this many days, ending now. */
export const DAYS = 30;
const RESIDENTS = 120;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// ---- Random numbers, from a hash: the same seed gives the same month ----------------------------

export class SeededRandom {
  private block = Buffer.alloc(0);
  private offset = 0;
  private counter = 0;

  constructor(private readonly key: string) {}

  byte(): number {
    if (this.offset >= this.block.length) {
      this.block = createHash('sha256').update(`${this.key}#${this.counter++}`).digest();
      this.offset = 0;
    }
    return this.block[this.offset++]!;
  }

  /** A number in [0, 1). */
  next(): number {
    return ((this.byte() << 16) | (this.byte() << 8) | this.byte()) / 2 ** 24;
  }

  /** A whole number from min to max, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]!;
  }

  /** One key of the weights, each as likely as its weight. */
  weighted<K extends string>(weights: Readonly<Partial<Record<K, number>>>): K {
    const entries = Object.entries(weights) as Array<[K, number]>;
    let left = this.next() * entries.reduce((sum, [, w]) => sum + w, 0);
    for (const [key, weight] of entries) {
      left -= weight;
      if (left < 0) return key;
    }
    return entries[entries.length - 1]![0];
  }

  shuffle<T>(list: readonly T[]): T[] {
    const out = [...list];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }

  hex(length: number): string {
    let out = '';
    while (out.length < length) out += this.byte().toString(16).padStart(2, '0');
    return out.slice(0, length);
  }

  uuid(): string {
    const h = this.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[this.byte() % 4]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  /** A case reference as the platform issues them (with a digit). */
  reference(): string {
    for (;;) {
      const reference = referenceFromRandom(() => this.byte());
      if (/\d/.test(reference)) return reference;
    }
  }
}

// ---- The plan: residents and what each of them needs -------------------------------------------

/** How a contact arrives: the five channels, with phone calls either to the phone line or taken by an adviser. */
export type Route = 'web' | 'sms' | 'voice' | 'open311' | 'face_to_face' | 'adviser_phone';
export type Fate = 'in-time' | 'late' | 'open' | 'awaiting' | 'reroute' | 'return';

export interface Home {
  line: string;
  street: string;
  postcode: string;
  lat: number;
  lng: number;
}

export interface ResidentPlan {
  index: number;
  first: string;
  last: string;
  phone?: string;
  email?: string;
  home: Home;
}

export type Need =
  | { kind: 'report'; service: string; text: string; place: string; fate: Fate; chases: Route[]; rating?: number }
  | { kind: 'question'; service: string; text: string }
  | { kind: 'emergency'; text: string; place: string }
  | { kind: 'adviser'; text: string };

export interface Episode {
  resident: number;
  route: Route;
  at: Date;
  need: Need;
}

/** Rough centres of the catalogue's postcodes (Northampton), for Open311 reports' coordinates. */
const POSTCODE_CENTRES: Record<string, [number, number]> = {
  'NN1 4TQ': [52.2412, -0.8804],
  'NN2 6LR': [52.2651, -0.9032],
  'NN3 2HA': [52.2718, -0.8605],
  'NN4 8DX': [52.2189, -0.9011],
  'NN5 7BJ': [52.2437, -0.9367],
};

/** Reports the teams get most of (the rest once or twice each): plenty of bins for the waste team. */
const COMMON_REPORTS: Record<string, number> = {
  'missed-bin': 26,
  'fly-tipping': 8,
  pothole: 8,
  'street-light-fault': 6,
  'housing-repair': 6,
  noise: 5,
  'assisted-collection': 3,
  'dog-fouling': 3,
  graffiti: 3,
  'illegal-parking': 3,
  'abandoned-vehicle': 3,
  'council-tax': 3,
  'blocked-drain': 3,
  'tree-problem': 3,
  'overgrown-vegetation': 3,
  'anti-social-behaviour': 3,
  complaint: 2,
};

function plainAscii(text: string): string {
  return text.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase();
}

/** The first three residents, whose stories the console shows end to end (planMonth). */
const KNOWN_RESIDENTS: Array<{ first: string; last: string; email: boolean }> = [
  { first: 'Margaret', last: 'Lloyd', email: false },
  { first: 'Kwame', last: 'Mensah', email: true },
  { first: 'Agnieszka', last: 'Nowak', email: true },
];

function planResidents(rng: SeededRandom): ResidentPlan[] {
  const rounds = catalogue.allBinRounds;
  const numbers = rng.shuffle(Array.from({ length: 1000 }, (_, i) => i));
  const names = new Set<string>();
  const residents: ResidentPlan[] = [];
  while (residents.length < RESIDENTS) {
    const known = KNOWN_RESIDENTS[residents.length];
    const first = known?.first ?? rng.pick(words.FIRST_NAMES);
    const last = known?.last ?? rng.pick(words.LAST_NAMES);
    if (names.has(`${first} ${last}`)) continue;
    names.add(`${first} ${last}`);
    const round = rng.pick(rounds);
    const street = rng.pick(round.streets);
    const [lat, lng] = POSTCODE_CENTRES[round.postcode] ?? [52.24, -0.9];
    const hasPhone = known ? true : rng.chance(0.88);
    const hasEmail = known ? known.email : !hasPhone || rng.chance(0.5);
    const domain = rng.chance(0.6) ? 'example.com' : 'example.org';
    const email = rng.chance(0.7)
      ? `${plainAscii(first)}.${plainAscii(last)}@${domain}`
      : `${plainAscii(first)}${plainAscii(last).slice(0, 1)}${rng.int(50, 99)}@${domain}`;
    residents.push({
      index: residents.length,
      first,
      last,
      // Ofcom's drama range: 07700 900000 to 900999.
      ...(hasPhone ? { phone: `+447700900${String(numbers[residents.length]).padStart(3, '0')}` } : {}),
      ...(hasEmail ? { email } : {}),
      home: { line: `${rng.int(1, 96)} ${street}, ${round.postcode}`, street, postcode: round.postcode, lat, lng },
    });
  }
  return residents;
}

export const fill = (text: string, values: Record<string, string>) => text.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '');

function reportNeed(rng: SeededRandom, service: string, fate?: Fate): Extract<Need, { kind: 'report' }> {
  const place = rng.pick(words.STREET_SPOTS);
  return {
    kind: 'report',
    service,
    text: fill(rng.pick(words.REPORTS[service]!), { place }),
    place,
    fate: fate ?? rng.weighted<Fate>({ 'in-time': 55, late: 17, open: 14, awaiting: 6, reroute: words.REROUTES[service] ? 5 : 0, return: 3 }),
    chases: [],
  };
}

/** A time on a London date when residents use this route; the staffed ones only when the council is open. */
function timeOn(rng: SeededRandom, date: LocalDate, route: Route): Date {
  const staffed = route === 'face_to_face' || route === 'adviser_phone';
  const hour = staffed ? rng.int(8, 16) : route === 'voice' ? rng.pick([8, 9, 9, 10, 10, 11, 12, 13, 14, 14, 15, 16, 17, 18, 19]) : rng.int(7, 22);
  const at = londonInstant(date, `${String(hour).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}`);
  return staffed ? catalogue.calendar.nextOpening(at) : at;
}

/** A day of the month, weekdays more than weekends, Mondays most. */
function dayOf(rng: SeededRandom, today: LocalDate): LocalDate {
  for (;;) {
    const date = addDays(today, -rng.int(0, DAYS - 1));
    const weekday = londonTimeOf(londonInstant(date, '12:00')).weekday;
    const weight = weekday === 'sunday' ? 0.25 : weekday === 'saturday' ? 0.35 : weekday === 'monday' ? 1 : 0.8;
    if (rng.chance(weight)) return date;
  }
}

/**
 * A moment when a report of this service, arriving by this route, is at risk at `now` (past its
 * warning point, not yet due): found by trying earlier and earlier times.
 */
function atRiskMoment(service: string, text: string, route: Route, now: Date): Date | undefined {
  const policy = assessCase(catalogue.service(service)!, text).sla;
  for (let at = new Date(now.getTime() - 2 * HOUR); now.getTime() - at.getTime() < DAYS * DAY; at = new Date(at.getTime() - 20 * MINUTE)) {
    const staffed = route === 'face_to_face' || route === 'adviser_phone';
    const hour = londonTimeOf(at).minutes / 60;
    if (staffed ? !catalogue.calendar.isOpen(at) : hour < 7 || hour > 22) continue;
    const sla = startSla(policy, catalogue.calendar, at);
    if (Date.parse(sla.warnAt) <= now.getTime() - 10 * MINUTE && Date.parse(sla.dueAt) >= now.getTime() + HOUR) return at;
  }
  return undefined;
}

function planMonth(rng: SeededRandom, residents: ResidentPlan[], now: Date): Episode[] {
  const today = londonTimeOf(now).date;
  const needs: Need[] = [];
  for (const service of Object.keys(words.REPORTS)) needs.push(reportNeed(rng, service));
  for (const [service, times] of Object.entries(COMMON_REPORTS)) for (let i = 1; i < times; i++) needs.push(reportNeed(rng, service));
  for (const [service, texts] of Object.entries(words.QUESTIONS)) {
    for (let i = 0; i < (service === 'bin-day' || service === 'recycling-advice' ? 7 : service === 'council-opening-hours' ? 5 : 3); i++) {
      needs.push({ kind: 'question', service, text: rng.pick(texts) });
    }
  }
  for (const text of words.EMERGENCIES) needs.push({ kind: 'emergency', text, place: rng.pick(words.STREET_SPOTS) });
  for (let i = 0; i < 6; i++) needs.push({ kind: 'adviser', text: rng.pick(words.ADVISER_REQUESTS) });

  // Chases: some residents come back about a case that is late or still open, on another channel.
  for (const need of needs) {
    if (need.kind !== 'report') continue;
    const chaseChance = need.fate === 'late' || need.fate === 'open' ? 0.5 : need.fate === 'awaiting' ? 0.3 : 0.06;
    if (rng.chance(chaseChance)) need.chases.push(rng.weighted<Route>({ sms: 4, voice: 3, face_to_face: 2, web: 1 }));
    if (need.chases.length && rng.chance(0.25)) need.chases.push(rng.weighted<Route>({ voice: 2, face_to_face: 2 }));
  }

  const routeFor = (need: Need, resident: ResidentPlan): Route => {
    const route =
      need.kind === 'report'
        ? rng.weighted<Route>({
            voice: 20,
            web: 27,
            sms: 15,
            open311: isOfferedOverOpen311(catalogue.service(need.service)!) && !words.AT_HOME.has(need.service) ? 35 : 0,
            face_to_face: 12,
            adviser_phone: 13,
          })
        : need.kind === 'question'
          ? rng.weighted<Route>({ voice: 30, web: 20, sms: 20, face_to_face: 15, adviser_phone: 15 })
          : need.kind === 'emergency'
            ? rng.weighted<Route>({ voice: 4, sms: 2, web: 1, face_to_face: 1 })
            : rng.weighted<Route>({ voice: 3, sms: 2, web: 1 });
    if (!resident.phone && (route === 'sms' || route === 'voice')) return 'web';
    return route;
  };

  // Everyone has something; a third of the residents come back with more.
  const order = rng.shuffle(needs);
  const episodes: Episode[] = [];
  order.forEach((need, i) => {
    const resident = i < residents.length ? residents[i]! : residents[rng.chance(0.7) ? rng.int(0, 39) : rng.int(0, residents.length - 1)]!;
    const route = routeFor(need, resident);
    // A time later today than now goes to an earlier day: every need planned is in the month.
    let date = dayOf(rng, today);
    let at = timeOn(rng, date, route);
    while (at.getTime() >= now.getTime()) at = timeOn(rng, (date = addDays(date, -1)), route);
    episodes.push({ resident: resident.index, route, at, need });
  });

  // A few cases at risk right now, whatever day it is, so the worklists show one.
  for (const [service, route] of [
    ['missed-bin', 'web'],
    ['missed-bin', 'voice'],
    ['housing-repair', 'face_to_face'],
    ['pothole', 'web'],
    ['tree-problem', 'web'],
    ['street-light-fault', 'voice'],
  ] as Array<[string, Route]>) {
    const need = reportNeed(rng, service, 'open');
    const resident = residents[rng.int(3, residents.length - 1)]!;
    const at = atRiskMoment(service, need.text, route, now);
    if (at) episodes.push({ resident: resident.index, route: resident.phone || route !== 'voice' ? route : 'web', at, need });
  }

  // Three residents the console can show end to end: the same person by phone, text, web and at the desk.
  const back = (days: number, time: string) => londonInstant(addDays(today, -days), time);
  const opening = (days: number, time: string) => catalogue.calendar.nextOpening(back(days, time));
  const question = (service: string): Need => ({ kind: 'question', service, text: words.QUESTIONS[service]![0]! });
  const report = (service: string, fate: Fate, more: Partial<Extract<Need, { kind: 'report' }>> = {}): Need => ({
    ...reportNeed(rng, service, fate),
    text: words.REPORTS[service]![0]!,
    ...more,
  });
  const [margaret, kwame, agnieszka] = residents.slice(0, KNOWN_RESIDENTS.length).map((r) => r.index) as [number, number, number];
  episodes.push(
    { resident: margaret, route: 'voice', at: back(13, '10:05'), need: report('missed-bin', 'late', { chases: ['voice', 'face_to_face'], rating: 2 }) },
    { resident: margaret, route: 'voice', at: back(4, '09:40'), need: question('bin-day') },
    { resident: margaret, route: 'face_to_face', at: opening(2, '11:00'), need: question('blue-badge') },
    { resident: kwame, route: 'sms', at: back(20, '19:12'), need: report('fly-tipping', 'in-time', { rating: 5 }) },
    { resident: kwame, route: 'web', at: back(11, '21:30'), need: report('pothole', 'open', { chases: ['sms'] }) },
    { resident: kwame, route: 'adviser_phone', at: opening(3, '10:20'), need: report('council-tax', 'open', { place: '' }) },
    { resident: agnieszka, route: 'web', at: back(9, '08:15'), need: report('housing-repair', 'awaiting', { chases: ['sms', 'face_to_face'] }) },
  );
  return episodes.filter((e) => e.at.getTime() < now.getTime()).sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** The month's residents and the first contact of each thing they need, in time order. */
export function planDemoMonth(seed: string, now: Date): { residents: ResidentPlan[]; episodes: Episode[] } {
  const rng = new SeededRandom(`${seed}:plan`);
  const residents = planResidents(rng);
  return { residents, episodes: planMonth(rng, residents, now) };
}

// ---- What an adviser hears as failure demand ------------------------------------------------------

/** Services where "wrong" means the council got something wrong for the resident (a bill, a fine). */
const BILLED = new Set(['council-tax', 'business-rates', 'benefits', 'parking-fine', 'rent']);

/**
 * The kind of failure demand an adviser who reads or hears these words would mark, when the
 * platform did not link them to an open case: a complaint about how a contact went, a bill to put
 * right, a resident chasing or telling us again; undefined for value demand.
 */
export function failureKindHeard(service: string, text: string): FailureKind | undefined {
  if (service === 'complaint') return 'complaining';
  if (BILLED.has(service) && /\bwrong\b/i.test(text)) return 'correcting';
  if (/still waiting|promised|\bchas(e|ing)\b|nobody (has )?(called|come|came)/i.test(text)) return 'chasing';
  if (/\bagain\b|second time|three times|\balready\b/i.test(text)) return 'repeating';
  return undefined;
}
