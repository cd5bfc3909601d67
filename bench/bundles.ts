// Each function's Lambda bundle, built as CDK builds it (esbuild, ESM, minified, node20), its size,
// and its cold import time in a fresh Node process, next to a bare handler's measured the same way.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { functions } from '#infra/registry';
import { REPO_ROOT } from '../infra/local/stack.ts';

const BANNER = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";
const LIMIT_BYTES = 500 * 1024;
const IMPORT_RUNS = 7;

async function bundle(entry: string, outdir: string, name: string): Promise<string> {
  const outfile = join(outdir, `${name}.mjs`);
  await build({
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
  });
  return outfile;
}

/** Median ms to import the bundle in a new Node process (the handler module's init, as a cold start pays it). */
function coldImportMs(file: string): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); process.stdout.write(String(performance.now() - t));`;
  const samples = Array.from({ length: IMPORT_RUNS }, () =>
    Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { env: { PATH: process.env.PATH, AWS_REGION: 'eu-west-2' } })),
  ).sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

export async function benchBundles(): Promise<void> {
  // Inside the repository, so the SDK the bundles leave out resolves from node_modules, as the
  // Lambda runtime provides it; the import time includes loading it.
  const cache = join(REPO_ROOT, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const outdir = mkdtempSync(join(cache, 'bench-bundles-'));
  const bareEntry = join(outdir, 'bare.ts');
  writeFileSync(bareEntry, 'export async function handler() { return { statusCode: 200, body: "ok" }; }\n');
  const bare = await bundle(bareEntry, outdir, 'bare');
  const bareMs = coldImportMs(bare);
  console.log(`\nLambda bundles (esbuild as CDK builds them; cold import: median of ${IMPORT_RUNS} fresh Node processes)`);
  console.log(`  ${'bare handler'.padEnd(22)} ${(statSync(bare).size / 1024).toFixed(1).padStart(7)} KB  import ${bareMs.toFixed(1)} ms`);
  for (const fn of functions) {
    const file = await bundle(join(REPO_ROOT, fn.entry), outdir, fn.name);
    const size = statSync(file).size;
    const ms = coldImportMs(file);
    console.log(
      `  ${fn.name.padEnd(22)} ${(size / 1024).toFixed(1).padStart(7)} KB  import ${ms.toFixed(1)} ms (${(ms / bareMs).toFixed(1)}x bare)` +
        (size > LIMIT_BYTES ? '  OVER 500 KB' : ''),
    );
  }
}
