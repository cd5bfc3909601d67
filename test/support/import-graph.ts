// The project's import graph, read from the sources: every `import ... from`, `export ... from`,
// dynamic `import()`, `new URL(..., import.meta.url)` (a file read at run time) and any other
// path literal that starts '../', each resolved to a path from the repository's root (or a
// package name). test/unit/dependencies.test.ts checks the house's rules on it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

export interface Edge {
  /** The importing file, from the repository's root. */
  from: string;
  /** The imported file from the root (it starts with '../' when it is outside), or a package name. */
  to: string;
}

export type Layer = 'domain' | 'app' | 'adapters' | 'catalogue' | 'channel' | 'function' | 'other';

export function layerOf(path: string): { layer: Layer; channel?: string } {
  const channel = /^shared\/channels\/([^/]+)\//.exec(path);
  if (channel) return { layer: 'channel', channel: channel[1]! };
  if (path.startsWith('shared/domain/')) return { layer: 'domain' };
  if (path.startsWith('shared/app/')) return { layer: 'app' };
  if (path.startsWith('shared/adapters/')) return { layer: 'adapters' };
  if (path.startsWith('shared/catalogue/')) return { layer: 'catalogue' };
  if (path.startsWith('functions/')) return { layer: 'function' };
  return { layer: 'other' };
}

/** A channel's own adapters: its store, its wiring of ports, its HTTP edge. Everything else in a channel is pure. */
export function isChannelAdapter(path: string): boolean {
  return /^shared\/channels\/[^/]+\/(store|wiring|http)\.ts$/.test(path);
}

function sources(root: string, dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    if (name === 'node_modules') return [];
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return sources(root, path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

const SPECIFIERS = [
  /\b(?:import|export)\s+(?:type\s+)?(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]/g,
  /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  /\bnew URL\(\s*[`'"]([^`'"$]+)/g,
  // Any other path literal that climbs ('../data/x.csv', `../../shared/...`): read as relative to
  // its file, so one that leaves the repository is caught wherever it is used (join, readFileSync).
  /[`'"](\.\.\/[^`'"$\s]*)[`'"]/g,
];

export function importGraph(root: string, dirs: string[]): Edge[] {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { imports: Record<string, string> };
  const aliases = Object.entries(pkg.imports).map(([pattern, target]) => ({ prefix: pattern.replace('*', ''), target }));
  const resolve = (from: string, spec: string): string => {
    const alias = aliases.find((a) => spec.startsWith(a.prefix));
    if (alias) {
      const rest = spec.slice(alias.prefix.length);
      const path = rest.endsWith('.json') || rest.endsWith('.ts') ? alias.target.replace('*.ts', rest) : alias.target.replace('*', rest);
      return normalize(path);
    }
    if (spec.startsWith('.')) return normalize(join(dirname(from), spec));
    return spec;
  };
  return dirs.flatMap((dir) =>
    sources(root, dir).flatMap((from) => {
      const text = readFileSync(join(root, from), 'utf8');
      return SPECIFIERS.flatMap((pattern) => [...text.matchAll(pattern)].map((m) => ({ from: relative('.', from), to: resolve(from, m[1]!) })));
    }),
  );
}
