// A case: what a service team works on after a hand-off.
import type { Catalogue } from './catalogue.ts';
import type { Channel, Contact, GeoPoint, ResidentDetails } from './contact.ts';
import type { Decision } from './routing.ts';

export type CaseStatus = 'open' | 'accepted' | 'awaiting-resident' | 'resolved' | 'returned-to-csn';

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
  location?: GeoPoint;
  routing: { confidence: number; explanation: string[] };
  catalogueVersion: string;
  createdAt: string;
  updatedAt: string;
}

export function openCase(reference: string, contact: Contact, decision: Decision, catalogue: Catalogue): Case {
  const service = catalogue.service(decision.serviceId);
  if (!service) throw new Error(`decision names unknown service '${decision.serviceId}'`);
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
    ...(contact.location ? { location: contact.location } : {}),
    routing: { confidence: decision.confidence, explanation: decision.explanation },
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
  createdAt: string;
  updatedAt: string;
}

export function summariseCase(c: Case): CaseSummary {
  return {
    reference: c.reference,
    status: c.status,
    service: { id: c.serviceId, name: c.serviceName },
    teamId: c.teamId,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}
