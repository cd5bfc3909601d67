// Retraining the router with the council's own labels (docs/routing.md, "Learning from the
// council"): public data plus the labels not held back, a new model version with its report, and
// promotion only when it beats the current model on the labels held back from its training.
// `npm run routing:train` (scripts/routing-train.ts) reads the labels and calls retrainRouting.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LABEL_SOURCES, splitLabels, type CouncilLabel, type CouncilLabels, type LabelSkips } from '#app/routing-labels';
import type { Catalogue } from '#domain/catalogue';
import type { Contact } from '#domain/contact';
import { route, routerVersionOf, type Decision } from '#domain/routing';
import type { RoutingModelData } from '#domain/routing-model';
import { figuresOf, publicExamples, reportMarkdown, trainRouter, type TrainingExample, type TrainingReport, type TrainOptions } from './routing/train.ts';

export type { TrainingExample, TrainingReport };

// ---- The trainer (scripts/routing/train.ts, the learned model) -----------------------------------

export interface ModelData {
  version: string;
}

/** What retraining needs of the learned model's code (the real one below; the unit tests stand one in). */
export interface Trainer<Model extends ModelData = RoutingModelData> {
  /** The vendored public examples (and the catalogue's own words). */
  publicExamples(catalogue: Catalogue): TrainingExample[];
  trainRouter(examples: TrainingExample[], catalogue: Catalogue, options?: TrainOptions): { model: Model; report: TrainingReport };
  reportMarkdown(report: TrainingReport): string;
  /** Routes with `model`, or with the current (shipped) model when it is not given. */
  route(contact: Contact, catalogue: Catalogue, model?: Model): Decision;
  /** The version of the current model. */
  currentVersion(catalogue: Catalogue): string;
}

/** The learned model's own training and routing. */
export const routingTrainer: Trainer = {
  publicExamples,
  trainRouter,
  reportMarkdown,
  // Without a model, route() takes the catalogue's: the shipped one.
  route: (contact, catalogue, model) => (model ? route(contact, catalogue, model) : route(contact, catalogue)),
  currentVersion: routerVersionOf,
};

// ---- Retraining -------------------------------------------------------------------------------------

/** How a model does on the held-back labels: right = routed to a service of the label's area without deferring. */
export interface HeldBackScore {
  version: string;
  n: number;
  right: number;
  deferred: number;
  accuracy: number;
  deferral: number;
  confidentlyWrong: number;
}

export interface CouncilRows {
  /** Labels read (after skips). */
  total: number;
  /** Trained on, by source. */
  trainedOn: Record<string, number>;
  /** Held back from training to judge the candidate, by source. */
  heldBack: Record<string, number>;
  skipped: LabelSkips;
}

export interface RetrainReport extends TrainingReport {
  council: CouncilRows;
  /** The candidate and the current model on the held-back labels (absent when none were held back). */
  comparison?: { candidate: HeldBackScore; current: HeldBackScore };
  promotion: { promoted: boolean; why: string };
}

export interface RetrainOptions<Model extends ModelData = RoutingModelData> {
  labels: CouncilLabels;
  catalogue: Catalogue;
  trainer: Trainer<Model>;
  /** The new version's folder goes in here: `<outDir>/<version>/model.json`, `report.md`, `report.json`. */
  outDir: string;
  /** Replace the current model if the candidate is better on the held-back labels. */
  promote?: boolean;
  /** Promote without the comparison. */
  force?: boolean;
  /** Where promotion writes the model and its report (the repository's shipped model and docs/routing-report.md). */
  promotion: { modelFile: string; reportFile: string };
  version?: string;
  /** Training's progress in words (no resident's words). */
  log?: (line: string) => void;
}

export interface RetrainResult<Model extends ModelData = RoutingModelData> {
  version: string;
  dir: string;
  model: Model;
  report: RetrainReport;
  markdown: string;
  /** In this process only (never written): the labels trained on and those held back. */
  split: { training: CouncilLabel[]; heldBack: CouncilLabel[] };
}

const bySource = (labels: CouncilLabel[]) => Object.fromEntries(LABEL_SOURCES.map((source) => [source, labels.filter((l) => l.source === source).length]));

/** A label's words as a contact, routed as a web description would be. */
const contactOf = (label: CouncilLabel): Contact => ({ id: label.id, channel: 'web', providerId: label.id, receivedAt: label.at, text: label.text, resident: {} });

function score(labels: CouncilLabel[], version: string, decide: (contact: Contact) => Decision, catalogue: Catalogue): HeldBackScore {
  // The model's own judge (figuresOf): right is a service of the label's area, chosen without deferring.
  const figures = figuresOf(labels.map((label) => ({ row: { area: label.area, source: label.source }, decision: decide(contactOf(label)) })), catalogue);
  const n = labels.length;
  const { accuracy, deferral, confidentlyWrong } = n ? figures : { accuracy: 0, deferral: 0, confidentlyWrong: 0 };
  return { version, n, right: Math.round(accuracy * n), deferred: Math.round(deferral * n), accuracy, deferral, confidentlyWrong };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** Whether to promote, and why, in words. */
function promotionOf(options: { promote?: boolean; force?: boolean }, comparison: RetrainReport['comparison']): { promoted: boolean; why: string } {
  const versus = comparison
    ? `on the ${comparison.candidate.n} council labels held back from its training, the new model routed ${pct(comparison.candidate.accuracy)} to the right area ` +
      `(${pct(comparison.candidate.deferral)} deferred) against ${pct(comparison.current.accuracy)} (${pct(comparison.current.deferral)} deferred) for the current model ${comparison.current.version}`
    : undefined;
  if (options.promote && options.force) {
    return { promoted: true, why: `Promoted without comparison (--force)${versus ? `; ${versus}` : ''}.` };
  }
  if (!comparison) {
    return {
      promoted: false,
      why: 'Not promoted: no council labels were held back, so there is nothing to judge the new model against the current one by (--force promotes it anyway).',
    };
  }
  const better = comparison.candidate.accuracy > comparison.current.accuracy;
  if (!options.promote) {
    return { promoted: false, why: `Not promoted (--promote not given): ${versus}; it ${better ? 'would' : 'would not'} have been promoted.` };
  }
  return better
    ? { promoted: true, why: `Promoted: ${versus}.` }
    : { promoted: false, why: `Not promoted: ${versus}; a new model must do strictly better.` };
}

function councilMarkdown(report: RetrainReport): string {
  const { council, comparison, promotion } = report;
  const row = (name: string, counts: Record<string, number>) => `| ${name} | ${LABEL_SOURCES.map((s) => counts[s] ?? 0).join(' | ')} |`;
  const skipped = Object.entries(council.skipped).filter(([, n]) => n > 0);
  return [
    "## The council's labels",
    '',
    `${council.total} labels from this council's advisers and teams: ${Object.values(council.trainedOn).reduce((a, b) => a + b, 0)} trained on, ` +
      `${Object.values(council.heldBack).reduce((a, b) => a + b, 0)} held back to judge the new model.`,
    '',
    `| | ${LABEL_SOURCES.join(' | ')} |`,
    `|---|${LABEL_SOURCES.map(() => '---:').join('|')}|`,
    row('trained on', council.trainedOn),
    row('held back', council.heldBack),
    '',
    skipped.length ? `Skipped: ${skipped.map(([why, n]) => `${n} ${SKIP_WORDS[why as keyof LabelSkips]}`).join(', ')}.` : 'Nothing skipped.',
    '',
    '## Against the current model',
    '',
    ...(comparison
      ? [
          '| model | held-back labels | right area | deferred |',
          '|---|---:|---:|---:|',
          `| ${comparison.candidate.version} (new) | ${comparison.candidate.n} | ${comparison.candidate.right} (${pct(comparison.candidate.accuracy)}) | ${comparison.candidate.deferred} (${pct(comparison.candidate.deferral)}) |`,
          `| ${comparison.current.version} (current) | ${comparison.current.n} | ${comparison.current.right} (${pct(comparison.current.accuracy)}) | ${comparison.current.deferred} (${pct(comparison.current.deferral)}) |`,
        ]
      : ['No council labels were held back: nothing to compare.']),
    '',
    promotion.why,
    '',
  ].join('\n');
}

const SKIP_WORDS: Record<keyof LabelSkips, string> = {
  emptyText: 'without words',
  emergency: 'emergencies (found by rules, never learnt)',
  unknownService: 'for services no longer in the catalogue',
  duplicate: 'duplicates (the latest label kept)',
  beforeSince: 'given before --since',
  caseMissing: 'reroutes whose case was not found',
};

/**
 * Trains a new model on the public examples plus the council's labels that are not held back,
 * writes it with its report, judges it against the current model on the held-back labels and, if
 * allowed, promotes it. Residents' words go into training only: the files hold counts and hashed
 * weights.
 */
export async function retrainRouting<Model extends ModelData = RoutingModelData>(options: RetrainOptions<Model>): Promise<RetrainResult<Model>> {
  const { catalogue, trainer, labels } = options;
  const split = splitLabels(labels.labels);
  const council: TrainingExample[] = split.training.map((label) => ({ text: label.text, area: label.area, source: label.source, id: label.id }));
  const { model, report: training } = trainer.trainRouter([...trainer.publicExamples(catalogue), ...council], catalogue, {
    ...(options.version ? { version: options.version } : {}),
    ...(options.log ? { log: options.log } : {}),
  });

  const comparison = split.heldBack.length
    ? {
        candidate: score(split.heldBack, model.version, (contact) => trainer.route(contact, catalogue, model), catalogue),
        current: score(split.heldBack, trainer.currentVersion(catalogue), (contact) => trainer.route(contact, catalogue), catalogue),
      }
    : undefined;
  const promotion = promotionOf(options, comparison);
  const report: RetrainReport = {
    ...training,
    council: { total: labels.labels.length, trainedOn: bySource(split.training), heldBack: bySource(split.heldBack), skipped: labels.skipped },
    ...(comparison ? { comparison } : {}),
    promotion,
  };
  const markdown = `${trainer.reportMarkdown(training).trimEnd()}\n\n${councilMarkdown(report)}`;

  const dir = join(options.outDir, model.version);
  await mkdir(dir, { recursive: true });
  // As the shipped model is written: one line of JSON.
  const modelJson = JSON.stringify(model);
  await writeFile(join(dir, 'model.json'), modelJson);
  await writeFile(join(dir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(join(dir, 'report.md'), markdown);
  if (promotion.promoted) {
    await writeFile(options.promotion.modelFile, modelJson);
    await writeFile(options.promotion.reportFile, markdown);
  }
  return { version: model.version, dir, model, report, markdown, split };
}

// ---- The command's options (`npm run routing:train -- ...`) ----------------------------------------

export const USAGE = `npm run routing:train -- <where the labels are> [--out DIR] [--promote [--force]] [--since DATE]

Where the council's labels are (one of):
  --local                       the local stack's table (npm start: DynamoDB Local on port DYNAMODB_PORT, default 8000)
  --table NAME --region REGION  the platform's table on AWS (credentials from the usual AWS variables or profile)
      [--endpoint URL]          ... or at another endpoint
  --public-only                 no council labels: the public data alone

  --out DIR      where the new version's folder goes (default .local/routing-models)
  --promote      replace the current model if the new one does strictly better on the held-back labels
  --force        with --promote: replace it without the comparison
  --since DATE   only labels given from this date (or time) on`;

export type LabelSourceOption =
  | { kind: 'local'; tableName: string; region: string; endpoint: string }
  | { kind: 'aws'; tableName: string; region: string; endpoint?: string }
  | { kind: 'none' };

export interface TrainCommand {
  source: LabelSourceOption;
  outDir: string;
  promote: boolean;
  force: boolean;
  since?: string;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

/** The command's options, or a UsageError that says what is wrong in words. */
export function parseTrainCommand(
  args: string[],
  env: Record<string, string | undefined>,
  defaults: { localTable: string; outDir: string },
): TrainCommand {
  const flags = new Set(['--local', '--public-only', '--promote', '--force']);
  const valued = new Set(['--table', '--region', '--endpoint', '--out', '--since']);
  const seen: Record<string, string | true> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (name in seen) throw new UsageError(`${name} is given twice`);
    if (flags.has(name)) {
      if (inline !== undefined) throw new UsageError(`${name} takes no value`);
      seen[name] = true;
    } else if (valued.has(name)) {
      const value = inline ?? args[++i];
      if (value === undefined || value === '' || (inline === undefined && value.startsWith('--'))) throw new UsageError(`${name} needs a value`);
      seen[name] = value;
    } else {
      throw new UsageError(`'${arg}' is not an option of routing:train`);
    }
  }
  const text = (name: string) => (typeof seen[name] === 'string' ? (seen[name] as string) : undefined);
  const sources = ['--local', '--table', '--public-only'].filter((name) => name in seen);
  if (sources.length === 0) throw new UsageError('say where the council\'s labels are: --local, --table NAME --region REGION, or --public-only');
  if (sources.length > 1) throw new UsageError(`give one of --local, --table and --public-only, not ${sources.join(' and ')}`);
  if (!('--table' in seen)) {
    for (const name of ['--region', '--endpoint']) if (name in seen) throw new UsageError(`${name} goes with --table`);
  }
  if (seen['--force'] && !seen['--promote']) throw new UsageError('--force replaces the current model without the comparison: give it with --promote');

  let source: LabelSourceOption;
  if (seen['--local']) {
    // DynamoDB Local (sharedDb) keeps one database whatever the region; the local stack's is eu-west-2.
    source = { kind: 'local', tableName: defaults.localTable, region: 'eu-west-2', endpoint: `http://localhost:${env.DYNAMODB_PORT || 8000}` };
  } else if (seen['--table']) {
    const region = text('--region') ?? env.AWS_REGION;
    if (!region) throw new UsageError('--table needs --region (or AWS_REGION set)');
    const endpoint = text('--endpoint');
    if (endpoint !== undefined && !/^https?:\/\/\S+$/.test(endpoint)) throw new UsageError(`--endpoint '${endpoint}' is not an http(s) URL`);
    source = { kind: 'aws', tableName: text('--table')!, region, ...(endpoint ? { endpoint } : {}) };
  } else {
    source = { kind: 'none' };
  }
  const since = text('--since');
  if (since !== undefined && Number.isNaN(Date.parse(since))) throw new UsageError(`--since '${since}' is not a date (e.g. 2026-11-01)`);
  return {
    source,
    outDir: text('--out') ?? defaults.outDir,
    promote: seen['--promote'] === true,
    force: seen['--force'] === true,
    ...(since !== undefined ? { since: new Date(since).toISOString() } : {}),
  };
}

/** Why the labels could not be read, in words (never a stack trace). */
export function describeReadError(error: unknown, source: Exclude<LabelSourceOption, { kind: 'none' }>): string {
  const e = error as { name?: string; code?: string; message?: string; cause?: { code?: string }; errors?: Array<{ code?: string }> } | undefined;
  const where = `table '${source.tableName}' ${source.endpoint ? `at ${source.endpoint}` : `in ${source.region}`}`;
  const codes = [e?.code, e?.cause?.code, ...(e?.errors ?? []).map((inner) => inner.code)];
  if (codes.some((code) => code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ETIMEDOUT')) {
    return source.kind === 'local'
      ? `Could not reach DynamoDB Local at ${source.endpoint}: is the local stack running (npm start)? Set DYNAMODB_PORT if it uses another port.`
      : `Could not reach DynamoDB for the ${where}: check the region and the endpoint.`;
  }
  switch (e?.name) {
    case 'ResourceNotFoundException':
      return `There is no ${where}: check its name (the deployed table's name is in the stack's outputs) and its region.`;
    case 'CredentialsProviderError':
      return `No AWS credentials to read the ${where}: set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.`;
    case 'AccessDeniedException':
    case 'UnrecognizedClientException':
    case 'ExpiredTokenException':
      return `Not allowed to read the ${where} with these credentials (${e.name}): the job needs dynamodb:Scan and dynamodb:BatchGetItem on it.`;
    default:
      return `Could not read the council's labels from the ${where}: ${e?.message || e?.name || String(error)}`;
  }
}
