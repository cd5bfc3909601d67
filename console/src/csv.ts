// Tables as CSV text, for managers to take a view into a spreadsheet: the same rows and the same
// words as the table on screen. A cell that a spreadsheet would read as a formula (=, +, -, @ at
// its start, or a tab or carriage return) is written with a leading apostrophe, so opening the file
// runs nothing; numbers are written as numbers.
export type CsvCell = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** RFC 4180 text: a header row, then one line per row, CRLF line ends. */
export function toCsv(headings: readonly string[], rows: ReadonlyArray<readonly CsvCell[]>): string {
  return [headings, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** A file name safe on any system: lower case words joined by hyphens, with .csv. */
export function csvFileName(...parts: string[]): string {
  const name = parts
    .join(' ')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${name || 'table'}.csv`;
}

/** What a table column gives its CSV file: its heading, and its value per row. */
export interface CsvColumn<Row> {
  heading: string;
  csv?: (row: Row) => CsvCell;
  sortValue?: (row: Row) => string | number;
}

/** A table's rows as CSV, in the order given: each column's CSV value, else its sort value; a column with neither is left out. */
export function tableCsv<Row>(columns: ReadonlyArray<CsvColumn<Row>>, rows: readonly Row[]): string {
  const exported = columns.flatMap((column) => {
    const value = column.csv ?? column.sortValue;
    return value ? [{ heading: column.heading, value }] : [];
  });
  return toCsv(
    exported.map((c) => c.heading),
    rows.map((row) => exported.map((c) => c.value(row))),
  );
}
