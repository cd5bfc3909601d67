// A case: what a service team works on after a hand-off, with its SLA clock.
import type { Catalogue, Priority } from './catalogue.ts';
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
  routing: { confidence: number; explanation: string[] };
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

export function openCase(reference: string, contact: Contact, decision: Decision, catalogue: Catalogue): Case {
  const service = catalogue.service(decision.serviceId);
  if (!service) throw new Error(`decision names unknown service '${decision.serviceId}'`);
  const assessed = assessPriority(service, contact.text);
  const priority: Priority = decision.kind === 'emergency' ? 'urgent' : assessed.priority;
  const reasons = assessed.reasons.map((r) => `Priority ${assessed.priority}: ${r.when} ("${r.words}").`);
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
    sla: startSla(assessed.sla, catalogue.calendar, new Date(contact.receivedAt)),
    routing: { confidence: decision.confidence, explanation: [...decision.explanation, ...reasons] },
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
