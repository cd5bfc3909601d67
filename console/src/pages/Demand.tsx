// Demand, for managers only (the API answers 403 to anyone else, and this page says so): value
// demand against failure demand over time, for the council or one service; the services where
// failure demand is highest, with its kinds; and each one's recent examples in the residents' own
// words, their personal data left out, so a service can start a systems-thinking review from
// evidence. The filters live in the address, so a view can be shared and survives a reload.
import { useMemo, useState, type FormEvent } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { errorInWords, ForbiddenError } from '../api.ts';
import type { DemandReport, DemandService, Interval, PerformanceReport, ServiceOption } from '../api-types.ts';
import { Chart, CHART_COLOURS, type Draw } from '../components/Chart.tsx';
import { FAILURE_KIND_WORDS } from '../failure-demand.ts';
import { Forbidden } from '../components/Forbidden.tsx';
import { Button, Details, ErrorSummary, InsetText, PrintButton, Select, SummaryList, TextInput, WarningText, type FieldError } from '../components/govuk.tsx';
import { SortableTable } from '../components/moj.tsx';
import { channelName, formatDate, percent } from '../format.ts';
import { usePage } from '../page.ts';
import { useDemand, useMeasuresSeries, useServices } from '../queries.ts';

const INTERVALS: Interval[] = ['day', 'week', 'month'];
const INTERVAL_WORDS: Record<Interval, { option: string; each: string }> = {
  day: { option: 'Day by day', each: 'day by day' },
  week: { option: 'Week by week', each: 'week by week' },
  month: { option: 'Month by month', each: 'month by month' },
};
const KIND_ORDER = ['repeat', 'chasing', 'repeating', 'correcting', 'complaining'] as const;
const MAX_DAYS = 92;
const DEFAULT_DAYS = 28;

interface Filters {
  from: string;
  to: string;
  interval: string;
  service: string;
}

const londonDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const isDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T12:00:00Z`)) && new Date(`${value}T12:00:00Z`).toISOString().startsWith(value);

/** The filters in the address, with the defaults (the last four weeks, week by week, every service) for what it leaves out. */
function filtersOf(search: string, today: string): Filters {
  const params = new URLSearchParams(search);
  const to = params.get('to') || today;
  return {
    from: params.get('from') || (isDate(to) ? addDays(to, -(DEFAULT_DAYS - 1)) : addDays(today, -(DEFAULT_DAYS - 1))),
    to,
    interval: params.get('interval') || 'week',
    service: params.get('service') ?? '',
  };
}

/** What is wrong with the filters, in words, each linked to its field. */
function problemsOf(filters: Filters, services: ServiceOption[] | undefined): FieldError[] {
  const problems: FieldError[] = [];
  if (!isDate(filters.from)) problems.push({ field: 'demand-from', message: `The start date must be a real date (got ‘${filters.from}’)` });
  if (!isDate(filters.to)) problems.push({ field: 'demand-to', message: `The end date must be a real date (got ‘${filters.to}’)` });
  if (!problems.length && filters.from > filters.to) problems.push({ field: 'demand-from', message: 'The start date must be on or before the end date' });
  if (!problems.length && filters.to > addDays(filters.from, MAX_DAYS - 1)) {
    problems.push({ field: 'demand-from', message: `Choose at most ${MAX_DAYS} days (about three months) at a time` });
  }
  if (!INTERVALS.includes(filters.interval as Interval)) problems.push({ field: 'demand-interval', message: 'Show the figures day by day, week by week or month by month' });
  if (filters.service && services && !services.some((s) => s.id === filters.service)) {
    problems.push({ field: 'demand-service', message: `There is no service ‘${filters.service}’: choose one from the list` });
  }
  return problems;
}

const hrefOf = (filters: Filters) => {
  const params = new URLSearchParams({ from: filters.from, to: filters.to, interval: filters.interval, ...(filters.service ? { service: filters.service } : {}) });
  return `/demand?${params}`;
};

const monthName = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const dayName = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** A period as people say it: "23 Nov", "w/c 23 Nov", "Nov 2026". */
function periodName(period: string, interval: string): string {
  if (interval === 'month') return monthName.format(new Date(`${period}-01T12:00:00Z`));
  const day = dayName.format(new Date(`${period}T12:00:00Z`));
  return interval === 'week' ? `w/c ${day}` : day;
}

const DEMAND_KEY = [
  { name: 'Failure demand', colour: CHART_COLOURS[1]! },
  { name: 'Value demand', colour: CHART_COLOURS[0]! },
];

/**
 * The drawing as one image: the chart's root has the summary in words (Chart), so the labels Plot
 * gives each mark and axis inside it are taken off (they are not allowed on its parts).
 */
function plainImage<T extends Element>(drawn: T): T {
  for (const part of drawn.querySelectorAll('[aria-label], [aria-description]')) {
    part.removeAttribute('aria-label');
    part.removeAttribute('aria-description');
  }
  return drawn;
}

/** What each colour means, beside the chart (Plot's own legend needs inline styles the console's security policy refuses). */
function ChartKey({ items }: { items: Array<{ name: string; colour: string }> }) {
  return (
    <ul className="app-chart-key" aria-label="Key">
      {items.map((item) => (
        <li key={item.name}>
          <span className="app-chart-key__swatch" style={{ backgroundColor: item.colour }} />
          {item.name}
        </li>
      ))}
    </ul>
  );
}

/** The console's font, a little larger than Plot's default (set as styles, which the security policy allows). */
const CHART_TEXT = { fontFamily: 'arial, sans-serif', fontSize: '14px' };
/** Counts: no tick at 0.5 of a contact. */
const wholeNumbers = (n: number) => (Number.isInteger(n) ? String(n) : '');

/** A tick label for every few periods, so they do not run into each other at this width. */
function everyFew(periods: number, width: number) {
  const every = Math.max(1, Math.ceil(periods / Math.max(2, Math.floor(width / 70))));
  return (name: string, i: number) => (i % every === 0 ? name : '');
}

const kindsInWords = (figures: Pick<DemandService, 'failureDemandByKind'>) =>
  KIND_ORDER.filter((kind) => figures.failureDemandByKind[kind] > 0)
    .map((kind) => {
      const n = figures.failureDemandByKind[kind];
      return kind === 'repeat' ? `${n} ${n === 1 ? 'repeat' : 'repeats'}` : `${n} ${FAILURE_KIND_WORDS[kind].name}`;
    })
    .join(', ');

export default function Demand() {
  usePage('Demand');
  const search = useSearch();
  const today = londonDate.format(new Date());
  const filters = useMemo(() => filtersOf(search, today), [search, today]);
  const services = useServices();
  const problems = problemsOf(filters, services.data);
  const valid = problems.length === 0;
  const range = `from=${filters.from}&to=${filters.to}&interval=${filters.interval}`;
  const demand = useDemand(`${range}&limit=5`, valid);
  const series = useMeasuresSeries(`${range}${filters.service ? `&focus=service:${encodeURIComponent(filters.service)}` : ''}`, valid);
  const serviceName = (id: string) => services.data?.find((s) => s.id === id)?.name ?? id;

  const refused = demand.error ?? series.error;
  if (refused instanceof ForbiddenError) return <Forbidden error={refused} what="see the demand analysis" />;
  const errors = valid ? (refused ? [{ field: '', message: errorInWords(refused) }] : []) : problems;

  return (
    <>
      <h1 className="govuk-heading-l">Demand</h1>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds-from-desktop">
          <p className="govuk-body">
            <strong>Value demand</strong> is what residents want from the council: to report a problem, ask a question, get something done.{' '}
            <strong>Failure demand</strong> is a contact we caused by not doing something, or not doing it right, the first time: a resident
            chasing, telling us again, putting right our mistake or complaining about a previous contact. Every contact of failure demand is
            work that would not have been needed.
          </p>
          <Details summary="How failure demand is counted">
            <ul className="govuk-list govuk-list--bullet">
              {KIND_ORDER.map((kind) => (
                <li key={kind}>
                  <strong>{FAILURE_KIND_WORDS[kind].name[0]!.toUpperCase() + FAILURE_KIND_WORDS[kind].name.slice(1)}</strong>: {FAILURE_KIND_WORDS[kind].meaning}
                  {kind === 'repeat' ? '.' : ': marked by an adviser.'}
                </li>
              ))}
            </ul>
            <p className="govuk-body">
              A contact counts once at most. When an adviser names the kind of a repeat, it counts as that kind instead. Figures count on
              the day the contact came in, including marks made later.
            </p>
          </Details>
        </div>
      </div>
      <PrintButton />
      <ErrorSummary errors={errors} title={valid ? 'The demand figures could not be read' : 'There is a problem with the filters'} />
      <FilterForm key={search} filters={filters} services={services.data ?? []} problems={valid ? [] : problems} />
      {valid && (demand.isLoading || series.isLoading) && <p className="govuk-body">Loading the demand figures…</p>}
      {valid && series.data && <OverTime report={series.data} filters={filters} serviceName={filters.service ? serviceName(filters.service) : undefined} />}
      {valid && demand.data && <TopServices report={demand.data} filters={filters} />}
    </>
  );
}

function FilterForm({ filters, services, problems }: { filters: Filters; services: ServiceOption[]; problems: FieldError[] }) {
  const [, navigate] = useLocation();
  const [draft, setDraft] = useState(filters);
  const errorFor = (field: string) => problems.find((p) => p.field === field)?.message;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(hrefOf(draft));
  };
  return (
    <form className="app-no-print app-demand-filters" onSubmit={submit} noValidate aria-label="Filter the demand figures">
      <div className="app-field-row">
        <TextInput id="demand-from" label="From" type="date" value={draft.from} error={errorFor('demand-from')} onChange={(from) => setDraft({ ...draft, from })} />
        <TextInput id="demand-to" label="To" type="date" value={draft.to} error={errorFor('demand-to')} onChange={(to) => setDraft({ ...draft, to })} />
        <Select
          id="demand-interval"
          label="Periods"
          value={draft.interval}
          error={errorFor('demand-interval')}
          onChange={(interval) => setDraft({ ...draft, interval })}
          options={INTERVALS.map((interval) => ({ value: interval, label: INTERVAL_WORDS[interval].option }))}
        />
        <Select
          id="demand-service"
          label="Service"
          value={draft.service}
          error={errorFor('demand-service')}
          onChange={(service) => setDraft({ ...draft, service })}
          options={[{ value: '', label: 'Every service' }, ...[...services].sort((a, b) => a.name.localeCompare(b.name, 'en-GB')).map((s) => ({ value: s.id, label: s.name }))]}
        />
      </div>
      <div className="govuk-button-group">
        <Button>Apply</Button>
        <Link className="govuk-link" href="/demand">
          Clear the filters
        </Link>
      </div>
    </form>
  );
}

interface PeriodRow {
  period: string;
  name: string;
  contacts: number;
  valueDemand: number;
  failureDemand: number;
  failureDemandShare: number | null;
}

function OverTime({ report, filters, serviceName }: { report: PerformanceReport; filters: Filters; serviceName: string | undefined }) {
  const rows: PeriodRow[] = useMemo(
    () =>
      report.series.map((entry) => ({
        period: entry.period,
        name: periodName(entry.period, filters.interval),
        contacts: entry.totals.contacts,
        valueDemand: entry.totals.valueDemand,
        failureDemand: entry.totals.failureDemand,
        failureDemandShare: entry.totals.failureDemandShare,
      })),
    [report, filters.interval],
  );
  const totals = report.totals;
  const who = serviceName ?? 'every service';
  const worst = rows.reduce<PeriodRow | undefined>((top, row) => (row.failureDemand > (top?.failureDemand ?? 0) ? row : top), undefined);
  const summary =
    `${totals.failureDemand} of ${totals.contacts} contacts (${percent(totals.failureDemandShare)}) were failure demand and ${totals.valueDemand} value demand` +
    (worst ? `; the most failure demand was ${worst.name}, with ${worst.failureDemand}` : '');
  const draw: Draw = useMemo(
    () => (Plot, width) => {
      const stacked = rows.flatMap((row) => [
        { name: row.name, demand: 'Failure demand', contacts: row.failureDemand },
        { name: row.name, demand: 'Value demand', contacts: row.valueDemand },
      ]);
      return plainImage(Plot.plot({
        width,
        height: 300,
        marginLeft: 48,
        marginBottom: 40,
        x: { label: null, domain: rows.map((r) => r.name), tickFormat: everyFew(rows.length, width) },
        y: { label: 'Contacts', grid: true, tickFormat: wholeNumbers },
        style: CHART_TEXT,
        color: { domain: DEMAND_KEY.map((k) => k.name), range: DEMAND_KEY.map((k) => k.colour) },
        marks: [Plot.barY(stacked, { x: 'name', y: 'contacts', fill: 'demand', order: DEMAND_KEY.map((k) => k.name) }), Plot.ruleY([0])],
      }));
    },
    [rows],
  );
  const fileName = `demand-${filters.service || 'every-service'}-${filters.from}-to-${filters.to}-${filters.interval}`;
  return (
    <>
      <h2 className="govuk-heading-m">Value and failure demand: {who}</h2>
      <p className="govuk-body">
        From {formatDate(filters.from)} to {formatDate(filters.to)}, {INTERVAL_WORDS[filters.interval as Interval].each}.
      </p>
      <SummaryList
        rows={[
          { key: 'Contacts', value: String(totals.contacts) },
          { key: 'Failure demand', value: `${totals.failureDemand} (${percent(totals.failureDemandShare)})` },
          { key: 'Value demand', value: String(totals.valueDemand) },
          { key: 'Kinds of failure demand', value: kindsInWords(totals) || 'None' },
        ]}
      />
      <Chart title={`Value and failure demand, ${INTERVAL_WORDS[filters.interval as Interval].each}`} summary={summary} draw={draw}>
        <ChartKey items={DEMAND_KEY} />
        <SortableTable<PeriodRow>
          caption={`Contacts ${INTERVAL_WORDS[filters.interval as Interval].each}: ${who}`}
          rows={rows}
          rowKey={(r) => r.period}
          download={fileName}
          columns={[
            { key: 'period', heading: 'Period', render: (r) => <span className="app-nowrap">{r.name}</span>, sortValue: (r) => r.period, csv: (r) => r.period },
            { key: 'contacts', heading: 'Contacts', render: (r) => r.contacts, sortValue: (r) => r.contacts, numeric: true },
            { key: 'value', heading: 'Value demand', render: (r) => r.valueDemand, sortValue: (r) => r.valueDemand, numeric: true },
            { key: 'failure', heading: 'Failure demand', render: (r) => r.failureDemand, sortValue: (r) => r.failureDemand, numeric: true },
            {
              key: 'share',
              heading: 'Failure demand %',
              render: (r) => percent(r.failureDemandShare),
              sortValue: (r) => r.failureDemandShare ?? -1,
              csv: (r) => (r.failureDemandShare === null ? '' : Math.round(r.failureDemandShare * 1000) / 10),
              numeric: true,
            },
          ]}
        />
      </Chart>
    </>
  );
}

function TopServices({ report, filters }: { report: DemandReport; filters: Filters }) {
  const range = `${formatDate(report.from)} to ${formatDate(report.to)}`;
  const names = new Map(report.services.map((s) => [s.serviceId, s.name]));
  const periodRows = report.series.map((entry) => ({
    period: entry.period,
    name: periodName(entry.period, report.interval),
    ...Object.fromEntries(entry.services.map((s) => [s.serviceId, s.failureDemand])),
  })) as Array<{ period: string; name: string } & Record<string, number>>;
  const points = periodRows.flatMap((row) => report.services.map((s) => ({ name: row.name, service: s.name, failureDemand: row[s.serviceId] ?? 0 })));
  const drawTrend: Draw = useMemo(
    () => (Plot, width) =>
      plainImage(Plot.plot({
        width,
        height: 280,
        marginLeft: 48,
        x: { label: null, type: 'point', domain: periodRows.map((r) => r.name), tickFormat: everyFew(periodRows.length, width) },
        y: { label: 'Failure demand', grid: true, tickFormat: wholeNumbers },
        style: CHART_TEXT,
        color: { domain: report.services.map((s) => s.name), range: CHART_COLOURS.slice(0, report.services.length) },
        marks: [
          Plot.lineY(points, { x: 'name', y: 'failureDemand', stroke: 'service' }),
          Plot.dot(points, { x: 'name', y: 'failureDemand', fill: 'service', r: 3 }),
          Plot.ruleY([0]),
        ],
      })),
    // periodRows and points are made from the report alone.
    [report],
  );
  if (!report.services.length) {
    return (
      <>
        <h2 className="govuk-heading-m">Where failure demand is highest</h2>
        <p className="govuk-body">No contact from {range} was failure demand.</p>
      </>
    );
  }
  const top = report.services[0]!;
  return (
    <>
      <h2 className="govuk-heading-m">Where failure demand is highest</h2>
      <p className="govuk-body">
        The {report.services.length === 1 ? 'service' : `${report.services.length} services`} with the most failure demand from {range}
        {report.servicesWithFailureDemand > report.services.length ? `, of ${report.servicesWithFailureDemand} services with any` : ''}. Choose a
        service to see its value and failure demand over time.
      </p>
      <SortableTable<DemandService>
        caption="Services by failure demand"
        rows={report.services}
        rowKey={(s) => s.serviceId}
        download={`failure-demand-by-service-${report.from}-to-${report.to}`}
        columns={[
          {
            key: 'service',
            heading: 'Service',
            render: (s) => (
              <Link className="govuk-link" href={hrefOf({ ...filters, service: s.serviceId })}>
                {s.name}
              </Link>
            ),
            sortValue: (s) => s.name,
          },
          { key: 'contacts', heading: 'Contacts', render: (s) => s.contacts, sortValue: (s) => s.contacts, numeric: true },
          { key: 'failure', heading: 'Failure demand', render: (s) => s.failureDemand, sortValue: (s) => s.failureDemand, numeric: true },
          {
            key: 'share',
            heading: 'Share of its contacts',
            render: (s) => percent(s.failureDemandShare),
            sortValue: (s) => s.failureDemandShare ?? -1,
            csv: (s) => (s.failureDemandShare === null ? '' : Math.round(s.failureDemandShare * 1000) / 10),
            numeric: true,
          },
          ...KIND_ORDER.map((kind) => ({
            key: kind,
            heading: kind === 'repeat' ? 'Repeats' : FAILURE_KIND_WORDS[kind].name[0]!.toUpperCase() + FAILURE_KIND_WORDS[kind].name.slice(1),
            render: (s: DemandService) => s.failureDemandByKind[kind],
            sortValue: (s: DemandService) => s.failureDemandByKind[kind],
            numeric: true,
          })),
        ]}
      />
      <Chart
        title={`Failure demand of these services, ${INTERVAL_WORDS[report.interval].each}`}
        summary={`${top.name} had the most failure demand: ${top.failureDemand} of its ${top.contacts} contacts`}
        draw={drawTrend}
      >
        <ChartKey items={report.services.map((s, i) => ({ name: s.name, colour: CHART_COLOURS[i]! }))} />
        <SortableTable<(typeof periodRows)[number]>
          caption={`Failure demand of these services, ${INTERVAL_WORDS[report.interval].each}`}
          rows={periodRows}
          rowKey={(r) => r.period}
          download={`failure-demand-of-top-services-${report.from}-to-${report.to}-${report.interval}`}
          columns={[
            { key: 'period', heading: 'Period', render: (r) => <span className="app-nowrap">{r.name}</span>, sortValue: (r) => r.period, csv: (r) => r.period },
            ...report.services.map((s) => ({
              key: s.serviceId,
              heading: names.get(s.serviceId) ?? s.serviceId,
              render: (r: (typeof periodRows)[number]) => r[s.serviceId] ?? 0,
              sortValue: (r: (typeof periodRows)[number]) => r[s.serviceId] ?? 0,
              numeric: true,
            })),
          ]}
        />
      </Chart>
      <h2 className="govuk-heading-m">What residents said</h2>
      <WarningText>
        Personal data is left out of these words as far as the platform can tell it: names, addresses, postcodes, phone numbers, email
        addresses, vehicle registrations, dates of birth and account numbers. It cannot be sure to catch all of it. If you see any, do not
        copy it; tell the service desk.
      </WarningText>
      {report.services.map((service) => (
        <section key={service.serviceId} className="app-demand-examples" aria-labelledby={`examples-${service.serviceId}`}>
          <h3 className="govuk-heading-s" id={`examples-${service.serviceId}`}>
            {service.name}
          </h3>
          <p className="govuk-body">
            {service.failureDemand} of {service.contacts} contacts ({percent(service.failureDemandShare)}) were failure demand: {kindsInWords(service)}.
          </p>
          {service.examples.length ? (
            service.examples.map((example) => (
              <InsetText key={`${example.at}-${example.kind}-${example.words.slice(0, 20)}`}>
                <p className="govuk-body app-quote govuk-!-margin-bottom-1">“{example.words}”</p>
                <p className="govuk-body-s govuk-!-margin-bottom-0">
                  {channelName(example.channel)}, {formatDate(example.at)}: {FAILURE_KIND_WORDS[example.kind].name}
                </p>
              </InsetText>
            ))
          ) : (
            <p className="govuk-body">No examples of its words in this range.</p>
          )}
        </section>
      ))}
    </>
  );
}
