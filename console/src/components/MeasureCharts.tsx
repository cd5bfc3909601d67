// The performance view's charts (Observable Plot, through Chart): each measure over the chosen
// periods, a line for the council (or the focus) or, with a breakdown, one for each of the few
// services, teams or channels with the most contacts; the channel mix stacked; and under each, a
// sortable table of the same numbers (every key of a breakdown), which downloads as CSV.
import { useMemo, type ReactNode } from 'react';
import type { ChannelShare, Interval, PerformanceReport, PeriodFigures, SeriesEntry } from '../api-types.ts';
import { channelName } from '../format.ts';
import {
  addDays,
  bucketIndex,
  bucketOfIndex,
  bucketWords,
  BUCKET_BOUNDS,
  keyName,
  percentOf,
  percentScaleTop,
  periodCsv,
  periodLabel,
  seriesInWords,
  showPercent,
  topKeys,
  TOP_LINES,
} from '../performance.ts';
import type { CsvCell } from '../csv.ts';
import { Chart, CHART_COLOURS, type Draw } from './Chart.tsx';
import { SortableTable, type Column } from './moj.tsx';

export interface ChartContext {
  report: PerformanceReport;
  serviceNames: ReadonlyMap<string, string>;
  /** The filters in words for file names: "2026-11-01 to 2026-11-28 week by service". */
  fileSuffix: string;
}

/** One measure as the charts read it from a period's (or a group's) figures. */
export interface Measure {
  id: string;
  title: string;
  /** The axis' label. */
  axis: string;
  value: (figures: PeriodFigures) => number | null;
  /** The value on screen (a CSV file gets `csv`, else the value itself). */
  show: (value: number | null) => string;
  csv?: (value: number | null) => CsvCell;
  /** The table's heading for the value. */
  heading: string;
  domain: [number, number];
  ticks?: number[];
  tickFormat?: (value: number) => string;
  /** Counts shown beside the value in a table without a breakdown: what it is a share or average of. */
  counts: Array<{ key: string; heading: string; value: (figures: PeriodFigures) => number }>;
  /** A percentage that stays low: the scale runs from 0 to just above the highest value drawn, not to 100. */
  scaleToValues?: boolean;
  /** With a breakdown, the lines drawn are of the keys with the most of this (else the most contacts), and its table sorted by `column`. */
  top?: { value: (figures: PeriodFigures) => number; words: string; column: string };
  /** With a breakdown, counts shown in its table beside each key's contacts. */
  breakdownCounts?: Measure['counts'];
  /** What the measure counts, in a sentence under its chart. */
  note?: string;
}

const percentValue = (value: number | null) => showPercent(value);

export const MEASURES: Measure[] = [
  {
    id: 'first-contact-resolution',
    title: 'First-contact resolution',
    axis: 'Resolved at first contact (%)',
    heading: 'Resolved at first contact (%)',
    value: (f) => percentOf(f.firstContactResolutionRate),
    show: percentValue,
    domain: [0, 100],
    counts: [
      { key: 'contacts', heading: 'Contacts', value: (f) => f.contacts },
      { key: 'resolved', heading: 'Resolved at first contact', value: (f) => f.firstContactResolved },
    ],
  },
  {
    id: 'service-levels-met',
    title: 'Service levels met',
    axis: 'Cases resolved in time (%)',
    heading: 'SLA met (%)',
    value: (f) => f.slaMetPercent,
    show: percentValue,
    domain: [0, 100],
    counts: [
      { key: 'resolved', heading: 'Cases resolved', value: (f) => f.casesResolved },
      { key: 'met', heading: 'Resolved by their due time', value: (f) => f.slaMet },
    ],
  },
  {
    id: 'repeat-contacts',
    title: 'Repeat contacts',
    axis: 'Repeat contacts (%)',
    heading: 'Repeat contacts (%)',
    value: (f) => percentOf(f.repeatContactShare),
    show: percentValue,
    domain: [0, 100],
    counts: [
      { key: 'contacts', heading: 'Contacts', value: (f) => f.contacts },
      { key: 'repeats', heading: 'Repeat contacts', value: (f) => f.repeatContacts },
    ],
  },
  {
    id: 'routing-corrected',
    title: 'Routing corrected',
    axis: 'Overridden or rerouted (%)',
    heading: 'Routing corrected (%)',
    value: (f) => percentOf(f.routingCorrectionShare),
    show: percentValue,
    domain: [0, 100],
    scaleToValues: true,
    // Of the contacts as routing sent them: for one service or team, an overridden contact counts
    // for the service routing chose, not the adviser's (for the council, every contact).
    counts: [
      { key: 'routed', heading: 'Contacts as routed', value: (f) => f.routedContacts },
      { key: 'overridden', heading: 'Overridden by advisers', value: (f) => f.routingOverridden },
      { key: 'rerouted', heading: 'Rerouted by teams', value: (f) => f.routingRerouted },
    ],
    top: { value: (f) => f.routingCorrections, words: 'routing corrections', column: 'corrections' },
    note:
      'A routing correction is a contact an adviser recorded under another service than routing chose, or a case a team sent to another service (once a case). ' +
      'Each counts for the service routing chose; for one service or team, the share is of the contacts routing sent there.',
    // Overridden and rerouted apart are in the table of every measure.
    breakdownCounts: [
      { key: 'routed', heading: 'Contacts as routed', value: (f) => f.routedContacts },
      { key: 'corrections', heading: 'Corrections', value: (f) => f.routingCorrections },
    ],
  },
  {
    id: 'satisfaction',
    title: 'Satisfaction',
    axis: 'Average rating (1 to 5)',
    heading: 'Average rating (of 5)',
    value: (f) => f.satisfaction.averageRating,
    show: (v) => (v === null ? '–' : String(v)),
    domain: [1, 5],
    ticks: [1, 2, 3, 4, 5],
    tickFormat: (v) => String(v),
    counts: [{ key: 'ratings', heading: 'Ratings', value: (f) => f.satisfaction.ratings }],
  },
  {
    id: 'median-time-to-resolve',
    title: 'Median time to resolve',
    axis: 'Median time to resolve',
    heading: 'Median time to resolve',
    value: (f) => bucketIndex(f.medianHoursToResolve),
    show: (v) => (v === null ? '–' : bucketWords(bucketOfIndex(v))),
    csv: (v) => (v === null ? null : bucketWords(bucketOfIndex(v))),
    domain: [0, BUCKET_BOUNDS.length],
    ticks: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    tickFormat: (v) => bucketWords(bucketOfIndex(v)),
    counts: [{ key: 'resolved', heading: 'Cases resolved', value: (f) => f.casesResolved }],
  },
];

const dayStart = (day: string) => new Date(`${day}T00:00:00Z`);
/** Where a period's point goes: the middle of its days, so it sits over its bar in the channel mix. */
const midpoint = (entry: Pick<SeriesEntry, 'from' | 'to'>) => new Date((dayStart(entry.from).getTime() + dayStart(addDays(entry.to, 1)).getTime()) / 2);

/** The x scale: the range's days as time, from its first day to the end of its last. */
function xScale(report: PerformanceReport) {
  return { type: 'utc' as const, domain: [dayStart(report.from), dayStart(addDays(report.to, 1))], label: null };
}

/** The x axis' ticks: Mondays for weeks and the 1st for months where they fit, else as many as fit. */
function xAxis(report: PerformanceReport, width: number) {
  const fit = Math.max(2, Math.floor(width / 90));
  const ticks = report.interval === 'week' && report.series.length <= fit ? 'monday' : report.interval === 'month' && report.series.length <= fit ? 'month' : fit;
  return { ...xScale(report), ticks, tickFormat: report.interval === 'month' ? '%b %Y' : '%-d %b' };
}

interface Point {
  date: Date;
  name: string;
  value: number | null;
}

/** With `colours`, the lines take the colours that list gives them (channels keep the channel mix's colours). */
function lineDraw(
  report: PerformanceReport,
  points: Point[],
  names: string[],
  measure: Pick<Measure, 'axis' | 'domain' | 'ticks' | 'tickFormat'>,
  colours: string[] = names,
): Draw {
  return (Plot, width) => {
    const many = names.length > 1;
    const colour = many ? { stroke: 'name', fill: 'name' } : { stroke: CHART_COLOURS[0], fill: CHART_COLOURS[0] };
    const shown = points.filter((p) => p.value !== null);
    // The median's scale: its buckets in words need room.
    const bucketAxis = measure.tickFormat !== undefined && measure.domain[1] > 5;
    return Plot.plot({
      width,
      height: bucketAxis ? 320 : 260,
      marginLeft: bucketAxis ? 140 : 50,
      marginRight: 20,
      className: 'app-plot',
      style: { fontSize: '14px' },
      x: xAxis(report, width),
      y: {
        domain: measure.domain,
        label: measure.axis,
        grid: true,
        ...(measure.ticks ? { ticks: measure.ticks } : {}),
        ...(measure.tickFormat ? { tickFormat: measure.tickFormat } : {}),
      },
      ...(many ? { color: { domain: colours, range: CHART_COLOURS, legend: true } } : {}),
      marks: [
        Plot.ruleY([measure.domain[0]]),
        Plot.lineY(points, { x: 'date', y: 'value', z: 'name', stroke: colour.stroke, strokeWidth: 2.5 }),
        Plot.dot(shown, { x: 'date', y: 'value', fill: colour.fill, r: 3.5 }),
      ],
    });
  };
}

function tableFileName(title: string, suffix: string) {
  return `${title} ${suffix}`;
}

/** One measure over the periods: a line (or a line per top key), and its table. */
export function MeasureChart({ measure, context }: { measure: Measure; context: ChartContext }) {
  const { report, serviceNames, fileSuffix } = context;
  const by = report.by === 'day' ? undefined : report.by;
  const periodWord = report.interval === 'day' ? 'day' : report.interval;
  const label = (entry: SeriesEntry) => periodLabel(entry, report.interval);

  const { points, names, summary } = useMemo(() => {
    if (!by) {
      const series = report.series.map((entry) => ({ label: label(entry), value: measure.value(entry.totals) }));
      const pts = report.series.map((entry, i) => ({ date: midpoint(entry), name: measure.title, value: series[i]!.value }));
      return { points: pts, names: [measure.title], summary: `${periodWord} by ${periodWord}, ${seriesInWords(series, measure.show as (v: number) => string)}.` };
    }
    const keys = topKeys(report.groups, TOP_LINES, measure.top?.value);
    const keyNames = keys.map((key) => keyName(by, key, serviceNames));
    const pts = keys.flatMap((key, k) =>
      report.series.map((entry) => {
        const group = entry.groups?.find((g) => g.key === key);
        return { date: midpoint(entry), name: keyNames[k]!, value: group ? measure.value(group) : null };
      }),
    );
    const overall = keys.map((key, k) => {
      const group = report.groups.find((g) => g.key === key)!;
      return `${keyNames[k]} ${measure.show(measure.value(group))}`;
    });
    const rest = report.groups.length - keys.length;
    return {
      points: pts,
      names: keyNames,
      summary:
        `${periodWord} by ${periodWord}, a line for each of the ${keys.length} ${by === 'channel' ? 'channels' : `${by}s`} with the most ${measure.top?.words ?? 'contacts'}; ` +
        `over the range: ${overall.join(', ')}.${rest > 0 ? ` The table below has all ${report.groups.length}.` : ''}`,
    };
  }, [report, measure, by, serviceNames]);

  const draw = useMemo(() => {
    const scale = measure.scaleToValues ? { ...measure, domain: [0, percentScaleTop(points.map((p) => p.value))] as [number, number] } : measure;
    return lineDraw(report, points, names, scale, by === 'channel' ? report.channels.map((c) => channelName(c.channel)) : names);
  }, [report, points, names, measure, by]);
  const title = by ? `${measure.title} by ${by}` : measure.title;
  return (
    <Chart title={title} summary={summary} draw={draw}>
      {measure.note && <p className="govuk-body-s">{measure.note}</p>}
      {by ? (
        <BreakdownOverTime measure={measure} context={context} by={by} />
      ) : (
        <SortableTable<SeriesEntry>
          caption={`${measure.title}, ${periodWord} by ${periodWord}`}
          rows={report.series}
          rowKey={(entry) => entry.period}
          download={tableFileName(measure.title, fileSuffix)}
          columns={[
            periodColumn(report.interval),
            ...measure.counts.map((count): Column<SeriesEntry> => ({
              key: count.key,
              heading: count.heading,
              render: (entry) => count.value(entry.totals),
              sortValue: (entry) => count.value(entry.totals),
              numeric: true,
            })),
            valueColumn(measure, (entry: SeriesEntry) => measure.value(entry.totals)),
          ]}
        />
      )}
      {by && report.groups.length > TOP_LINES && (
        <p className="govuk-body-s">
          The chart draws the {TOP_LINES} with the most {measure.top?.words ?? 'contacts'}; the table has every {by} with figures in the range ({report.groups.length}).
        </p>
      )}
    </Chart>
  );
}

function periodColumn(interval: Interval): Column<SeriesEntry> {
  return {
    key: 'period',
    heading: interval === 'day' ? 'Day' : interval === 'week' ? 'Week' : 'Month',
    render: (entry) => periodLabel(entry, interval),
    sortValue: (entry) => entry.from,
    csv: (entry) => periodCsv(entry),
  };
}

function valueColumn<Row>(measure: Measure, value: (row: Row) => number | null, key = 'value', heading = measure.heading): Column<Row> {
  return {
    key,
    heading,
    render: (row) => measure.show(value(row)),
    sortValue: (row) => value(row) ?? -1,
    csv: (row) => (measure.csv ?? ((v: number | null) => v))(value(row)),
    numeric: true,
  };
}

type GroupRow = PerformanceReport['groups'][number];

/** With a breakdown: a row per key (every one), its figure over the range, then one column per period. */
function BreakdownOverTime({ measure, context, by }: { measure: Measure; context: ChartContext; by: 'service' | 'team' | 'channel' }) {
  const { report, serviceNames, fileSuffix } = context;
  const byPeriod = useMemo(
    () => report.series.map((entry) => new Map((entry.groups ?? []).map((g) => [g.key, g]))),
    [report],
  );
  const columns: Array<Column<GroupRow>> = [
    {
      key: 'name',
      heading: by === 'service' ? 'Service' : by === 'team' ? 'Team' : 'Channel',
      render: (g) => keyName(by, g.key, serviceNames),
      sortValue: (g) => keyName(by, g.key, serviceNames),
    },
    { key: 'contacts', heading: 'Contacts', render: (g) => g.contacts, sortValue: (g) => g.contacts, numeric: true },
    ...(measure.breakdownCounts ?? []).map(
      (count): Column<GroupRow> => ({ key: count.key, heading: count.heading, render: (g) => count.value(g), sortValue: (g) => count.value(g), numeric: true }),
    ),
    valueColumn(measure, (g: GroupRow) => measure.value(g), 'range', `${measure.heading}, whole range`),
    ...report.series.map((entry, i) =>
      valueColumn(measure, (g: GroupRow) => {
        const figures = byPeriod[i]!.get(g.key);
        return figures ? measure.value(figures) : null;
      }, `p${i}`, periodLabel(entry, report.interval)),
    ),
  ];
  return (
    <SortableTable<GroupRow>
      caption={`${measure.title} by ${by}, ${report.interval} by ${report.interval}`}
      rows={report.groups}
      rowKey={(g) => g.key}
      initialSort={{ key: measure.top?.column ?? 'contacts', direction: 'descending' }}
      download={tableFileName(`${measure.title} by ${by}`, fileSuffix)}
      columns={columns}
    />
  );
}

/** The channel mix: contacts per channel in each period, stacked. */
export function ChannelMixChart({ context }: { context: ChartContext }) {
  const { report, fileSuffix } = context;
  const channels = report.channels.map((c) => c.channel);
  const periodWord = report.interval;
  const draw = useMemo<Draw>(() => {
    const names = channels.map(channelName);
    const rows = report.series.flatMap((entry) =>
      entry.channels.map((c) => ({ start: dayStart(entry.from), end: dayStart(addDays(entry.to, 1)), channel: channelName(c.channel), contacts: c.contacts })),
    );
    return (Plot, width) =>
      Plot.plot({
        width,
        height: 260,
        marginLeft: 50,
        className: 'app-plot',
        style: { fontSize: '14px' },
        x: xAxis(report, width),
        y: { label: 'Contacts', grid: true },
        color: { domain: names, range: CHART_COLOURS, legend: true },
        marks: [Plot.rectY(rows, { x1: 'start', x2: 'end', y: 'contacts', fill: 'channel', insetLeft: 1, insetRight: 1 }), Plot.ruleY([0])],
      });
  }, [report, channels]);
  const summary = report.channels.length
    ? `${periodWord} by ${periodWord}; over the range: ${report.channels.map((c) => `${channelName(c.channel)} ${c.contacts} (${showPercent(percentOf(c.share))})`).join(', ')}.`
    : 'no contacts in this range.';
  const share = (entry: SeriesEntry, channel: string) => entry.channels.find((c: ChannelShare) => c.channel === channel);
  return (
    <Chart title="Channel mix" summary={summary} draw={draw}>
      <SortableTable<SeriesEntry>
        caption={`Contacts by channel, ${periodWord} by ${periodWord}`}
        rows={report.series}
        rowKey={(entry) => entry.period}
        download={tableFileName('Channel mix', fileSuffix)}
        columns={[
          periodColumn(report.interval),
          { key: 'contacts', heading: 'Contacts', render: (e) => e.totals.contacts, sortValue: (e) => e.totals.contacts, numeric: true },
          ...channels.map(
            (channel): Column<SeriesEntry> => ({
              key: channel,
              heading: channelName(channel),
              render: (e) => share(e, channel)?.contacts ?? 0,
              sortValue: (e) => share(e, channel)?.contacts ?? 0,
              numeric: true,
            }),
          ),
        ]}
      />
    </Chart>
  );
}

/** Channel shift: the share of contacts on the self-service channels over time, and each channel's share. */
export function ChannelShiftChart({ context }: { context: ChartContext }) {
  const { report, fileSuffix } = context;
  const channels = report.channels.map((c) => c.channel);
  const periodWord = report.interval;
  const measure = { axis: 'Self-service share (%)', domain: [0, 100] as [number, number] };
  const { points, summary } = useMemo(() => {
    const values = report.series.map((entry) => ({ label: periodLabel(entry, report.interval), value: percentOf(entry.selfServiceShare) }));
    return {
      points: report.series.map((entry, i) => ({ date: midpoint(entry), name: 'Self-service share', value: values[i]!.value })),
      summary: `${periodWord} by ${periodWord}, ${seriesInWords(values, (v) => `${v}%`)}; over the range ${showPercent(percentOf(report.selfServiceShare))}.`,
    };
  }, [report, periodWord]);
  const draw = useMemo(() => lineDraw(report, points, ['Self-service share'], measure), [report, points]);
  const share = (entry: SeriesEntry, channel: string) => percentOf(entry.channels.find((c) => c.channel === channel)?.share);
  return (
    <Chart title="Channel shift: self-service share" summary={summary} draw={draw}>
      <SortableTable<SeriesEntry>
        caption={`Self-service share and each channel’s share, ${periodWord} by ${periodWord}`}
        rows={report.series}
        rowKey={(entry) => entry.period}
        download={tableFileName('Channel shift', fileSuffix)}
        columns={[
          periodColumn(report.interval),
          { key: 'contacts', heading: 'Contacts', render: (e) => e.totals.contacts, sortValue: (e) => e.totals.contacts, numeric: true },
          {
            key: 'self-service',
            heading: 'Self-service share (%)',
            render: (e) => showPercent(percentOf(e.selfServiceShare)),
            sortValue: (e) => e.selfServiceShare ?? -1,
            csv: (e) => percentOf(e.selfServiceShare),
            numeric: true,
          },
          ...channels.map(
            (channel): Column<SeriesEntry> => ({
              key: channel,
              heading: `${channelName(channel)} (%)`,
              render: (e) => showPercent(share(e, channel)),
              sortValue: (e) => share(e, channel) ?? -1,
              csv: (e) => share(e, channel),
              numeric: true,
            }),
          ),
        ]}
      />
    </Chart>
  );
}

/** Every measure in one table: by service, team or channel over the whole range, or period by period. */
export function EveryMeasureTable({ context }: { context: ChartContext }) {
  const { report, serviceNames, fileSuffix } = context;
  const by = report.by === 'day' ? undefined : report.by;
  type Row = { key: string; label: string; csvLabel: string; sortLabel: string; figures: PeriodFigures; selfServiceShare?: number | null };
  const rows: Row[] = by
    ? report.groups.map((g) => {
        const name = keyName(by, g.key, serviceNames);
        return { key: g.key, label: name, csvLabel: name, sortLabel: name, figures: g };
      })
    : report.series.map((entry) => ({
        key: entry.period,
        label: periodLabel(entry, report.interval),
        csvLabel: periodCsv(entry),
        sortLabel: entry.from,
        figures: entry.totals,
        selfServiceShare: entry.selfServiceShare,
      }));
  const count = (key: string, heading: string, value: (f: PeriodFigures) => number): Column<Row> => ({
    key,
    heading,
    render: (r) => value(r.figures),
    sortValue: (r) => value(r.figures),
    numeric: true,
  });
  const pct = (key: string, heading: string, value: (r: Row) => number | null): Column<Row> => ({
    key,
    heading,
    render: (r) => showPercent(value(r)),
    sortValue: (r) => value(r) ?? -1,
    csv: (r) => value(r),
    numeric: true,
  });
  const columns: Array<Column<Row>> = [
    {
      key: 'name',
      heading: by ? (by === 'service' ? 'Service' : by === 'team' ? 'Team' : 'Channel') : report.interval === 'day' ? 'Day' : report.interval === 'week' ? 'Week' : 'Month',
      render: (r) => r.label,
      sortValue: (r) => r.sortLabel,
      csv: (r) => r.csvLabel,
    },
    count('contacts', 'Contacts', (f) => f.contacts),
    pct('fcr', 'Resolved at first contact (%)', (r) => percentOf(r.figures.firstContactResolutionRate)),
    count('repeats', 'Repeat contacts', (f) => f.repeatContacts),
    pct('repeat-share', 'Repeat contacts (%)', (r) => percentOf(r.figures.repeatContactShare)),
    count('overridden', 'Overridden by advisers', (f) => f.routingOverridden),
    count('rerouted', 'Rerouted by teams', (f) => f.routingRerouted),
    pct('routing-share', 'Routing corrected (%)', (r) => percentOf(r.figures.routingCorrectionShare)),
    // For one service or team of many: the corrections that chose it (at the council's level, every one).
    ...(by === 'service' || by === 'team' ? [count('corrected-into', 'Corrections to it', (f) => f.routingCorrectedInto)] : []),
    ...(by ? [] : [pct('self-service', 'Self-service share (%)', (r) => percentOf(r.selfServiceShare))]),
    count('opened', 'Cases opened', (f) => f.casesOpened),
    count('resolved', 'Cases resolved', (f) => f.casesResolved),
    pct('sla', 'SLA met (%)', (r) => r.figures.slaMetPercent),
    {
      key: 'median',
      heading: 'Median time to resolve',
      render: (r) => bucketWords(r.figures.medianHoursToResolve),
      sortValue: (r) => bucketIndex(r.figures.medianHoursToResolve) ?? -1,
      csv: (r) => (r.figures.medianHoursToResolve ? bucketWords(r.figures.medianHoursToResolve) : null),
    },
    count('warned', 'Marked at risk', (f) => f.slaWarned),
    count('breached', 'Marked in breach', (f) => f.slaBreached),
    count('ratings', 'Ratings', (f) => f.satisfaction.ratings),
    {
      key: 'rating',
      heading: 'Average rating (of 5)',
      render: (r) => r.figures.satisfaction.averageRating ?? '–',
      sortValue: (r) => r.figures.satisfaction.averageRating ?? -1,
      csv: (r) => r.figures.satisfaction.averageRating,
      numeric: true,
    },
  ];
  const caption: ReactNode = by ? `Every measure by ${by}, over the whole range` : `Every measure, ${report.interval} by ${report.interval}`;
  return (
    <div className="app-compact-table">
      <SortableTable<Row>
        caption={caption}
        rows={rows}
        rowKey={(r) => r.key}
        {...(by ? { initialSort: { key: 'contacts', direction: 'descending' as const } } : {})}
        download={tableFileName(by ? `Every measure by ${by}` : 'Every measure', fileSuffix)}
        columns={columns}
      />
    </div>
  );
}
