// The learned routing model: a multinomial logistic regression over hashed word and character
// n-grams (text-features.ts), trained by `npm run routing:train` (scripts/routing/train.ts) on
// public requests, FixMyStreet category names, the catalogue's own words and the council's
// labels. It answers "which service area?"; the catalogue's words then say which service within
// it, and are weighed in with it (routing.ts). The model file holds hashed weights and numbers
// only: no resident's words.
import { SERVICE_AREAS, type ServiceArea } from './catalogue.ts';
import { featuresOf, type Features } from './text-features.ts';

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
  const bytes = Uint8Array.from(atob(data.weights), (c) => c.charCodeAt(0));
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
 * The words that pushed the text towards area k rather than the others: each feature's weight for
 * k less its mean weight over all areas, summed per source word; strongest first, positive only.
 */
export function wordsFor({ data, weights }: LoadedModel, features: Features, k: number, limit = 3): string[] {
  const K = data.areas.length;
  const byWord = new Map<number, number>();
  for (let j = 0; j < features.indices.length; j++) {
    const base = features.indices[j]! * K;
    let mean = 0;
    for (let c = 0; c < K; c++) mean += weights[base + c]!;
    mean /= K;
    const push = (weights[base + k]! - mean) * features.values[j]!;
    const word = features.sources[j]!;
    byWord.set(word, (byWord.get(word) ?? 0) + push);
  }
  const seen = new Set<string>();
  return [...byWord]
    .filter(([, push]) => push > 0.05)
    .sort((a, b) => b[1] - a[1])
    .map(([i]) => features.words[i]!)
    .filter((word) => /\p{L}/u.test(word) && !FUNCTION_WORDS.has(word) && !seen.has(word) && seen.add(word))
    .slice(0, limit);
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
export function areaScores(model: LoadedModel, text: string, catalogueByArea: ReadonlyMap<ServiceArea, number>): AreaScores {
  const features = featuresOf(text, model.data.bits);
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
