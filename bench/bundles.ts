// Each function's Lambda bundle, built as CDK builds it (esbuild, ESM, minified, node20), its size,
// and its cold import time in a fresh Node process, next to a bare handler's measured the same way.
// For the bundles that carry the learned routing model (issue 11): how many of their bytes are the
// model (its weights file and the two domain files that read it, from esbuild's metafile), and
// their cold import against "today's", the same bundle built with the model file replaced by
// `null` (the catalogue then routes by its words alone, as before the model). Only the bench
// builds that bundle; the product is never changed for it.
// Run alone with `npx tsx bench/bundles.ts`; `npm run bench` runs it too.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile, type Plugin } from 'esbuild';
import { functions } from '#infra/registry';
import { REPO_ROOT } from '../infra/local/stack.ts';

const BANNER = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";
const LIMIT_BYTES = 500 * 1024;
const IMPORT_RUNS = 7;
/** With the model against without: more runs, as the difference is small beside the import's noise. */
const MODEL_IMPORT_RUNS = 11;

/** The learned routing model's weights, and the domain code that exists only to read them. */
const MODEL_FILE = 'shared/catalogue/routing-model.json';
const MODEL_CODE = ['shared/domain/routing-model.ts', 'shared/domain/text-features.ts'];

/** Builds a bundle as it was before the model: the model file is `null`, so the catalogue has none. */
const withoutModel: Plugin = {
  name: 'bench-without-routing-model',
  setup(build) {
    build.onLoad({ filter: /[\\/]shared[\\/]catalogue[\\/]routing-model\.json$/ }, () => ({ contents: 'null', loader: 'json' }));
  },
};

interface Bundle {
  file: string;
  bytes: number;
  /** Bytes of the output that came from each input, by path relative to the repository. */
  inputs: Record<string, number>;
}

async function bundle(entry: string, outdir: string, name: string, plugins: Plugin[] = []): Promise<Bundle> {
  const outfile = join(outdir, `${name}.mjs`);
  const { metafile } = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    mainFields: ['module', 'main'],
    banner: { js: BANNER },
    // As infra/stack.ts: the Lambda Node.js runtime provides the AWS SDK v3.
    external: ['@aws-sdk/*', '@smithy/*'],
    logLevel: 'silent',
    metafile: true,
    plugins,
  });
  return { file: outfile, bytes: statSync(outfile).size, inputs: inputBytes(metafile, outfile) };
}

function inputBytes(metafile: Metafile, outfile: string): Record<string, number> {
  const output = Object.entries(metafile.outputs).find(([path]) => outfile.endsWith(path.replace(/^(\.\.\/)+/, '')))?.[1];
  if (!output) throw new Error(`esbuild's metafile does not list ${outfile}`);
  // Paths are relative to the working directory (the repository, for npm run bench).
  return Object.fromEntries(Object.entries(output.inputs).map(([path, { bytesInOutput }]) => [path.replace(/^.*?(?=shared\/|functions\/|node_modules\/)/, ''), bytesInOutput]));
}

/**
 * Ms to import the bundle in a new Node process (the handler module's init, as a cold start pays
 * it): wall clock, and the process's CPU time over the import (less of the shared machine's noise).
 */
function importOnce(file: string): { wall: number; cpu: number } {
  const script =
    `const c = process.cpuUsage(); const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); ` +
    'const used = process.cpuUsage(c); process.stdout.write(JSON.stringify({ wall: performance.now() - t, cpu: (used.user + used.system) / 1000 }));';
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { env: { PATH: process.env.PATH, AWS_REGION: 'eu-west-2' } }).toString());
}

const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;

/** Medians of `runs` cold imports of each file, taken in turn (a, b, a, b...) so that both see the same machine. */
function coldImports(files: string[], runs = IMPORT_RUNS): Array<{ wall: number; cpu: number }> {
  const samples = files.map(() => [] as Array<{ wall: number; cpu: number }>);
  for (let run = 0; run < runs; run++) files.forEach((file, i) => samples[i]!.push(importOnce(file)));
  return samples.map((s) => ({ wall: median(s.map((x) => x.wall)), cpu: median(s.map((x) => x.cpu)) }));
}
const coldImportMs = (file: string): number => coldImports([file])[0]!.wall;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export async function benchBundles(): Promise<void> {
  // Inside the repository, so the SDK the bundles leave out resolves from node_modules, as the
  // Lambda runtime provides it; the import time includes loading it.
  const cache = join(REPO_ROOT, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const outdir = mkdtempSync(join(cache, 'bench-bundles-'));
  const bareEntry = join(outdir, 'bare.ts');
  writeFileSync(bareEntry, 'export async function handler() { return { statusCode: 200, body: "ok" }; }\n');
  const bare = await bundle(bareEntry, outdir, 'bare');
  const bareMs = coldImportMs(bare.file);
  console.log(`\nLambda bundles (esbuild as CDK builds them; cold import: median of ${IMPORT_RUNS} fresh Node processes)`);
  console.log(`  ${'bare handler'.padEnd(22)} ${kb(bare.bytes).padStart(9)}  import ${bareMs.toFixed(1)} ms`);
  const withModel: Array<{ name: string; bundle: Bundle }> = [];
  for (const fn of functions) {
    const built = await bundle(join(REPO_ROOT, fn.entry), outdir, fn.name);
    const ms = coldImportMs(built.file);
    const model = (built.inputs[MODEL_FILE] ?? 0) + MODEL_CODE.reduce((sum, path) => sum + (built.inputs[path] ?? 0), 0);
    if (built.inputs[MODEL_FILE]) withModel.push({ name: fn.name, bundle: built });
    console.log(
      `  ${fn.name.padEnd(22)} ${kb(built.bytes).padStart(9)}  import ${ms.toFixed(1)} ms (${(ms / bareMs).toFixed(1)}x bare)` +
        (model ? `  routing model ${kb(model)} (${((100 * model) / built.bytes).toFixed(0)}%)` : '') +
        (built.bytes > LIMIT_BYTES ? '  OVER 500 KB' : ''),
    );
  }

  if (!withModel.length) return;
  console.log(
    `  The learned routing model in the ${withModel.length} bundles that route: its weights (${MODEL_FILE}) and the code that reads them ` +
      `(${MODEL_CODE.map((path) => path.split('/').pop()).join(', ')}); against "today's", each bundle built with the model file as null ` +
      `(the rules alone), the two imported in turn, ${MODEL_IMPORT_RUNS} times each (wall clock; CPU time):`,
  );
  // The weights alone, as the bundles hold them, against an empty module: the import's own cost of
  // the model, without the noise of the rest of a bundle's import.
  const weightsEntry = join(outdir, 'weights.ts');
  writeFileSync(weightsEntry, `import model from ${JSON.stringify(join(REPO_ROOT, MODEL_FILE))} with { type: 'json' };\nexport default model;\n`);
  const weights = await bundle(weightsEntry, outdir, 'weights');
  const [weightsImport, bareImport] = coldImports([weights.file, bare.file], MODEL_IMPORT_RUNS * 2);
  console.log(
    `    the weights alone as a module (${kb(weights.bytes)}): import ${weightsImport!.wall.toFixed(1)} ms against ${bareImport!.wall.toFixed(1)} ms for a bare handler ` +
      `(CPU ${weightsImport!.cpu.toFixed(1)} against ${bareImport!.cpu.toFixed(1)} ms); decoding them on the first decision is measured with routing`,
  );
  for (const { name, bundle: built } of withModel) {
    const today = await bundle(join(REPO_ROOT, functions.find((fn) => fn.name === name)!.entry), outdir, `${name}-without-model`, [withoutModel]);
    const [now, before] = coldImports([built.file, today.file], MODEL_IMPORT_RUNS);
    const code = MODEL_CODE.reduce((sum, path) => sum + (built.inputs[path] ?? 0), 0);
    const delta = (a: number, b: number) => `${a - b >= 0 ? '+' : ''}${(a - b).toFixed(1)} ms`;
    console.log(
      `    ${name.padEnd(20)} weights ${kb(built.inputs[MODEL_FILE]!)}, code ${kb(code)}${code ? '' : ' (it never routes)'}; ` +
        `${kb(built.bytes)} against ${kb(today.bytes)} today; ` +
        `import ${now!.wall.toFixed(0)} against ${before!.wall.toFixed(0)} ms (${delta(now!.wall, before!.wall)}); ` +
        `CPU ${now!.cpu.toFixed(0)} against ${before!.cpu.toFixed(0)} ms (${delta(now!.cpu, before!.cpu)})`,
    );
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await benchBundles();
