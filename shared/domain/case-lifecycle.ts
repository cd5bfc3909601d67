// What a service team can do to a case, as pure state changes: each action checks the case's
// state, moves its SLA clock (pause while waiting on the resident; a new clock on reroute), adds
// one to its version, and yields a case event plus the effects it causes (a new hand-off, a
// message to the resident). The application writes all of it in one transaction.
import { assessCase, type Case, type CaseStatus } from './case.ts';
import type { Catalogue } from './catalogue.ts';
import { detectEmergency } from './classify.ts';
import * as z from './schema.ts';
import { pauseSla, resumeSla, startSla } from './sla.ts';

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
  /** Who acted: a team id, 'sla-monitor', an adviser. */
  by: string;
  action: CaseActionName | 'opened' | 'warned' | 'breached';
  fromStatus: CaseStatus;
  toStatus: CaseStatus;
  detail: Record<string, string>;
}

export type CaseEffect =
  | { kind: 'handoff' }
  | { kind: 'tell-resident'; reason: 'case-update'; message: string };

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

export function applyAction(kase: Case, action: CaseAction, ctx: { now: Date; by: string; catalogue: Catalogue }): ActionResult {
  const { now, by, catalogue } = ctx;
  if (!ALLOWED_FROM[action.action].includes(kase.status)) {
    throw new CaseActionError(
      'not-allowed',
      kase.status === 'resolved'
        ? `case ${kase.reference} is already resolved`
        : `'${action.action}' is not possible while case ${kase.reference} is ${kase.status}`,
    );
  }
  const at = now.toISOString();
  const next = (changes: Partial<Case>, toStatus: CaseStatus, detail: Record<string, string>, effects: CaseEffect[] = []): ActionResult => {
    const updated: Case = { ...kase, ...changes, status: toStatus, version: kase.version + 1, updatedAt: at };
    return {
      case: updated,
      event: { reference: kase.reference, version: updated.version, at, by, action: action.action, fromStatus: kase.status, toStatus, detail },
      effects,
    };
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
        [{ kind: 'tell-resident', reason: 'case-update', message: action.messageToResident }],
      );
    }
    case 'reroute': {
      const service = catalogue.service(action.serviceId);
      if (!service) throw new CaseActionError('unknown-service', `'${action.serviceId}' is not a service we offer`);
      if (service.id === kase.serviceId && service.teamId === kase.teamId) {
        throw new CaseActionError('not-allowed', `case ${kase.reference} is already with '${service.id}'`);
      }
      const team = catalogue.team(service.teamId);
      // Assessed for the new service as if the case had come to it first (its priority rules; an
      // emergency of a kind it takes stays urgent), with its service level counted from now.
      const emergency = detectEmergency(kase.description);
      const assessed = assessCase(service, kase.description, { emergency: !!emergency && service.emergencyKinds.includes(emergency.kind) });
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
        },
        'open',
        { reason: action.reason, fromService: kase.serviceId, toService: service.id, fromTeam: kase.teamId, toTeam: service.teamId },
        [
          { kind: 'handoff' },
          { kind: 'tell-resident', reason: 'case-update', message: `We have passed your report to ${team.name}, who deal with ${service.name.toLowerCase()}.` },
        ],
      );
    }
    case 'return-to-csn': {
      const csn = catalogue.service(catalogue.defaultServiceId)!;
      return next(
        { teamId: csn.teamId, sla: running() },
        'returned-to-csn',
        { reason: action.reason, fromTeam: kase.teamId },
        [{ kind: 'handoff' }],
      );
    }
  }
}
