// A resident's words -> a sparse vector of hashed features, for the learned routing model.
// Word unigrams and bigrams, and character n-grams of each word (which carry misspellings,
// plurals and compounds: "pothloe" shares most of its 3-grams with "pothole"), hashed into
// 2^bits buckets with a sign bit (so that collisions cancel out on average rather than add up),
// weighted log(1 + count) and scaled to unit length. Pure and deterministic: training and routing
// call the same function, so a model always sees features made the way it was trained.

/**
 * How much of a text is read: a long text is classified on its opening (every training and
 * development request is under 70 words; reading further only costs time).
 */
export const MAX_FEATURE_WORDS = 100;
const MAX_FEATURE_CHARS = 2_000;
/** Residents say what is wrong first and where after: words after the first LEADING_WORDS count LATE_WEIGHT. */
const LEADING_WORDS = 6;
const LATE_WEIGHT = 0.5;
/** Character n-gram lengths taken from each word padded with spaces (" bin " -> " bi", "bin", "in "). */
const CHAR_GRAMS = [3, 4, 5] as const;

/**
 * The same thing in American and British English (the public training requests are from US
 * cities, the catalogue and FixMyStreet's words are British), and spellings residents use: each
 * word also counts as its counterpart, so what is learnt from one is used for the other.
 */
const COUNTERPARTS: Record<string, string> = {
  trash: 'rubbish',
  garbage: 'rubbish',
  refuse: 'rubbish',
  junk: 'rubbish',
  litter: 'rubbish',
  sidewalk: 'pavement',
  sidewalks: 'pavement',
  footpath: 'pavement',
  footway: 'pavement',
  curb: 'kerb',
  curbside: 'kerb',
  streetlight: 'light',
  streetlights: 'light',
  lamp: 'light',
  lamppost: 'light',
  cart: 'bin',
  carts: 'bin',
  can: 'bin',
  cans: 'bin',
  container: 'bin',
  dumpster: 'bin',
  wheelie: 'bin',
  bins: 'bin',
  yard: 'garden',
  limb: 'branch',
  limbs: 'branch',
  branches: 'branch',
  trees: 'tree',
  lights: 'light',
  potholes: 'pothole',
  signal: 'lights',
  signals: 'lights',
  dumped: 'tipping',
  dumping: 'tipping',
  flytipping: 'tipping',
  sewer: 'drain',
  drains: 'drain',
  gully: 'drain',
  storm: 'drain',
  grate: 'drain',
  vehicle: 'car',
  vehicles: 'car',
  cars: 'car',
  truck: 'car',
  parked: 'parking',
  mowing: 'grass',
  mow: 'grass',
  weeds: 'overgrown',
  brush: 'overgrown',
  rats: 'pests',
  rodents: 'pests',
  mice: 'pests',
  roaches: 'pests',
  apartment: 'flat',
  landlord: 'housing',
  homeless: 'housing',
};

export interface Features {
  /** Bucket of each feature, ascending and unique. */
  indices: Int32Array;
  /** Signed, unit-length values, one per index. */
  values: Float32Array;
  /** The words of the text, as read (lower case, no punctuation). */
  words: string[];
  /** For each feature, the word (index into words) it mostly came from: what an explanation names. */
  sources: Int32Array;
}

/**
 * Lower case, accents and punctuation gone, digits folded ("5102" -> "0000", so that house numbers
 * and dates are one feature, not thousands). Letters of other alphabets are kept.
 */
export function wordsOf(text: string): string[] {
  const plain = text
    .slice(0, MAX_FEATURE_CHARS)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[\u2019']/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/\p{N}/gu, '0');
  return plain.split(' ').filter(Boolean).slice(0, MAX_FEATURE_WORDS);
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over UTF-16 code units, continuing from h: fast, stable across runs and platforms. */
function fnv(s: string, from = 0, to = s.length, h = FNV_OFFSET): number {
  for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}

export const hash32 = (s: string): number => fnv(s) >>> 0;

/** Scratch space per bucket count, reused from call to call (routing is synchronous). */
interface Scratch {
  count: Float64Array;
  source: Int32Array;
  sourceWeight: Float32Array;
  touched: Int32Array;
}
const scratches = new Map<number, Scratch>();
const scratchFor = (bits: number): Scratch => {
  let scratch = scratches.get(bits);
  if (!scratch) {
    const size = 1 << bits;
    scratch = { count: new Float64Array(size), source: new Int32Array(size), sourceWeight: new Float32Array(size), touched: new Int32Array(size) };
    scratches.set(bits, scratch);
  }
  return scratch;
};

const WORD_PREFIX = fnv('w ');
const BIGRAM_PREFIX = fnv('b ');
const CHAR_PREFIX = fnv('c ');

export function featuresOf(text: string, bits: number): Features {
  return featuresOfWords(wordsOf(typeof text === 'string' ? text : ''), bits);
}

/** The features of words already read by wordsOf (routing reads them once, for its checks and the model). */
export function featuresOfWords(words: string[], bits: number): Features {
  const mask = (1 << bits) - 1;
  const { count, source, sourceWeight, touched } = scratchFor(bits);
  let touchedCount = 0;
  const add = (h: number, from: number, weight: number) => {
    const bucket = h & mask;
    const sign = h & 0x80000000 ? -1 : 1;
    if (sourceWeight[bucket] === 0) {
      touched[touchedCount++] = bucket;
      count[bucket] = sign * weight;
      source[bucket] = from;
      sourceWeight[bucket] = weight;
    } else {
      count[bucket] = count[bucket]! + sign * weight;
      if (weight > sourceWeight[bucket]!) {
        source[bucket] = from;
        sourceWeight[bucket] = weight;
      }
    }
  };
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const weight = i < LEADING_WORDS ? 1 : LATE_WEIGHT;
    add(fnv(word, 0, word.length, WORD_PREFIX), i, weight);
    const counterpart = COUNTERPARTS[word];
    if (counterpart) add(fnv(counterpart, 0, counterpart.length, WORD_PREFIX), i, weight);
    if (i > 0) {
      const previous = words[i - 1]!;
      add(fnv(word, 0, word.length, Math.imul(fnv(previous, 0, previous.length, BIGRAM_PREFIX) ^ 32, FNV_PRIME)), i, weight);
    }
    // Character n-grams of " word ": the same hashes as of the strings "c " + gram.
    const padded = ` ${word} `;
    for (const n of CHAR_GRAMS) {
      for (let at = 0; at + n <= padded.length; at++) add(fnv(padded, at, at + n, CHAR_PREFIX), i, 0.5 * weight);
    }
  }

  const indices = touched.slice(0, touchedCount).sort();
  const values = new Float32Array(indices.length);
  const sources = new Int32Array(indices.length);
  let norm = 0;
  indices.forEach((bucket, j) => {
    const c = count[bucket]!;
    const v = Math.sign(c) * Math.log1p(Math.abs(c));
    values[j] = v;
    sources[j] = source[bucket]!;
    norm += v * v;
    sourceWeight[bucket] = 0;
  });
  if (norm > 0) {
    const scale = 1 / Math.sqrt(norm);
    for (let j = 0; j < values.length; j++) values[j] = values[j]! * scale;
  }
  return { indices, values, words, sources };
}
