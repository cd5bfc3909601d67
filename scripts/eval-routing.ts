// Measures routing over data/dev-requests.csv (residents' requests we have not tuned
// on, row by row): accuracy by area, the ask/adviser rate, and a confusion table.
//   npm run eval:routing            (add --errors to list the rows it got wrong)
import { readFileSync } from 'node:fs';
import { catalogue } from '#catalogue/index';
import type { Contact } from '#domain/contact';
import { route, type DecisionKind } from '#domain/routing';

const DATA = new URL('../data/dev-requests.csv', import.meta.url);

/** RFC 4180: quoted fields may hold commas, doubled quotes and newlines. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) rows.push([...row, field]);
  return rows.filter((r) => r.some((f) => f !== ''));
}

const [header, ...body] = parseCsv(readFileSync(DATA, 'utf8'));
const column = (name: string) => {
  const at = header!.indexOf(name);
  if (at < 0) throw new Error(`${DATA.pathname} has no '${name}' column`);
  return at;
};
const textAt = column('text');
const areasAt = column('accepted_areas');

interface Outcome {
  text: string;
  expected: string[];
  kind: DecisionKind;
  area: string;
  right: boolean;
}

// Build the catalogue's index first, so the time below is the time a request takes.
route({ id: 'warm-up', channel: 'web', providerId: 'warm-up', receivedAt: '2026-11-02T10:00:00Z', text: 'warm up', resident: {} }, catalogue);
const started = performance.now();
const outcomes: Outcome[] = body.map((row, i) => {
  const text = row[textAt] ?? '';
  const contact: Contact = { id: `eval-${i}`, channel: 'web', providerId: `eval-${i}`, receivedAt: '2026-11-02T10:00:00Z', text, resident: {} };
  const decision = route(contact, catalogue);
  const area = catalogue.service(decision.serviceId)!.area;
  const expected = (row[areasAt] ?? '').split('|').filter(Boolean);
  const chose = decision.kind !== 'ask' && decision.kind !== 'adviser';
  return { text, expected, kind: decision.kind, area, right: chose && expected.includes(area) };
});
const elapsed = performance.now() - started;

const total = outcomes.length;
const right = outcomes.filter((o) => o.right).length;
const unsure = outcomes.filter((o) => o.kind === 'ask' || o.kind === 'adviser').length;
const wrongChoice = total - right - unsure;
const pct = (n: number) => `${((100 * n) / total).toFixed(1)}%`;

console.log(`Routing evaluation: ${total} requests from ${DATA.pathname}`);
console.log(`accuracy:           ${right}/${total} = ${pct(right)}  (ask/adviser counted as not right)`);
console.log(`ask/adviser rate:   ${unsure}/${total} = ${pct(unsure)}`);
console.log(`confident but wrong: ${wrongChoice}/${total} = ${pct(wrongChoice)}`);
const kinds = new Map<string, number>();
for (const o of outcomes) kinds.set(o.kind, (kinds.get(o.kind) ?? 0) + 1);
console.log(`decisions:          ${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}`);
console.log(`time:               ${(elapsed / total).toFixed(3)} ms per request (index already built)`);

// Confusion: expected area (the row's first accepted area) x what routing chose.
const chosenLabel = (o: Outcome) => (o.kind === 'ask' || o.kind === 'adviser' ? `(${o.kind})` : o.area);
const rowsLabel = [...new Set(outcomes.map((o) => o.expected.join('|')))].sort();
const colsLabel = [...new Set(outcomes.map(chosenLabel))].sort();
const table = rowsLabel.map((expected) =>
  colsLabel.map((chosen) => outcomes.filter((o) => o.expected.join('|') === expected && chosenLabel(o) === chosen).length),
);
const width = Math.max(...rowsLabel.map((r) => r.length), 'expected \\ chosen'.length);
console.log('\nConfusion (rows: accepted areas; columns: chosen area or decision)');
console.log(`${'expected \\ chosen'.padEnd(width)}  ${colsLabel.map((c) => c.padStart(Math.max(4, c.length))).join(' ')}`);
rowsLabel.forEach((expected, r) => {
  console.log(`${expected.padEnd(width)}  ${table[r]!.map((n, c) => String(n || '.').padStart(Math.max(4, colsLabel[c]!.length))).join(' ')}`);
});

if (process.argv.includes('--errors')) {
  console.log('\nNot right:');
  for (const o of outcomes.filter((x) => !x.right)) {
    console.log(`- [${o.expected.join('|')}] -> ${chosenLabel(o)}: ${o.text.replace(/\s+/g, ' ').slice(0, 140)}`);
  }
}
