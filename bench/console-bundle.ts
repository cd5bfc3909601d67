// The console's JavaScript at first load, gzip, against its 100 KB budget: the entry script and
// the modules index.html preloads (what the browser fetches before the New contact page shows).
// Views opened later, and the sign-in code, load on demand and are listed apart. The charts of the
// managers' views (Observable Plot with its d3 modules, and the chart code) are measured on their
// own, with a check that none of it is in the first load.
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

interface Sized {
  file: string;
  bytes: number;
  gzip: number;
}

export interface ConsoleBundleReport {
  firstLoad: Sized[];
  later: Sized[];
  firstLoadGzip: number;
  /** The charts' chunks: Plot (with d3), and those holding the chart code; none may be in the first load. */
  charts: { plot: Sized[]; code: Sized[]; inFirstLoad: string[] };
}

/** Modules of the charts: Observable Plot and what it bundles, and the console's chart code. */
const PLOT_MODULE = /node_modules\/(@observablehq\/plot|d3-|interval-tree|isoformat)/;
const CHART_CODE = /console\/src\/(components\/(Chart|MeasureCharts)\.tsx|pages\/Performance\.tsx)$/;

/** The scripts index.html loads at once: its module script and its modulepreload links. */
export function firstLoadScripts(indexHtml: string): string[] {
  const scripts = [...indexHtml.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1]!);
  const preloads = [...indexHtml.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]!);
  return [...new Set([...scripts, ...preloads])];
}

export async function measureConsoleBundle(): Promise<ConsoleBundleReport> {
  const outDir = mkdtempSync(join(tmpdir(), 'frontdoor-console-'));
  try {
    const built = await build({ configFile: join(REPO_ROOT, 'console', 'vite.config.ts'), logLevel: 'silent', build: { outDir, emptyOutDir: true } });
    const chunks = (Array.isArray(built) ? built : [built]).flatMap((output) =>
      'output' in output ? output.output.filter((c) => c.type === 'chunk').map((c) => ({ file: c.fileName, modules: c.moduleIds })) : [],
    );
    const first = new Set(firstLoadScripts(readFileSync(join(outDir, 'index.html'), 'utf8')).map((src) => src.replace(/^\//, '')));
    const sized = readdirSync(join(outDir, 'assets'))
      .filter((name) => name.endsWith('.js'))
      .map((name) => {
        const content = readFileSync(join(outDir, 'assets', name));
        return { file: `assets/${name}`, bytes: content.length, gzip: gzipSync(content).length };
      })
      .sort((a, b) => b.gzip - a.gzip);
    const firstLoad = sized.filter((s) => first.has(s.file));
    const holding = (pattern: RegExp) => new Set(chunks.filter((c) => c.modules.some((m) => pattern.test(m))).map((c) => c.file));
    const plot = holding(PLOT_MODULE);
    const code = holding(CHART_CODE);
    return {
      firstLoad,
      later: sized.filter((s) => !first.has(s.file)),
      firstLoadGzip: firstLoad.reduce((sum, s) => sum + s.gzip, 0),
      charts: {
        plot: sized.filter((s) => plot.has(s.file)),
        code: sized.filter((s) => code.has(s.file) && !plot.has(s.file)),
        inFirstLoad: [...plot, ...code].filter((file) => first.has(file)),
      },
    };
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
  const { plot, code, inFirstLoad } = report.charts;
  const total = (list: Sized[]) => list.reduce((sum, s) => sum + s.gzip, 0);
  console.log("  the charts of the managers' views, loaded only there (the Plot chunk on the first chart drawn):");
  for (const s of plot) console.log(`    Observable Plot and d3: ${s.file.padEnd(26)} ${kb(s.bytes).padStart(9)}  gzip ${kb(s.gzip).padStart(8)}`);
  for (const s of code) console.log(`    chart code and view:    ${s.file.padEnd(26)} ${kb(s.bytes).padStart(9)}  gzip ${kb(s.gzip).padStart(8)}`);
  console.log(
    `    charts in all: gzip ${kb(total(plot) + total(code))}; in the first load: ${inFirstLoad.length ? `YES (${inFirstLoad.join(', ')}): NOT MET` : 'none (met)'}`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await benchConsoleBundle();
