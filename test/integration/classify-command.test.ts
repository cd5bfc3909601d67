// `npm run classify` as a user runs it: the real command in a child process, JSON lines in, one
// line out for every line in, in order, an error in words for each line it cannot route.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { shippedRoutingModel } from '#catalogue/index';
import { REPO_ROOT } from '../../infra/local/stack.ts';

interface Run {
  lines: Array<Record<string, unknown>>;
  stderr: string;
  code: number | null;
}

function classify(input: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'scripts/classify.ts'], { cwd: REPO_ROOT, env: { ...process.env, LOG_LEVEL: 'ERROR' } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        const lines = stdout
          .split('\n')
          .filter((line) => line !== '')
          .map((line) => JSON.parse(line) as Record<string, unknown>);
        resolve({ lines, stderr, code });
      } catch (error) {
        reject(new Error(`the output is not JSON lines: ${String(error)}\n${stdout.slice(0, 500)}`));
      }
    });
    child.stdin.end(input);
  });
}

const json = (value: unknown) => JSON.stringify(value);

describe('npm run classify', () => {
  it('answers every line, good or bad, with one line in the same order', async () => {
    const input = [
      json({ text: 'the street light outside number 8 is out' }),
      '',
      'this is not JSON',
      json({ text: 'I can smell gas in the kitchen', id: 'r-2' }),
      json(['a', 'list']),
      json('just a string'),
      'null',
      json({ description: 'pothole on the high street' }),
      json({ text: 42, id: 7 }),
      json({ text: null }),
      json({ text: '' }),
      '   ',
      json({ text: 'bins' }),
      '{"text": "unterminated',
      json({ text: '🗑️🚮' }),
      json({ text: 'Mae fy min heb ei gasglu heddiw' }),
      json({ text: 'my bin was not collected' }),
    ];
    const { lines, stderr, code } = await classify(`${input.join('\n')}\n`);

    expect(code).toBe(0);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(lines).toHaveLength(input.length);
    expect(lines.map((l) => l.line)).toEqual(input.map((_, i) => i + 1));

    const decisions = [0, 3, 10, 12, 14, 15, 16];
    for (const [i, line] of lines.entries()) {
      if (decisions.includes(i)) {
        expect(line.error, `line ${i + 1}`).toBeUndefined();
        expect(line).toMatchObject({ modelVersion: shippedRoutingModel.version });
        expect(typeof line.kind).toBe('string');
        expect(typeof line.serviceId).toBe('string');
        expect(typeof line.service).toBe('string');
        expect(typeof line.area).toBe('string');
        expect(typeof line.confidence).toBe('number');
        expect((line.explanation as string[]).length).toBeGreaterThan(0);
      } else {
        expect(line.error, `line ${i + 1}: ${json(line)}`).toMatch(new RegExp(`^line ${i + 1}: `));
        expect(line.kind).toBeUndefined();
      }
    }
    expect(lines[0]).toMatchObject({ kind: 'handoff', serviceId: 'street-light-fault', area: 'street-lighting' });
    expect(lines[3]).toMatchObject({ id: 'r-2', kind: 'emergency', emergencyKind: 'gas' });
    expect(lines[10]).toMatchObject({ kind: 'adviser' });
    expect(lines[12]).toMatchObject({ kind: 'ask' });
    expect((lines[12]!.options as string[]).length).toBeGreaterThanOrEqual(2);
    expect(lines[14]).toMatchObject({ kind: 'adviser' });
    expect(lines[15]).toMatchObject({ kind: 'adviser' });
    expect((lines[15]!.explanation as string[]).join(' ')).toMatch(/Welsh/);
    expect(lines[16]).toMatchObject({ kind: 'handoff', serviceId: 'missed-bin' });

    // Each error says what was wrong, in words.
    expect(lines[1]!.error).toMatch(/blank/);
    expect(lines[2]!.error).toMatch(/not JSON/);
    expect(lines[4]!.error).toMatch(/a list is not an object/);
    expect(lines[5]!.error).toMatch(/a string is not an object/);
    expect(lines[6]!.error).toMatch(/null is not an object/);
    expect(lines[7]!.error).toMatch(/no "text"/);
    expect(lines[8]).toMatchObject({ id: 7 });
    expect(lines[8]!.error).toMatch(/"text" is a number/);
    expect(lines[9]!.error).toMatch(/"text" is null/);
    expect(lines[11]!.error).toMatch(/blank/);
    expect(lines[13]!.error).toMatch(/not JSON/);
  });

  it('routes a 20,000-character description, refuses a line over 100,000 characters, and carries on', async () => {
    const long = `My bin was not collected again this week. ${'I have lived here for years and never complained before. '.repeat(400)}`;
    expect(long.length).toBeGreaterThan(20_000);
    const input = [json({ text: long }), json({ text: 'x'.repeat(100_001) }), json({ text: 'graffiti on the bus shelter' })];
    const { lines, code } = await classify(input.join('\n')); // no newline after the last line

    expect(code).toBe(0);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ line: 1, kind: 'handoff', area: 'waste' });
    expect(lines[1]).toMatchObject({ line: 2 });
    expect(lines[1]!.error).toMatch(/too long; send at most 100000 characters a line/);
    expect(lines[2]).toMatchObject({ line: 3, kind: 'handoff', serviceId: 'graffiti' });
  });

  it('reads Windows line endings and a byte-order mark, and never echoes the description back', async () => {
    const input = `\uFEFF${json({ text: 'there is a dead fox on the pavement by the school' })}\r\n${json({ text: 'my council tax bill is wrong' })}\r\n`;
    const { lines } = await classify(input);

    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ line: 1, kind: 'handoff', serviceId: 'dead-animal' });
    expect(lines[1]).toMatchObject({ line: 2, area: 'council-tax-benefits' });
    // The explanation names the words that decided; the description itself is not given back.
    expect(json(lines)).not.toContain('dead fox on the pavement by the school');
    expect(json(lines)).not.toContain('council tax bill is wrong');
  });
});
