// route(contact, catalogue) -> Decision: the pure heart of the front door. Every channel calls it.
import type { Catalogue, EmergencyKind } from './catalogue.ts';
import { classify, detectEmergency, type Emergency, type ServiceMatch } from './classify.ts';
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
  /** For 'emergency': which kind; the catalogue's emergency-advice-<kind> says what to do now. */
  emergencyKind?: EmergencyKind;
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
    const adviser = contact.takenBy;
    // A resident who picked "pothole" but wrote "I can smell gas" is an emergency first. An
    // adviser's choice stands: they have heard the whole story.
    const emergency = adviser ? null : detectEmergency(contact.text);
    if (emergency) return emergencyDecision(emergency, catalogue);
    return {
      kind: adviser?.resolvedNote || chosen.resolution.mode !== 'handoff' ? 'resolve' : 'handoff',
      serviceId: chosen.id,
      teamId: chosen.teamId,
      confidence: 1,
      explanation: [
        `${adviser ? `Adviser ${adviser.adviserId}` : 'The resident'} chose the service '${chosen.name}'.`,
        ...(adviser?.overrideReason ? [`The adviser's reason for choosing it over the suggestion: ${adviser.overrideReason}`] : []),
        ...(adviser?.resolvedNote ? [`Resolved by the adviser: ${adviser.resolvedNote}`] : []),
      ],
    };
  }
  return routeText(contact.text, catalogue);
}

// ---------------------------------------------------------------------------------------------
// Routing free text. Thresholds are deliberately cautious: below them we ask or pass to an
// adviser, because a confident hand-off to the wrong team costs the resident days.

/** At or above: hand off (or resolve) without asking. */
export const HANDOFF_CONFIDENCE = 0.36;
/** At or above (but below HANDOFF_CONFIDENCE): ask the resident to pick from the best few. */
export const ASK_CONFIDENCE = 0.12;
/** Options offered when asking: the best few, each from a different service. */
const ASK_OPTIONS = 3;

function emergencyDecision({ kind, phrase }: Emergency, catalogue: Catalogue): Decision {
  const service = catalogue.emergencyService(kind) ?? catalogue.service(catalogue.defaultServiceId)!;
  return {
    kind: 'emergency',
    serviceId: service.id,
    teamId: service.teamId,
    confidence: 1,
    explanation: [`The description shows an emergency (${kind}): "${phrase}".`],
    emergencyKind: kind,
  };
}

function routeText(text: unknown, catalogue: Catalogue): Decision {
  const classification = classify(typeof text === 'string' ? text : '', catalogue);
  const fallback = catalogue.service(catalogue.defaultServiceId)!;

  if (classification.emergency) return emergencyDecision(classification.emergency, catalogue);

  const [best] = classification.matches;
  const service = best ? catalogue.service(best.serviceId) : undefined;
  if (!best || !service || best.confidence < ASK_CONFIDENCE) {
    return {
      kind: 'adviser',
      serviceId: fallback.id,
      teamId: fallback.teamId,
      confidence: best?.confidence ?? 0,
      explanation: [
        best
          ? `Nothing matched well enough to choose a service (best: '${service?.name ?? best.serviceId}', ${best.confidence}); an adviser will help.`
          : 'Nothing in the description matched a service; an adviser will help.',
      ],
    };
  }

  // The general enquiry service means "a person should help": that is an adviser, not a hand-off.
  if (service.id === catalogue.defaultServiceId) {
    return {
      kind: 'adviser',
      serviceId: service.id,
      teamId: service.teamId,
      confidence: best.confidence,
      explanation: ['The resident asked a general question or to speak to someone; an adviser will help.'],
    };
  }

  const matched = classification.evidence.length ? ` (${classification.evidence.map((w) => `"${w}"`).join(', ')})` : '';
  // A word or two ("water", "broken", "street light") is too thin to send to a team without asking.
  const words = typeof text === 'string' ? text.trim().split(/\s+/).filter(Boolean).length : 0;
  const thin = words <= 2 && classification.evidence.length <= 1;
  if (best.confidence < HANDOFF_CONFIDENCE || (thin && classification.matches.length > 1)) {
    return {
      kind: 'ask',
      serviceId: service.id,
      teamId: service.teamId,
      confidence: best.confidence,
      explanation: [`The description could be about more than one service; the closest is '${service.name}'${matched}.`],
      options: classification.matches.slice(0, ASK_OPTIONS),
    };
  }

  const resolves = service.resolution.mode !== 'handoff';
  return {
    kind: resolves ? 'resolve' : 'handoff',
    serviceId: service.id,
    teamId: service.teamId,
    confidence: best.confidence,
    explanation: [
      `The description matched words used for '${service.name}'${matched}.`,
      ...(resolves ? [`'${service.name}' can be resolved now (${service.resolution.mode}).`] : []),
    ],
  };
}
