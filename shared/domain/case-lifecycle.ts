// What a service team can do to a case, as pure state changes: each action checks the case's
// state, moves its SLA clock (pause while waiting on the resident; a new clock on reroute), adds
// one to its version, and yields a case event plus the effects it causes, ready to write (a new
// hand-off, the message to the resident, the rating request after a resolve). So does the SLA
// monitor's marking (marksDue: an escalation email per mark), and a CSN adviser's actions from the
// console (applyAdviserAction: a note, a further contact recorded as a repeat, a return to a team).
// The application writes all of it in one transaction.
import { assessCase, isOpen, type Case, type CaseStatus } from './case.ts';
import { escalation, ratingRequest, toResident } from './case-notifications.ts';
import type { Catalogue } from './catalogue.ts';
import type { Contact } from './contact.ts';
import { detectEmergency } from './classify.ts';
import { handoffFor, type HandoffMessage } from './handoff.ts';
import type { Notification } from './notification.ts';
import { repeatContactOutcome, type ContactOutcome } from './outcome.ts';
import type { RatingAsked } from './rating.ts';
import * as z from './schema.ts';
import { describeCommitment, pauseSla, resumeSla, startSla } from './sla.ts';
import type { SlaMark } from './sla-monitor.ts';

const text = z.plainText;

export const CaseActionSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('accept') }),
  z.strictObject({ action: z.literal('note'), note: text(2000) }),
  z.strictObject({ action: z.literal('await-resident'), note: text(2000) }),
  z.strictObject({ action: z.literal('resume'), note: z.optional(text(2000)) }),
  z.strictObject({ action: z.literal('resolve'), outcome: text(2000), messageToResident: text(600) }),
  z.strictObject({ action: z.literal('reroute'), serviceId: text(100), reason: text(1000) }),
  z.strictObject({ action: z.literal('return-to-csn'), reason: text(1000) }),
]);

export type CaseAction = z.infer<typeof CaseActionSchema>;
export type CaseActionName = CaseAction['action'];

export interface CaseEvent {
  reference: string;
  /** The case version this event produced. */
  version: number;
  at: string;
  /** Who acted: a team id (its system, with the team's key), 'sla-monitor', an adviser, or a team's member (their username). */
  by: string;
  /** The team a person acted for: set when a member of the case's team acted in the console (`by` is then their username). */
  team?: string;
  action: CaseActionName | AdviserActionName | 'opened' | 'warned' | 'breached';
  fromStatus: CaseStatus;
  toStatus: CaseStatus;
  detail: Record<string, string>;
}

/** What a change to a case causes besides itself; the application writes each with the change. */
export type CaseEffect =
  /** The case (again) to its team's queue: a reroute or a return to CSN. */
  | { kind: 'handoff'; message: HandoffMessage }
  /** A message to the resident about their case. */
  | { kind: 'tell-resident'; notification: Notification }
  /** After a resolve: the rating request, and the record that lets the resident's reply count. */
  | { kind: 'ask-rating'; notification: Notification; asked: RatingAsked & { phone: string } }
  /** An email to the team's escalation contact (the SLA monitor's marks). */
  | { kind: 'escalate'; notification: Notification };

export interface ActionResult {
  case: Case;
  event: CaseEvent;
  effects: CaseEffect[];
}

export class CaseActionError extends Error {
  override name = 'CaseActionError';
  constructor(
    readonly code: 'not-allowed' | 'unknown-service',
    message: string,
  ) {
    super(message);
  }
}

const OPEN_STATUSES: CaseStatus[] = ['open', 'accepted', 'awaiting-resident', 'returned-to-csn'];

/** Which statuses each action may start from. */
const ALLOWED_FROM: Record<CaseActionName, CaseStatus[]> = {
  accept: ['open'],
  note: OPEN_STATUSES,
  'await-resident': ['open', 'accepted'],
  resume: ['awaiting-resident'],
  resolve: OPEN_STATUSES,
  reroute: ['open', 'accepted', 'awaiting-resident', 'returned-to-csn'],
  'return-to-csn': ['open', 'accepted', 'awaiting-resident'],
};

/** The team's actions a case in this status allows, in the order a team works a case. */
export function caseActionsAllowed(status: CaseStatus): CaseActionName[] {
  return (Object.keys(ALLOWED_FROM) as CaseActionName[]).filter((action) => ALLOWED_FROM[action].includes(status));
}

/**
 * A team's action. `by` is who acted: the team's id when its system acts with the team's key, or a
 * person's username, with `team` the team they acted for (a member working the case in the console).
 */
export function applyAction(kase: Case, action: CaseAction, ctx: { now: Date; by: string; team?: string; catalogue: Catalogue }): ActionResult {
  const { now, by, catalogue } = ctx;
  const team = ctx.team === undefined ? {} : { team: ctx.team };
  if (!ALLOWED_FROM[action.action].includes(kase.status)) {
    throw new CaseActionError(
      'not-allowed',
      kase.status === 'resolved'
        ? `case ${kase.reference} is already resolved`
        : `'${action.action}' is not possible while case ${kase.reference} is ${kase.status}`,
    );
  }
  const at = now.toISOString();
  const next = (
    changes: Partial<Case>,
    toStatus: CaseStatus,
    detail: Record<string, string>,
    effectsOf: (updated: Case) => Array<CaseEffect | undefined> = () => [],
  ): ActionResult => {
    const updated: Case = { ...kase, ...changes, status: toStatus, version: kase.version + 1, updatedAt: at };
    return {
      case: updated,
      event: { reference: kase.reference, version: updated.version, at, by, ...team, action: action.action, fromStatus: kase.status, toStatus, detail },
      effects: effectsOf(updated).filter((effect) => effect !== undefined),
    };
  };
  const handOff = (updated: Case): CaseEffect => ({ kind: 'handoff', message: handoffFor(updated, at) });
  // Keyed by the version: each update is its own message, and a retry of the same one is not.
  const tellResident = (updated: Case, templateId: 'case-update' | 'case-rerouted', values: Record<string, string>): CaseEffect | undefined => {
    const notification = toResident(updated, templateId, values, { catalogue, reason: 'case-update', key: `v${updated.version}`, now });
    return notification && { kind: 'tell-resident', notification };
  };
  const askRating = (updated: Case): CaseEffect | undefined => {
    const request = ratingRequest(updated, { catalogue, now });
    return request && { kind: 'ask-rating', ...request };
  };
  // Waiting on the resident stops the clock; leaving that state any way starts it again.
  const running = () => (kase.status === 'awaiting-resident' ? resumeSla(kase.sla, catalogue.calendar, now) : kase.sla);

  switch (action.action) {
    case 'accept':
      return next({}, 'accepted', {});
    case 'note':
      return next({}, kase.status, { note: action.note });
    case 'await-resident':
      return next({ sla: pauseSla(kase.sla, now) }, 'awaiting-resident', { note: action.note });
    case 'resume':
      return next({ sla: running() }, 'accepted', action.note ? { note: action.note } : {});
    case 'resolve': {
      const sla = running();
      return next(
        { sla, resolvedAt: at, slaMet: now.getTime() <= Date.parse(sla.dueAt) },
        'resolved',
        { outcome: action.outcome },
        (resolved) => [tellResident(resolved, 'case-update', { reference: resolved.reference, update: action.messageToResident }), askRating(resolved)],
      );
    }
    case 'reroute': {
      const service = catalogue.service(action.serviceId);
      if (!service) throw new CaseActionError('unknown-service', `'${action.serviceId}' is not a service we offer`);
      if (service.id === kase.serviceId && service.teamId === kase.teamId) {
        throw new CaseActionError('not-allowed', `case ${kase.reference} is already with '${service.id}'`);
      }
      const team = catalogue.team(service.teamId);
      // Assessed for the new service as if the case had come to it first (its priority rules),
      // with its service level counted from now. Words that show an emergency keep it urgent
      // wherever it goes: a reroute never makes a danger wait.
      const assessed = assessCase(service, kase.description, { emergency: detectEmergency(kase.description) !== null });
      // The old service's priority reasons no longer apply; the new service's take their place.
      const previous = catalogue.service(kase.serviceId);
      const stale = new Set(previous ? assessCase(previous, kase.description).reasons : []);
      const explanation = [...kase.routing.explanation.filter((line) => !stale.has(line)), ...assessed.reasons];
      return next(
        {
          serviceId: service.id,
          serviceName: service.name,
          teamId: service.teamId,
          priority: assessed.priority,
          sla: startSla(assessed.sla, catalogue.calendar, now),
          slaMarks: {},
          routing: { ...kase.routing, explanation },
          // The first move to another service only (back to its own service's team after a return
          // to customer services is none): the service it came to first, and that service's team
          // (not customer services, where a returned case sits), is the one routing got wrong.
          ...(kase.firstReroute || service.id === kase.serviceId
            ? {}
            : { firstReroute: { at, fromServiceId: kase.serviceId, fromTeamId: previous?.teamId ?? kase.teamId } }),
        },
        'open',
        { reason: action.reason, fromService: kase.serviceId, toService: service.id, fromTeam: kase.teamId, toTeam: service.teamId },
        (rerouted) => [
          handOff(rerouted),
          tellResident(rerouted, 'case-rerouted', {
            reference: rerouted.reference,
            team: team.name,
            service: service.name,
            commitment: describeCommitment(rerouted.sla.dueAt, catalogue.calendar, 'web', now),
          }),
        ],
      );
    }
    case 'return-to-csn': {
      const csn = catalogue.service(catalogue.defaultServiceId)!;
      return next(
        { teamId: csn.teamId, sla: running() },
        'returned-to-csn',
        { reason: action.reason, fromTeam: kase.teamId },
        (returned) => [handOff(returned)],
      );
    }
  }
}

// ---- What a CSN adviser can do to a case ------------------------------------------------------------
// An adviser works any team's case from the console: a note; a further contact from the resident
// about it (recorded as a contact and counted as a repeat, failure demand); and, once a team has
// returned it to customer services, sending it back to a team.

export const ADVISER_ACTIONS = ['note', 'further-contact', 'return-to-team'] as const;
export type AdviserActionName = (typeof ADVISER_ACTIONS)[number];

export const AdviserCaseActionSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('note'), note: text(2000) }),
  z.strictObject({ action: z.literal('further-contact'), channel: z.enum(['phone', 'face_to_face']), note: text(2000) }),
  /** To the case's own service's team unless `serviceId` names another service. */
  z.strictObject({ action: z.literal('return-to-team'), serviceId: z.optional(text(100)), reason: text(1000) }),
]);

export type AdviserCaseAction = z.infer<typeof AdviserCaseActionSchema>;

const ADVISER_ALLOWED_FROM: Record<AdviserActionName, CaseStatus[]> = {
  note: OPEN_STATUSES,
  'further-contact': OPEN_STATUSES,
  'return-to-team': ['returned-to-csn'],
};

/** What an adviser may do to a case in this status. */
export function adviserActionsAllowed(status: CaseStatus): AdviserActionName[] {
  return ADVISER_ACTIONS.filter((action) => ADVISER_ALLOWED_FROM[action].includes(status));
}

export interface AdviserActionResult extends ActionResult {
  /** A further contact: the contact to record with the change (a repeat of this case). */
  contact?: { contact: Contact; outcome: ContactOutcome };
}

export function applyAdviserAction(
  kase: Case,
  action: AdviserCaseAction,
  ctx: { now: Date; by: string; catalogue: Catalogue; contact: { id: string; providerId: string } },
): AdviserActionResult {
  const { now, by, catalogue } = ctx;
  if (!ADVISER_ALLOWED_FROM[action.action].includes(kase.status)) {
    throw new CaseActionError(
      'not-allowed',
      kase.status === 'resolved'
        ? `case ${kase.reference} is already resolved`
        : action.action === 'return-to-team'
          ? `case ${kase.reference} is ${kase.status}, with its team already: it can be returned to a team only after the team has returned it to customer services`
          : `'${action.action}' is not possible while case ${kase.reference} is ${kase.status}`,
    );
  }
  const at = now.toISOString();
  const changed = (changes: Partial<Case>, toStatus: CaseStatus, detail: Record<string, string>): { case: Case; event: CaseEvent } => {
    const updated: Case = { ...kase, ...changes, status: toStatus, version: kase.version + 1, updatedAt: at };
    return {
      case: updated,
      event: { reference: kase.reference, version: updated.version, at, by, action: action.action, fromStatus: kase.status, toStatus, detail },
    };
  };

  switch (action.action) {
    case 'note':
      return { ...changed({}, kase.status, { note: action.note }), effects: [] };
    case 'further-contact': {
      const contact: Contact = {
        id: ctx.contact.id,
        channel: action.channel,
        providerId: ctx.contact.providerId,
        receivedAt: at,
        text: action.note,
        serviceId: kase.serviceId,
        resident: kase.resident,
        takenBy: { adviserId: by },
      };
      const outcome = repeatContactOutcome(contact, kase, { catalogue, now });
      return {
        ...changed({ repeatContacts: kase.repeatContacts + 1 }, kase.status, { note: action.note, channel: action.channel, contactId: contact.id }),
        effects: [],
        contact: { contact, outcome },
      };
    }
    case 'return-to-team': {
      const service = catalogue.service(action.serviceId ?? kase.serviceId);
      if (!service) throw new CaseActionError('unknown-service', `'${action.serviceId}' is not a service we offer`);
      if (service.id !== kase.serviceId) {
        // Another service: as a team's reroute would (its priority, a service level from now, the
        // resident told who has it), recorded as the adviser's return to a team.
        const rerouted = applyAction(kase, { action: 'reroute', serviceId: service.id, reason: action.reason }, ctx);
        return { ...rerouted, event: { ...rerouted.event, action: 'return-to-team' } };
      }
      // Its own service: back to that team with the clock it has run on all along.
      const returned = changed({ teamId: service.teamId }, 'open', { reason: action.reason, fromTeam: kase.teamId, toTeam: service.teamId, toService: service.id });
      return { ...returned, effects: [{ kind: 'handoff', message: handoffFor(returned.case, at) }] };
    }
  }
}

// ---- The SLA monitor's marks ------------------------------------------------------------------------
// Each case is marked at risk once and in breach once, however often the monitor runs, and each
// mark emails the team's escalation contact.

export interface MarksDue {
  case: Case;
  marks: SlaMark[];
  events: CaseEvent[];
  /** One escalation email per mark. */
  effects: CaseEffect[];
}

/** The marks that are due now (a monitor that was down marks both at once), with their events and escalations. */
export function marksDue(c: Case, now: Date, catalogue: Pick<Catalogue, 'template' | 'team'>): MarksDue {
  const at = now.toISOString();
  const marks: SlaMark[] = [];
  if (!isOpen(c) || c.sla.pausedAt) return { case: c, marks, events: [], effects: [] };
  const slaMarks = { ...c.slaMarks };
  if (!slaMarks.warnedAt && now.getTime() >= Date.parse(c.sla.warnAt)) {
    slaMarks.warnedAt = at;
    marks.push('warned');
  }
  // "By 5pm" is met at 5pm: in breach only after the due time.
  if (!slaMarks.breachedAt && now.getTime() > Date.parse(c.sla.dueAt)) {
    slaMarks.breachedAt = at;
    marks.push('breached');
  }
  if (!marks.length) return { case: c, marks, events: [], effects: [] };
  // A mark is a change like any other: the version moves, so a team's stale update is refused.
  const updated: Case = { ...c, slaMarks, version: c.version + 1, updatedAt: at };
  const events: CaseEvent[] = marks.map((mark) => ({
    reference: c.reference,
    version: updated.version,
    at,
    by: 'sla-monitor',
    action: mark,
    fromStatus: c.status,
    toStatus: c.status,
    detail: { dueAt: c.sla.dueAt, warnAt: c.sla.warnAt },
  }));
  const effects = marks.map((mark): CaseEffect => ({ kind: 'escalate', notification: escalation(updated, mark, { catalogue, now }) }));
  return { case: updated, marks, events, effects };
}
