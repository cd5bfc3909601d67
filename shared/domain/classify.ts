// Free text -> emergencies first, then ranked services with confidences, from the catalogue's own
// words, names and examples. Pure and fast: the index is built once per catalogue and cached.
import type { Catalogue, EmergencyKind, Priority, PriorityRule, Service, ServiceArea, ServiceLevel } from './catalogue.ts';

export interface ServiceMatch {
  serviceId: string;
  area: ServiceArea;
  /** 0..1 */
  confidence: number;
}

export interface Emergency {
  kind: EmergencyKind;
  /** The words in the text that showed it, e.g. "smell gas". */
  phrase: string;
}

export interface Classification {
  /** Ranked best first; empty when nothing in the catalogue matched. */
  matches: ServiceMatch[];
  /** Danger to life, gas, a person at risk...: null when the text shows none. */
  emergency: Emergency | null;
  /** The resident's words that matched the best service, for the explanation kept with the case. */
  evidence: string[];
}

/** Texts longer than this are classified on their opening; emergencies are looked for further in. */
const MAX_CLASSIFIED_CHARS = 2_000;
const MAX_CLASSIFIED_WORDS = 100;
const MAX_EMERGENCY_CHARS = 20_000;
const MAX_MATCHES = 8;

// Where a phrase came from in the catalogue, and how much a match on it says.
const FIELD_WEIGHT = { words: 1, name: 0.7, examples: 0.4 } as const;
/** A two-word phrase ("street light") says more than either word. */
const BIGRAM_BOOST = 1.2;
/** A near-miss spelling ("pothloe") counts, a little less. */
const FUZZY_FACTOR = 0.75;
/** Shorter words are too easily another word one letter away. */
const MIN_FUZZY_LENGTH = 6;
/** Content words at full weight at the start of a text; after them, weight falls to LATE_WORD_FACTOR. */
const LEADING_WORDS = 5;
const LATE_WORD_FACTOR = 0.6;
/** A word met only inside a longer phrase counts this much of a word listed on its own. */
const PART_OF_PHRASE = 0.5;
/** Scale of the score: one distinctive word (idf ~4.4) gives a strength of about 0.77. */
const STRENGTH_SCALE = 3;

export function classify(text: string, catalogue: Catalogue): Classification {
  const safe = typeof text === 'string' ? text : '';
  const words = plainWords(safe.slice(0, MAX_EMERGENCY_CHARS));
  const emergency = emergencyIn(words);
  const index = indexFor(catalogue);
  const resolved = contentTokens(words.slice(0, MAX_CLASSIFIED_WORDS)).map((token) => index.resolve(token));
  const features = featuresOf(
    resolved.map((r) => r.token),
    resolved.map((r) => (r.exact ? 1 : FUZZY_FACTOR)),
  );

  const scores = new Float64Array(index.services.length);
  const evidence: Map<string, number>[] = index.services.map(() => new Map());
  for (const feature of features) {
    const postings = index.postings.get(feature.key);
    if (!postings) continue;
    for (const [serviceIndex, weight] of postings) {
      const gain = weight * feature.factor;
      scores[serviceIndex] = scores[serviceIndex]! + gain;
      evidence[serviceIndex]!.set(feature.display, gain);
    }
  }

  const ranked = [...scores.keys()].filter((i) => scores[i]! > 0).sort((a, b) => scores[b]! - scores[a]!);
  const matches = ranked.slice(0, MAX_MATCHES).map((i) => {
    const service = index.services[i]!;
    // The nearest rival that another team would handle: a tie inside one team costs nothing.
    const rival = ranked.find((j) => j !== i && index.services[j]!.teamId !== service.teamId);
    return { serviceId: service.id, area: service.area, confidence: confidenceOf(scores[i]!, rival === undefined ? 0 : scores[rival]!) };
  });
  matches.sort((a, b) => b.confidence - a.confidence);
  const top = ranked[0];
  const topEvidence =
    top === undefined ? [] : [...evidence[top]!.entries()].sort((a, b) => b[1] - a[1]).map(([words]) => words);
  return { matches, emergency, evidence: topEvidence.slice(0, 5) };
}

/** How sure: the score's strength times how far it stands clear of the best rival. */
function confidenceOf(score: number, rival: number): number {
  const strength = 1 - Math.exp(-score / STRENGTH_SCALE);
  // 0 for a tie, 1 with no rival; a rival at half the score still leaves a clear lead (0.75).
  const lead = 1 - Math.min(1, rival / score) ** 2;
  return round(strength * (0.35 + 0.65 * lead));
}

const round = (n: number): number => Math.round(n * 1000) / 1000;

// ---------------------------------------------------------------------------------------------
// Priority: a service's rules read against the resident's words.

export interface PriorityAssessment {
  priority: Priority;
  /** The service level that applies: a matched rule's tighter one, or the service's own. */
  sla: ServiceLevel;
  /** The rules that matched, each with the priority it raises to and the words that triggered it. */
  reasons: { when: PriorityRule['when']; raiseTo: Priority; words: string }[];
}

const PRIORITY_ORDER: Record<Priority, number> = { normal: 0, high: 1, urgent: 2 };

/** Applies a service's priority rules to the text: the highest matching rule wins. */
export function assessPriority(service: Service, text: string): PriorityAssessment {
  const sequence = ` ${toTokens(typeof text === 'string' ? text.slice(0, MAX_CLASSIFIED_CHARS) : '', false).join(' ')} `;
  let result: PriorityAssessment = { priority: 'normal', sla: service.sla, reasons: [] };
  for (const rule of service.priorityRules) {
    const hit = rule.words.find((words) => sequence.includes(` ${toTokens(words, false).join(' ')} `));
    if (!hit) continue;
    result.reasons.push({ when: rule.when, raiseTo: rule.raiseTo, words: hit });
    if (PRIORITY_ORDER[rule.raiseTo] > PRIORITY_ORDER[result.priority]) {
      result = { ...result, priority: rule.raiseTo, sla: rule.sla ?? service.sla };
    }
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Emergencies: recognised before anything else, from patterns, not from the catalogue's scores.
// What the resident is told to do is the catalogue's wording (emergency-advice-<kind> templates).

interface EmergencyRule {
  kind: EmergencyKind;
  patterns: RegExp[];
}

const CHILD = String.raw`(?:child|children|childs|kid|kids|baby|babies|toddler|infant|boy|girl|son|daughter|teenager|young person|little one|minor)`;
// Harm words are the ones that say a person is being harmed: "kids shouting abuse" or "kids
// hitting a ball" is not a safeguarding concern, "children at risk from speeding cars" is traffic.
const CHILD_HARM = String.raw`(?:being hurt|getting hurt|being hit|being beaten|was beaten|been beaten|being abused|been abused|abused|sexual abuse|physical abuse|being neglected|left alone|home alone|left on (?:their|his|her) own|locked in|starving|no food|bruises|bruised|scared to go home|afraid to go home|being exploited|exploited|groomed|grooming|molested)`;
const HARMING = String.raw`(?:hitting|hits|hurting|hurts|beating|beats|kicking|kicks|slapping|slaps|punching|punches|abusing|abuses|neglecting|neglects|starving|shaking)`;
const ADULT = String.raw`(?:elderly|old (?:man|woman|lady|gentleman|person|people|neighbour)|pensioner|vulnerable (?:adult|man|woman|person)|disabled (?:man|woman|person|neighbour)|(?:my|her|his) (?:mum|mother|dad|father|nan|gran|grandmother|grandad|grandfather|wife|husband|partner|sister|brother)|neighbour|resident|tenant|carer|lady|man|woman)`;
const ADULT_HARM = String.raw`(?:being abused|being hurt|being hit|being beaten|being neglected|neglecting (?:himself|herself|themselves)|self neglect|self neglecting|domestic abuse|domestic violence|elder abuse|financial abuse|financially abused|taking (?:his|her|their) money|stealing (?:his|her|their) money|not been seen for|has not been seen|fallen and can not get up|lying on the floor|not answering the door|no food|starving)`;
const HOME = String.raw`(?:house|home|homes|houses|flat|flats|living room|lounge|kitchen|bedroom|hallway|property|properties|ground floor|downstairs|front room|basement|cellar|front door|back door)`;
const STRUCTURE = String.raw`(?:wall|walls|building|roof|chimney|house|bridge|scaffold|scaffolding|balcony|ceiling|structure|shop front|garage|stairs|staircase)`;

const EMERGENCY_RULES: EmergencyRule[] = [
  {
    kind: 'gas',
    patterns: [
      /\b(?:smell(?:s|ing)?|smelt|smelled|whiff) (?:of )?(?:gas)\b/,
      /\bsmells? (?:like|of) gas\b/,
      /\bgas (?:leak|leaking|smell|escape|escaping|is leaking|pipe (?:burst|broken|damaged|leaking))\b/,
      /\bleaking gas\b/,
      /\bcarbon monoxide\b/,
    ],
  },
  {
    kind: 'fire',
    patterns: [
      /\b(?:is|are|was|caught|set|on) (?:on )?fire\b/,
      /\b(?:house|building|flat|car|van|bin|shop|garage|kitchen|chip pan|electrical) fire\b/,
      /\bfire (?:in|at) (?:the|my|our|a|number)\b/,
      /\b(?:flames|burning down|smoke (?:pouring|coming|billowing) (?:out|from))\b/,
    ],
  },
  {
    kind: 'danger-to-life',
    patterns: [
      /\bdanger to life\b/,
      /\b(?:not breathing|unconscious|unresponsive|stabbed|shot|bleeding heavily|overdose|overdosed)\b/,
      /\b(?:kill (?:myself|himself|herself)|suicide|suicidal|end (?:my|his|her) life|going to jump)\b/,
      /\b(?:someone|somebody|person|man|woman|child|people) (?:is |are )?(?:trapped|drowning|in the river|in the water)\b/,
      /\b(?:threatening to kill|going to kill|has a knife|with a knife|has a gun)\b/,
      /\b(?:man|woman|person|someone|somebody) (?:has )?collapsed\b/,
    ],
  },
  {
    kind: 'child-at-risk',
    patterns: [
      new RegExp(String.raw`\b${CHILD}\b(?:\W+\w+){0,8}?\W+${CHILD_HARM}\b`),
      new RegExp(String.raw`\b${HARMING} (?:a |the |his |her |their |my |our |that |this )?(?:little |young |poor )?${CHILD}\b`),
      /\b(?:child abuse|child neglect|child protection|child sexual exploitation)\b/,
    ],
  },
  {
    kind: 'adult-at-risk',
    patterns: [
      new RegExp(String.raw`\b${ADULT}\b(?:\W+\w+){0,8}?\W+${ADULT_HARM}\b`),
      /\b(?:adult at risk|vulnerable adult at risk|elder abuse|financial abuse|domestic abuse|domestic violence)\b/,
    ],
  },
  {
    kind: 'flooding-home',
    patterns: [
      new RegExp(
        String.raw`\b(?:water|flood water|floodwater|flood|sewage|river|rain ?water)\b(?:\W+\w+){0,3}?\W+(?:is |are )?(?:pouring|coming|flowing|rushing|gushing|pours|comes|getting|running|seeping|leaking) (?:in|into|inside|through|under)\b(?:\W+\w+){0,3}?\W+${HOME}\b`,
      ),
      new RegExp(String.raw`\b${HOME} (?:is |are |has |have |has been |have been |is being |are being )?(?:flooded|flooding|under water|underwater)\b`),
      new RegExp(String.raw`\bflood(?:ed|ing)? (?:in|into|inside) (?:my|our|the|their) ${HOME}\b`),
    ],
  },
  {
    kind: 'dangerous-structure',
    patterns: [
      new RegExp(String.raw`\b${STRUCTURE}\b(?:\W+\w+){0,5}?\W+(?:about to|going to|could|might|will|is going to|looks like it will|ready to) (?:collapse|fall down|come down|give way|fall)\b`),
      new RegExp(String.raw`\b${STRUCTURE}\b(?:\W+\w+){0,3}?\W+(?:is |are |has )?(?:collapsing|collapsed|falling down|caved in|caving in)\b`),
    ],
  },
  {
    kind: 'live-electrics',
    patterns: [
      /\b(?:live|exposed|bare|sparking|dangling|hanging) (?:electric |electrical |electricity |power )?(?:wires?|wiring|cables?|lines?)\b/,
      /\b(?:wires?|wiring|cables?|power lines?) (?:are |is )?(?:hanging|sparking|exposed|down|dangling|live)\b/,
      /\belectric(?:al)? shock\b/,
    ],
  },
];

/** The first emergency the text shows, in the order above (gas and fire before the rest). */
export function detectEmergency(text: string): Emergency | null {
  return emergencyIn(plainWords(typeof text === 'string' ? text.slice(0, MAX_EMERGENCY_CHARS) : ''));
}

function emergencyIn(words: string[]): Emergency | null {
  const plain = ` ${words.join(' ')} `;
  for (const rule of EMERGENCY_RULES) {
    for (const pattern of rule.patterns) {
      const found = pattern.exec(plain);
      if (found) return { kind: rule.kind, phrase: found[0].trim() };
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Words: normalising, spelling variants, a light stemmer.

// Function words, greetings and words that are in almost every report ("council", "report").
// Not here: "out", "down", "off" ("light out", "tree down"), "street", "road", "day" ("bin day").
const STOPWORDS = new Set(
  `a about above after again all also am an and any are as at be been before being below between both but by can
  could did do does doing during each few for from further had has have having he her here hers herself him himself
  his how i if in into is it its itself just me more most my myself no nor of on once only or other our ours
  ourselves over own same she should so some such than that the their theirs them themselves then there these
  they this those through to too under until up very was we were what when where which while who whom why will with
  would you your yours yourself yourselves hi hello dear please regards sir madam hey report reporting
  reported council want like need needs get got im ive dont cant wont isnt wasnt theres still
  many lot lots really near opposite behind lane avenue ave rd st since week weeks month months year years
  today yesterday now time last first caller citizen states stated says said advised located above
  someone somebody anyone people`
    .split(/\s+/)
    .filter(Boolean),
);

/** American spellings, compounds and common resident words mapped to the catalogue's British words. */
const PHRASE_LIST: [string, string][] = (
  [
    ['trash can', 'bin'],
    ['garbage can', 'bin'],
    ['trash cans', 'bins'],
    ['garbage cans', 'bins'],
    ['trash bin', 'bin'],
    ['garbage bin', 'bin'],
    ['recycle bin', 'recycling bin'],
    ['recycling cart', 'recycling bin'],
    ['trash pickup', 'rubbish collection'],
    ['garbage pickup', 'rubbish collection'],
    ['trash collection', 'rubbish collection'],
    ['garbage collection', 'rubbish collection'],
    ['picked up', 'collected'],
    ['pick up', 'collect'],
    ['pickup', 'collection'],
    ['pot hole', 'pothole'],
    ['pot holes', 'potholes'],
    ['stop light', 'traffic light'],
    ['stop lights', 'traffic lights'],
    ['stoplight', 'traffic light'],
    ['street lamp', 'street light'],
    ['street lamps', 'street lights'],
    ['streetlight', 'street light'],
    ['streetlights', 'street lights'],
    ['lamppost', 'lamp post'],
    ['lampposts', 'lamp posts'],
    ['light pole', 'lamp post'],
    ['utility pole', 'lamp post'],
    ['fly tip', 'flytip'],
    ['fly tipping', 'flytipping'],
    ['fly tipped', 'flytipped'],
    ['fly tippers', 'flytippers'],
    ['tree limb', 'tree branch'],
    ['tree limbs', 'tree branches'],
    ['storm drain', 'drain'],
    ['catch basin', 'gully'],
    ['parking lot', 'car park'],
    ['parking garage', 'car park'],
    ['yard waste', 'garden waste'],
    ['yard debris', 'garden waste'],
    ['bulk item', 'bulky item'],
    ['bulk items', 'bulky items'],
    ['bulk trash', 'bulky waste'],
    ['dead body', 'dead animal'],
    ['road kill', 'roadkill'],
    ['cats eyes', 'catseyes'],
    ['cat s eyes', 'catseyes'],
    ['no parking', 'parking'],
    ['pickup truck', 'van'],
    ['garbage truck', 'bin lorry'],
    ['trash truck', 'bin lorry'],
    ['recycling truck', 'bin lorry'],
    ['right of way', 'pavement'],
  ] as const
).map(([from, to]) => [from, to]);
const PHRASE_TO = new Map(PHRASE_LIST);
// One pass over the text; longer phrases first so "trash cans" wins over "trash can".
const PHRASES = new RegExp(
  String.raw`\b(?:${[...PHRASE_TO.keys()].sort((a, b) => b.length - a.length).join('|')})\b`,
  'g',
);

const SPELLING: Record<string, string> = {
  trash: 'rubbish',
  garbage: 'rubbish',
  refuse: 'rubbish',
  junk: 'rubbish',
  lite: 'light',
  lites: 'lights',
  cart: 'bin',
  carts: 'bins',
  trashcan: 'bin',
  trashcans: 'bins',
  yard: 'garden',
  yards: 'gardens',
  asphalt: 'tarmac',
  blacktop: 'tarmac',
  bulk: 'bulky',
  suv: 'car',
  ca: 'can',
  wo: 'will',
  litters: 'litter',
  curb: 'kerb',
  curbs: 'kerbs',
  curbside: 'kerbside',
  sidewalk: 'pavement',
  sidewalks: 'pavements',
  color: 'colour',
  neighbor: 'neighbour',
  neighbors: 'neighbours',
  neighborhood: 'neighbourhood',
  odor: 'odour',
  odors: 'odours',
  mold: 'mould',
  moldy: 'mouldy',
  tire: 'tyre',
  tires: 'tyres',
  license: 'licence',
  licenses: 'licences',
  center: 'centre',
  theater: 'theatre',
  gray: 'grey',
  aluminum: 'aluminium',
  couch: 'sofa',
  dumpster: 'skip',
  dumpsters: 'skips',
  auto: 'car',
  automobile: 'car',
  truck: 'van',
  trucks: 'vans',
  lorry: 'van',
  apartment: 'flat',
  apartments: 'flats',
  graffitti: 'graffiti',
  grafitti: 'graffiti',
  grafiti: 'graffiti',
  lightbulb: 'bulb',
  streetlamp: 'street light',
  crosswalk: 'crossing',
  intersection: 'junction',
  signage: 'signs',
  limb: 'branch',
  limbs: 'branches',
  bushes: 'bush',
  u: 'you',
  ur: 'your',
  pls: 'please',
  plz: 'please',
  nite: 'night',
  tonite: 'tonight',
  wk: 'week',
};

/** Lower-case words with accents, punctuation and control characters gone; variants mapped. */
function plainWords(text: string): string[] {
  const plain = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    // "hasn't", "hasnt" -> "has not": "not collected" is a phrase the catalogue uses.
    .replace(/\b(is|was|has|have|had|did|do|does|are|were|could|would|should|ca|wo)n['\u2019`]?t\b/g, '$1 not')
    .replace(/['\u2019`]/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(PHRASES, (found) => PHRASE_TO.get(found) ?? found);
  return plain
    .split(' ')
    .filter(Boolean)
    .flatMap((word) => (SPELLING[word] ?? word).split(' '));
}

/** Words ready to match: plain, stemmed, and (unless asked not to) without stopwords. */
function toTokens(text: string, dropStopwords = true): string[] {
  return dropStopwords ? contentTokens(plainWords(text)) : plainWords(text).map(stem);
}

function contentTokens(words: string[]): string[] {
  // House numbers, dates and times say where and when, not what.
  return words.filter((w) => !STOPWORDS.has(w) && !/^\d+(?:st|nd|rd|th|am|pm)?$/.test(w)).map(stem);
}

/** A light stemmer: plurals and -ing/-ed/-tion endings, so "dumped", "dumping" and "dumps" meet. */
export function stem(word: string): string {
  let w = word;
  if (w.length <= 3 || /^\d+$/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (/(?:ches|shes|xes|zes)$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('ied') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('ing') && w.length > 5) w = undouble(w.slice(0, -3));
  else if (w.endsWith('ed') && w.length > 4) w = undouble(w.slice(0, -2));
  if (w.endsWith('tion') && w.length > 6) w = w.slice(0, -3);
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}

function undouble(w: string): string {
  return /([bdfgmnprt])\1$/.test(w) ? w.slice(0, -1) : w;
}

/** Residents lead with the problem ("pothole on the speed bump"): later words count a little less. */
function positionFactor(i: number): number {
  return i < LEADING_WORDS ? 1 : Math.max(LATE_WORD_FACTOR, 1 - (i - LEADING_WORDS) * 0.03);
}

interface Feature {
  key: string;
  display: string;
  factor: number;
}

/** Words and adjacent pairs, each once, weighted by position and (for near spellings) certainty. */
function featuresOf(tokens: string[], certainty: number[] = []): Feature[] {
  const seen = new Set<string>();
  const features: Feature[] = [];
  const add = (key: string, factor: number) => {
    if (seen.has(key)) return;
    seen.add(key);
    features.push({ key, display: key, factor });
  };
  tokens.forEach((token, i) => {
    const factor = positionFactor(i) * (certainty[i] ?? 1);
    add(token, factor);
    const next = tokens[i + 1];
    if (next !== undefined && next !== token) add(`${token} ${next}`, factor * (certainty[i + 1] ?? 1));
  });
  return features;
}

// ---------------------------------------------------------------------------------------------
// The index: feature -> (service, weight), built once per catalogue.

interface ServiceIndex {
  services: Service[];
  /** feature -> [serviceIndex, weight including idf] */
  postings: Map<string, [number, number][]>;
  /** Maps a text token onto the index's vocabulary: itself, or a near spelling of a known word. */
  resolve(token: string): { token: string; exact: boolean };
}

const indexes = new WeakMap<Catalogue, ServiceIndex>();

export function indexFor(catalogue: Catalogue): ServiceIndex {
  let index = indexes.get(catalogue);
  if (!index) {
    index = buildIndex(catalogue.services);
    indexes.set(catalogue, index);
  }
  return index;
}

function buildIndex(services: Service[]): ServiceIndex {
  // For each service, the best field weight each feature earns.
  const perService = services.map((service) => {
    const weights = new Map<string, number>();
    // A phrase is the unit: "drain cover" says "drain" less than a plain "drain" entry does.
    const take = (phrase: string, fieldWeight: number) => {
      const tokens = toTokens(phrase);
      for (const feature of featuresOf(tokens)) {
        const isBigram = feature.key.includes(' ');
        const part = isBigram ? (tokens.length === 2 ? 1 : PART_OF_PHRASE) : tokens.length === 1 ? 1 : PART_OF_PHRASE;
        const weight = fieldWeight * part * (isBigram ? BIGRAM_BOOST : 1);
        weights.set(feature.key, Math.max(weights.get(feature.key) ?? 0, weight));
      }
    };
    for (const words of service.words) take(words, FIELD_WEIGHT.words);
    take(service.name, FIELD_WEIGHT.name);
    for (const example of service.examples) take(example, FIELD_WEIGHT.examples);
    return weights;
  });

  const documentFrequency = new Map<string, number>();
  for (const weights of perService) {
    for (const key of weights.keys()) documentFrequency.set(key, (documentFrequency.get(key) ?? 0) + 1);
  }
  const total = services.length;
  const postings = new Map<string, [number, number][]>();
  perService.forEach((weights, serviceIndex) => {
    for (const [key, weight] of weights) {
      const idf = Math.log(1 + total / documentFrequency.get(key)!);
      const list = postings.get(key) ?? [];
      list.push([serviceIndex, weight * idf]);
      postings.set(key, list);
    }
  });

  // Single-word vocabulary and its one-letter deletions, for near-miss spellings.
  const vocabulary = new Set([...postings.keys()].filter((key) => !key.includes(' ')));
  const deletions = new Map<string, string[]>();
  for (const word of vocabulary) {
    if (word.length < 4) continue;
    for (const variant of [word, ...deletionsOf(word)]) {
      const list = deletions.get(variant) ?? [];
      list.push(word);
      deletions.set(variant, list);
    }
  }
  const nearSpellings = new Map<string, string>();

  return {
    services,
    postings,
    resolve(token) {
      if (vocabulary.has(token) || token.length < MIN_FUZZY_LENGTH) return { token, exact: true };
      const cached = nearSpellings.get(token);
      if (cached !== undefined) return { token: cached, exact: cached === token };
      let best: string | null = null;
      let bestDistance = Infinity;
      for (const variant of [token, ...deletionsOf(token)]) {
        for (const word of deletions.get(variant) ?? []) {
          const distance = editDistance(token, word);
          const allowed = Math.min(token.length, word.length) >= 9 ? 2 : 1;
          // Typos rarely change the first letter; allowing it turns "south" into "youth".
          if (word[0] === token[0] && distance <= allowed && distance < bestDistance) {
            best = word;
            bestDistance = distance;
          }
        }
      }
      if (nearSpellings.size > 10_000) nearSpellings.clear();
      nearSpellings.set(token, best ?? token);
      return { token: best ?? token, exact: best === null };
    },
  };
}

function deletionsOf(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(d[(i - 1) * cols + j]! + 1, d[i * cols + j - 1]! + 1, d[(i - 1) * cols + j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, d[(i - 2) * cols + j - 2]! + 1);
      }
      d[i * cols + j] = value;
    }
  }
  return d[rows * cols - 1]!;
}
