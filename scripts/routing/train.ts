// Training the routing model (shared/domain/routing-model.ts): multinomial logistic regression over
// hashed word and character n-grams, fitted by AdaGrad on the public data vendored under data/
// plus any labels the council's advisers and teams made (scripts/routing-train.ts). Everything a
// decision depends on is chosen here by cross-validation on the training rows: the regularisation,
// how the model and the catalogue's words are weighed together, and the thresholds for asking and
// passing to an adviser. data/dev-requests.csv is never read here.
import { createHash } from 'node:crypto';
import { SERVICE_AREAS, type Catalogue, type ServiceArea } from '#domain/catalogue';
import { classify } from '#domain/classify';
import type { Contact } from '#domain/contact';
import { route, type Decision } from '#domain/routing';
import { logitsOf, softmax, type RoutingModelData } from '#domain/routing-model';
import { featuresOf, type Features } from '#domain/text-features';
import { dataFile, readCsv } from './csv.ts';

export interface TrainingExample {
  text: string;
  area: ServiceArea;
  /** Where it came from: mc311, fixmystreet, catalogue, or a council label's source. */
  source: string;
  id?: string;
  /** Other areas that would be right too (the benchmark's mapping: a US sanitation request may be a bin or a street-cleaning job). */
  alsoRight?: ServiceArea[];
}

export interface Figures {
  n: number;
  /** Routed to a service of the right area without asking or passing to an adviser. */
  accuracy: number;
  /** Asked the resident or passed to an adviser. */
  deferral: number;
  /** Routed without asking, to the wrong area. */
  confidentlyWrong: number;
}

export interface TrainingReport {
  version: string;
  trainedAt: string;
  seconds: number;
  rows: { total: number; bySource: Record<string, number>; byArea: Record<string, number> };
  settings: { bits: number; l2: number; epochs: number; combine: RoutingModelData['combine']; thresholds: RoutingModelData['thresholds'] };
  crossValidated: Figures & {
    folds: number;
    /** The rows judged: the real requests (catalogue phrases are always trained on, never judged). */
    judged: string[];
    perArea: Record<string, Figures>;
    bySource: Record<string, Figures>;
    /** Expected area -> chosen area, or "(ask)" / "(adviser)". */
    confusion: Record<string, Record<string, number>>;
  };
}

// ---------------------------------------------------------------------------------------------
// The public training data (data/README.md says where each file comes from and its licence).

/** Sources judged in cross-validation: real residents' words, not the catalogue's own phrases. */
const JUDGED_SOURCES = new Set(['mc311', 'fixmystreet', 'adviser-override', 'adviser-resolved', 'team-reroute']);

/**
 * MC311 classes that span two of our areas, judged as data/README.md says the development set is
 * labelled: US "sanitation" covers bins and street cleaning; "property and housing code" covers
 * housing conditions and nuisance properties.
 */
const MC311_ALSO_RIGHT: Record<string, ServiceArea[]> = {
  Waste_Sanitation: ['street-cleansing'],
  Property_Housing_Code: ['housing'],
};

export function publicExamples(catalogue: Catalogue): TrainingExample[] {
  const areas = new Set<string>(SERVICE_AREAS);
  const asArea = (value: string, where: string): ServiceArea => {
    if (!areas.has(value)) throw new Error(`${where}: '${value}' is not a service area`);
    return value as ServiceArea;
  };
  const mc311 = readCsv(dataFile('routing-train-mc311.csv'), ['text', 'area', 'mc311_class']).map((row, i) => ({
    text: row.text,
    area: asArea(row.area, `routing-train-mc311.csv row ${i + 2}`),
    source: 'mc311',
    id: `mc311-${i + 2}`,
    ...(MC311_ALSO_RIGHT[row.mc311_class] ? { alsoRight: MC311_ALSO_RIGHT[row.mc311_class] } : {}),
  }));
  const groups = new Map(readCsv(dataFile('fms-category-areas.csv'), ['fms_group', 'area']).map((row) => [row.fms_group, row.area]));
  const fixmystreet = readCsv(dataFile('fms_meta_full_table.csv'), ['category', 'a']).flatMap((row, i) => {
    const area = groups.get(row.a);
    if (area === undefined) throw new Error(`fms-category-areas.csv has no row for the FixMyStreet group '${row.a}'`);
    return area ? [{ text: row.category, area: asArea(area, `fms-category-areas.csv '${row.a}'`), source: 'fixmystreet', id: `fms-${i + 2}` }] : [];
  });
  const own = catalogue.services.flatMap((service) =>
    [service.name, ...service.words, ...service.examples].map((text, i) => ({ text, area: service.area, source: 'catalogue', id: `catalogue-${service.id}-${i}` })),
  );
  return [...mc311, ...fixmystreet, ...own];
}

// ---------------------------------------------------------------------------------------------
// Fitting

interface Encoded {
  features: Features;
  /** The labelled area. */
  y: number;
  /** The target: 1 on y, or shared equally among the areas that would all be right. */
  target: Float64Array;
  /** How much the row counts: the catalogue's own phrases count CATALOGUE_WEIGHT times. */
  weight: number;
}

interface Weights {
  /** Bucket-major: w[bucket * K + k]. */
  w: Float32Array;
  b: Float64Array;
}

/** A small seeded generator (mulberry32): the same data gives the same model. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: T[], next: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

interface FitOptions {
  bits: number;
  l2: number;
  epochs: number;
  rate: number;
  seed: number;
}

/** Multinomial logistic regression by AdaGrad, with L2 applied to the weights each example touches. */
function fit(rows: Encoded[], K: number, options: FitOptions): Weights {
  const size = (1 << options.bits) * K;
  const w = new Float32Array(size);
  const g2 = new Float32Array(size);
  const b = new Float64Array(K);
  const bg2 = new Float64Array(K);
  const next = random(options.seed);
  const z = new Float64Array(K);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (const { features, target, weight } of shuffled(rows, next)) {
      const { indices, values } = features;
      z.set(b);
      for (let j = 0; j < indices.length; j++) {
        const base = indices[j]! * K;
        const v = values[j]!;
        for (let k = 0; k < K; k++) z[k] = z[k]! + w[base + k]! * v;
      }
      const p = softmax(z);
      for (let k = 0; k < K; k++) {
        const g = (p[k]! - target[k]!) * weight;
        bg2[k] = bg2[k]! + g * g;
        b[k] = b[k]! - (options.rate * g) / Math.sqrt(bg2[k]! + 1e-8);
        for (let j = 0; j < indices.length; j++) {
          const at = indices[j]! * K + k;
          const grad = g * values[j]! + options.l2 * w[at]!;
          g2[at] = g2[at]! + grad * grad;
          w[at] = w[at]! - (options.rate * grad) / Math.sqrt(g2[at]! + 1e-8);
        }
      }
    }
  }
  return { w, b };
}

/** int8 per area with its own scale: a quarter of the size, and the same decisions to three places. */
function quantise(weights: Weights, K: number, bits: number, version: string, rest: Pick<RoutingModelData, 'combine' | 'thresholds'>, trainedAt: string): RoutingModelData {
  const scales = Array.from({ length: K }, () => 0);
  weights.w.forEach((v, i) => {
    scales[i % K] = Math.max(scales[i % K]!, Math.abs(v));
  });
  const scale = scales.map((max) => (max > 0 ? max / 127 : 1));
  const bytes = new Int8Array(weights.w.length);
  weights.w.forEach((v, i) => {
    bytes[i] = Math.round(v / scale[i % K]!);
  });
  return {
    version,
    trainedAt,
    bits,
    areas: [...SERVICE_AREAS],
    bias: [...weights.b].map((v) => Number(v.toFixed(5))),
    scales: scale.map((v) => Number(v.toPrecision(6))),
    weights: Buffer.from(bytes.buffer).toString('base64'),
    ...rest,
  };
}

// ---------------------------------------------------------------------------------------------
// Cross-validation: out-of-fold logits for every judged row, folds stratified by area.

function foldsOf(rows: TrainingExample[], folds: number, seed: number): number[] {
  const next = random(seed);
  const fold = new Array<number>(rows.length).fill(-1);
  const byArea = new Map<string, number[]>();
  rows.forEach((row, i) => {
    if (JUDGED_SOURCES.has(row.source)) byArea.set(row.area, [...(byArea.get(row.area) ?? []), i]);
  });
  for (const indices of byArea.values()) shuffled(indices, next).forEach((i, n) => (fold[i] = n % folds));
  return fold;
}

function outOfFold(encoded: Encoded[], fold: number[], folds: number, K: number, options: FitOptions): { logits: (Float64Array | undefined)[]; models: Weights[] } {
  const logits: (Float64Array | undefined)[] = encoded.map(() => undefined);
  const models: Weights[] = [];
  for (let f = 0; f < folds; f++) {
    const model = fit(
      encoded.filter((_, i) => fold[i] !== f),
      K,
      options,
    );
    models.push(model);
    const scorer = { data: { areas: SERVICE_AREAS, bias: [...model.b] } as unknown as RoutingModelData, weights: model.w };
    encoded.forEach((row, i) => {
      if (fold[i] === f) logits[i] = logitsOf(scorer, row.features);
    });
  }
  return { logits, models };
}

/** Mean negative log of the probability given to the right areas. */
const logLoss = (rows: { z: Float64Array; target: Float64Array }[]) =>
  rows.reduce((sum, { z, target }) => {
    const p = softmax(z);
    return sum - Math.log(Math.max(p.reduce((right, pk, k) => right + (target[k]! > 0 ? pk : 0), 0), 1e-12));
  }, 0) / rows.length;

// ---------------------------------------------------------------------------------------------
// Training

const K = SERVICE_AREAS.length;
const FOLDS = 5;
const SEED = 20261129;
/** 2^13 buckets x 16 areas of int8: 128 KiB of weights (cross-validation did no better with 2^14 or 2^16). */
const BITS = 13;
/** The candidates cross-validation chooses among (a small grid: the data are small). */
const L2S = [1e-4, 1e-3];
const EPOCHS = [10, 20];
/** AdaGrad's step. */
const RATE = 0.1;

/** A wrong hand-off costs a resident days and a team a misrouted case; asking costs a minute. */
const WRONG_COST = 3;
/** The most a threshold may defer, whatever the costs say: the issue's ceiling. */
const MAX_DEFERRAL = 0.1;

export interface TrainOptions {
  version?: string;
  now?: Date;
  /** Report progress in words (the command line passes console.error). */
  log?: (line: string) => void;
}

export function trainRouter(examples: TrainingExample[], catalogue: Catalogue, options: TrainOptions = {}): { model: RoutingModelData; report: TrainingReport } {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const areaIndex = new Map(SERVICE_AREAS.map((area, k) => [area, k]));
  const rows = examples.filter((e) => e.text.trim() !== '');
  const encoded = rows.map((row): Encoded => {
    const accepted = judgedRow(row).accepted.map((a) => areaIndex.get(a)!);
    const target = new Float64Array(K);
    for (const k of accepted) target[k] = 1 / accepted.length;
    return { features: featuresOf(row.text, BITS), y: areaIndex.get(row.area)!, target, weight: 1 };
  });
  const fold = foldsOf(rows, FOLDS, SEED);
  const judged = rows.map((_, i) => i).filter((i) => fold[i]! >= 0);

  // 1. Regularisation and epochs: the lowest cross-validated log loss of the model alone.
  let best: { options: FitOptions; loss: number; logits: (Float64Array | undefined)[]; models: Weights[] } | undefined;
  for (const l2 of L2S) {
    for (const epochs of EPOCHS) {
      const fitOptions = { bits: BITS, l2, epochs, rate: RATE, seed: SEED };
      const { logits, models } = outOfFold(encoded, fold, FOLDS, K, fitOptions);
      const loss = logLoss(judged.map((i) => ({ z: logits[i]!, target: encoded[i]!.target })));
      log(`  l2 ${l2}, ${epochs} epochs: cross-validated log loss ${loss.toFixed(4)}`);
      if (!best || loss < best.loss) best = { options: fitOptions, loss, logits, models };
    }
  }
  const chosen = best!;

  // 2. How the model and the catalogue's words are weighed together: lowest log loss on the same out-of-fold rows.
  const catalogueByArea = judged.map((i) => {
    const byArea = new Float64Array(K);
    for (const match of classify(rows[i]!.text, catalogue).matches) {
      const k = areaIndex.get(match.area)!;
      byArea[k] = Math.max(byArea[k]!, match.confidence);
    }
    return byArea;
  });
  let combine = { model: 1, catalogue: 0 };
  let combineLoss = Infinity;
  for (let m = 0.5; m <= 3.001; m += 0.25) {
    for (let c = 0; c <= 8.001; c += 0.5) {
      const loss = logLoss(
        judged.map((i, n) => ({ z: chosen.logits[i]!.map((v, k) => m * v + c * catalogueByArea[n]![k]!), target: encoded[i]!.target })),
      );
      if (loss < combineLoss) {
        combineLoss = loss;
        combine = { model: Number(m.toFixed(2)), catalogue: Number(c.toFixed(2)) };
      }
    }
  }
  log(`  combined with the catalogue's words (model x${combine.model}, catalogue x${combine.catalogue}): log loss ${combineLoss.toFixed(4)}`);

  // 3. Thresholds, from the combined out-of-fold confidences.
  const scored = judged.map((i, n) => {
    const p = softmax(chosen.logits[i]!.map((v, k) => combine.model * v + combine.catalogue * catalogueByArea[n]![k]!));
    const order = [...p.keys()].sort((a, b) => p[b]! - p[a]!);
    const accepted = judgedRow(rows[i]!).accepted.map((a) => areaIndex.get(a));
    // What the catalogue's words alone would do, and how likely the combined scores find its area.
    const rules = routeWords(rows[i]!.text, catalogue, null);
    const rulesArea = areaIndex.get(catalogue.service(rules.serviceId)?.area ?? 'general')!;
    const rulesChose = rules.kind === 'handoff' || rules.kind === 'resolve';
    return {
      p: p[order[0]!]!,
      right: accepted.includes(order[0]),
      inTop3: order.slice(0, 3).includes(encoded[i]!.y),
      rules: rulesChose ? { p: p[rulesArea]!, right: accepted.includes(rulesArea) } : undefined,
    };
  });
  const thresholds = chooseThresholds(scored);
  log(
    `  thresholds: hand off at ${thresholds.handoff}, ask at ${thresholds.ask}, the catalogue's words stand at ${thresholds.rulesAgree}, second problem at ${thresholds.second} of the first`,
  );

  // 4. The figures: route() itself on each held-out fold, with that fold's model.
  const trainedAt = (options.now ?? new Date()).toISOString();
  const settings = { combine, thresholds };
  const foldModels = chosen.models.map((weights, f) => quantise(weights, K, BITS, `fold-${f}`, settings, trainedAt));
  const decisions = judged.map((i) => ({ row: judgedRow(rows[i]!), decision: routeWords(rows[i]!.text, catalogue, foldModels[fold[i]!]!) }));
  const crossValidated = figuresOf(decisions, catalogue);

  // 5. The model that ships: trained on every row.
  const final = fit(encoded, K, chosen.options);
  const draft = quantise(final, K, BITS, 'draft', settings, trainedAt);
  const digest = createHash('sha256').update(draft.weights).update(JSON.stringify(settings)).digest('hex').slice(0, 6);
  const version = options.version ?? `${trainedAt.slice(0, 10)}.${digest}`;
  const model = { ...draft, version };

  const count = (key: (e: TrainingExample) => string) => rows.reduce<Record<string, number>>((acc, e) => ({ ...acc, [key(e)]: (acc[key(e)] ?? 0) + 1 }), {});
  const report: TrainingReport = {
    version,
    trainedAt,
    seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
    rows: { total: rows.length, bySource: count((e) => e.source), byArea: count((e) => e.area) },
    settings: { bits: BITS, l2: chosen.options.l2, epochs: chosen.options.epochs, combine, thresholds },
    crossValidated: { folds: FOLDS, judged: [...new Set(judged.map((i) => rows[i]!.source))], ...crossValidated },
  };
  return { model, report };
}

interface Scored {
  p: number;
  right: boolean;
  inTop3: boolean;
  /** Set when the catalogue's words alone would choose: the combined confidence in their area, and whether it is right. */
  rules: { p: number; right: boolean } | undefined;
}

/**
 * Hand off at the confidence that minimises the cost of the out-of-fold decisions (a wrong
 * hand-off WRONG_COST, a deferral 1), deferring at most MAX_DEFERRAL; below it, ask while the
 * right answer is among the three offered for at least 80% of such rows, else an adviser. Then the
 * confidence in the catalogue words' area at which their choice stands, by the same cost. A
 * second problem is noted when the runner-up is at least half as likely.
 */
function chooseThresholds(scored: Scored[]): RoutingModelData['thresholds'] {
  const n = scored.length;
  const byP = [...scored].sort((a, b) => a.p - b.p);
  let handoff = 0;
  let lowest = Infinity;
  let wrongAbove = byP.filter((s) => !s.right).length;
  for (let i = 0; i <= n; i++) {
    // Deferring the i least confident rows.
    if (i / n > MAX_DEFERRAL) break;
    const cost = WRONG_COST * wrongAbove + i;
    if (cost < lowest) {
      lowest = cost;
      handoff = i === 0 ? 0 : (byP[i - 1]!.p + (byP[i]?.p ?? 1)) / 2;
    }
    if (i < n && !byP[i]!.right) wrongAbove--;
  }
  const deferred = byP.filter((s) => s.p < handoff);
  let ask = 0;
  for (let i = 0; i < deferred.length; i++) {
    const rest = deferred.slice(i);
    if (rest.filter((s) => s.inTop3).length / rest.length >= 0.8) {
      ask = i === 0 ? 0 : (deferred[i - 1]!.p + deferred[i]!.p) / 2;
      break;
    }
    ask = handoff;
  }
  // Each candidate's mean cost per row and its standard error; the lowest candidate within one
  // standard error of the best is taken (the one-standard-error rule): among choices the data
  // cannot tell apart, the one that leans most on the council's own catalogue.
  const candidates = RULES_AGREE.map((agree) => {
    const costs = scored.map((s): number => {
      const rulesStand = s.rules !== undefined && s.rules.p >= agree;
      if (!rulesStand && s.p < handoff) return 1;
      return (rulesStand ? s.rules!.right : s.right) ? 0 : WRONG_COST;
    });
    const mean = costs.reduce((a, b) => a + b, 0) / costs.length;
    const sd = Math.sqrt(costs.reduce((a, c) => a + (c - mean) ** 2, 0) / (costs.length - 1));
    const deferral = costs.filter((c) => c === 1).length / costs.length;
    return { agree, mean, se: sd / Math.sqrt(costs.length), deferral };
  }).filter((c) => c.deferral <= MAX_DEFERRAL);
  const best = candidates.reduce((a, b) => (b.mean < a.mean ? b : a), candidates[candidates.length - 1]!);
  const rulesAgree = candidates.find((c) => c.mean <= best.mean + best.se)?.agree ?? 1;
  return { handoff: Number(handoff.toFixed(3)), ask: Number(Math.min(ask, handoff).toFixed(3)), rulesAgree, second: 0.5 };
}

/** The candidates for thresholds.rulesAgree; 1 would mean the catalogue's words never stand on their own. */
const RULES_AGREE = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 1];

const judgedRow = (row: TrainingExample) => ({ area: row.area, source: row.source, accepted: [row.area, ...(row.alsoRight ?? [])] });

export function routeWords(text: string, catalogue: Catalogue, model: RoutingModelData | null): Decision {
  const contact: Contact = { id: 'train', channel: 'web', providerId: 'train', receivedAt: '2026-11-02T10:00:00Z', text, resident: {} };
  return route(contact, catalogue, model);
}

/** Accuracy, deferral and confidently-wrong rates, per area and overall, and the confusion. */
export function figuresOf(decisions: { row: { area: string; source?: string; accepted?: string[] }; decision: Decision }[], catalogue: Catalogue) {
  const judge = ({ row, decision }: (typeof decisions)[number]) => {
    const deferred = decision.kind === 'ask' || decision.kind === 'adviser';
    const area = catalogue.service(decision.serviceId)?.area ?? 'general';
    const accepted = row.accepted ?? [row.area];
    return { expected: row.area, source: row.source ?? '', chosen: deferred ? `(${decision.kind})` : area, deferred, right: !deferred && accepted.includes(area) };
  };
  const judged = decisions.map(judge);
  const figures = (of: typeof judged): Figures => ({
    n: of.length,
    accuracy: of.filter((j) => j.right).length / Math.max(1, of.length),
    deferral: of.filter((j) => j.deferred).length / Math.max(1, of.length),
    confidentlyWrong: of.filter((j) => !j.right && !j.deferred).length / Math.max(1, of.length),
  });
  const perArea: Record<string, Figures> = {};
  const confusion: Record<string, Record<string, number>> = {};
  const bySource: Record<string, Figures> = {};
  for (const area of [...new Set(judged.map((j) => j.expected))].sort()) perArea[area] = figures(judged.filter((j) => j.expected === area));
  for (const source of [...new Set(judged.map((j) => j.source))].sort()) bySource[source] = figures(judged.filter((j) => j.source === source));
  for (const j of judged) {
    confusion[j.expected] ??= {};
    confusion[j.expected]![j.chosen] = (confusion[j.expected]![j.chosen] ?? 0) + 1;
  }
  return { ...figures(judged), perArea, bySource, confusion };
}

// ---------------------------------------------------------------------------------------------
// The report, for people

/** Wilson's 95% interval for k of n. */
export function wilson(k: number, n: number): [number, number] {
  if (n === 0) return [0, 1];
  const z = 1.96;
  const p = k / n;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

const pct = (n: number) => `${(100 * n).toFixed(1)}%`;

/** The training report as Markdown: rows, settings, cross-validated figures per area and the confusion. */
export function reportMarkdown(report: TrainingReport): string {
  const cv = report.crossValidated;
  const areas = Object.keys(cv.confusion).sort();
  const chosen = [...new Set(Object.values(cv.confusion).flatMap((row) => Object.keys(row)))].sort();
  const lines = [
    `# Routing model ${report.version}`,
    '',
    `Trained ${report.trainedAt} in ${report.seconds} s on ${report.rows.total} rows (${Object.entries(report.rows.bySource)
      .map(([source, n]) => `${source} ${n}`)
      .join(', ')}).`,
    '',
    `Settings chosen by ${cv.folds}-fold cross-validation on the training rows: 2^${report.settings.bits} hashed features, L2 ${report.settings.l2}, ${report.settings.epochs} epochs; model x${report.settings.combine.model} and catalogue words x${report.settings.combine.catalogue}; hand off at ${report.settings.thresholds.handoff}, ask at ${report.settings.thresholds.ask}, the catalogue's words stand at ${report.settings.thresholds.rulesAgree}.`,
    '',
    `## Cross-validated (${cv.n} real requests: ${cv.judged.join(', ')})`,
    '',
    `Right ${pct(cv.accuracy)}, deferred (asked or passed to an adviser) ${pct(cv.deferral)}, confidently wrong ${pct(cv.confidentlyWrong)}.`,
    '',
    '| source | rows | right | deferred | confidently wrong |',
    '|---|---:|---:|---:|---:|',
    ...Object.entries(cv.bySource).map(([source, f]) => `| ${source} | ${f.n} | ${pct(f.accuracy)} | ${pct(f.deferral)} | ${pct(f.confidentlyWrong)} |`),
    '',
    '| area | rows | right | deferred | confidently wrong |',
    '|---|---:|---:|---:|---:|',
    ...Object.entries(cv.perArea).map(([area, f]) => `| ${area} | ${f.n} | ${pct(f.accuracy)} | ${pct(f.deferral)} | ${pct(f.confidentlyWrong)} |`),
    '',
    '## Confusion (rows: labelled area; columns: chosen area, or deferred)',
    '',
    `| labelled | ${chosen.join(' | ')} |`,
    `|---|${chosen.map(() => '---:').join('|')}|`,
    ...areas.map((area) => `| ${area} | ${chosen.map((c) => cv.confusion[area]![c] ?? '').join(' | ')} |`),
    '',
  ];
  return lines.join('\n');
}
