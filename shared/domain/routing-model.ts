// The learned routing model: a multinomial logistic regression over hashed word and character
// n-grams (text-features.ts), trained by `npm run routing:train` (scripts/routing/train.ts) on
// public requests, FixMyStreet category names, the catalogue's own words and the council's
// labels. It answers "which service area?"; the catalogue's words then say which service within
// it, and are weighed in with it (routing.ts). The model file holds hashed weights and numbers
// only: no resident's words.
import { SERVICE_AREAS, type ServiceArea } from './catalogue.ts';
import { featuresOf, featuresOfWords, type Features } from './text-features.ts';

export interface RoutingModelData {
  /** e.g. "2026-11-29.3f9a1c": the day it was trained and a digest of its weights. */
  version: string;
  trainedAt: string;
  /** Features are hashed into 2^bits buckets. */
  bits: number;
  /** The classes, in the order of the weights. */
  areas: ServiceArea[];
  bias: number[];
  /** Each area's weights are int8 times its scale. */
  scales: number[];
  /** Base64 of an Int8Array, bucket-major: weight(bucket, area k) = at [bucket * areas.length + k]. */
  weights: string;
  /**
   * The combined decision's scores: z(area) = model * (model's logit) + catalogue * (the best
   * catalogue-words confidence among the area's services); softmax(z) is the confidence. Both
   * factors were fitted on cross-validated predictions, so the confidence is calibrated.
   */
  combine: { model: number; catalogue: number };
  /** Chosen by cross-validation on the training data (never on the development set). */
  thresholds: {
    /** At or above: hand off (or resolve) without asking. */
    handoff: number;
    /** At or above (below handoff): ask the resident to choose from the best few. */
    ask: number;
    /**
     * Where the catalogue's words alone are sure of a service (the rules would hand it off), their
     * choice stands if the combined confidence in its area is at least this.
     */
    rulesAgree: number;
    /** A second area at or above this share of the first, with words of its own: noted as a second problem. */
    second: number;
  };
}

export interface LoadedModel {
  data: RoutingModelData;
  /** Dequantised weights, bucket-major. */
  weights: Float32Array;
}

const loaded = new WeakMap<RoutingModelData, LoadedModel>();

/** The model ready to score: its weights decoded once per model object. */
export function loadModel(data: RoutingModelData): LoadedModel {
  const cached = loaded.get(data);
  if (cached) return cached;
  const K = data.areas.length;
  if (K < 2 || data.bias.length !== K || data.scales.length !== K) throw new Error(`routing model ${data.version}: areas, bias and scales disagree`);
  for (const area of data.areas) {
    if (!(SERVICE_AREAS as readonly string[]).includes(area)) throw new Error(`routing model ${data.version}: unknown area '${area}'`);
  }
  const binary = atob(data.weights);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  if (bytes.length !== (1 << data.bits) * K) throw new Error(`routing model ${data.version}: ${bytes.length} weights, expected ${(1 << data.bits) * K}`);
  const signed = new Int8Array(bytes.buffer);
  const weights = new Float32Array(signed.length);
  for (let i = 0; i < signed.length; i++) weights[i] = signed[i]! * data.scales[i % K]!;
  const model = { data, weights };
  loaded.set(data, model);
  return model;
}

/** The model's logit for each area (in data.areas order). */
export function logitsOf({ data, weights }: LoadedModel, features: Features): Float64Array {
  const K = data.areas.length;
  const z = Float64Array.from(data.bias);
  const { indices, values } = features;
  for (let j = 0; j < indices.length; j++) {
    const base = indices[j]! * K;
    const v = values[j]!;
    for (let k = 0; k < K; k++) z[k] = z[k]! + weights[base + k]! * v;
  }
  return z;
}

export function softmax(z: ArrayLike<number>): Float64Array {
  let max = -Infinity;
  for (let k = 0; k < z.length; k++) max = Math.max(max, z[k]!);
  const p = new Float64Array(z.length);
  let sum = 0;
  for (let k = 0; k < z.length; k++) sum += p[k] = Math.exp(z[k]! - max);
  for (let k = 0; k < z.length; k++) p[k] = p[k]! / sum;
  return p;
}

/**
 * How hard each of the text's words pushes towards each area: each feature's weight for the area
 * less its mean weight over all areas, times its value, summed per source word. Computed once per
 * decision; wordsFor and pushesFor read it.
 */
export interface PushTable {
  words: string[];
  /** [word * K + k] */
  push: Float64Array;
  K: number;
}

export function pushTable({ data, weights }: LoadedModel, features: Features): PushTable {
  const K = data.areas.length;
  const push = new Float64Array(features.words.length * K);
  for (let j = 0; j < features.indices.length; j++) {
    const base = features.indices[j]! * K;
    let mean = 0;
    for (let c = 0; c < K; c++) mean += weights[base + c]!;
    mean /= K;
    const v = features.values[j]!;
    const row = features.sources[j]! * K;
    for (let c = 0; c < K; c++) push[row + c] = push[row + c]! + (weights[base + c]! - mean) * v;
  }
  return { words: features.words, push, K };
}

/** The words that pushed the text hardest towards area k rather than the others, strongest first; no function words. */
export function pushesFor(table: PushTable, k: number, limit = 3): { word: string; push: number }[] {
  const seen = new Set<string>();
  return table.words
    .map((word, i) => ({ word, push: table.push[i * table.K + k]! }))
    .filter(({ word, push }) => push > 0.05 && /\p{L}/u.test(word) && !FUNCTION_WORDS.has(word))
    .sort((a, b) => b.push - a.push)
    .filter(({ word }) => !seen.has(word) && seen.add(word))
    .slice(0, limit);
}

/** The words that decided for area k, as an explanation names them. */
export function wordsFor(model: LoadedModel, features: Features, k: number, limit = 3): string[] {
  return pushesFor(pushTable(model, features), k, limit).map(({ word }) => word);
}

/** Words that carry no meaning of their own: never named as the words that decided. */
const FUNCTION_WORDS = new Set(
  'a an the and or but of to in on at by for from with is are was were be been has have had it its this that there here i me my we our us you your they them their he she his her as so if out up off over into onto'.split(' '),
);

export interface AreaScores {
  /** Calibrated, in data.areas order; sums to 1. */
  probabilities: Float64Array;
  features: Features;
}

/**
 * The combined confidence for each area: the model's logits and the catalogue words' best
 * confidence per area (0..1, from classify), weighed as the model file says.
 */
export function areaScores(model: LoadedModel, text: string | string[], catalogueByArea: ReadonlyMap<ServiceArea, number>): AreaScores {
  // Words already read (wordsOf) are not read again.
  const features = typeof text === 'string' ? featuresOf(text, model.data.bits) : featuresOfWords(text, model.data.bits);
  const logits = logitsOf(model, features);
  const { combine, areas } = model.data;
  const z = areas.map((area, k) => combine.model * logits[k]! + combine.catalogue * (catalogueByArea.get(area) ?? 0));
  return { probabilities: softmax(z), features };
}

/** Each area in words an adviser (and a resident offered a choice) understands. */
export const AREA_NAMES: Record<ServiceArea, string> = {
  waste: 'bins, recycling and waste collections',
  'street-cleansing': 'street cleaning (litter, fly-tipping, graffiti)',
  roads: 'roads and pavements',
  'street-lighting': 'street lighting',
  traffic: 'traffic lights, signs and road markings',
  drainage: 'drains and flooding',
  'trees-parks': 'trees, grass and parks',
  parking: 'parking and vehicles',
  'environmental-health': 'environmental health (noise, pests, pollution)',
  housing: 'housing',
  'council-tax-benefits': 'council tax and benefits',
  'planning-building': 'planning and building control',
  'social-care': 'social care',
  licensing: 'licensing',
  registration: 'registration and elections',
  general: 'general enquiries',
};
