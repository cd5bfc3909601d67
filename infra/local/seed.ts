// Demo data for the local stack: a month of contacts, ending now, across every channel, so the
// console has something to show on first start (`npm start`; `--empty` starts with none). Nothing
// is written to the table directly: every contact goes through its channel's own code with a
// clock set in the past (the SMS conversation's steps, the phone line's steps, the web form,
// Open311, the advisers' console), the service teams act on cases through the application's
// actOnCase, and the SLA monitor runs at past times between them, so every record, event, outbox
// item and measure is what the platform itself would have written that day.
//
// The month is deterministic for a given seed and "now" (infra/local/seed-plan.ts; one random
// stream per resident, so running residents side by side changes nothing). Residents are run a
// few at a time, in time slices: everything due before a slice's end runs, then the SLA monitor
// runs at that moment, as the schedule would have. What a step sets going (a team's action, a
// chase, a rating) is queued on the resident at its own time.
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '#adapters/aws';
import { config } from '#adapters/config';
import { readSecretList } from '#adapters/secrets';
import { dynamoCaseStore, dynamoContactStore, dynamoFailureDemandStore, putNotification } from '#adapters/store';
import { actOnCase, runSlaMonitor, StaleCaseError, type CaseDeps } from '#app/cases';
import { acceptContact, type ContactDeps, type ContactStore } from '#app/contacts';
import { markFailureDemand } from '#app/failure-demand';
import { catalogue } from '#catalogue/index';
import { ConsoleContactSchema, recordAdviserContact, suggestRoute, type ConsoleContact } from '#channels/adviser/contacts';
import { createServiceRequest } from '#channels/open311/requests';
import { dynamoOpen311Store } from '#channels/open311/store';
import { receiveSms, type SmsStore } from '#channels/sms/receive';
import type { Conversation } from '#channels/sms/conversation';
import { CONVERSATION_TTL_SECONDS, dynamoSmsStore } from '#channels/sms/store';
import { VOICE_PATHS, type CallReply } from '#channels/voice/call-flow';
import { answerCall, answerConfirm, answerTurn, recordCallStatus, recordTransfer, type VoiceDeps } from '#channels/voice/calls';
import { voiceScript } from '#channels/voice/script';
import { dynamoCallStore } from '#channels/voice/store';
import { contactFromWebForm, WebContactRequestSchema } from '#channels/web/form';
import { addDays, londonInstant, londonTimeOf } from '#domain/calendar';
import type { Case } from '#domain/case';
import { CaseActionError, type CaseAction } from '#domain/case-lifecycle';
import type { RequiredDetail } from '#domain/catalogue';
import { fixedClock, type Clock } from '#domain/clock';
import type { Channel } from '#domain/contact';
import type { FailureKind } from '#domain/failure-demand';
import { isRoutingOverride } from '#domain/measures';
import type { ContactOutcome } from '#domain/outcome';
import { slaStateAt } from '#domain/sla';
import * as words from './seed-data.ts';
import { DEFAULT_SEED, failureKindHeard, fill, planDemoMonth, type Episode, type Fate, type Need, type ResidentPlan, type Route, SeededRandom } from './seed-plan.ts';

export interface SeedOptions {
  /** The end of the month (default: the moment the seed starts). */
  now?: Date;
  /** Another seed gives another month. */
  seed?: string;
  /** Residents run side by side. */
  concurrency?: number;
  log?: (message: string, detail?: unknown) => void;
}

export interface SeedReport {
  from: string;
  to: string;
  residents: number;
  /** Contacts recorded, by channel. */
  contacts: Record<Channel, number>;
  totalContacts: number;
  resolvedAtFirstContact: number;
  /** Contacts about a case the resident already had open (failure demand). */
  repeats: number;
  /** Contacts advisers marked as failure demand: as they took them, or later from the feed. */
  failureDemandMarks: number;
  /** Routing corrections: contacts an adviser recorded under another service than routing chose, and cases a team rerouted (first reroutes). */
  routingOverrides: number;
  reroutes: number;
  emergencies: number;
  casesOpened: number;
  /** Cases opened, by team. */
  casesByTeam: Record<string, number>;
  resolvedByTeams: number;
  resolvedLate: number;
  /** Open cases at the end, by their SLA state then. */
  open: { onTrack: number; atRisk: number; breached: number; paused: number };
  ratings: number;
  /** Residents with contacts on more than one channel. */
  multiChannelResidents: number;
  /** Steps that failed (each is logged); zero when all went through. */
  failures: number;
  milliseconds: number;
}

/**
 * When the SLA monitor runs in the seeded past (London time), beside the moment the seed ends: a
 * minute after 5pm, when working-day service levels fall due, and a few times more.
 */
const SLA_CHECK_TIMES = ['09:00', '12:00', '17:01', '23:30'];
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const SMS_MAX_TEXTS = 8;
const CALL_MAX_TURNS = 8;

// ---- Running the month -------------------------------------------------------------------------

interface Task {
  at: number;
  run: () => Promise<void>;
}

/** One resident as the month runs: their own clock, random stream and queue of things to do. */
class Resident {
  time = new Date(0);
  readonly tasks: Task[] = [];
  readonly channels = new Set<Channel>();
  /** What the channels recorded during the current step. */
  recorded: Array<{ channel: Channel; outcome: ContactOutcome; opened: boolean }> = [];
  /** Their SMS conversation, as the SMS channel last saved it, and until when it lasts. */
  conversation: { state: Conversation; until: number } | undefined;
  /** Reports they made through FixMyStreet (each has its own id there). */
  open311Reports = 0;

  constructor(
    readonly plan: ResidentPlan,
    readonly rng: SeededRandom,
    /** For advisers' marks of failure demand: a stream of its own, so the rest of the month is as it was without them. */
    readonly marks: SeededRandom,
    /** For routing corrections (an adviser's other choice, a team's reroute): a stream of its own, likewise. */
    readonly corrections: SeededRandom,
  ) {}

  readonly clock: Clock = { now: () => new Date(this.time) };

  advance(millis: number): void {
    this.time = new Date(this.time.getTime() + millis);
  }
}

export async function tableIsEmpty(): Promise<boolean> {
  const { Items = [] } = await dynamo().send(new ScanCommand({ TableName: config.tableName, Limit: 1 }));
  return Items.length === 0;
}

/** Seeds the month into the table the adapters point at (the local stack's). */
export async function seedDemoData(options: SeedOptions = {}): Promise<SeedReport> {
  const started = performance.now();
  const now = options.now ?? new Date();
  const seed = options.seed ?? DEFAULT_SEED;
  const log = options.log ?? (() => undefined);
  const concurrency = options.concurrency ?? 6;
  log('the table is empty: seeding a month of demo data (npm start -- --empty starts without it)');
  const { residents: plans, episodes } = planDemoMonth(seed, now);
  const residents = plans.map(
    (plan) =>
      new Resident(
        plan,
        new SeededRandom(`${seed}:resident:${plan.index}`),
        new SeededRandom(`${seed}:marks:${plan.index}`),
        new SeededRandom(`${seed}:corrections:${plan.index}`),
      ),
  );
  const councilNumber = config.optionalSetting('TWILIO_FROM_NUMBER') ?? '+441632960000';
  const open311Keys = await readSecretList('OPEN311_API_KEYS');
  const from = new Date(Math.min(now.getTime(), ...episodes.map((e) => e.at.getTime())));

  const report: SeedReport = {
    from: from.toISOString(),
    to: now.toISOString(),
    residents: 0,
    contacts: { web: 0, sms: 0, phone: 0, face_to_face: 0, open311: 0 },
    totalContacts: 0,
    resolvedAtFirstContact: 0,
    repeats: 0,
    failureDemandMarks: 0,
    routingOverrides: 0,
    reroutes: 0,
    emergencies: 0,
    casesOpened: 0,
    casesByTeam: {},
    resolvedByTeams: 0,
    resolvedLate: 0,
    open: { onTrack: 0, atRisk: 0, breached: 0, paused: 0 },
    ratings: 0,
    multiChannelResidents: 0,
    failures: 0,
    milliseconds: 0,
  };

  const schedule = (r: Resident, at: Date, run: () => Promise<void>) => {
    if (at.getTime() >= now.getTime()) return;
    const task = { at: at.getTime(), run };
    const i = r.tasks.findIndex((t) => t.at > task.at);
    r.tasks.splice(i === -1 ? r.tasks.length : i, 0, task);
  };

  /**
   * An adviser reading the feed later marks a contact the platform did not link to an open case,
   * when its words say it is failure demand (a resident telling us again, chasing, complaining).
   */
  const reviewLater = (r: Resident, channel: Channel, providerId: string, kind: FailureKind | undefined) => {
    if (!kind) return;
    const at = new Date(r.time.getTime() + r.marks.int(10, 240) * MINUTE);
    const adviser = r.marks.pick(words.ADVISERS);
    schedule(r, at, async () => {
      const marked = await markFailureDemand({ channel, providerId, kind }, adviser, { store: dynamoFailureDemandStore, clock: fixedClock(at) });
      if (marked.changed) report.failureDemandMarks++;
    });
  };

  // ---- Ports with the resident's clock; the contact store notes what each step recorded ----

  const contactDepsOf = (r: Resident): ContactDeps => {
    const store: ContactStore = {
      findOutcome: (channel, providerId) => dynamoContactStore.findOutcome(channel, providerId),
      getCase: (reference) => dynamoContactStore.getCase(reference),
      openCasesOf: (key) => dynamoContactStore.openCasesOf(key),
      async record(record) {
        const result = await dynamoContactStore.record(record);
        if (result === 'recorded') {
          const { contact, plan } = record;
          r.recorded.push({ channel: contact.channel, outcome: plan.outcome, opened: plan.write === 'case' });
          r.channels.add(contact.channel);
          report.contacts[contact.channel]++;
          report.totalContacts++;
          if (plan.outcome.firstContactResolved) report.resolvedAtFirstContact++;
          if (plan.outcome.repeatOf) report.repeats++;
          if (record.failureDemand) report.failureDemandMarks++;
          if (isRoutingOverride(record.routing)) report.routingOverrides++;
          if (!contact.takenBy && !plan.outcome.repeatOf) reviewLater(r, contact.channel, contact.providerId, failureKindHeard(plan.outcome.service.id, contact.text));
          if (plan.outcome.decision === 'emergency') report.emergencies++;
          if (plan.write === 'case') {
            report.casesOpened++;
            report.casesByTeam[plan.case.teamId] = (report.casesByTeam[plan.case.teamId] ?? 0) + 1;
          }
        }
        return result;
      },
    };
    return { store, catalogue, clock: r.clock, newReference: () => r.rng.reference() };
  };
  const caseDepsOf = (r: Resident): CaseDeps => ({ store: dynamoCaseStore, catalogue, clock: r.clock });
  const voiceDepsOf = (r: Resident): VoiceDeps => ({
    ...contactDepsOf(r),
    script: voiceScript,
    calls: dynamoCallStore,
    queueNotification: putNotification,
    adviserNumber: () => config.optionalSetting('ADVISER_TRANSFER_NUMBER'),
    newId: () => r.rng.uuid(),
  });

  // ---- What residents answer when asked -------------------------------------------------------

  const spelled = (text: string) => text.replace(/[\s-]/g, '').split('').join(' ');

  function detailAnswer(r: Resident, detail: RequiredDetail, need: { place?: string; reference?: string }, rng = r.rng): string {
    const { plan } = r;
    switch (detail.kind) {
      case 'location':
        if (detail.id === 'postcode') return plan.home.postcode;
        return detail.id === 'address' || !need.place ? plan.home.line : `${need.place.charAt(0).toUpperCase()}${need.place.slice(1)}`;
      case 'choice': {
        const options = detail.options ?? [];
        if (detail.id === 'inside-property') return 'no';
        return rng.pick(options);
      }
      case 'date':
        return rng.pick(words.SMS_ANSWERS.day);
      case 'reference':
        if (detail.id === 'reference' && need.reference) return need.reference;
        if (detail.id === 'column-number') return rng.pick(words.SMS_ANSWERS.column);
        if (detail.id === 'claim-reference') return rng.pick(words.SMS_ANSWERS.claim);
        return rng.pick(words.SMS_ANSWERS.account);
      case 'text':
        if (detail.id === 'vehicle') return rng.pick(words.SMS_ANSWERS.vehicle);
        if (detail.id === 'times') return rng.pick(words.SMS_ANSWERS.times);
        return rng.pick(words.SMS_ANSWERS.description);
    }
  }

  function smsAnswer(r: Resident, conversation: Conversation, need: { service?: string; place?: string; reference?: string }): string {
    switch (conversation.step) {
      case 'choosing': {
        const wanted = conversation.options.findIndex((o) => o.serviceId === need.service);
        return String((wanted === -1 ? 0 : wanted) + 1);
      }
      case 'collecting': {
        const detail = catalogue.service(conversation.serviceId)?.requiredDetails.find((d) => d.id === conversation.remaining[0]);
        return detail ? detailAnswer(r, detail, need) : 'YES';
      }
      case 'confirming':
        return r.rng.pick(['YES', 'Yes', 'yes please', 'Yes']);
      case 'awaiting-postcode':
        return r.plan.home.postcode;
    }
  }

  // ---- The channels, through their own code ----------------------------------------------------

  async function bySms(r: Resident, first: string, need: { service?: string; place?: string; reference?: string } = {}): Promise<void> {
    const phone = r.plan.phone!;
    // The channel's store, noting what it saves: the conversation's next step (so the resident
    // knows what was asked without reading it back) and ratings.
    const store: SmsStore = {
      load: (p, sid, at) => dynamoSmsStore.load(p, sid, at),
      findReply: (sid) => dynamoSmsStore.findReply(sid),
      async save(change) {
        const saved = await dynamoSmsStore.save(change);
        if (saved !== 'saved') return saved;
        if (change.rating) report.ratings++;
        if (change.next === 'end') r.conversation = undefined;
        else if (change.next !== 'keep') r.conversation = { state: change.next, until: change.at.getTime() + CONVERSATION_TTL_SECONDS * 1000 };
        return saved;
      },
    };
    const deps = { store, contacts: contactDepsOf(r), newId: () => r.rng.uuid() };
    let text = first;
    for (let i = 0; i < SMS_MAX_TEXTS; i++) {
      const sid = `SM${r.rng.hex(32)}`;
      await receiveSms({ MessageSid: sid, From: phone, To: councilNumber, Body: text }, deps);
      const live = r.conversation && r.conversation.until > r.time.getTime() ? r.conversation.state : undefined;
      if (!live) return;
      r.advance(r.rng.int(30, 240) * 1000);
      text = smsAnswer(r, live, need);
    }
  }

  async function byPhoneLine(r: Resident, opening: { speech?: string; digits?: string }, need: { service?: string; reference?: string; wantsText?: boolean } = {}) {
    const deps = voiceDepsOf(r);
    const callSid = `CA${r.rng.hex(32)}`;
    const base = { CallSid: callSid, From: r.plan.phone!, To: councilNumber, AccountSid: `AC${'0'.repeat(32)}`, CallStatus: 'in-progress' };
    const startedAt = r.time.getTime();
    let reply: CallReply = await answerCall({ ...base, CallStatus: 'ringing' }, deps);
    let input: { speech?: string; digits?: string } | undefined = opening;
    for (let turn = 0; turn < CALL_MAX_TURNS && input; turn++) {
      const gather = reply.find((verb) => verb.verb === 'gather');
      if (!gather) break;
      r.advance(r.rng.int(15, 70) * 1000);
      const action = new URL(gather.action, 'https://twilio.invalid');
      const query = Object.fromEntries(action.searchParams);
      const params = { ...base, ...(input.speech !== undefined ? { SpeechResult: input.speech, Confidence: '0.91' } : { Digits: input.digits ?? '' }) };
      reply = action.pathname === VOICE_PATHS.confirm ? await answerConfirm(params, query, deps) : await answerTurn(params, query, deps);
      input = nextInput(r, reply, need);
    }
    if (reply.some((verb) => verb.verb === 'dial')) {
      r.advance(r.rng.int(60, 600) * 1000);
      await recordTransfer({ ...base, DialCallStatus: r.rng.chance(0.85) ? 'completed' : 'no-answer' }, deps);
    }
    await recordCallStatus({ ...base, CallStatus: 'completed', CallDuration: String(Math.round((r.time.getTime() - startedAt) / 1000) + r.rng.int(20, 90)) }, deps);
  }

  /** What the caller says or presses at the question the phone line just asked. */
  function nextInput(r: Resident, reply: CallReply, need: { service?: string; reference?: string; wantsText?: boolean }) {
    const gather = reply.find((verb) => verb.verb === 'gather');
    if (!gather) return undefined;
    const action = new URL(gather.action, 'https://twilio.invalid');
    const q = Object.fromEntries(action.searchParams);
    if (action.pathname === VOICE_PATHS.confirm) return need.wantsText ? { digits: '1' } : { speech: 'no thanks' };
    if (q.step === 'more') return { speech: r.rng.pick(['no thank you', "no that's all", 'no thanks']) };
    if (q.options) {
      const options = q.options.split('.');
      const wanted = options.indexOf(need.service ?? '');
      return { digits: String((wanted === -1 ? 0 : wanted) + 1) };
    }
    if (q.service === 'bin-day') return { speech: spelled(r.plan.home.postcode) };
    if (q.service === 'case-status') return need.reference ? { speech: spelled(need.reference) } : undefined;
    if (q.service === 'missed-bin') return { speech: `${r.plan.home.line}, the ${r.rng.pick(['black bin', 'recycling', 'food waste'])}` };
    if (q.service) return { speech: r.rng.pick(words.SMS_ANSWERS.description) };
    return undefined;
  }

  async function byWebForm(r: Resident, form: Record<string, unknown>): Promise<void> {
    const id = r.rng.uuid();
    const contact = contactFromWebForm(WebContactRequestSchema.parse(form), { id, providerId: id, receivedAt: r.time.toISOString() });
    await acceptContact(contact, contactDepsOf(r));
  }

  function webForm(r: Resident, description: string, service?: string): Record<string, unknown> {
    const { plan, rng } = r;
    return {
      description,
      ...(service ? { service } : {}),
      name: `${plan.first} ${plan.last}`,
      ...(plan.phone && (rng.chance(0.8) || !plan.email) ? { phone: rng.chance(0.5) ? `0${plan.phone.slice(3, 7)} ${plan.phone.slice(7)}` : plan.phone } : {}),
      ...(plan.email ? { email: plan.email } : {}),
      address: plan.home.line,
    };
  }

  async function byOpen311(r: Resident, service: string, description: string, place: string): Promise<void> {
    const { plan, rng } = r;
    const form = new URLSearchParams({
      api_key: open311Keys[0] ?? '',
      service_code: service,
      lat: (plan.home.lat + (rng.next() - 0.5) * 0.01).toFixed(6),
      long: (plan.home.lng + (rng.next() - 0.5) * 0.01).toFixed(6),
      address_string: `${place.replace(/^(by|on|in|at|near|outside|opposite|halfway down) (the )?/, '')}`,
      description,
      first_name: plan.first,
      last_name: plan.last,
      ...(plan.email ? { email: plan.email } : {}),
      ...(plan.phone && (!plan.email || rng.chance(0.3)) ? { phone: plan.phone } : {}),
      'attribute[fixmystreet_id]': String(3_180_000 + plan.index * 100 + r.open311Reports++),
    });
    for (const detail of catalogue.service(service)!.requiredDetails) {
      if (detail.kind === 'choice' && detail.options) form.set(`attribute[${detail.id}]`, rng.pick(detail.options));
    }
    await createServiceRequest(form, {}, {
      contacts: contactDepsOf(r),
      store: dynamoOpen311Store,
      apiKeys: async () => open311Keys,
      newId: () => rng.uuid(),
    });
  }

  async function byAdviser(
    r: Resident,
    channel: 'face_to_face' | 'phone',
    description: string,
    options: {
      service?: string;
      resolvedNote?: string;
      place?: string;
      reference?: string;
      failureDemand?: FailureKind | undefined;
      /** What the resident turns out to need once the adviser hears more: chosen over `service`. */
      correction?: { to: string; reason: string } | undefined;
    } = {},
  ): Promise<void> {
    const { plan, rng } = r;
    const deps = contactDepsOf(r);
    const suggestion = suggestRoute(description, deps);
    const unsure = suggestion.decision === 'ask' || suggestion.decision === 'adviser';
    // An emergency stays one: the adviser does not choose over it.
    const first = suggestion.decision === 'emergency' ? undefined : (options.service ?? (unsure ? catalogue.defaultServiceId : undefined));
    const detailsFor = (id: string | undefined, from: typeof rng) => {
      const chosen = id ? catalogue.service(id) : undefined;
      const details: Record<string, string> = {};
      for (const detail of chosen?.resolution.mode === 'handoff' || id === 'bin-day' ? chosen!.requiredDetails : []) {
        details[detail.id] = detailAnswer(r, detail, options, from);
      }
      return details;
    };
    // The details the first service asks for are asked as before (the resident's own random stream
    // moves on as it did); a correction's, from the corrections' stream.
    let details = detailsFor(first, rng);
    const correction = first && options.correction && options.correction.to !== first ? options.correction : undefined;
    const service = correction?.to ?? first;
    if (correction) details = detailsFor(service, r.corrections);
    const overrideReason = correction?.reason ?? 'The resident explained more than the first words say';
    const input: ConsoleContact = ConsoleContactSchema.parse({
      channel,
      ...(channel === 'face_to_face' ? { centre: rng.pick(words.CENTRES) } : {}),
      description,
      ...(service ? { service } : {}),
      ...(service && service !== suggestion.service.id && !unsure && !options.resolvedNote ? { overrideReason } : {}),
      ...(options.resolvedNote ? { resolvedNote: options.resolvedNote } : {}),
      resident: {
        name: `${plan.first} ${plan.last}`,
        ...(plan.phone ? { phone: plan.phone } : {}),
        ...(plan.email ? { email: plan.email } : {}),
        address: plan.home.line,
      },
      ...(Object.keys(details).length ? { details } : {}),
      // What the adviser hears: "I'm ringing again about...".
      ...(options.failureDemand ? { failureDemand: options.failureDemand } : {}),
    });
    const id = rng.uuid();
    await recordAdviserContact(input, { adviserId: rng.pick(words.ADVISERS), id, providerId: id, receivedAt: r.time.toISOString() }, deps);
  }

  // ---- The service teams -------------------------------------------------------------------------

  /**
   * What the seed knows of each case it opened: its version, team and status, kept from each
   * action's result (the SLA monitor's marks move the version on: a stale action says to what).
   */
  const cases = new Map<string, { version: number; teamId: string; status: Case['status'] }>();

  /** A team's action on the case at `at`; undefined when it is no longer possible. */
  async function teamActs(r: Resident, reference: string, at: Date, action: CaseAction): Promise<Case | undefined> {
    r.time = at;
    const known = cases.get(reference);
    if (!known || known.status === 'resolved') return undefined;
    if (action.action === 'accept' && known.status !== 'open') return undefined;
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const { case: after } = await actOnCase({ reference, teamId: known.teamId, version: known.version, action }, caseDepsOf(r));
        Object.assign(known, { version: after.version, teamId: after.teamId, status: after.status });
        // This action set the case's first reroute (a later one keeps it as it was).
        if (action.action === 'reroute' && after.firstReroute?.at === after.updatedAt) report.reroutes++;
        if (action.action === 'resolve') {
          report.resolvedByTeams++;
          if (after.slaMet === false) report.resolvedLate++;
        }
        return after;
      } catch (error) {
        if (error instanceof StaleCaseError) known.version = error.current;
        else if (error instanceof CaseActionError) return undefined;
        else throw error;
      }
    }
    return undefined;
  }

  /** When a team works: inside the council's hours, unless the case is due within hours. */
  const teamTime = (at: Date, urgent: boolean) => (urgent ? at : catalogue.calendar.nextOpening(at));

  /** What happens to a new case after it was opened: the team's work, the resident's chases and rating. */
  function followCase(r: Resident, opened: ContactOutcome, need: Extract<Need, { kind: 'report' }> | { fate: Fate; chases: Route[]; rating?: number; service?: string; place?: string }) {
    const reference = opened.reference!;
    const openedAt = r.time.getTime();
    const due = Date.parse(opened.dueAt!);
    const urgent = due - openedAt < 12 * HOUR;
    const { rng } = r;
    const teamId = opened.teamId;
    const acceptAt = teamTime(new Date(openedAt + (urgent ? rng.int(5, 25) : rng.int(10, 240)) * MINUTE), urgent);

    let resolveAt: Date | undefined;
    const late = () => teamTime(new Date(due + rng.int(2, 72) * HOUR), urgent);
    const inTime = () => {
      const start = acceptAt.getTime() + 20 * MINUTE;
      let at = teamTime(new Date(start + (0.25 + rng.next() * 0.6) * Math.max(due - start, HOUR)), urgent);
      if (at.getTime() > due) at = new Date(Math.max(start, due - 2 * HOUR));
      return at;
    };
    switch (need.fate) {
      case 'in-time':
        resolveAt = inTime();
        break;
      case 'late':
        resolveAt = late();
        break;
      case 'awaiting': {
        const askedAt = teamTime(new Date(acceptAt.getTime() + rng.int(1, 6) * HOUR), urgent);
        const answeredAt = teamTime(new Date(askedAt.getTime() + rng.int(20, 80) * HOUR), false);
        schedule(r, askedAt, async () => void (await teamActs(r, reference, askedAt, { action: 'await-resident', note: rng.pick(words.AWAITING_NOTES) })));
        if (rng.chance(0.6)) {
          schedule(r, answeredAt, async () => void (await teamActs(r, reference, answeredAt, { action: 'resume', note: 'The resident sent the photos; visit booked' })));
          resolveAt = teamTime(new Date(answeredAt.getTime() + rng.int(4, 48) * HOUR), false);
        }
        break;
      }
      case 'reroute': {
        const to = words.REROUTES[opened.service.id];
        const movedAt = teamTime(new Date(acceptAt.getTime() + rng.int(1, 5) * HOUR), urgent);
        if (to) {
          schedule(r, movedAt, async () => {
            const moved = await teamActs(r, reference, movedAt, { action: 'reroute', serviceId: to.to, reason: to.reason });
            if (!moved) return;
            const newTeam = moved.teamId;
            const acceptedAt = teamTime(new Date(movedAt.getTime() + rng.int(30, 300) * MINUTE), false);
            const doneAt = teamTime(new Date(acceptedAt.getTime() + (0.3 + rng.next() * 0.5) * Math.max(Date.parse(moved.sla.dueAt) - acceptedAt.getTime(), HOUR)), false);
            schedule(r, acceptedAt, async () => void (await teamActs(r, reference, acceptedAt, { action: 'accept' })));
            schedule(r, doneAt, async () => {
              const { outcome, message } = rng.pick(words.RESOLUTIONS[newTeam] ?? words.RESOLUTIONS['customer-services']!);
              const resolved = await teamActs(r, reference, doneAt, { action: 'resolve', outcome, messageToResident: message });
              if (resolved) rateLater(r, resolved, doneAt, need.rating);
            });
          });
        }
        break;
      }
      case 'return': {
        const returnedAt = teamTime(new Date(acceptAt.getTime() + rng.int(1, 8) * HOUR), urgent);
        const reason = 'Not ours: the resident needs to talk this through with an adviser first';
        schedule(r, returnedAt, async () => void (await teamActs(r, reference, returnedAt, { action: 'return-to-csn', reason })));
        resolveAt = teamTime(new Date(returnedAt.getTime() + rng.int(3, 30) * HOUR), false);
        break;
      }
      case 'open':
        break;
    }

    // Now and then a team finds a case was not theirs after all and sends it to the service it
    // is (the corrections' own random stream): before it is resolved, or it stays where it is.
    const correction = words.ROUTING_CORRECTIONS[opened.service.id];
    if (correction && need.fate !== 'reroute' && need.fate !== 'return' && r.corrections.chance(0.12)) {
      const movedAt = teamTime(new Date(acceptAt.getTime() + r.corrections.int(1, 6) * HOUR), urgent);
      schedule(r, movedAt, async () => void (await teamActs(r, reference, movedAt, { action: 'reroute', serviceId: correction.to, reason: correction.reason })));
    }

    // Most teams acknowledge a case before they work it; some just do it.
    if (rng.chance(0.65) || need.fate === 'open' || need.fate === 'awaiting' || need.fate === 'reroute') schedule(r, acceptAt, async () => {
      await teamActs(r, reference, acceptAt, { action: 'accept' });
      if (rng.chance(0.15)) {
        const notedAt = new Date(acceptAt.getTime() + rng.int(10, 90) * MINUTE);
        schedule(r, notedAt, async () => void (await teamActs(r, reference, notedAt, { action: 'note', note: rng.pick(words.NOTES) })));
      }
    });
    if (resolveAt) {
      const at = resolveAt;
      schedule(r, at, async () => {
        const { outcome, message } = rng.pick(words.RESOLUTIONS[cases.get(reference)?.teamId ?? teamId] ?? words.RESOLUTIONS['customer-services']!);
        const resolved = await teamActs(r, reference, at, { action: 'resolve', outcome, messageToResident: message });
        if (resolved) rateLater(r, resolved, at, need.rating);
      });
    }

    // Chasing: after the due time when it is late or still open, otherwise while they wait.
    need.chases.forEach((route, i) => {
      const late = need.fate === 'late' || need.fate === 'open' || need.fate === 'awaiting';
      const base = late ? due + rng.int(1, 30) * HOUR : openedAt + (0.3 + rng.next() * 0.4) * ((resolveAt?.getTime() ?? due) - openedAt);
      let at = new Date(base + i * rng.int(18, 50) * HOUR);
      if (route === 'face_to_face' || route === 'adviser_phone') at = catalogue.calendar.nextOpening(at);
      else if (londonTimeOf(at).minutes < 7 * 60) at = new Date(at.getTime() + 8 * HOUR);
      if (resolveAt && at.getTime() >= resolveAt.getTime()) return;
      schedule(r, at, () => chase(r, at, route, reference, opened.service.id, need.place ?? ''));
    });
  }

  async function chase(r: Resident, at: Date, route: Route, reference: string, service: string, place: string): Promise<void> {
    r.time = at;
    const { rng } = r;
    const said = words.CHASES[service] ? fill(rng.pick(words.CHASES[service]!), { place }) : undefined;
    switch (route) {
      case 'sms':
        if (r.plan.phone) return bySms(r, fill(rng.pick(words.STATUS_CHASES), { reference }));
        return byWebForm(r, webForm(r, `Chasing my report ${reference}, nothing has happened yet`, service));
      case 'voice':
        if (!r.plan.phone) return byWebForm(r, webForm(r, `Chasing my report ${reference}, still waiting`, service));
        return said ? byPhoneLine(r, { speech: said }, { service }) : byPhoneLine(r, { digits: '3' }, { reference });
      case 'web':
        return byWebForm(r, webForm(r, said ?? `Chasing my report ${reference}, nothing has happened yet`, service));
      default:
        return byAdviser(r, route === 'adviser_phone' ? 'phone' : 'face_to_face', said ?? `Came in to chase report ${reference}; still waiting for it to be sorted`, {
          service,
          place,
          failureDemand: 'chasing',
        });
    }
  }

  /** About half of residents with a mobile answer "how did we do?" by text; a few ask after it anyway. */
  function rateLater(r: Resident, resolved: Case, at: Date, wanted?: number) {
    if (!r.plan.phone || resolved.resident.phone !== r.plan.phone) return;
    if (r.rng.chance(0.12)) {
      const askedAt = new Date(at.getTime() + r.rng.int(2, 30) * HOUR);
      schedule(r, askedAt, async () => {
        r.time = askedAt;
        await bySms(r, fill(r.rng.pick(words.STATUS_CHASES), { reference: resolved.reference }));
      });
    }
    if (wanted === undefined && !r.rng.chance(0.5)) return;
    const score = wanted ?? (resolved.slaMet ? r.rng.pick([5, 5, 4, 4, 3]) : r.rng.pick([1, 2, 2, 3, 4]));
    const ratedAt = new Date(at.getTime() + r.rng.int(15, 1800) * MINUTE);
    schedule(r, ratedAt, async () => {
      r.time = ratedAt;
      await bySms(r, String(score));
    });
  }

  // ---- One episode: the first contact, then whatever it sets going ----------------------------------

  async function runEpisode(r: Resident, episode: Episode): Promise<void> {
    r.time = episode.at;
    r.recorded = [];
    const { need, route } = episode;
    const { rng } = r;
    switch (need.kind) {
      case 'report': {
        if (route === 'sms') await bySms(r, need.text, need);
        else if (route === 'voice') await byPhoneLine(r, { speech: need.text }, { service: need.service, wantsText: rng.chance(0.5) });
        else if (route === 'web') await byWebForm(r, webForm(r, need.text, rng.chance(0.7) ? need.service : undefined));
        else if (route === 'open311') await byOpen311(r, need.service, need.text, need.place);
        else {
          // Sometimes the resident, asked more, needs another service than their first words say.
          const correction = words.ROUTING_CORRECTIONS[need.service];
          await byAdviser(r, route === 'adviser_phone' ? 'phone' : 'face_to_face', need.text, {
            service: need.service,
            place: need.place,
            failureDemand: failureKindHeard(need.service, need.text),
            correction: correction && r.corrections.chance(0.35) ? correction : undefined,
          });
        }
        break;
      }
      case 'question': {
        const text = fill(need.text, { postcode: rng.chance(0.7) ? r.plan.home.postcode : '' }).trim();
        if (route === 'sms') await bySms(r, text, { service: need.service });
        else if (route === 'voice') {
          if (need.service === 'bin-day' && rng.chance(0.5)) await byPhoneLine(r, { digits: '2' });
          else if (need.service === 'council-opening-hours' && rng.chance(0.5)) await byPhoneLine(r, { digits: '5' });
          else await byPhoneLine(r, { speech: text }, { service: need.service });
        } else if (route === 'web' || route === 'open311') await byWebForm(r, webForm(r, text, rng.chance(0.4) ? need.service : undefined));
        else {
          await byAdviser(r, route === 'adviser_phone' ? 'phone' : 'face_to_face', text, {
            service: need.service,
            ...(rng.chance(0.5) ? { resolvedNote: rng.pick(words.ADVISER_RESOLVED_NOTES) } : {}),
          });
        }
        break;
      }
      case 'emergency': {
        const text = need.text;
        if (route === 'sms') await bySms(r, text);
        else if (route === 'voice') await byPhoneLine(r, { speech: text });
        else if (route === 'web') await byWebForm(r, webForm(r, text));
        else await byAdviser(r, 'face_to_face', text);
        break;
      }
      case 'adviser': {
        if (route === 'sms') await bySms(r, need.text);
        else if (route === 'voice') await byPhoneLine(r, rng.chance(0.5) ? { digits: '0' } : { speech: need.text });
        else await byWebForm(r, webForm(r, need.text));
        break;
      }
    }
    const opened = r.recorded.find((entry) => entry.opened);
    if (!opened) return;
    cases.set(opened.outcome.reference!, { version: 1, teamId: opened.outcome.teamId, status: 'open' });
    // Parks and Trees acknowledge every hand-off at once with their consumer (functions/reference-consumer),
    // which starts after the seed: the seed acknowledges theirs in the moment, as it would have.
    if (opened.outcome.teamId === 'parks-trees') await teamActs(r, opened.outcome.reference!, new Date(r.time.getTime() + 2 * MINUTE), { action: 'accept' });
    followCase(r, opened.outcome, need.kind === 'report' ? need : { fate: 'in-time', chases: [] });
  }

  for (const episode of episodes) {
    const r = residents[episode.resident]!;
    schedule(r, episode.at, () => runEpisode(r, episode));
  }

  // ---- The month, slice by slice ------------------------------------------------------------------

  const boundaries: Date[] = [];
  for (let date = londonTimeOf(from).date; date <= londonTimeOf(now).date; date = addDays(date, 1)) {
    for (const time of SLA_CHECK_TIMES) {
      const at = londonInstant(date, time);
      if (at > from && at < now) boundaries.push(at);
    }
  }
  boundaries.push(now);

  const runUntil = async (r: Resident, end: number) => {
    while (r.tasks.length && r.tasks[0]!.at < end) {
      const task = r.tasks.shift()!;
      try {
        await task.run();
      } catch (error) {
        report.failures++;
        log(`seed: a step for resident ${r.plan.index} at ${new Date(task.at).toISOString()} failed`, error);
      }
    }
  };

  for (const boundary of boundaries) {
    const due = residents.filter((r) => r.tasks.length && r.tasks[0]!.at < boundary.getTime());
    let next = 0;
    const worker = async () => {
      while (next < due.length) await runUntil(due[next++]!, boundary.getTime());
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, due.length) }, worker));
    const monitor = await runSlaMonitor({ store: dynamoCaseStore, catalogue, clock: fixedClock(boundary) });
    if (monitor.failed) report.failures += monitor.failed;
  }

  // ---- What the month left behind ------------------------------------------------------------------

  for (const team of catalogue.teams) {
    for (const kase of await dynamoCaseStore.worklist(team.id, 1000)) {
      const state = slaStateAt(kase.sla, now);
      if (state === 'on-track') report.open.onTrack++;
      else if (state === 'at-risk') report.open.atRisk++;
      else if (state === 'breached') report.open.breached++;
      else report.open.paused++;
    }
  }
  report.residents = residents.filter((r) => r.channels.size > 0).length;
  report.multiChannelResidents = residents.filter((r) => r.channels.size > 1).length;
  report.milliseconds = Math.round(performance.now() - started);
  return report;
}

/** One line for the console: what was seeded, and how long it took. */
export function describeSeed(report: SeedReport): string {
  const channels = Object.entries(report.contacts)
    .map(([channel, n]) => `${n} ${channel.replaceAll('_', ' ')}`)
    .join(', ');
  return (
    `seeded ${report.totalContacts} contacts from ${report.residents} residents (${channels}) between ${report.from.slice(0, 10)} and ${report.to.slice(0, 10)}: ` +
    `${report.resolvedAtFirstContact} resolved at first contact, ${report.repeats} repeats, ${report.failureDemandMarks} marked as failure demand by advisers, ${report.emergencies} emergencies, ` +
    `${report.routingOverrides} routing suggestions overridden by advisers and ${report.reroutes} cases rerouted by teams, ` +
    `${report.casesOpened} cases (${report.resolvedByTeams} resolved by teams, ${report.resolvedLate} late; open now: ${report.open.onTrack} on track, ` +
    `${report.open.atRisk} at risk, ${report.open.breached} breached, ${report.open.paused} waiting on the resident), ${report.ratings} ratings, ` +
    `${report.multiChannelResidents} residents on more than one channel, in ${(report.milliseconds / 1000).toFixed(1)} s`
  );
}
