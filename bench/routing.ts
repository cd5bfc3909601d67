// Routing in-process (issue 11), each figure against a baseline measured in the same run:
// 1. route() with the learned model, route() by the catalogue's words alone (the rules: what
//    routed before the model) and tokenising the same text, p50 and p99, on the short bench texts,
//    on long ones (2,000+ characters) and on one of 20,000 characters; the budget is p99 < 1 ms.
// 2. What the first decision in a new process (a Lambda cold start) pays to decode the model.
// 3. Training (trainRouter, the work of `npm run routing:train`) against reading and featurising the
//    same examples once: BENCH_TRAIN_RUNS runs (default 3; 0 leaves it out).
// Run alone with `npx tsx bench/routing.ts`; `npm run bench` runs it too.
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { catalogue, shippedRoutingModel } from '#catalogue/index';
import type { Contact } from '#domain/contact';
import { route } from '#domain/routing';
import { loadModel } from '#domain/routing-model';
import { featuresOf } from '#domain/text-features';
import { publicExamples, trainRouter } from '../scripts/routing/train.ts';
import { fmt, summarise } from './stats.ts';
import { LONG_TEXTS, TEXTS, VERY_LONG_TEXT } from './texts.ts';

const BUDGET_P99_MS = 1;

const contactOf = (text: string): Contact => ({
  id: 'bench',
  channel: 'sms',
  providerId: 'bench',
  receivedAt: new Date().toISOString(),
  text,
  resident: {},
});

const ways = {
  'route(), with the model': (c: Contact) => route(c, catalogue),
  'route(), rules alone': (c: Contact) => route(c, catalogue, null),
  'baseline (tokenise)': (c: Contact) => c.text.toLowerCase().split(/\W+/),
};
type Way = keyof typeof ways;

interface Timing {
  /** Wall-clock time: what a caller waits. */
  wall: ReturnType<typeof summarise>;
  /** The process's CPU time (process.cpuUsage, microseconds): the code's own cost, without the time a shared machine gave to other work. */
  cpu: ReturnType<typeof summarise>;
}

/**
 * Each way timed on the same text one after another, text after text, so that all three see the
 * same machine (other work on a shared machine lands on all of them alike).
 */
function timeWays(texts: string[], iterations: number): Record<Way, Timing> {
  const contacts = texts.map(contactOf);
  const names = Object.keys(ways) as Way[];
  const wall = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<Way, number[]>;
  const cpu = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<Way, number[]>;
  const warmUp = Math.max(200, iterations / 10);
  for (let i = 0; i < warmUp + iterations; i++) {
    const contact = contacts[i % contacts.length]!;
    for (const name of names) {
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      ways[name](contact);
      const ms = performance.now() - start;
      const used = process.cpuUsage(cpuStart);
      if (i < warmUp) continue;
      wall[name].push(ms);
      cpu[name].push((used.user + used.system) / 1000);
    }
  }
  return Object.fromEntries(names.map((name) => [name, { wall: summarise(wall[name]), cpu: summarise(cpu[name]) }])) as Record<Way, Timing>;
}

export function benchRouting(): void {
  const sets: Array<[string, string[], number]> = [
    [`short: the ${TEXTS.length} bench texts, ${Math.min(...TEXTS.map((t) => t.length))}-${Math.max(...TEXTS.map((t) => t.length))} characters`, TEXTS, 20_000],
    [`long: ${LONG_TEXTS.length} texts of ${Math.min(...LONG_TEXTS.map((t) => t.length))}-${Math.max(...LONG_TEXTS.map((t) => t.length))} characters`, LONG_TEXTS, 4_000],
    [`very long: one text of ${VERY_LONG_TEXT.length} characters`, [VERY_LONG_TEXT], 1_000],
  ];
  console.log(
    `\nRouting decision in-process (${catalogue.services.length} services, model ${shippedRoutingModel.version}: ` +
      `${shippedRoutingModel.areas.length} areas x 2^${shippedRoutingModel.bits} hashed features)`,
  );
  const verdicts: string[] = [];
  for (const [label, texts, iterations] of sets) {
    const figures = timeWays(texts, iterations);
    const model = figures['route(), with the model'];
    const rules = figures['route(), rules alone'];
    const baseline = figures['baseline (tokenise)'];
    console.log(`  ${label} (${model.wall.n} decisions each; wall clock, and the process's CPU time)`);
    for (const [name, { wall, cpu }] of Object.entries(figures)) {
      const ratio = name.startsWith('baseline') ? '' : `   ${(wall.p50 / baseline.wall.p50).toFixed(0)}x tokenise at p50`;
      console.log(
        `    ${name.padEnd(26)} p50 ${fmt(wall.p50).padStart(9)}  p99 ${fmt(wall.p99).padStart(9)}   CPU p50 ${fmt(cpu.p50).padStart(9)}  p99 ${fmt(cpu.p99).padStart(9)}${ratio}`,
      );
    }
    console.log(
      `    the model against the rules alone: p50 ${(model.wall.p50 / rules.wall.p50).toFixed(2)}x, p99 ${(model.wall.p99 / rules.wall.p99).toFixed(2)}x ` +
        `(CPU: ${(model.cpu.p50 / rules.cpu.p50).toFixed(2)}x, ${(model.cpu.p99 / rules.cpu.p99).toFixed(2)}x)`,
    );
    const met = (ms: number) => (ms < BUDGET_P99_MS ? 'met' : 'NOT met');
    verdicts.push(`${label.split(':')[0]} ${met(model.wall.p99)} (${fmt(model.wall.p99)}; CPU ${fmt(model.cpu.p99)}, ${met(model.cpu.p99)})`);
  }
  console.log(`  budget p99 < ${BUDGET_P99_MS} ms with the model, wall clock: ${verdicts.join('; ')}`);

  // A new process decodes the model once, on its first decision (loadModel keeps it per model object).
  const decode = summarise(
    Array.from({ length: 7 }, () => {
      const fresh = structuredClone(shippedRoutingModel);
      const start = performance.now();
      loadModel(fresh);
      return performance.now() - start;
    }),
  );
  console.log(`  the first decision in a new process also decodes the model: ${fmt(decode.p50)} (median of ${decode.n})`);
}

export function benchTraining(runs = Number(process.env.BENCH_TRAIN_RUNS ?? 3)): void {
  if (!(runs > 0)) return;
  const median = (xs: number[]) => summarise(xs).p50;
  // The baseline: reading the public examples from data/ and featurising every row once, the least
  // any training on them must do. Training fits the model many times over (a grid of settings,
  // each cross-validated) and routes every held-out row.
  const baselineMs = median(
    Array.from({ length: 3 }, () => {
      const start = performance.now();
      for (const example of publicExamples(catalogue)) featuresOf(example.text, shippedRoutingModel.bits);
      return performance.now() - start;
    }),
  );
  const examples = publicExamples(catalogue);
  const seconds: number[] = [];
  let fits = 0;
  let folds = 0;
  for (let run = 0; run < runs; run++) {
    let grid = 0;
    const start = performance.now();
    const { report } = trainRouter(publicExamples(catalogue), catalogue, { log: (line) => void (/^\s*l2 /.test(line) && grid++) });
    seconds.push((performance.now() - start) / 1000);
    folds = report.crossValidated.folds;
    fits = grid * folds + 1;
  }
  const s = median(seconds);
  console.log(`\nTraining the routing model (trainRouter on the ${examples.length} public examples: what \`npm run routing:train\` spends its time on)`);
  console.log(`  baseline: reading the examples and featurising each once: ${fmt(baselineMs)} (median of 3)`);
  console.log(
    `  training: median ${s.toFixed(1)} s of ${runs} run(s) (${seconds.map((x) => x.toFixed(1)).join(', ')} s), ${(s * 1000 / baselineMs).toFixed(0)}x the baseline; ` +
      `${fits} fits (each setting ${folds}-fold cross-validated, then the model on every row)`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchRouting();
  benchTraining();
}
