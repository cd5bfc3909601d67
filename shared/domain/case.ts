// A case: what a service team works on after a hand-off, with its SLA clock.
import type { Catalogue, Priority, Service, ServiceLevel } from './catalogue.ts';
import { assessPriority } from './classify.ts';
import type { Channel, Contact, GeoPoint, ResidentDetails } from './contact.ts';
import type { Decision } from './routing.ts';
import { startSla, type SlaClock } from './sla.ts';

export const CASE_STATUSES = ['open', 'accepted', 'awaiting-resident', 'resolved', 'returned-to-csn'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export interface Case {
  reference: string;
  status: CaseStatus;
  /** Optimistic-locking version; every change adds one. */
  version: number;
  serviceId: string;
  serviceName: string;
  teamId: string;
  channel: Channel;
  contactId: string;
  description: string;
  resident: ResidentDetails;
  /** How the resident can be found again across channels: PHONE#+44..., EMAIL#..., or none. */
  customerKey?: string;
  location?: GeoPoint;
  /** Details the team needs, by the catalogue's requiredDetails ids (e.g. bin-type). */
  details: Record<string, string>;
  priority: Priority;
  sla: SlaClock;
  /** How the case was routed; modelVersion is the router version that chose its first service (absent on cases from before it was kept). */
  routing: { confidence: number; explanation: string[]; modelVersion?: string };
  /**
   * The case's first reroute to another service (a team's, or an adviser's return to another
   * service's team): when, and the service it was routed to first and that service's team. Set
   * once and kept through any later reroute, so the measures count a misrouted case once.
   */
  firstReroute?: { at: string; fromServiceId: string; fromTeamId: string };
  /** Later contacts from the same resident about this case while it was open (failure demand). */
  repeatContacts: number;
  /** When the SLA monitor marked the case at risk and in breach (each once). */
  slaMarks?: { warnedAt?: string; breachedAt?: string };
  resolvedAt?: string;
  /** Set on resolve: was it resolved by its due time? */
  slaMet?: boolean;
  catalogueVersion: string;
  createdAt: string;
  updatedAt: string;
}

export function isOpen(c: Pick<Case, 'status'>): boolean {
  return c.status !== 'resolved';
}

/** The key that lists a resident's contacts and cases together: E.164 phone, else email. */
export function customerKeyOf(resident: ResidentDetails): string | undefined {
  if (resident.phone) return `PHONE#${resident.phone}`;
  if (resident.email) return `EMAIL#${resident.email}`;
  return undefined;
}

export interface CaseAssessment {
  priority: Priority;
  /** The service level the case's clock runs to: a matched rule's tighter one, or the service's own. */
  sla: ServiceLevel;
  /** Why, in words for the team: one line per matched rule, with that rule's own priority. */
  reasons: string[];
}

/**
 * A case's priority and service level for its service and the resident's words: the service's
 * priority rules, and urgent for an emergency. Opening a case and rerouting it both use this, so a
 * case has the priority it would have had if it had come to its service first.
 */
export function assessCase(service: Service, words: string, { emergency = false } = {}): CaseAssessment {
  const assessed = assessPriority(service, words);
  return {
    priority: emergency ? 'urgent' : assessed.priority,
    sla: assessed.sla,
    reasons: assessed.reasons.map((r) => `Priority ${r.raiseTo}: ${r.when} ("${r.words}").`),
  };
}

export function openCase(reference: string, contact: Contact, decision: Decision, catalogue: Catalogue): Case {
  const service = catalogue.service(decision.serviceId);
  if (!service) throw new Error(`decision names unknown service '${decision.serviceId}'`);
  const { priority, sla, reasons } = assessCase(service, contact.text, { emergency: decision.kind === 'emergency' });
  const customerKey = customerKeyOf(contact.resident);
  return {
    reference,
    status: 'open',
    version: 1,
    serviceId: service.id,
    serviceName: service.name,
    teamId: service.teamId,
    channel: contact.channel,
    contactId: contact.id,
    description: contact.text,
    resident: contact.resident,
    ...(customerKey ? { customerKey } : {}),
    ...(contact.location ? { location: contact.location } : {}),
    details: contact.details ?? {},
    priority,
    sla: startSla(sla, catalogue.calendar, new Date(contact.receivedAt)),
    routing: { confidence: decision.confidence, explanation: [...decision.explanation, ...reasons], modelVersion: decision.modelVersion },
    repeatContacts: 0,
    catalogueVersion: catalogue.version,
    createdAt: contact.receivedAt,
    updatedAt: contact.receivedAt,
  };
}

/** What anyone holding the reference may see: no personal data. */
export interface CaseSummary {
  reference: string;
  status: CaseStatus;
  service: { id: string; name: string };
  teamId: string;
  priority: Priority;
  dueAt: string;
  createdAt: string;
  updatedAt: string;
}

export function summariseCase(c: Case): CaseSummary {
  return {
    reference: c.reference,
    status: c.status,
    service: { id: c.serviceId, name: c.serviceName },
    teamId: c.teamId,
    priority: c.priority,
    dueAt: c.sla.dueAt,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}
