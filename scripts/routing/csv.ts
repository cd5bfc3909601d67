// Reading the CSV files under data/ (RFC 4180: quoted fields may hold commas, doubled quotes and newlines).
import { readFileSync } from 'node:fs';

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

/** A CSV file under data/ as objects keyed by its header; names the file and column when one is missing. */
export function readCsv<Column extends string>(file: URL, columns: readonly Column[]): Record<Column, string>[] {
  const [header, ...body] = parseCsv(readFileSync(file, 'utf8'));
  const at = columns.map((name) => {
    const i = header?.indexOf(name) ?? -1;
    if (i < 0) throw new Error(`${file.pathname} has no '${name}' column`);
    return i;
  });
  return body.map((row) => Object.fromEntries(columns.map((name, c) => [name, row[at[c]!] ?? ''])) as Record<Column, string>);
}

/** data/<name> in this repository. */
export const dataFile = (name: string): URL => new URL(`../../data/${name}`, import.meta.url);
