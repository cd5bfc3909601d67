// The console API's answers, as the README describes them (every route is
// under /api/console/). Times are ISO strings in UTC.

export type Channel = 'web' | 'phone' | 'sms' | 'face_to_face' | 'open311';
export type Decision = 'resolve' | 'handoff' | 'ask' | 'adviser' | 'emergency';
export type SlaState = 'on-track' | 'at-risk' | 'breached' | 'paused' | 'met' | 'missed';
export type CaseStatus = 'open' | 'accepted' | 'awaiting-resident' | 'resolved' | 'returned-to-csn';
export type Priority = 'low' | 'normal' | 'high' | 'urgent';

export interface Me {
  username: string;
  groups: string[];
  roles: { adviser: boolean; manager: boolean; teams: string[] };
}

export interface RequiredDetail {
  id: string;
  /** The catalogue calls it `question`; either is read. */
  label?: string;
  question?: string;
  kind: 'location' | 'choice' | 'text' | 'date' | 'reference' | string;
  options?: Array<string | { value: string; label: string }>;
  required?: boolean;
}

export interface ServiceOption {
  id: string;
  name: string;
  teamId: string;
  resolvable: boolean;
  requiredDetails: RequiredDetail[];
}

export interface Suggestion {
  decision: Decision;
  service: { id: string; name: string };
  teamId: string;
  confidence: number;
  explanation: string[];
  options: Array<{ serviceId: string; name: string; confidence: number }>;
  /** Words to read out when the contact can be resolved now. */
  answer?: string;
}

export interface ContactOutcome {
  contactId?: string;
  decision: Decision;
  firstContactResolved: boolean;
  service: { id: string; name: string };
  teamId?: string;
  reference?: string;
  repeatOf?: string;
  priority?: Priority;
  dueAt?: string;
  commitment?: string;
  message: string;
}

export interface NewContact {
  channel: 'face_to_face' | 'phone';
  centre?: string;
  description: string;
  service?: string;
  overrideReason?: string;
  resolvedNote?: string;
  resident?: { name?: string; phone?: string; email?: string; address?: string };
  details?: Record<string, string>;
}

export interface TextConfirmation {
  sentTo: string;
  status: string;
}

export interface ResidentMatch {
  key: string;
  name?: string;
  phone?: string;
  email?: string;
  lastContactAt: string;
  contacts: number;
}

export interface ResidentSearch {
  query: string;
  kind: 'phone' | 'email' | 'reference' | 'name';
  residents: ResidentMatch[];
  case?: { reference: string };
}

export interface ContactEntry {
  kind: 'contact';
  at: string;
  channel: Channel;
  decision: Decision;
  service: { id: string; name: string };
  summary: string;
  reference?: string;
  repeatOf?: string;
  firstContactResolved: boolean;
  takenBy?: string;
}

export interface CaseEntry {
  kind: 'case';
  at: string;
  reference: string;
  status: CaseStatus;
  service: { id: string; name: string };
  teamId: string;
  priority: Priority;
  dueAt: string;
  slaState: SlaState;
  repeatContacts: number;
}

export interface ResidentTimeline {
  resident: { key: string; name?: string; phone?: string; email?: string; address?: string };
  entries: Array<ContactEntry | CaseEntry>;
}

export interface CaseRecord {
  reference: string;
  status: CaseStatus;
  version: number;
  serviceId: string;
  serviceName: string;
  teamId: string;
  channel: Channel;
  description: string;
  resident: { name?: string; phone?: string; email?: string; address?: string };
  customerKey?: string;
  details: Record<string, string>;
  priority: Priority;
  sla: { dueAt: string; warnAt: string; startedAt: string };
  routing: { confidence: number; explanation: string[]; modelVersion?: string };
  repeatContacts: number;
  resolvedAt?: string;
  createdAt: string;
  updatedAt: string;
}

export interface CaseEvent {
  reference: string;
  version: number;
  at: string;
  by: string;
  action: string;
  fromStatus: CaseStatus;
  toStatus: CaseStatus;
  detail: Record<string, string>;
}

export type CaseActionName = 'note' | 'further-contact' | 'return-to-team';

export interface CaseView {
  case: CaseRecord;
  clock: SlaClockView;
  events: CaseEvent[];
  contactPreference: { channel: 'sms' | 'email' | 'none'; to?: string };
  allowedActions: CaseActionName[];
}

export type CaseAction =
  | { version: number; action: 'note'; note: string }
  | { version: number; action: 'further-contact'; channel: 'phone' | 'face_to_face'; note: string }
  | { version: number; action: 'return-to-team'; serviceId?: string; reason: string };

export interface FeedEntry {
  at: string;
  channel: Channel;
  decision: Decision;
  service: { id: string; name: string };
  reference?: string;
  repeatOf?: string;
  firstContactResolved: boolean;
  summary: string;
}

export interface Feed {
  asOf: string;
  entries: FeedEntry[];
}

export interface MeasureSummary {
  contacts: number;
  firstContactResolved: number;
  firstContactResolutionRate: number | null;
  repeatContacts: number;
  repeatContactShare: number | null;
  casesOpened: number;
  casesResolved: number;
  slaMetPercent: number | null;
  slaWarned: number;
  slaBreached: number;
}

export interface MeasuresReport {
  from: string;
  to: string;
  by: string;
  totals: MeasureSummary;
  groups: Array<{ key: string } & MeasureSummary>;
  current: { teams: Array<{ teamId: string; open: number; atRisk: number; breached: number }>; totals: { open: number; atRisk: number; breached: number } };
}

/** A case's service-level clock as the console API gives it. */
export interface SlaClockView {
  state: SlaState;
  dueAt: string;
  warnAt: string;
  asOf: string;
  /** Negative once overdue. */
  workingMinutesLeft: number;
  paused: boolean;
}

// ---- Service teams' worklist and actions (issue 10, item 2: teams) ------------------------------

/** A team's lifecycle actions (the service API's, taken by a team's member in the console). */
export type TeamActionName = 'accept' | 'note' | 'await-resident' | 'resume' | 'resolve' | 'reroute' | 'return-to-csn';

export interface CaseView {
  /** The team's actions the case's status allows, for a member of the case's team; none for anyone else. */
  teamActions: TeamActionName[];
}

export interface CaseEvent {
  /** The team a person acted for, when a member of the case's team acted in the console (`by` is their username). */
  team?: string;
}

export type TeamAction = { version: number } & (
  | { action: 'accept' }
  | { action: 'note'; note: string }
  | { action: 'await-resident'; note: string }
  | { action: 'resume'; note?: string }
  | { action: 'resolve'; outcome: string; messageToResident: string }
  | { action: 'reroute'; serviceId: string; reason: string }
  | { action: 'return-to-csn'; reason: string }
);

export interface WorklistCase {
  reference: string;
  service: { id: string; name: string };
  status: CaseStatus;
  priority: Priority;
  createdAt: string;
  dueAt: string;
  slaState: SlaState;
  clock: SlaClockView;
  repeatContacts: number;
  version: number;
  /** Who else has the case open. */
  lookers: Looker[];
}

export interface Worklist {
  team: { id: string; name: string };
  /** Every team the person is in, for switching between their worklists. */
  memberOf: Array<{ id: string; name: string }>;
  asOf: string;
  /** At most this many cases, the soonest due. */
  limit: number;
  /** Soonest due first. */
  cases: WorklistCase[];
}

// ---- Service levels and who else is looking (issue 10, items 1 and 6: the `levels` part) -------

/** Someone with a case open in the console now, and since when. */
export interface Looker {
  username: string;
  since: string;
}

/** PUT /api/console/cases/{reference}/presence */
export interface PresenceAnswer {
  /** Everyone else looking at the case (never the caller), who came first first. */
  others: Looker[];
  ttlSeconds: number;
}

/** GET /api/console/cases/{reference} also says who else has the case open (merged into CaseView above). */
export interface CaseView {
  othersLooking?: Looker[];
}

export interface ServiceLevelFilters {
  team: string | null;
  service: string | null;
  channel: Channel | null;
  priority: Priority | null;
}

export interface LateCase {
  reference: string;
  service: { id: string; name: string };
  teamId: string;
  teamName: string;
  channel: Channel;
  priority: Priority;
  status: CaseStatus;
  createdAt: string;
  dueAt: string;
  slaState: 'at-risk' | 'breached';
  clock: SlaClockView;
  lookers: Looker[];
}

/** GET /api/console/service-levels?team=&service=&channel=&priority= */
export interface ServiceLevels {
  asOf: string;
  filters: ServiceLevelFilters;
  /** Teams with a case at risk or in breach under the other filters (not the team filter), by name. */
  teams: Array<{ teamId: string; name: string; atRisk: number; breached: number; truncated?: true }>;
  /** Most overdue first. */
  cases: LateCase[];
  truncated: boolean;
  openCasesReadPerTeam: number;
  teamChoices: Array<{ teamId: string; name: string }>;
}

// ---- Performance (issue 10, the managers' performance view): the measures over periods ----------
// GET /api/console/measures with interval and focus (docs/measures.md). The summary in full, as
// every group and period gives it (periods without the time-to-resolve histogram).

export type Interval = 'day' | 'week' | 'month';
export type Breakdown = 'day' | 'service' | 'team' | 'channel';
export type FocusDimension = 'service' | 'team' | 'channel';

export interface HoursBucket {
  over: number;
  /** null: the open-ended bucket (over 480 hours). */
  atMost: number | null;
}

export interface PeriodFigures extends MeasureSummary {
  decisions: Record<Decision, number>;
  slaMet: number;
  medianHoursToResolve: HoursBucket | null;
  satisfaction: { ratings: number; averageRating: number | null };
}

export interface ChannelShare {
  channel: Channel;
  contacts: number;
  share: number | null;
}

export interface SeriesEntry {
  /** The day, the week's Monday (YYYY-MM-DD) or the month (YYYY-MM). */
  period: string;
  from: string;
  to: string;
  totals: PeriodFigures;
  channels: ChannelShare[];
  selfServiceShare: number | null;
  /** With by=service, team or channel: every key seen in the range, in every period. */
  groups?: Array<{ key: string } & PeriodFigures>;
}

export interface PerformanceReport extends Omit<MeasuresReport, 'totals' | 'groups' | 'by'> {
  by: Breakdown;
  interval: Interval;
  focus?: { dimension: FocusDimension; value: string };
  totals: PeriodFigures & { hoursToResolve: Array<HoursBucket & { cases: number }> };
  selfServiceShare: number | null;
  groups: Array<{ key: string } & PeriodFigures>;
  series: SeriesEntry[];
  channels: ChannelShare[];
  channelShift: Array<{ day: string; contacts: number; channels: ChannelShare[] }>;
}

// ---- Demand (issue 10, demand analysis): failure demand marks and the demand view ---------------
// PUT /api/console/contacts/failure-demand, GET /api/console/demand (docs/measures.md, "Failure
// demand"); the feed's and the timeline's contacts carry what names them and their mark.

/** What an adviser marks: a resident chasing, repeating, correcting or complaining about a previous contact. */
export type FailureKind = 'chasing' | 'repeating' | 'correcting' | 'complaining';
/** What the measures count a contact as: the adviser's kind, else the platform's repeat. */
export type CountedFailureKind = FailureKind | 'repeat';

export interface FailureDemandMark {
  kind: FailureKind;
  /** The adviser's username. */
  by: string;
  at: string;
}

/** A contact in the feed or on a timeline, with what names it (channel and provider id) and its mark. */
interface MarkableContact {
  providerId: string;
  failureDemand?: FailureDemandMark;
  /** The platform counted it as a repeat of an open case. */
  countedAsRepeat: boolean;
}
export interface FeedEntry extends MarkableContact {}
export interface ContactEntry extends MarkableContact {}

export interface NewContact {
  failureDemand?: FailureKind;
}

export interface MarkRequest {
  channel: Channel;
  providerId: string;
  kind: FailureKind | null;
}

export interface MarkResult {
  channel: Channel;
  providerId: string;
  changed: boolean;
  failureDemand: FailureDemandMark | null;
  countedAsRepeat: boolean;
  countedAs: CountedFailureKind | null;
  /** What happened, in words. */
  message: string;
}

export interface DemandFigures {
  contacts: number;
  failureDemand: number;
  failureDemandShare: number | null;
  valueDemand: number;
  failureDemandByKind: Record<CountedFailureKind, number>;
}

/** The summaries of the measures (and each period of their series) carry the same figures. */
export interface MeasureSummary extends DemandFigures {}

export interface DemandExample {
  at: string;
  day: string;
  channel: Channel;
  kind: CountedFailureKind;
  /** The resident's words with their personal data left out, at most 200 characters. */
  words: string;
}

export interface DemandService extends DemandFigures {
  serviceId: string;
  name: string;
  examples: DemandExample[];
}

export interface DemandReport {
  from: string;
  to: string;
  interval: Interval;
  totals: DemandFigures;
  servicesWithFailureDemand: number;
  services: DemandService[];
  series: Array<{ period: string; from: string; to: string; services: Array<{ serviceId: string; contacts: number; failureDemand: number; valueDemand: number }> }>;
  kinds: Array<{ kind: CountedFailureKind; meaning: string }>;
}

// ---- Routing quality (issue 11, routing quality as a measure) -----------------------------------
// GET /api/console/measures: every summary (totals, groups, each period of the series) counts the
// routing corrections (docs/measures.md, "Routing quality").

export interface RoutingQualityFigures {
  /** Contacts an adviser recorded under another service than routing chose: for the service routing suggested. */
  routingOverridden: number;
  /** Cases rerouted to another service (the first reroute of each): for the service they came from. */
  routingRerouted: number;
  /** routingOverridden + routingRerouted: routing failure demand. */
  routingCorrections: number;
  /** The contacts, each overridden one counted for the service routing chose (for the council: every contact). */
  routedContacts: number;
  /** routingCorrections / routedContacts (0–1); null without any. */
  routingCorrectionShare: number | null;
  /** The same corrections counted for the service (team, channel) they chose instead. */
  routingCorrectedInto: number;
}

export interface MeasureSummary extends RoutingQualityFigures {}
