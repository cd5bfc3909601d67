// A resident's words -> a sparse vector of hashed features, for the learned routing model.
// Word unigrams and bigrams, and character n-grams of each word (which carry misspellings,
// plurals and compounds: "pothloe" shares most of its 3-grams with "pothole"), hashed into
// 2^bits buckets with a sign bit (so that collisions cancel out on average rather than add up),
// weighted log(1 + count) and scaled to unit length. Pure and deterministic: training and routing
// call the same function, so a model always sees features made the way it was trained.

/** How many words of a text are read: a long text is classified on its opening. */
export const MAX_FEATURE_WORDS = 400;
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
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[\u2019']/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/\p{N}/gu, '0');
  return plain.split(' ').filter(Boolean).slice(0, MAX_FEATURE_WORDS);
}

/** FNV-1a over UTF-16 code units: fast, stable across runs and platforms. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function featuresOf(text: string, bits: number): Features {
  const words = wordsOf(typeof text === 'string' ? text : '');
  const mask = (1 << bits) - 1;
  // bucket -> [signed count, source word, weight of that source]
  const counts = new Map<number, [number, number, number]>();
  const add = (key: string, source: number, weight: number) => {
    const h = hash32(key);
    const bucket = h & mask;
    const sign = h & 0x80000000 ? -1 : 1;
    const entry = counts.get(bucket);
    if (!entry) counts.set(bucket, [sign * weight, source, weight]);
    else {
      entry[0] += sign * weight;
      if (weight > entry[2]) {
        entry[1] = source;
        entry[2] = weight;
      }
    }
  };
  words.forEach((word, i) => {
    const weight = i < LEADING_WORDS ? 1 : LATE_WEIGHT;
    add(`w ${word}`, i, weight);
    const counterpart = COUNTERPARTS[word];
    if (counterpart) add(`w ${counterpart}`, i, weight);
    if (i > 0) add(`b ${words[i - 1]} ${word}`, i, weight);
    const padded = ` ${word} `;
    for (const n of CHAR_GRAMS) {
      for (let at = 0; at + n <= padded.length; at++) add(`c ${padded.slice(at, at + n)}`, i, 0.5 * weight);
    }
  });

  const indices = Int32Array.from([...counts.keys()].sort((a, b) => a - b));
  const values = new Float32Array(indices.length);
  const sources = new Int32Array(indices.length);
  let norm = 0;
  indices.forEach((bucket, j) => {
    const [count, source] = counts.get(bucket)!;
    const v = Math.sign(count) * Math.log1p(Math.abs(count));
    values[j] = v;
    sources[j] = source;
    norm += v * v;
  });
  if (norm > 0) {
    const scale = 1 / Math.sqrt(norm);
    for (let j = 0; j < values.length; j++) values[j] = values[j]! * scale;
  }
  return { indices, values, words, sources };
}
