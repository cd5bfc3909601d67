// The console's JavaScript at first load, gzip, against its 100 KB budget: the entry script and
// the modules index.html preloads (what the browser fetches before the New contact page shows).
// Views opened later, and the sign-in code, load on demand and are listed apart.
// Run alone with `npx tsx bench/console-bundle.ts`; `npm run bench` runs it too.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { REPO_ROOT } from '../infra/local/stack.ts';

export const FIRST_LOAD_BUDGET_BYTES = 100 * 1024;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export interface ConsoleBundleReport {
  firstLoad: Array<{ file: string; bytes: number; gzip: number }>;
  later: Array<{ file: string; bytes: number; gzip: number }>;
  firstLoadGzip: number;
}

/** The scripts index.html loads at once: its module script and its modulepreload links. */
export function firstLoadScripts(indexHtml: string): string[] {
  const scripts = [...indexHtml.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1]!);
  const preloads = [...indexHtml.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]!);
  return [...new Set([...scripts, ...preloads])];
}

export async function measureConsoleBundle(): Promise<ConsoleBundleReport> {
  const outDir = mkdtempSync(join(tmpdir(), 'frontdoor-console-'));
  try {
    await build({ configFile: join(REPO_ROOT, 'console', 'vite.config.ts'), logLevel: 'silent', build: { outDir, emptyOutDir: true } });
    const first = new Set(firstLoadScripts(readFileSync(join(outDir, 'index.html'), 'utf8')).map((src) => src.replace(/^\//, '')));
    const sized = readdirSync(join(outDir, 'assets'))
      .filter((name) => name.endsWith('.js'))
      .map((name) => {
        const content = readFileSync(join(outDir, 'assets', name));
        return { file: `assets/${name}`, bytes: content.length, gzip: gzipSync(content).length };
      })
      .sort((a, b) => b.gzip - a.gzip);
    const firstLoad = sized.filter((s) => first.has(s.file));
    return { firstLoad, later: sized.filter((s) => !first.has(s.file)), firstLoadGzip: firstLoad.reduce((sum, s) => sum + s.gzip, 0) };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

export async function benchConsoleBundle(): Promise<void> {
  const report = await measureConsoleBundle();
  console.log('\nThe console web app: JavaScript at first load (gzip), against the 100 KB budget');
  for (const s of report.firstLoad) console.log(`  ${s.file.padEnd(36)} ${kb(s.bytes).padStart(9)}  gzip ${kb(s.gzip).padStart(8)}`);
  const verdict = report.firstLoadGzip <= FIRST_LOAD_BUDGET_BYTES ? 'within budget' : 'OVER BUDGET';
  console.log(`  first load: gzip ${kb(report.firstLoadGzip)} of ${kb(FIRST_LOAD_BUDGET_BYTES)} (${verdict})`);
  console.log('  loaded when needed (views opened later, sign-in):');
  for (const s of report.later) console.log(`    ${s.file.padEnd(34)} ${kb(s.bytes).padStart(9)}  gzip ${kb(s.gzip).padStart(8)}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await benchConsoleBundle();
