// route(contact, catalogue) -> Decision: the pure heart of the front door. Every channel calls it.
import type { Catalogue } from './catalogue.ts';
import { classify, type ServiceMatch } from './classify.ts';
import type { Contact } from './contact.ts';

export type DecisionKind = 'resolve' | 'handoff' | 'ask' | 'adviser' | 'emergency';

export interface Decision {
  kind: DecisionKind;
  serviceId: string;
  teamId: string;
  /** 0..1: how sure routing is of serviceId. */
  confidence: number;
  /** Plain-words reasons, kept with the case so a team can see why it got it. */
  explanation: string[];
  /** For 'ask': the best few services to offer the resident. */
  options?: ServiceMatch[];
}

export class UnknownServiceError extends Error {
  override name = 'UnknownServiceError';
  constructor(readonly serviceId: string) {
    super(`'${serviceId}' is not a service we offer`);
  }
}

export function route(contact: Contact, catalogue: Catalogue): Decision {
  if (contact.serviceId !== undefined) {
    const chosen = catalogue.service(contact.serviceId);
    if (!chosen) throw new UnknownServiceError(contact.serviceId);
    return {
      kind: 'handoff',
      serviceId: chosen.id,
      teamId: chosen.teamId,
      confidence: 1,
      explanation: [`The resident chose the service '${chosen.name}'.`],
    };
  }
  const [best] = classify(contact.text, catalogue).matches;
  const service = catalogue.service(best?.serviceId ?? catalogue.defaultServiceId)!;
  return {
    kind: 'handoff',
    serviceId: service.id,
    teamId: service.teamId,
    confidence: best?.confidence ?? 0,
    explanation: best
      ? [`The description matched words used for '${service.name}'.`]
      : [`Nothing in the description matched a service; sent to '${service.name}'.`],
  };
}
