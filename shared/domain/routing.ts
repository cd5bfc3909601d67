// route(contact, catalogue) -> Decision: the pure heart of the front door. Every channel calls it.
import type { Catalogue, EmergencyKind, Service, ServiceArea } from './catalogue.ts';
import { classify, detectEmergency, type Classification, type Emergency, type ServiceMatch } from './classify.ts';
import type { AdviserAction, Contact } from './contact.ts';
import { AREA_NAMES, areaScores, loadModel, pushesFor, pushTable, type LoadedModel, type RoutingModelData } from './routing-model.ts';
import { wordsOf } from './text-features.ts';

/** The version of routing by the hand-written rules alone (no learned model). */
export const RULES_VERSION = 'rules-1';

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
export function route(contact: Contact, catalogue: Catalogue, model: RoutingModelData | null = catalogue.routingModel ?? null): Decision {
  const router: Router = { catalogue, model: model ? loadModel(model) : null, version: model?.version ?? RULES_VERSION };
  if (contact.takenBy) return adviserDecision(contact, contact.takenBy, router);
  if (contact.serviceId !== undefined) {
    // A resident who picked "pothole" but wrote "I can smell gas" is an emergency first.
    const emergency = detectEmergency(contact.text);
    if (emergency) return emergencyDecision(emergency, catalogue, router.version);
    const chosen = chosenService(contact.serviceId, catalogue);
    return {
      kind: chosen.resolution.mode !== 'handoff' ? 'resolve' : 'handoff',
      modelVersion: router.version,
      serviceId: chosen.id,
      teamId: chosen.teamId,
      confidence: 1,
      explanation: [`The resident chose the service '${chosen.name}'.`],
    };
  }
  return routeText(contact.text, router);
}

/** The version of routing a catalogue routes with: its learned model's, or the rules'. */
export const routerVersionOf = (catalogue: Catalogue): string => catalogue.routingModel?.version ?? RULES_VERSION;

/** What routes: the catalogue, the learned model if there is one, and the version they make together. */
interface Router {
  catalogue: Catalogue;
  model: LoadedModel | null;
  version: string;
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
function adviserDecision(contact: Contact, adviser: AdviserAction, router: Router): Decision {
  const { catalogue } = router;
  const suggestion = routeText(contact.text, router);
  const serviceId = contact.serviceId ?? (adviser.resolvedNote || suggestion.kind !== 'emergency' ? suggestion.serviceId : undefined);
  if (serviceId === undefined) return { ...suggestion, suggestion };
  const chosen = chosenService(serviceId, catalogue);
  const tookSuggestion = contact.serviceId === undefined || contact.serviceId === suggestion.serviceId;
  return {
    kind: adviser.resolvedNote || chosen.resolution.mode !== 'handoff' ? 'resolve' : 'handoff',
    modelVersion: router.version,
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
// Routing free text by the hand-written rules alone (the catalogue's words: classify.ts), used
// when there is no learned model and measured beside it as the baseline. Thresholds are
// deliberately cautious: below them we ask or pass to an adviser, because a confident hand-off
// to the wrong team costs the resident days.

/** At or above: hand off (or resolve) without asking. */
export const HANDOFF_CONFIDENCE = 0.36;
/** At or above (but below HANDOFF_CONFIDENCE): ask the resident to pick from the best few. */
export const ASK_CONFIDENCE = 0.12;
/** Options offered when asking: the best few, each from a different service. */
const ASK_OPTIONS = 3;

/** The decision for an emergency found in the words: what to do now, and the urgent case. */
export function emergencyDecision({ kind, phrase }: Emergency, catalogue: Catalogue, modelVersion = routerVersionOf(catalogue)): Decision {
  const service = catalogue.emergencyService(kind) ?? catalogue.service(catalogue.defaultServiceId)!;
  return {
    kind: 'emergency',
    modelVersion,
    serviceId: service.id,
    teamId: service.teamId,
    confidence: 1,
    explanation: [`The description shows an emergency (${kind}): "${phrase}".`],
    emergencyKind: kind,
  };
}

function routeText(text: unknown, router: Router): Decision {
  const words = typeof text === 'string' ? text : '';
  const classification = classify(words, router.catalogue);
  if (classification.emergency) return emergencyDecision(classification.emergency, router.catalogue, router.version);
  return router.model ? modelDecision(words, classification, router.model, router.catalogue) : rulesDecision(words, classification, router.catalogue);
}

function rulesDecision(text: string, classification: Classification, catalogue: Catalogue): Decision {
  const fallback = catalogue.service(catalogue.defaultServiceId)!;

  const [best] = classification.matches;
  const service = best ? catalogue.service(best.serviceId) : undefined;
  if (!best || !service || best.confidence < ASK_CONFIDENCE) {
    return {
      kind: 'adviser',
      modelVersion: RULES_VERSION,
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
      modelVersion: RULES_VERSION,
      serviceId: service.id,
      teamId: service.teamId,
      confidence: best.confidence,
      explanation: ['The resident asked a general question or to speak to someone; an adviser will help.'],
    };
  }

  const matched = classification.evidence.length ? ` (${classification.evidence.map((w) => `"${w}"`).join(', ')})` : '';
  // A word or two ("water", "broken", "street light") is too thin to send to a team without asking.
  const words = text.trim().split(/\s+/).filter(Boolean).length;
  const thin = words <= 2 && classification.evidence.length <= 1;
  if (best.confidence < HANDOFF_CONFIDENCE || (thin && classification.matches.length > 1)) {
    return {
      kind: 'ask',
      modelVersion: RULES_VERSION,
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
    modelVersion: RULES_VERSION,
    serviceId: service.id,
    teamId: service.teamId,
    confidence: best.confidence,
    explanation: [
      `The description matched words used for '${service.name}'${matched}.`,
      ...(resolves ? [`'${service.name}' can be resolved now (${service.resolution.mode}).`] : []),
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Routing free text with the learned model: the model's area probabilities and the catalogue's
// words combined into one calibrated confidence per area (routing-model.ts); the catalogue's words
// then pick the service within the area. Thresholds come with the model, chosen by
// cross-validation on its training data (docs/routing.md).

/** Words common in Welsh and rare in English (as wordsOf reads them: "mae'r" is "maer"). */
const WELSH_ONLY = new Set(
  ('mae maer yn ddim wedi fy ein eich gyda ond hefyd oes sydd rydw dwi dw rwy nhw hwn hon ydy dydy oedd roedd bydd gallwch allech ' +
    'diolch gwelwch fawr mawr biniau sbwriel casglu gasglu heddiw ffordd golau stryd twll gweithio eisiau siarad rhywun cymraeg gymraeg ' +
    'hoffwn helo shwmae prynhawn bore noswaith helpu nhreth treth gyngor cyngor ailgylchu gael llygod ardd ardal broblem adael').split(' '),
);
/** Words of other languages residents write in that English never uses (accents removed, as wordsOf reads them). */
const FOREIGN_ONLY = new Set(
  ('le les des une est pas ete mon ma mes dans sur avec pour qui je vous nous elle tres ' + // French
    'el en los las una esta hay mis con por para muy del ' + // Spanish
    'nie sie jest ze sa moje moja moj bardzo ' + // Polish
    'der das und ist nicht ein eine mein meine mit von zu auf ' + // German
    'uma nao ' + // Portuguese
    'fost si').split(' '), // Romanian (words English also uses, "do", "die", "de", "la", "w", are left out)
);
/** English words that say the text is English after all. */
const ENGLISH_FUNCTION = new Set('the and is are was were to of in on at my our it not has have there this that for with by from be we you they been'.split(' '));

/** Welsh, another language, or English (mixed text with English service words counts as English). */
function languageOf(words: string[]): 'welsh' | 'other' | 'english' {
  const english = words.filter((w) => ENGLISH_FUNCTION.has(w)).length;
  const welsh = words.filter((w) => WELSH_ONLY.has(w)).length;
  if (welsh >= 2 && welsh > english && welsh >= words.length / 4) return 'welsh';
  // Words with no Latin letters (Urdu, Bengali, Chinese...) are read as another language.
  const latin = words.filter((w) => /[a-z]/.test(w)).length;
  if (latin === 0 && words.some((w) => /\p{L}/u.test(w))) return 'other';
  const foreign = words.filter((w) => FOREIGN_ONLY.has(w)).length;
  return foreign >= 2 && foreign > english && foreign >= words.length / 4 ? 'other' : 'english';
}

/** The catalogue-words confidence below which a match does not choose the service within an area. */
const SERVICE_MATCH_FLOOR = 0.2;

/**
 * A word that on its own pushes this hard (in logits) towards another area names a second problem
 * ("... and there is a pothole outside"). Set by hand from constructed examples: there are no
 * labelled two-problem requests to choose it by.
 */
const SECOND_PROBLEM_PUSH = 2;

/** Emergencies about a person: their area's services are never a guess. */
const PEOPLE_AT_RISK = new Set<EmergencyKind>(['child-at-risk', 'adult-at-risk']);

/** A text this short names a thing, not a problem: "bins", "street light". */
const THIN_WORDS = 2;

function modelDecision(text: string, classification: Classification, model: LoadedModel, catalogue: Catalogue): Decision {
  const version = model.data.version;
  const fallback = catalogue.service(catalogue.defaultServiceId)!;
  const adviser = (confidence: number, why: string): Decision => ({
    kind: 'adviser',
    modelVersion: version,
    serviceId: fallback.id,
    teamId: fallback.teamId,
    confidence,
    explanation: [why],
  });

  const words = wordsOf(text);
  if (!words.some((w) => /\p{L}/u.test(w))) return adviser(0, 'The description has no words to route by; an adviser will help.');
  const language = languageOf(words);
  if (language === 'welsh') return adviser(0, 'The description is in Welsh; an adviser who speaks Welsh will help.');
  if (language === 'other') return adviser(0, 'The description does not seem to be in English; an adviser will help, with an interpreter if needed.');

  // The catalogue's best confidence per area, and its best-matching service in each.
  const catalogueByArea = new Map<ServiceArea, number>();
  const bestInArea = new Map<ServiceArea, ServiceMatch>();
  for (const match of classification.matches) {
    if (!bestInArea.has(match.area)) bestInArea.set(match.area, match);
    catalogueByArea.set(match.area, Math.max(catalogueByArea.get(match.area) ?? 0, match.confidence));
  }
  const { probabilities, features } = areaScores(model, words, catalogueByArea);
  const ranked = [...probabilities.keys()].sort((a, b) => probabilities[b]! - probabilities[a]!);
  const areaOf = (k: number) => model.data.areas[k]!;
  // Within an area, the catalogue's words choose the service; a faint match (a word shared with
  // many services) does not, and the area's usual service (its first in the catalogue) is taken.
  // The usual service is never one that takes emergencies (a safeguarding team, flooding inside a
  // home): those are chosen by their own words or rules, not as a default.
  const serviceIn = (area: ServiceArea): Service => {
    const matched = bestInArea.get(area);
    const strong = matched && matched.confidence >= SERVICE_MATCH_FLOOR ? catalogue.service(matched.serviceId) : undefined;
    return strong ?? catalogue.services.find((s) => s.area === area && s.emergencyKinds.length === 0) ?? fallback;
  };
  const top = ranked[0]!;
  const p = round(probabilities[top]!);
  const area = areaOf(top);
  const service = serviceIn(area);
  const { handoff, ask, second, rulesAgree } = model.data.thresholds;
  // Which words push towards which area: computed once, when an explanation first needs it.
  let table: ReturnType<typeof pushTable> | undefined;
  const pushes = () => (table ??= pushTable(model, features));

  // A second problem: another area nearly as likely, or one the catalogue's words are sure of,
  // with words of its own in the text: noted, so that it is not lost.
  const secondProblem = (chosen: number, decided: string[]): string[] => {
    for (const k of ranked) {
      if (k === chosen) continue;
      const own = pushesFor(pushes(), k, 2).filter(({ word }) => !decided.includes(word));
      const likely = probabilities[k]! >= second * probabilities[chosen]! || (catalogueByArea.get(areaOf(k)) ?? 0) >= HANDOFF_CONFIDENCE;
      if (own.length && (likely || own[0]!.push >= SECOND_PROBLEM_PUSH)) {
        return [`It may also be about ${AREA_NAMES[areaOf(k)]} (${own.map(({ word }) => `"${word}"`).join(', ')}): '${serviceIn(areaOf(k)).name}' may need a case of its own.`];
      }
    }
    return [];
  };

  // The catalogue's own words, where they alone are sure of a service, stand when the combined
  // confidence in that service's area is at least rulesAgree: they know this council's services
  // (and the areas the public training data barely covers) better than the model does.
  const rules = rulesDecision(text, classification, catalogue);
  if (rules.kind === 'handoff' || rules.kind === 'resolve') {
    const rulesService = catalogue.service(rules.serviceId)!;
    const rulesP = round(probabilities[model.data.areas.indexOf(rulesService.area)] ?? 0);
    if (rulesP >= rulesAgree) {
      return {
        ...rules,
        modelVersion: version,
        confidence: rulesP,
        explanation: [
          ...rules.explanation,
          `The learned model finds ${AREA_NAMES[rulesService.area]} ${Math.round(rulesP * 100)}% likely, enough to agree.`,
          ...secondProblem(model.data.areas.indexOf(rulesService.area), classification.evidence.flatMap((e) => e.split(' '))),
        ],
      };
    }
  }

  const decisive = pushesFor(pushes(), top).map(({ word }) => word);

  const because = decisive.length ? `: the words ${decisive.map((w) => `"${w}"`).join(', ')} decided it` : '';
  const sure = `Routing is ${Math.round(p * 100)}% sure this is about ${AREA_NAMES[area]}${because}.`;
  const chosenByWords = bestInArea.get(area)?.serviceId === service.id;
  const evidence = classification.matches[0]?.serviceId === service.id && classification.evidence.length ? ` (${classification.evidence.map((w) => `"${w}"`).join(', ')})` : '';
  const within = chosenByWords
    ? `Within it, the words for '${service.name}' matched${evidence}.`
    : `No words for a particular service in it matched; '${service.name}' is its usual service.`;

  const options = (): ServiceMatch[] =>
    ranked.slice(0, ASK_OPTIONS).map((k) => ({ serviceId: serviceIn(areaOf(k)).id, area: areaOf(k), confidence: round(probabilities[k]!) }));

  if (p < ask) return adviser(p, `Nothing matched well enough to choose a service (best: ${AREA_NAMES[area]}, ${p}); an adviser will help.`);
  // The general enquiry service means "a person should help": that is an adviser, not a hand-off.
  if (service.id === catalogue.defaultServiceId) {
    return { ...adviser(p, 'The resident asked a general question or to speak to someone; an adviser will help.'), serviceId: service.id, teamId: service.teamId };
  }
  // A word or two ("water", "broken") names a thing, not which problem with it: ask, unless the
  // catalogue's words name one service only, or more than one word of it ("street lights").
  const inArea = classification.matches.filter((m) => m.area === area);
  // People's care and safety: only the catalogue's own sure words (the rules, above) send a
  // contact to those teams; the model's guess goes to an adviser ("I need support" is not a referral).
  if (catalogue.services.some((s) => s.area === area && s.emergencyKinds.some((k) => PEOPLE_AT_RISK.has(k)))) {
    return adviser(p, `This may be about ${AREA_NAMES[area]}; an adviser will talk it through and decide which team helps.`);
  }
  const thin = words.length <= THIN_WORDS && (inArea.length === 0 || (classification.matches.length > 1 && classification.evidence.length <= 1));
  if (p < handoff || thin) {
    return {
      kind: 'ask',
      modelVersion: version,
      serviceId: service.id,
      teamId: service.teamId,
      confidence: p,
      explanation: [`The description could be about more than one service; the closest is '${service.name}' (${AREA_NAMES[area]}, ${Math.round(p * 100)}%).`],
      options: !thin ? options() : classification.matches.length > 1 ? classification.matches.slice(0, ASK_OPTIONS) : areaOptions(catalogue, area),
    };
  }

  const also = secondProblem(top, decisive);
  const resolves = service.resolution.mode !== 'handoff';
  return {
    kind: resolves ? 'resolve' : 'handoff',
    modelVersion: version,
    serviceId: service.id,
    teamId: service.teamId,
    confidence: p,
    explanation: [sure, within, ...also, ...(resolves ? [`'${service.name}' can be resolved now (${service.resolution.mode}).`] : [])],
  };
}

/** The services of one area, to choose from when the words name the area but not the problem. */
function areaOptions(catalogue: Catalogue, area: ServiceArea): ServiceMatch[] {
  return catalogue.services
    .filter((s) => s.area === area && s.id !== catalogue.defaultServiceId)
    .slice(0, ASK_OPTIONS)
    .map((s) => ({ serviceId: s.id, area, confidence: 0 }));
}

const round = (n: number): number => Math.round(n * 1000) / 1000;
