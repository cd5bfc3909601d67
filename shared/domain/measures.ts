// The measures the council manages by (docs/measures.md), kept as counters while records change:
// what one change to one record adds to which counter (write side), and what a set of counters
// says when read back (read side). Pure: the table stream, the keys and the reads are elsewhere.
//
// Every daily increment is attributed to the Europe/London date of the moment it counts (a
// contact's receipt, a case's opening, resolution or SLA mark, a rating) and to that record's
// channel, service and team; so one increment lands on up to four counter items of that day:
// `all`, `channel`, `service` and `team`. The gauges (cases open, at risk, in breach per team)
// are not daily: each change adds the difference between the case's state after and before.
//
// Routing quality: a contact an adviser took where routing had made a choice and the adviser chose
// another service counts as overridden, for the service routing suggested (the one it got wrong);
// a case's first reroute to another service counts as rerouted, for the service it came from.
// Each counts again, as overridden or rerouted into, for the service the correction chose.
import { addDays, londonTimeOf } from './calendar.ts';
import type { Channel } from './contact.ts';
import { COUNTED_FAILURE_KINDS, countedFailureKind, FAILURE_KINDS, type CountedFailureKind } from './failure-demand.ts';
import { UnreadableItemError } from './item-change.ts';
import { periodsBetween, type Interval } from './periods.ts';
import { redactPersonalData } from './redaction.ts';
import type { DecisionKind } from './routing.ts';
import * as z from './schema.ts';
import { summarise as cutWords } from './text.ts';

export const DIMENSIONS = ['all', 'channel', 'service', 'team'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const GROUP_BYS = ['day', 'service', 'team', 'channel'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

/** The breakdowns a focus may name: one service's, team's or channel's own counters. */
export const FOCUS_DIMENSIONS = ['service', 'team', 'channel'] as const;
export type FocusDimension = (typeof FOCUS_DIMENSIONS)[number];

/** One service, team or channel whose figures are read alone (its own counter items). */
export interface Focus {
  dimension: FocusDimension;
  value: string;
}

/**
 * The channels residents serve themselves on, with nobody from the council on the other end: the
 * web form, Open311 (FixMyStreet and other apps) and the SMS service (an automated conversation).
 * Phone and face to face are assisted. Channel shift is the move of contacts onto these.
 */
export const SELF_SERVICE_CHANNELS: readonly Channel[] = ['web', 'sms', 'open311'];

export const DECISION_KINDS = ['resolve', 'handoff', 'ask', 'adviser', 'emergency'] as const satisfies readonly DecisionKind[];

/** Upper bounds (hours, inclusive) of the time-to-resolve histogram; one more bucket holds the rest. */
export const RESOLVE_HOURS_BOUNDS = [1, 2, 4, 8, 24, 48, 72, 120, 240, 480] as const;
type ResolveBound = (typeof RESOLVE_HOURS_BOUNDS)[number];
const OVERFLOW_BUCKET = `resolvedOver${RESOLVE_HOURS_BOUNDS[9]}h` as const;
export type ResolveBucket = `resolvedWithin${ResolveBound}h` | typeof OVERFLOW_BUCKET;
/** The histogram's counter names, quickest first. */
export const RESOLVE_BUCKETS: ResolveBucket[] = [
  ...RESOLVE_HOURS_BOUNDS.map((bound): ResolveBucket => `resolvedWithin${bound}h`),
  OVERFLOW_BUCKET,
];

type DecisionCounter = `decision${Capitalize<DecisionKind>}`;

/** The routing decisions that made a choice: an adviser who chose otherwise overrode it (ask and adviser deferred to them). */
export const ROUTING_CHOICES: readonly DecisionKind[] = ['handoff', 'resolve', 'emergency'];

/** The routing-quality counters (docs/measures.md, "Routing quality"). */
export const ROUTING_COUNTERS = ['routingOverridden', 'routingRerouted', 'routingOverriddenInto', 'routingReroutedInto'] as const;
export type RoutingCounter = (typeof ROUTING_COUNTERS)[number];
/** One counter per kind of failure demand: failureRepeat (the platform's), failureChasing, ... */
export type FailureKindCounter = `failure${Capitalize<CountedFailureKind>}`;
export const failureKindCounter = (kind: CountedFailureKind) => `failure${kind[0]!.toUpperCase()}${kind.slice(1)}` as FailureKindCounter;

/** The counters kept per day and dimension item (docs/measures.md defines each). */
export type DailyCounter =
  | 'contacts'
  | 'firstContactResolved'
  | 'repeatContacts'
  | 'failureDemand'
  | FailureKindCounter
  | DecisionCounter
  | 'casesOpened'
  | 'casesResolved'
  | 'slaMet'
  | ResolveBucket
  | 'slaWarned'
  | 'slaBreached'
  | 'ratings'
  | 'ratingSum'
  | RoutingCounter;

/** The gauges kept per team: cases open now, and of those, at risk (warned, not yet breached) and in breach. */
export const GAUGES = ['open', 'atRisk', 'breached'] as const;
export type Gauge = (typeof GAUGES)[number];

export type Counts = Record<string, number>;

/** The partition of the gauges, beside the daily ones (YYYY-MM-DD). */
export const CURRENT = 'CURRENT';

/** One counter item to change: a day's (period YYYY-MM-DD) or the gauges' (period CURRENT). */
export interface CounterUpdate {
  period: string;
  dimension: Dimension;
  value: string;
  /** What to add to each counter (never zero). */
  add: Counts;
}

/** One change to one record, with its images as plain objects (the stream's old and new images). */
export interface RecordChange {
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
}

/** An item of a counted entity that lacks what its measures need: skipped (and logged), never retried. */
export class UnreadableRecordError extends UnreadableItemError {
  override name = 'UnreadableRecordError';
}

/** The entities that move a measure; every other item (outbox, events, conversations, counters) moves none. */
export const COUNTED_ENTITIES = new Set(['contact', 'case', 'rating']);

// Only what the measures read from each item; anything else the item holds is ignored.
const instant = z.iso.datetime({ offset: true });
const name = z.string().check(z.minLength(1));

const ContactImage = z.object({
  contact: z.object({
    id: name,
    channel: name,
    receivedAt: instant,
    // The words and who the resident said they were: only for an example of failure demand.
    text: z.optional(z.string()),
    resident: z.optional(z.object({ name: z.optional(z.string()), address: z.optional(z.string()) })),
  }),
  outcome: z.object({
    decision: z.enum(DECISION_KINDS),
    firstContactResolved: z.boolean(),
    repeatOf: z.optional(z.string()),
    service: z.object({ id: name }),
    teamId: name,
  }),
  /** An adviser's mark (shared/domain/failure-demand.ts). */
  failureDemand: z.optional(z.object({ kind: z.enum(FAILURE_KINDS) })),
  /** How it was routed and, for an adviser's contact, what routing suggested (shared/domain/routing.ts RoutingRecord); absent on older items. */
  routing: z.optional(
    z.object({
      serviceId: name,
      suggested: z.optional(z.object({ kind: z.enum(DECISION_KINDS), serviceId: name })),
    }),
  ),
});

const CaseImage = z.object({
  case: z.object({
    status: name,
    serviceId: name,
    teamId: name,
    channel: name,
    createdAt: instant,
    resolvedAt: z.optional(instant),
    slaMet: z.optional(z.boolean()),
    slaMarks: z.optional(z.object({ warnedAt: z.optional(instant), breachedAt: z.optional(instant) })),
    /** Set by the case's first reroute to another service (shared/domain/case-lifecycle.ts) and kept. */
    firstReroute: z.optional(z.object({ at: instant, fromServiceId: name, fromTeamId: name })),
  }),
});

const RatingImage = z.object({
  rating: z.object({
    reference: name,
    rating: z.number().check(z.int(), z.gte(1), z.lte(5)),
    serviceId: name,
    teamId: name,
    at: instant,
    /** Set when the rating came through a channel worth counting it against. */
    channel: z.optional(name),
  }),
});

type CaseFacts = z.infer<typeof CaseImage>['case'];

function read<T>(schema: z.ZodMiniType<T>, image: Record<string, unknown>, what: string): T {
  const parsed = schema.safeParse(image);
  if (!parsed.success) {
    const problem = parsed.error.issues[0];
    throw new UnreadableRecordError(`${what} item cannot be counted: ${problem?.path.join('.') || '(item)'} ${problem?.message ?? ''}`.trim());
  }
  return parsed.data;
}

/** The Europe/London date of an instant: the day a measure counts on. */
export function londonDay(at: string): string {
  return londonTimeOf(new Date(at)).date;
}

/** The histogram bucket of a time to resolve. */
export function resolveBucketOf(hours: number): ResolveBucket {
  const bound = RESOLVE_HOURS_BOUNDS.find((b) => hours <= b);
  return bound === undefined ? OVERFLOW_BUCKET : `resolvedWithin${bound}h`;
}

/** An increment on a day, attributed to a channel (when known), a service and a team (when known). */
interface DailyFact {
  at: string;
  channel?: string;
  service: string;
  team?: string | undefined;
  add: Partial<Record<DailyCounter, number>>;
}

/** What counting needs beyond the record itself. */
export interface CountContext {
  /**
   * The team of a service (the catalogue's), for an override counted against the service routing
   * suggested: the contact records only the service. Without it, or for a service the catalogue no
   * longer has, the override counts for the council, its channel and the service, not a team.
   */
  teamOf?: (serviceId: string) => string | undefined;
}

type ContactFacts = z.infer<typeof ContactImage>;

/**
 * An adviser overrode routing when it made a choice (not when it asked or passed the contact to an
 * adviser: then it said it was unsure) and the adviser recorded another service.
 */
export function isRoutingOverride(routing: ContactFacts['routing']): boolean {
  const suggested = routing?.suggested;
  return suggested !== undefined && ROUTING_CHOICES.includes(suggested.kind) && suggested.serviceId !== routing!.serviceId;
}

/** What one contact adds to the counters of its day, channel, service and team (and, overridden, to the service routing suggested). */
function contactContribution({ contact, outcome, failureDemand, routing }: ContactFacts, context: CountContext): DailyFact[] {
  const decision = `decision${outcome.decision[0]!.toUpperCase()}${outcome.decision.slice(1)}` as DecisionCounter;
  const failure = countedFailureKind({ repeatOf: outcome.repeatOf, mark: failureDemand });
  const overridden = isRoutingOverride(routing);
  const facts: DailyFact[] = [
    {
      at: contact.receivedAt,
      channel: contact.channel,
      service: outcome.service.id,
      team: outcome.teamId,
      add: {
        contacts: 1,
        [decision]: 1,
        ...(outcome.firstContactResolved ? { firstContactResolved: 1 } : {}),
        ...(outcome.repeatOf ? { repeatContacts: 1 } : {}),
        // At most once per contact, as its one kind: the adviser's, else the platform's repeat.
        ...(failure ? { failureDemand: 1, [failureKindCounter(failure)]: 1 } : {}),
        // The service the adviser chose: demand routing did not recognise as this service's.
        ...(overridden ? { routingOverriddenInto: 1 } : {}),
      },
    },
  ];
  if (overridden) {
    const suggested = routing!.suggested!.serviceId;
    facts.push({ at: contact.receivedAt, channel: contact.channel, service: suggested, team: context.teamOf?.(suggested), add: { routingOverridden: 1 } });
  }
  return facts;
}

const negated = (fact: DailyFact): DailyFact => ({
  ...fact,
  add: Object.fromEntries(Object.entries(fact.add).map(([counter, n]) => [counter, -(n ?? 0)])),
});

function contactFacts(change: RecordChange, context: CountContext): DailyFact[] {
  // Counted as it arrives; a change to it (an adviser's mark of failure demand, a mark changed or
  // cleared) counts the difference between what it adds after and before. Never taken away when
  // it goes: the measures of past days stay as they were.
  if (!change.after) return [];
  const after = contactContribution(read(ContactImage, change.after, 'contact'), context);
  if (!change.before) return after;
  return [...after, ...contactContribution(read(ContactImage, change.before, 'contact'), context).map(negated)];
}

function caseFacts(before: CaseFacts | undefined, after: CaseFacts | undefined): DailyFact[] {
  if (!after) return [];
  const on = (at: string, add: DailyFact['add']): DailyFact => ({ at, channel: after.channel, service: after.serviceId, team: after.teamId, add });
  const facts: DailyFact[] = [];
  if (!before) facts.push(on(after.createdAt, { casesOpened: 1 }));
  // Its first reroute to another service, once (later ones keep it as it was): for the service
  // routing chose and its team, and, corrected into, for the service it went to.
  const rerouted = after.firstReroute;
  if (rerouted && !before?.firstReroute) {
    facts.push({ at: rerouted.at, channel: after.channel, service: rerouted.fromServiceId, team: rerouted.fromTeamId, add: { routingRerouted: 1 } });
    facts.push(on(rerouted.at, { routingReroutedInto: 1 }));
  }
  if (after.status === 'resolved' && before?.status !== 'resolved') {
    if (!after.resolvedAt) throw new UnreadableRecordError('case item is resolved but has no resolvedAt: cannot count its time to resolve');
    const hours = (Date.parse(after.resolvedAt) - Date.parse(after.createdAt)) / 3_600_000;
    facts.push(on(after.resolvedAt, { casesResolved: 1, [resolveBucketOf(hours)]: 1, ...(after.slaMet ? { slaMet: 1 } : {}) }));
  }
  // A mark counts when it appears or changes (a rerouted case starts a new clock and may be marked again).
  const warnedAt = after.slaMarks?.warnedAt;
  if (warnedAt && warnedAt !== before?.slaMarks?.warnedAt) facts.push(on(warnedAt, { slaWarned: 1 }));
  const breachedAt = after.slaMarks?.breachedAt;
  if (breachedAt && breachedAt !== before?.slaMarks?.breachedAt) facts.push(on(breachedAt, { slaBreached: 1 }));
  return facts;
}

/** What one case contributes to its team's gauges: nothing once resolved. */
function gaugesOf(kase: CaseFacts | undefined): { team: string; counts: Record<Gauge, number> } | undefined {
  if (!kase || kase.status === 'resolved') return undefined;
  const breached = kase.slaMarks?.breachedAt ? 1 : 0;
  const atRisk = kase.slaMarks?.warnedAt && !breached ? 1 : 0;
  return { team: kase.teamId, counts: { open: 1, atRisk, breached } };
}

function gaugeUpdates(before: CaseFacts | undefined, after: CaseFacts | undefined): CounterUpdate[] {
  const byTeam = new Map<string, Counts>();
  const apply = (contribution: ReturnType<typeof gaugesOf>, sign: 1 | -1) => {
    if (!contribution) return;
    const counts = byTeam.get(contribution.team) ?? {};
    for (const gauge of GAUGES) counts[gauge] = (counts[gauge] ?? 0) + sign * contribution.counts[gauge];
    byTeam.set(contribution.team, counts);
  };
  apply(gaugesOf(after), 1);
  apply(gaugesOf(before), -1);
  return [...byTeam].flatMap(([team, counts]) => {
    const add = nonZero(counts);
    return Object.keys(add).length ? [{ period: CURRENT, dimension: 'team' as const, value: team, add }] : [];
  });
}

function nonZero(counts: Counts): Counts {
  return Object.fromEntries(Object.entries(counts).filter(([, n]) => n !== 0));
}

/** Fans each daily increment out to its day's `all`, `channel`, `service` and `team` items, one update per item. */
function dailyUpdates(facts: DailyFact[]): CounterUpdate[] {
  const updates = new Map<string, CounterUpdate>();
  for (const fact of facts) {
    const period = londonDay(fact.at);
    const targets: Array<[Dimension, string]> = [
      ['all', 'all'],
      ...(fact.channel ? [['channel', fact.channel] as [Dimension, string]] : []),
      ['service', fact.service],
      ...(fact.team ? [['team', fact.team] as [Dimension, string]] : []),
    ];
    for (const [dimension, value] of targets) {
      const key = `${period}|${dimension}|${value}`;
      const update = updates.get(key) ?? { period, dimension, value, add: {} };
      for (const [counter, n] of Object.entries(fact.add)) update.add[counter] = (update.add[counter] ?? 0) + (n ?? 0);
      updates.set(key, update);
    }
  }
  return [...updates.values()].map((u) => ({ ...u, add: nonZero(u.add) })).filter((u) => Object.keys(u.add).length);
}

/**
 * The counter updates one change to one record causes (none for entities that are not counted).
 * Throws UnreadableRecordError when a counted entity lacks what its measures need.
 */
export function counterUpdates(change: RecordChange, context: CountContext = {}): CounterUpdate[] {
  const entity = (change.after ?? change.before)?.entity;
  switch (entity) {
    case 'contact':
      return dailyUpdates(contactFacts(change, context));
    case 'case': {
      const before = change.before && read(CaseImage, change.before, 'case').case;
      const after = change.after && read(CaseImage, change.after, 'case').case;
      return [...dailyUpdates(caseFacts(before, after)), ...gaugeUpdates(before, after)];
    }
    case 'rating': {
      if (change.before || !change.after) return [];
      const { rating } = read(RatingImage, change.after, 'rating');
      return dailyUpdates([
        {
          at: rating.at,
          ...(rating.channel ? { channel: rating.channel } : {}),
          service: rating.serviceId,
          team: rating.teamId,
          add: { ratings: 1, ratingSum: rating.rating },
        },
      ]);
    }
    default:
      return [];
  }
}

// ---- Examples of failure demand ---------------------------------------------------------------

/** The most characters of a resident's words an example keeps. */
export const EXAMPLE_LENGTH = 200;

/** A contact that is failure demand, in the resident's words with their personal data left out. */
export interface FailureExample {
  serviceId: string;
  /** When the contact came in, and its Europe/London day. */
  at: string;
  day: string;
  contactId: string;
  channel: string;
  kind: CountedFailureKind;
  /** Redacted (shared/domain/redaction.ts), then cut to EXAMPLE_LENGTH characters. */
  words: string;
}

/** An example to write (put: new or changed) or to remove (the contact is no longer failure demand). */
export type ExampleChange = { put: FailureExample } | { remove: Pick<FailureExample, 'serviceId' | 'at' | 'contactId'> };

function exampleOf(image: Record<string, unknown> | undefined): FailureExample | undefined {
  if (!image) return undefined;
  const { contact, outcome, failureDemand } = read(ContactImage, image, 'contact');
  const kind = countedFailureKind({ repeatOf: outcome.repeatOf, mark: failureDemand });
  if (!kind) return undefined;
  const at = new Date(contact.receivedAt).toISOString();
  return {
    serviceId: outcome.service.id,
    at,
    day: londonDay(at),
    contactId: contact.id,
    channel: contact.channel,
    kind,
    words: cutWords(redactPersonalData(contact.text ?? '', contact.resident ?? {}), EXAMPLE_LENGTH),
  };
}

const sameExample = (a: FailureExample, b: FailureExample) => (Object.keys(a) as Array<keyof FailureExample>).every((key) => a[key] === b[key]);
const exampleKey = ({ serviceId, at, contactId }: FailureExample) => ({ serviceId, at, contactId });

/**
 * The examples one change to a contact writes or removes, beside its counters: a contact that
 * becomes failure demand (as it arrives, or marked later) puts its example; a change of kind puts
 * it again; a mark cleared from a contact the platform did not count removes it. Nothing for any
 * other entity, nor for a contact that goes (its counters stay, see contactFacts).
 */
export function exampleChanges(change: RecordChange): ExampleChange[] {
  if ((change.after ?? change.before)?.entity !== 'contact' || !change.after) return [];
  const before = exampleOf(change.before);
  const after = exampleOf(change.after);
  if (!after) return before ? [{ remove: exampleKey(before) }] : [];
  if (before && sameExample(before, after)) return [];
  const moved = before && (before.serviceId !== after.serviceId || before.at !== after.at || before.contactId !== after.contactId);
  return [...(moved ? [{ remove: exampleKey(before) }] : []), { put: after }];
}

// ---- Read side ------------------------------------------------------------------------------

/** A counter item as read back. */
export interface CounterItem {
  period: string;
  dimension: Dimension;
  value: string;
  counts: Counts;
}

export interface HoursBucket {
  /** The bucket holds times over this many hours... */
  over: number;
  /** ...and at most this many; null for the last, open-ended bucket. */
  atMost: number | null;
}

export interface MeasureSummary {
  contacts: number;
  firstContactResolved: number;
  /** firstContactResolved / contacts, a fraction from 0 to 1; null without contacts. */
  firstContactResolutionRate: number | null;
  /** Contacts about a case already open (failure demand). */
  repeatContacts: number;
  /** repeatContacts / contacts, a fraction from 0 to 1; null without contacts. */
  repeatContactShare: number | null;
  /** Contacts that are failure demand: a platform repeat or an adviser's mark, once each. */
  failureDemand: number;
  /** failureDemand / contacts, a fraction from 0 to 1; null without contacts. */
  failureDemandShare: number | null;
  /** Every other contact: contacts - failureDemand. */
  valueDemand: number;
  /** Failure demand by its one kind per contact (the adviser's, else the platform's repeat); they add up to failureDemand. */
  failureDemandByKind: Record<CountedFailureKind, number>;
  decisions: Record<DecisionKind, number>;
  casesOpened: number;
  casesResolved: number;
  slaMet: number;
  /** slaMet / casesResolved, as a percentage from 0 to 100; null when none was resolved. */
  slaMetPercent: number | null;
  /** The histogram bucket that holds the median time to resolve (elapsed hours); null when none was resolved. */
  medianHoursToResolve: HoursBucket | null;
  /** The time-to-resolve histogram itself: cases resolved per bucket. */
  hoursToResolve: Array<HoursBucket & { cases: number }>;
  /** Cases marked at risk, and in breach, by the SLA monitor. */
  slaWarned: number;
  slaBreached: number;
  satisfaction: { ratings: number; averageRating: number | null };
  /** Contacts an adviser recorded under another service than routing chose: counted for the service routing suggested. */
  routingOverridden: number;
  /** Cases rerouted to another service (the first reroute of each): counted for the service they came from, on the day of the reroute. */
  routingRerouted: number;
  /** Routing corrections (routing failure demand): routingOverridden + routingRerouted. */
  routingCorrections: number;
  /**
   * The contacts, each one an adviser overrode counted for the service routing chose rather than
   * the adviser's: contacts - overridden into it + routingOverridden. The same as contacts for the
   * council and for a channel; for a service or team, what the share of corrections is of.
   */
  routedContacts: number;
  /** routingCorrections / routedContacts, a fraction from 0 to 1 (4 decimals); null without any. */
  routingCorrectionShare: number | null;
  /** The same corrections counted for the service (and team) they chose instead: the adviser's, or the one a case was rerouted to. */
  routingCorrectedInto: number;
}

export interface ChannelShare {
  channel: string;
  contacts: number;
  /** Of all contacts in the same period, a fraction from 0 to 1; null when there were none. */
  share: number | null;
}

export interface GaugeSummary {
  open: number;
  atRisk: number;
  breached: number;
}

/** A summary without its time-to-resolve histogram, as each period of a series gives it (the median stays). */
export type PeriodSummary = Omit<MeasureSummary, 'hoursToResolve'>;

/** One period of a series: a day, a week (Monday to Sunday, keyed by its Monday) or a month (YYYY-MM). */
export interface SeriesEntry {
  period: string;
  /** The period's first and last days inside the range (the first and last periods may be partial). */
  from: string;
  to: string;
  totals: PeriodSummary;
  /** The channel mix of the period: every channel seen in the range, with its contacts and share. */
  channels: ChannelShare[];
  /** Contacts on the self-service channels, of all the period's contacts (0–1); null without contacts or channel mix. */
  selfServiceShare: number | null;
  /** With by=service, team or channel: every key seen in the range, in every period (zeros where none). */
  groups?: Array<{ key: string } & PeriodSummary>;
}

export interface MeasuresReport {
  from: string;
  to: string;
  by: GroupBy;
  /** The length of each period of the series. */
  interval: Interval;
  /** Present when the figures are one service's, team's or channel's alone. */
  focus?: Focus;
  totals: MeasureSummary;
  /** Contacts on the self-service channels over the whole range, of all contacts (0–1). */
  selfServiceShare: number | null;
  /** The range period by period, in order. */
  series: SeriesEntry[];
  /** One per day of the range (by=day), or per service, team or channel seen in the range. */
  groups: Array<{ key: string } & MeasureSummary>;
  /** Contacts per channel over the whole range. */
  channels: ChannelShare[];
  /** Each channel's contacts and share, day by day (every channel seen in the range, every day). */
  channelShift: Array<{ day: string; contacts: number; channels: ChannelShare[] }>;
  /** Now, not over the range: per team, cases open, at risk and in breach. */
  current: { teams: Array<{ teamId: string } & GaugeSummary>; totals: GaugeSummary };
}

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;
const ratio = (part: number, whole: number, places = 4) => (whole > 0 ? round(part / whole, places) : null);

export function sumCounts(items: Iterable<Counts>): Counts {
  const total: Counts = {};
  for (const counts of items) for (const [name, n] of Object.entries(counts)) total[name] = (total[name] ?? 0) + n;
  return total;
}

function bucketBounds(index: number): HoursBucket {
  return { over: index === 0 ? 0 : RESOLVE_HOURS_BOUNDS[index - 1]!, atMost: RESOLVE_HOURS_BOUNDS[index] ?? null };
}

/**
 * The bucket that holds the median time to resolve: the bucket of the ⌈n/2⌉-th quickest of n
 * resolved cases (for an even n, the lower of the two middle cases).
 */
export function medianBucket(histogram: number[]): HoursBucket | null {
  const n = histogram.reduce((sum, cases) => sum + cases, 0);
  if (n === 0) return null;
  const rank = Math.ceil(n / 2);
  let seen = 0;
  for (const [index, cases] of histogram.entries()) {
    seen += cases;
    if (seen >= rank) return bucketBounds(index);
  }
  return null;
}

export function summarise(counts: Counts): MeasureSummary {
  const get = (name: DailyCounter) => counts[name] ?? 0;
  const histogram = RESOLVE_BUCKETS.map((bucket) => get(bucket));
  const ratings = get('ratings');
  const routed = Math.max(0, get('contacts') - get('routingOverriddenInto') + get('routingOverridden'));
  return {
    contacts: get('contacts'),
    firstContactResolved: get('firstContactResolved'),
    firstContactResolutionRate: ratio(get('firstContactResolved'), get('contacts')),
    repeatContacts: get('repeatContacts'),
    repeatContactShare: ratio(get('repeatContacts'), get('contacts')),
    failureDemand: get('failureDemand'),
    failureDemandShare: ratio(get('failureDemand'), get('contacts')),
    valueDemand: Math.max(0, get('contacts') - get('failureDemand')),
    failureDemandByKind: Object.fromEntries(COUNTED_FAILURE_KINDS.map((kind) => [kind, get(failureKindCounter(kind))])) as Record<CountedFailureKind, number>,
    decisions: Object.fromEntries(
      DECISION_KINDS.map((kind) => [kind, get(`decision${kind[0]!.toUpperCase()}${kind.slice(1)}` as DecisionCounter)]),
    ) as Record<DecisionKind, number>,
    casesOpened: get('casesOpened'),
    casesResolved: get('casesResolved'),
    slaMet: get('slaMet'),
    slaMetPercent: get('casesResolved') > 0 ? round((100 * get('slaMet')) / get('casesResolved'), 1) : null,
    medianHoursToResolve: medianBucket(histogram),
    hoursToResolve: histogram.map((cases, index) => ({ ...bucketBounds(index), cases })),
    slaWarned: get('slaWarned'),
    slaBreached: get('slaBreached'),
    satisfaction: { ratings, averageRating: ratio(get('ratingSum'), ratings, 2) },
    routingOverridden: get('routingOverridden'),
    routingRerouted: get('routingRerouted'),
    routingCorrections: get('routingOverridden') + get('routingRerouted'),
    routedContacts: routed,
    routingCorrectionShare: ratio(get('routingOverridden') + get('routingRerouted'), routed),
    routingCorrectedInto: get('routingOverriddenInto') + get('routingReroutedInto'),
  };
}

/** Every date from `from` to `to`, inclusive (YYYY-MM-DD). */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}

/** The range asked for: its days, how they are grouped, the period length and an optional focus. */
export interface ReportRange {
  from: string;
  to: string;
  by: GroupBy;
  /** Default 'day'. */
  interval?: Interval;
  /** One service's, team's or channel's counters in place of the whole council's (by must then be 'day'). */
  focus?: Focus | undefined;
}

/** A summary without its histogram (each period of a series). */
export function periodSummary(counts: Counts): PeriodSummary {
  const { hoursToResolve: _histogram, ...rest } = summarise(counts);
  return rest;
}

const sumOf = (items: CounterItem[]) => sumCounts(items.map((i) => i.counts));

/** Each channel's contacts and share of `contacts` (the whole's: the council's, or the focus'). */
function channelShares(channelItems: CounterItem[], channels: string[], contacts: number): ChannelShare[] {
  const byChannel = new Map<string, number>();
  for (const item of channelItems) byChannel.set(item.value, (byChannel.get(item.value) ?? 0) + (item.counts.contacts ?? 0));
  return channels.map((channel) => {
    const n = byChannel.get(channel) ?? 0;
    return { channel, contacts: n, share: ratio(n, contacts) };
  });
}

/** The share of contacts on the self-service channels; null without contacts, or when the channel mix is not known. */
export function selfServiceShareOf(shares: ChannelShare[], contacts: number, mixKnown = true): number | null {
  if (!mixKnown) return null;
  const selfServed = shares.filter((s) => SELF_SERVICE_CHANNELS.includes(s.channel as Channel)).reduce((n, s) => n + s.contacts, 0);
  return ratio(selfServed, contacts);
}

/** Counter items by value, summed: one entry per key. */
function summedByValue(items: CounterItem[]): Map<string, Counts> {
  const byValue = new Map<string, Counts[]>();
  for (const item of items) {
    const counts = byValue.get(item.value);
    if (counts) counts.push(item.counts);
    else byValue.set(item.value, [item.counts]);
  }
  return new Map([...byValue].map(([value, counts]) => [value, sumCounts(counts)]));
}

/**
 * The report over a range of days from that range's counter items (any days outside it are
 * ignored) and the current gauge items. The whole is the council's (`all`) or, with a focus, that
 * service's, team's or channel's own items; counters are kept per single dimension, so a focus
 * has no breakdown by another one, and a service's or team's channel mix is not known.
 */
export function measuresReport(range: ReportRange, dayItems: CounterItem[], gaugeItems: CounterItem[]): MeasuresReport {
  const interval = range.interval ?? 'day';
  const focus = range.focus;
  if (focus && range.by !== 'day') throw new RangeError(`a focus on one ${focus.dimension} cannot be broken down by ${range.by}`);
  const days = daysBetween(range.from, range.to);
  const ofDay = new Map<string, CounterItem[]>(days.map((day) => [day, []]));
  for (const item of dayItems) ofDay.get(item.period)?.push(item);
  const inRange = [...ofDay.values()].flat();
  const itemsOf = (from: string, to: string) => days.filter((day) => day >= from && day <= to).flatMap((day) => ofDay.get(day)!);

  const isWhole = focus
    ? (i: CounterItem) => i.dimension === focus.dimension && i.value === focus.value
    : (i: CounterItem) => i.dimension === 'all';
  // With a focus on a service or a team, its contacts' channels are not counted apart.
  const mixKnown = !focus || focus.dimension === 'channel';
  const isChannelItem = (i: CounterItem) => mixKnown && i.dimension === 'channel' && (!focus || i.value === focus.value);
  const channels = [...new Set(inRange.filter(isChannelItem).map((i) => i.value))].sort();
  const mixOf = (items: CounterItem[]) => {
    const contacts = sumOf(items.filter(isWhole)).contacts ?? 0;
    const shares = channelShares(items.filter(isChannelItem), channels, contacts);
    return { contacts, shares, selfServiceShare: selfServiceShareOf(shares, contacts, mixKnown) };
  };

  let groups: MeasuresReport['groups'];
  const groupKeys = range.by === 'day' ? [] : [...new Set(inRange.filter((i) => i.dimension === range.by).map((i) => i.value))].sort();
  if (range.by === 'day') {
    groups = days.map((day) => ({ key: day, ...summarise(sumOf(ofDay.get(day)!.filter(isWhole))) }));
  } else {
    const summed = summedByValue(inRange.filter((i) => i.dimension === range.by));
    groups = groupKeys.map((key) => ({ key, ...summarise(summed.get(key)!) }));
  }

  const series: SeriesEntry[] = periodsBetween(range.from, range.to, interval).map((period) => {
    const items = itemsOf(period.from, period.to);
    const mix = mixOf(items);
    const entry: SeriesEntry = {
      period: period.key,
      from: period.from,
      to: period.to,
      totals: periodSummary(sumOf(items.filter(isWhole))),
      channels: mix.shares,
      selfServiceShare: mix.selfServiceShare,
    };
    if (range.by !== 'day') {
      const summed = summedByValue(items.filter((i) => i.dimension === range.by));
      entry.groups = groupKeys.map((key) => ({ key, ...periodSummary(summed.get(key) ?? {}) }));
    }
    return entry;
  });

  const teams = gaugeItems
    .filter((item) => item.period === CURRENT && item.dimension === 'team')
    .map((item) => ({
      teamId: item.value,
      open: item.counts.open ?? 0,
      atRisk: item.counts.atRisk ?? 0,
      breached: item.counts.breached ?? 0,
    }))
    .sort((a, b) => a.teamId.localeCompare(b.teamId));

  const overall = mixOf(inRange);
  return {
    from: range.from,
    to: range.to,
    by: range.by,
    interval,
    ...(focus ? { focus } : {}),
    totals: summarise(sumOf(inRange.filter(isWhole))),
    selfServiceShare: overall.selfServiceShare,
    groups,
    series,
    channels: overall.shares,
    channelShift: days.map((day) => {
      const mix = mixOf(ofDay.get(day)!);
      return { day, contacts: mix.contacts, channels: mix.shares };
    }),
    current: {
      teams,
      totals: {
        open: teams.reduce((n, t) => n + t.open, 0),
        atRisk: teams.reduce((n, t) => n + t.atRisk, 0),
        breached: teams.reduce((n, t) => n + t.breached, 0),
      },
    },
  };
}
