// Measures routing, the learned model beside the catalogue's words alone (the rules-only baseline):
//   1. on data/dev-requests.csv, 150 residents' requests that nothing was trained or tuned on;
//   2. by 5-fold cross-validation on the training data (trains the folds: about 20-40 s).
// Each figure with a 95% interval (Wilson's). Accuracy counts a decision right when it routes,
// without asking or passing to an adviser, to a service of one of the row's accepted areas.
//   npm run eval:routing                 (add --errors to list the development rows it got wrong,
//                                         --no-cv to skip the cross-validation, --json for machines)
import { catalogue, shippedRoutingModel } from '#catalogue/index';
import type { Decision } from '#domain/routing';
import { dataFile, readCsv } from './routing/csv.ts';
import { figuresOf, publicExamples, routeWords, trainRouter, wilson, type Figures } from './routing/train.ts';

const args = new Set(process.argv.slice(2));
const known = new Set(['--errors', '--no-cv', '--json']);
for (const arg of args) {
  if (!known.has(arg)) {
    console.error(`eval:routing: '${arg}' is not an option (use ${[...known].join(', ')})`);
    process.exit(2);
  }
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const withInterval = (rate: number, n: number) => {
  const [lo, hi] = wilson(Math.round(rate * n), n);
  return `${pct(rate).padStart(6)} (${pct(lo)}-${pct(hi)})`;
};

function figureLines(title: string, columns: Array<[string, Figures & { perArea: Record<string, Figures> }]>): string[] {
  const width = 34;
  const lines = [title, `${''.padEnd(22)}${columns.map(([name]) => name.padEnd(width)).join('')}`];
  for (const [label, key] of [
    ['right', 'accuracy'],
    ['deferred (ask/adviser)', 'deferral'],
    ['confidently wrong', 'confidentlyWrong'],
  ] as const) {
    lines.push(`${label.padEnd(22)}${columns.map(([, f]) => withInterval(f[key], f.n).padEnd(width)).join('')}`);
  }
  return lines;
}

function perAreaLines(columns: Array<[string, Figures & { perArea: Record<string, Figures> }]>): string[] {
  const areas = [...new Set(columns.flatMap(([, f]) => Object.keys(f.perArea)))].sort();
  const width = 22;
  const lines = [`${'area'.padEnd(30)}${'rows'.padStart(5)}  ${columns.map(([name]) => `${name} right / deferred`.padEnd(width + 10)).join('')}`];
  for (const area of areas) {
    const n = columns[0]![1].perArea[area]?.n ?? 0;
    lines.push(
      `${area.padEnd(30)}${String(n).padStart(5)}  ${columns
        .map(([, f]) => {
          const a = f.perArea[area];
          return (a ? `${pct(a.accuracy).padStart(6)} / ${pct(a.deferral).padStart(6)}` : '').padEnd(width + 10);
        })
        .join('')}`,
    );
  }
  return lines;
}

function confusionLines(confusion: Record<string, Record<string, number>>): string[] {
  const rows = Object.keys(confusion).sort();
  const cols = [...new Set(rows.flatMap((r) => Object.keys(confusion[r]!)))].sort();
  const short = (c: string) => c.replace('environmental-health', 'env-health').replace('street-cleansing', 'cleansing').replace('street-lighting', 'lighting');
  const width = Math.max(...rows.map((r) => r.length), 'labelled \\ chosen'.length);
  return [
    `${'labelled \\ chosen'.padEnd(width)}  ${cols.map((c) => short(c).padStart(Math.max(4, short(c).length))).join(' ')}`,
    ...rows.map((r) => `${r.padEnd(width)}  ${cols.map((c) => String(confusion[r]![c] ?? '.').padStart(Math.max(4, short(c).length))).join(' ')}`),
  ];
}

// ---- 1. The development set ------------------------------------------------------------------

const dev = readCsv(dataFile('dev-requests.csv'), ['text', 'accepted_areas']).map((row) => {
  const accepted = row.accepted_areas.split('|').filter(Boolean);
  return { text: row.text, area: accepted.join('|'), accepted };
});
// Warm both up first, so that the time below is the time a request takes.
routeWords('warm up', catalogue, shippedRoutingModel);
routeWords('warm up', catalogue, null);
const timed = (model: typeof shippedRoutingModel | null) => {
  const started = performance.now();
  const decisions = dev.map((row) => ({ row, decision: routeWords(row.text, catalogue, model) }));
  return { decisions, msPerRequest: (performance.now() - started) / dev.length };
};
const learned = timed(shippedRoutingModel);
const rules = timed(null);
const devLearned = figuresOf(learned.decisions, catalogue);
const devRules = figuresOf(rules.decisions, catalogue);

// ---- 2. Cross-validation on the training data ---------------------------------------------------

const cv = args.has('--no-cv') ? undefined : trainRouter(publicExamples(catalogue), catalogue).report;

if (args.has('--json')) {
  console.log(JSON.stringify({ model: shippedRoutingModel.version, development: { learned: devLearned, rules: devRules }, crossValidated: cv?.crossValidated }, null, 2));
  process.exit(0);
}

const out: string[] = [
  `Routing evaluation. Model ${shippedRoutingModel.version} (shared/catalogue/routing-model.json) beside the catalogue's words alone (rules).`,
  '',
  ...figureLines(`1. Development set: ${dev.length} requests from data/dev-requests.csv (never trained or tuned on); 95% intervals`, [
    ['learned model + words', devLearned],
    ['rules only (baseline)', devRules],
  ]),
  `${'time per request'.padEnd(22)}${`${learned.msPerRequest.toFixed(3)} ms`.padEnd(34)}${rules.msPerRequest.toFixed(3)} ms`,
  '',
  ...perAreaLines([
    ['learned', devLearned],
    ['rules', devRules],
  ]),
  '',
  'Confusion of the learned model (rows: accepted areas; columns: chosen area or deferral)',
  ...confusionLines(devLearned.confusion),
];
if (cv) {
  const rulesCv = figuresOf(
    publicExamples(catalogue)
      .filter((e) => e.source !== 'catalogue')
      .map((e) => ({ row: { area: e.area, source: e.source, accepted: [e.area, ...(e.alsoRight ?? [])] }, decision: routeWords(e.text, catalogue, null) })),
    catalogue,
  );
  out.push(
    '',
    ...figureLines(
      `2. Cross-validated: ${cv.crossValidated.folds} folds over ${cv.crossValidated.n} training requests (${cv.crossValidated.judged.join(', ')}), each judged by a model that did not train on it`,
      [
        ['learned model + words', cv.crossValidated],
        ['rules only (baseline)', rulesCv],
      ],
    ),
    ...Object.entries(cv.crossValidated.bySource).map(
      ([source, f]) => `${`  ${source}`.padEnd(22)}${withInterval(f.accuracy, f.n)} right, ${pct(f.deferral)} deferred, ${pct(f.confidentlyWrong)} wrong (${f.n} rows)`,
    ),
    '',
    ...perAreaLines([
      ['learned', cv.crossValidated],
      ['rules', rulesCv],
    ]),
    '',
    'Confusion of the learned model, cross-validated',
    ...confusionLines(cv.crossValidated.confusion),
  );
}
if (args.has('--errors')) {
  out.push('', 'Development rows the learned model did not get right:');
  learned.decisions.forEach(({ row, decision }: { row: (typeof dev)[number]; decision: Decision }) => {
    const area = catalogue.service(decision.serviceId)?.area;
    const deferred = decision.kind === 'ask' || decision.kind === 'adviser';
    if (!deferred && area && row.accepted.includes(area)) return;
    out.push(`- [${row.area}] -> ${deferred ? `(${decision.kind})` : area}: ${row.text.replace(/\s+/g, ' ').slice(0, 140)}`);
  });
}
console.log(out.join('\n'));
