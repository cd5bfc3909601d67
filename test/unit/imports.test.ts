// House rules that keep every Lambda bundle small and the domain pure, checked on the sources.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../..', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(ROOT, dir, name);
    if (statSync(path).isDirectory()) return sources(relative(ROOT, path));
    return path.endsWith('.ts') ? [path] : [];
  });
}

const shipped = [...sources('shared'), ...sources('functions')];

describe('imports', () => {
  it("use zod only as `import * as z from '#domain/schema'` (one named `z` pulls all of zod, ~430 KB, into a bundle)", () => {
    const offenders = shipped.filter((file) => {
      const text = readFileSync(file, 'utf8');
      const rawZod = /from 'zod(\/mini)?'/.test(text) && !file.endsWith('shared/domain/schema.ts');
      return rawZod || /import\s*\{[^}]*\bz\b[^}]*\}\s*from '(#domain\/schema|\.\/schema\.ts)'/.test(text);
    });
    expect(offenders.map((file) => relative(ROOT, file))).toEqual([]);
  });

  it('keep shared/domain free of AWS, Twilio and the network', () => {
    const offenders = sources('shared/domain').filter((file) =>
      /from '(@aws-sdk\/[^']+|twilio[^']*|node:(http|https|net|dgram)|#adapters\/[^']+)'/.test(readFileSync(file, 'utf8')),
    );
    expect(offenders.map((file) => relative(ROOT, file))).toEqual([]);
  });
});
