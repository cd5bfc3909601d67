// route(contact, catalogue) -> Decision: the pure heart of the front door. Every channel calls it.
import type { Catalogue, EmergencyKind } from './catalogue.ts';
import { classify, detectEmergency, type Emergency, type ServiceMatch } from './classify.ts';
import type { AdviserAction, Contact } from './contact.ts';

/** Until the learned model lands: the hand-written rules. */
export const ROUTER_VERSION = 'rules-1';

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
  /** For a contact an adviser took: what the words alone suggested, before the adviser's choice. */
  suggestion?: Decision;
  /** The version of the router (its rules and learned model) that made this decision. */
  modelVersion: string;
}

/**
 * What a contact's record keeps of how it was routed: the decision, the router version that made
 * it and, for a contact an adviser took, what routing suggested before their choice. An adviser's
 * different choice, and a team's reroute, are labels the router learns from (docs/routing.md).
 */
export interface RoutingRecord {
  modelVersion: string;
  kind: DecisionKind;
  serviceId: string;
  confidence: number;
  suggested?: { kind: DecisionKind; serviceId: string; confidence: number };
}

export function routingRecordOf(decision: Decision): RoutingRecord {
  const { suggestion } = decision;
  return {
    modelVersion: decision.modelVersion,
    kind: decision.kind,
    serviceId: decision.serviceId,
    confidence: decision.confidence,
    ...(suggestion ? { suggested: { kind: suggestion.kind, serviceId: suggestion.serviceId, confidence: suggestion.confidence } } : {}),
  };
}

export class UnknownServiceError extends Error {
  override name = 'UnknownServiceError';
  constructor(readonly serviceId: string) {
    super(`'${serviceId}' is not a service we offer`);
  }
}

/**
 * The one routing pass for a contact: what the platform does with it. Every channel calls this
 * once per contact and records, answers and hands off what it returns (acceptContact takes the
 * decision a channel already made rather than routing again).
 */
export function route(contact: Contact, catalogue: Catalogue): Decision {
  if (contact.takenBy) return adviserDecision(contact, contact.takenBy, catalogue);
  if (contact.serviceId !== undefined) {
    // A resident who picked "pothole" but wrote "I can smell gas" is an emergency first.
    const emergency = detectEmergency(contact.text);
    if (emergency) return emergencyDecision(emergency, catalogue);
    const chosen = chosenService(contact.serviceId, catalogue);
    return {
      kind: chosen.resolution.mode !== 'handoff' ? 'resolve' : 'handoff',
      modelVersion: ROUTER_VERSION,
      serviceId: chosen.id,
      teamId: chosen.teamId,
      confidence: 1,
      explanation: [`The resident chose the service '${chosen.name}'.`],
    };
  }
  return routeText(contact.text, catalogue);
}

function chosenService(serviceId: string, catalogue: Catalogue) {
  const chosen = catalogue.service(serviceId);
  if (!chosen) throw new UnknownServiceError(serviceId);
  return chosen;
}

/**
 * A contact an adviser took: the words are routed once for the suggestion the adviser sees, then
 * the adviser's choice stands (they have heard the whole story). With no choice, the suggestion is
 * taken as theirs, unless it is an emergency, which stays one.
 */
function adviserDecision(contact: Contact, adviser: AdviserAction, catalogue: Catalogue): Decision {
  const suggestion = routeText(contact.text, catalogue);
  const serviceId = contact.serviceId ?? (adviser.resolvedNote || suggestion.kind !== 'emergency' ? suggestion.serviceId : undefined);
  if (serviceId === undefined) return { ...suggestion, suggestion };
  const chosen = chosenService(serviceId, catalogue);
  const tookSuggestion = contact.serviceId === undefined || contact.serviceId === suggestion.serviceId;
  return {
    kind: adviser.resolvedNote || chosen.resolution.mode !== 'handoff' ? 'resolve' : 'handoff',
    modelVersion: ROUTER_VERSION,
    serviceId: chosen.id,
    teamId: chosen.teamId,
    confidence: 1,
    explanation: [
      `Adviser ${adviser.adviserId} chose the service '${chosen.name}'${tookSuggestion ? ', as routing suggested' : ''}.`,
      ...(tookSuggestion ? [] : [`Routing suggested '${catalogue.service(suggestion.serviceId)?.name ?? suggestion.serviceId}' (${suggestion.kind}).`]),
      ...(adviser.overrideReason ? [`The adviser's reason for choosing it over the suggestion: ${adviser.overrideReason}`] : []),
      ...(adviser.resolvedNote ? [`Resolved by the adviser: ${adviser.resolvedNote}`] : []),
    ],
    suggestion,
  };
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

/** The decision for an emergency found in the words: what to do now, and the urgent case. */
export function emergencyDecision({ kind, phrase }: Emergency, catalogue: Catalogue): Decision {
  const service = catalogue.emergencyService(kind) ?? catalogue.service(catalogue.defaultServiceId)!;
  return {
    kind: 'emergency',
    modelVersion: ROUTER_VERSION,
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
      modelVersion: ROUTER_VERSION,
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
      modelVersion: ROUTER_VERSION,
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
      modelVersion: ROUTER_VERSION,
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
    modelVersion: ROUTER_VERSION,
    serviceId: service.id,
    teamId: service.teamId,
    confidence: best.confidence,
    explanation: [
      `The description matched words used for '${service.name}'${matched}.`,
      ...(resolves ? [`'${service.name}' can be resolved now (${service.resolution.mode}).`] : []),
    ],
  };
}
