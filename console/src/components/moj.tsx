// MOJ Frontend patterns as React, with the markup of its templates
// (@ministryofjustice/frontend/moj/components/*/template.njk): timeline, badge, sub navigation,
// sortable table (sorted here, with aria-sort) and the filter layout. None of MOJ's scripts load.
import { useId, useMemo, useState, type ReactNode } from 'react';
import { Link } from 'wouter';
import { csvFileName, tableCsv, type CsvCell } from '../csv.ts';

const cx = (...classes: Array<string | false | null | undefined>) => classes.filter(Boolean).join(' ');

export function Badge({ colour, children }: { colour?: string; children: ReactNode }) {
  return <strong className={cx('moj-badge', colour && `moj-badge--${colour}`)}>{children}</strong>;
}

export interface TimelineItem {
  key: string;
  title: ReactNode;
  byline?: ReactNode;
  /** ISO time, and how to show it. */
  at: string;
  atText: string;
  children?: ReactNode;
}

export function Timeline({ items, headingLevel = 3 }: { items: TimelineItem[]; headingLevel?: 2 | 3 | 4 }) {
  const Heading = `h${headingLevel}` as const;
  return (
    <div className="moj-timeline">
      {items.map((item) => (
        <div className="moj-timeline__item" key={item.key}>
          <div className="moj-timeline__header">
            <Heading className="moj-timeline__title">{item.title}</Heading>{' '}
            {item.byline && <p className="moj-timeline__byline">by {item.byline}</p>}
          </div>
          <p className="moj-timeline__date">
            <time dateTime={item.at}>{item.atText}</time>
          </p>
          {item.children && <div className="moj-timeline__description">{item.children}</div>}
        </div>
      ))}
    </div>
  );
}

export function SubNavigation({ label, items }: { label: string; items: Array<{ href: string; text: ReactNode; active: boolean }> }) {
  return (
    <nav className="moj-sub-navigation" aria-label={label}>
      <ul className="moj-sub-navigation__list">
        {items.map((item) => (
          <li className="moj-sub-navigation__item" key={item.href}>
            <Link className="moj-sub-navigation__link" href={item.href} aria-current={item.active ? 'page' : undefined}>
              {item.text}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export interface Column<Row> {
  key: string;
  heading: string;
  /** The cell. */
  render: (row: Row) => ReactNode;
  /** What the column sorts by; a column without it does not sort. */
  sortValue?: (row: Row) => string | number;
  numeric?: boolean;
  /**
   * The cell in a CSV download: the figure or words the cell shows (a percentage as its number, a
   * date as YYYY-MM-DD). Without it, the sort value; a column with neither is left out of the file.
   */
  csv?: (row: Row) => CsvCell;
}

type Direction = 'ascending' | 'descending';

/**
 * MOJ's sortable table: a button in each sortable header; aria-sort on the sorted column says
 * which way, and a status message says it in words after a sort.
 */
export function SortableTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  initialSort,
  download,
}: {
  caption: ReactNode;
  columns: Array<Column<Row>>;
  rows: Row[];
  rowKey: (row: Row) => string;
  initialSort?: { key: string; direction: Direction };
  /** Offers the table, as sorted on screen, as a CSV file of this name (without .csv). */
  download?: string;
}) {
  const [sort, setSort] = useState<{ key: string; direction: Direction } | undefined>(initialSort);
  const sorted = useMemo(() => {
    const column = columns.find((c) => c.key === sort?.key);
    if (!column?.sortValue || !sort) return rows;
    const value = column.sortValue;
    const factor = sort.direction === 'ascending' ? 1 : -1;
    return [...rows].sort((a, b) => {
      const x = value(a);
      const y = value(b);
      return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'en-GB', { numeric: true })) * factor;
    });
  }, [rows, columns, sort]);
  const sortedColumn = columns.find((c) => c.key === sort?.key);
  const captionId = useId();
  return (
    <>
      {/* A table wider than a tablet scrolls on its own, by keyboard too, instead of the page. */}
      <div className="app-table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
        <table className="govuk-table" data-module="moj-sortable-table">
          <caption className="govuk-table__caption govuk-table__caption--m" id={captionId}>{caption}</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              {columns.map((column) => (
                <th
                  scope="col"
                  className={cx('govuk-table__header', column.numeric && 'govuk-table__header--numeric')}
                  key={column.key}
                  aria-sort={column.sortValue ? (sort?.key === column.key ? sort.direction : 'none') : undefined}
                >
                  {column.sortValue ? (
                    <button
                      type="button"
                      onClick={() =>
                        setSort((current) => ({
                          key: column.key,
                          direction: current?.key === column.key && current.direction === 'ascending' ? 'descending' : 'ascending',
                        }))
                      }
                    >
                      {column.heading}
                    </button>
                  ) : (
                    column.heading
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {sorted.map((row) => (
              <tr className="govuk-table__row" key={rowKey(row)}>
                {columns.map((column) => (
                  <td className={cx('govuk-table__cell', column.numeric && 'govuk-table__cell--numeric')} key={column.key}>
                    {column.render(row)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="govuk-visually-hidden" role="status">
        {sort && sortedColumn && sort !== initialSort ? `Sorted by ${sortedColumn.heading}, ${sort.direction}` : ''}
      </div>
      {download && (
        <button type="button" className="govuk-button govuk-button--secondary app-no-print" onClick={() => downloadTable(download, columns, sorted)}>
          Download this table (CSV)<span className="govuk-visually-hidden">: {download}</span>
        </button>
      )}
    </>
  );
}

function downloadTable<Row>(name: string, columns: Array<Column<Row>>, rows: Row[]) {
  downloadCsv(csvFileName(name), tableCsv(columns, rows));
}

/** Saves the text as a file through the browser's download (UTF-8 with a byte-order mark, which Excel needs to read accents). */
export function downloadCsv(fileName: string, csv: string): void {
  const url = URL.createObjectURL(new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** MOJ's filter beside the results: the filter's options, then the content. */
export function FilterLayout({ heading = 'Filter', filter, children }: { heading?: string; filter: ReactNode; children: ReactNode }) {
  return (
    <div className="moj-filter-layout">
      <div className="moj-filter-layout__filter">
        <div className="moj-filter">
          <div className="moj-filter__header">
            <div className="moj-filter__header-title">
              <h2 className="govuk-heading-m">{heading}</h2>
            </div>
            <div className="moj-filter__header-action" />
          </div>
          <div className="moj-filter__content">
            <div className="moj-filter__options">{filter}</div>
          </div>
        </div>
      </div>
      <div className="moj-filter-layout__content">{children}</div>
    </div>
  );
}
