// The console's CSV downloads: the same rows and words as the table, safe to open in a spreadsheet.
import { describe, expect, it } from 'vitest';
import { csvFileName, tableCsv, toCsv, type CsvColumn } from '../../console/src/csv.ts';

describe('toCsv', () => {
  it('writes a header row and quotes what needs it, with CRLF line ends', () => {
    expect(toCsv(['Service', 'Cases'], [['Bins, missed', 3], ['The "big" one', 0], ['Two\nlines', null]])).toBe(
      'Service,Cases\r\n"Bins, missed",3\r\n"The ""big"" one",0\r\n"Two\nlines",\r\n',
    );
  });

  it('never lets a spreadsheet run a cell as a formula, but keeps negative numbers as numbers', () => {
    expect(toCsv(['a', 'b', 'c', 'd'], [['=HYPERLINK("x")', '+44 7700', '@sum', -2]])).toBe('a,b,c,d\r\n"\'=HYPERLINK(""x"")",\'+44 7700,\'@sum,-2\r\n');
  });

  it('names the file in plain lower-case words', () => {
    expect(csvFileName('Service levels', 'Waste & Recycling')).toBe('service-levels-waste-recycling.csv');
    expect(csvFileName('')).toBe('table.csv');
  });
});

describe('tableCsv', () => {
  interface Row { name: string; rate: number | null; link: string }
  const columns: Array<CsvColumn<Row> & { key: string; render: (r: Row) => string }> = [
    { key: 'name', heading: 'Team', render: (r) => r.name, sortValue: (r) => r.name },
    { key: 'rate', heading: 'SLA met %', render: (r) => `${r.rate}%`, sortValue: (r) => r.rate ?? -1, csv: (r) => r.rate },
    { key: 'link', heading: 'Open', render: (r) => r.link },
  ];

  it('exports the columns that have a value, in the order given, with each column’s CSV value', () => {
    expect(tableCsv(columns, [{ name: 'Highways', rate: 87.5, link: 'x' }, { name: 'Parks', rate: null, link: 'y' }])).toBe(
      'Team,SLA met %\r\nHighways,87.5\r\nParks,\r\n',
    );
  });
});
