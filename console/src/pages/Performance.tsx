// Performance, for managers only (the API answers 403 to anyone else, and this page says so): the
// measures the council manages by over a range, day by day, week by week or month by month, for
// the whole council, broken down by service, team or channel, or for one of them alone. The
// filters live in the address, so a view can be shared and survives a reload; a bad value there
// is named in an error summary, never a blank page. Headline figures, then a chart per measure,
// each with a table of the same numbers that downloads as CSV, and a table of every measure.
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { api, errorInWords, ForbiddenError } from '../api.ts';
import type { PerformanceReport } from '../api-types.ts';
import { Forbidden } from '../components/Forbidden.tsx';
import { Button, ErrorSummary, PrintButton, Select, TextInput } from '../components/govuk.tsx';
import { ChannelMixChart, ChannelShiftChart, EveryMeasureTable, MeasureChart, MEASURES, type ChartContext } from '../components/MeasureCharts.tsx';
import { teamName } from '../format.ts';
import { usePage } from '../page.ts';
import {
  BREAKDOWN_WORDS,
  BREAKDOWNS,
  bucketWords,
  CHANNEL_OPTIONS,
  filterProblems,
  filtersFromSearch,
  INTERVAL_WORDS,
  INTERVALS,
  keyName,
  londonToday,
  measuresQuery,
  percentOf,
  performanceHref,
  QUICK_RANGES,
  quickRangeFilters,
  showPercent,
  viewInWords,
  type Filters,
} from '../performance.ts';
import { useServices } from '../queries.ts';

export default function Performance() {
  usePage('Performance');
  const search = useSearch();
  const today = londonToday();
  const filters = useMemo(() => filtersFromSearch(search, today), [search, today]);
  const problems = useMemo(() => filterProblems(filters), [filters]);
  const query = measuresQuery(filters);
  const report = useQuery({
    queryKey: ['measures', query],
    queryFn: () => api<PerformanceReport>(`/api/console/measures?${query}`),
    enabled: problems.length === 0,
  });
  const services = useServices();
  const serviceNames = useMemo(() => new Map((services.data ?? []).map((s) => [s.id, s.name])), [services.data]);

  if (report.error instanceof ForbiddenError) return <Forbidden error={report.error} what="see the managers’ measures" />;
  const data = problems.length === 0 ? report.data : undefined;
  const errors = problems.length
    ? problems
    : report.error
      ? [{ field: '', message: errorInWords(report.error) }]
      : [];

  return (
    <>
      <h1 className="govuk-heading-l">Performance</h1>
      <ErrorSummary errors={errors} />
      <FilterForm filters={filters} problems={problems} today={today} services={services.data ?? []} />
      {problems.length === 0 && report.isLoading && <p className="govuk-body">Loading the measures…</p>}
      {data && <PerformanceReportView report={data} serviceNames={serviceNames} />}
    </>
  );
}

function FilterForm({
  filters,
  problems,
  today,
  services,
}: {
  filters: Filters;
  problems: ReturnType<typeof filterProblems>;
  today: string;
  services: Array<{ id: string; name: string; teamId: string }>;
}) {
  const [, navigate] = useLocation();
  const [form, setForm] = useState(filters);
  useEffect(() => setForm(filters), [filters]);
  const set = (field: keyof Filters) => (value: string) => setForm((current) => ({ ...current, [field]: value }));
  const problemOf = (field: string) => problems.find((p) => p.field === field)?.message;
  const apply = (event: FormEvent) => {
    event.preventDefault();
    navigate(performanceHref(form));
  };

  const teams = [...new Set(services.map((s) => s.teamId))].sort((a, b) => teamName(a).localeCompare(teamName(b)));
  const focusGroups = [
    { label: 'One service', options: [...services].sort((a, b) => a.name.localeCompare(b.name)).map((s) => ({ value: `service:${s.id}`, label: s.name })) },
    { label: 'One team', options: teams.map((t) => ({ value: `team:${t}`, label: teamName(t) })) },
    { label: 'One channel', options: CHANNEL_OPTIONS },
  ];
  const known = focusGroups.some((g) => g.options.some((o) => o.value === form.focus));
  const focusOptions = [
    { value: '', label: 'The whole council' },
    // A value the lists do not have (from the address) stays chosen, so the error can name it.
    ...(form.focus && !known ? [{ value: form.focus, label: form.focus }] : []),
  ];

  return (
    <form className="app-performance-filters app-no-print" onSubmit={apply} noValidate aria-label="Choose the figures">
      <div className="app-performance-filters__row">
        <TextInput id="from" label="From" type="date" width="10" value={form.from} onChange={set('from')} error={problemOf('from')} labelClass="govuk-label--s" />
        <TextInput id="to" label="To" type="date" width="10" value={form.to} onChange={set('to')} error={problemOf('to')} labelClass="govuk-label--s" />
        <Select
          id="interval"
          label="Periods"
          value={form.interval}
          onChange={set('interval')}
          error={problemOf('interval')}
          labelClass="govuk-label--s"
          options={[
            ...INTERVALS.map((i) => ({ value: i, label: INTERVAL_WORDS[i] })),
            ...(INTERVALS.includes(form.interval) ? [] : [{ value: form.interval, label: form.interval }]),
          ]}
        />
        <Select
          id="by"
          label="Break down by"
          value={form.by}
          onChange={set('by')}
          error={problemOf('by')}
          labelClass="govuk-label--s"
          options={[
            { value: '', label: 'Nothing' },
            ...BREAKDOWNS.map((b) => ({ value: b, label: BREAKDOWN_WORDS[b] })),
            ...(form.by === '' || BREAKDOWNS.includes(form.by) ? [] : [{ value: form.by, label: form.by }]),
          ]}
        />
        <Select
          id="focus"
          label="Show the figures of"
          value={form.focus}
          onChange={set('focus')}
          error={problemOf('focus')}
          labelClass="govuk-label--s"
          options={focusOptions}
          groups={focusGroups}
        />
      </div>
      <div className="govuk-button-group">
        <Button>Apply</Button>
        <Link href="/performance" className="govuk-link">
          Clear
        </Link>
      </div>
      <p className="govuk-body app-performance-filters__quick">
        <span className="govuk-!-font-weight-bold">Quick ranges: </span>
        {QUICK_RANGES.map((range, i) => (
          <span key={range.label}>
            {i > 0 && ' · '}
            <Link href={performanceHref(quickRangeFilters(range, filters, today))} className="govuk-link">
              {range.label}
            </Link>
          </span>
        ))}
      </p>
    </form>
  );
}

function PerformanceReportView({ report, serviceNames }: { report: PerformanceReport; serviceNames: ReadonlyMap<string, string> }) {
  const context: ChartContext = useMemo(() => {
    const parts = [report.from, 'to', report.to, report.interval];
    if (report.by !== 'day') parts.push('by', report.by);
    if (report.focus) parts.push(report.focus.dimension, report.focus.value);
    return { report, serviceNames, fileSuffix: parts.join(' ') };
  }, [report, serviceNames]);
  const mixKnown = !report.focus || report.focus.dimension === 'channel';
  return (
    <>
      <p className="govuk-body-l app-performance-view">{viewInWords(report, serviceNames)}</p>
      <PrintButton />
      <HeadlineFigures report={report} serviceNames={serviceNames} />
      <h2 className="govuk-heading-l">Over time</h2>
      {MEASURES.slice(0, 2).map((measure) => (
        <MeasureChart key={measure.id} measure={measure} context={context} />
      ))}
      {mixKnown ? (
        <>
          <ChannelMixChart context={context} />
          <ChannelShiftChart context={context} />
        </>
      ) : (
        <p className="govuk-inset-text">
          The channel mix and channel shift are not shown for one {report.focus!.dimension}: contacts are counted per channel for the whole council
          only, not per channel within a {report.focus!.dimension}.
        </p>
      )}
      {MEASURES.slice(2).map((measure) => (
        <MeasureChart key={measure.id} measure={measure} context={context} />
      ))}
      <h2 className="govuk-heading-l">Every measure</h2>
      <EveryMeasureTable context={context} />
    </>
  );
}

function HeadlineFigures({ report, serviceNames }: { report: PerformanceReport; serviceNames: ReadonlyMap<string, string> }) {
  const t = report.totals;
  const focusTeam = report.focus?.dimension === 'team' ? report.current.teams.find((team) => team.teamId === report.focus!.value) : undefined;
  const now = report.focus?.dimension === 'team' ? (focusTeam ?? { open: 0, atRisk: 0, breached: 0 }) : report.current.totals;
  const whose = report.focus?.dimension === 'team' ? keyName('team', report.focus.value, serviceNames) : 'all teams';
  const cards: Array<{ label: string; value: string; detail: string }> = [
    { label: 'Resolved at first contact', value: showPercent(percentOf(t.firstContactResolutionRate)), detail: `of ${t.contacts} contacts` },
    { label: 'Service levels met', value: showPercent(t.slaMetPercent), detail: `of ${t.casesResolved} cases resolved` },
    {
      label: 'Self-service share',
      value: showPercent(percentOf(report.selfServiceShare)),
      detail: report.selfServiceShare === null && report.focus && report.focus.dimension !== 'channel' ? 'not counted for one ' + report.focus.dimension : 'web, text message and Open311',
    },
    { label: 'Failure demand', value: showPercent(percentOf(t.failureDemandShare)), detail: `${t.failureDemand} contacts: chasing, repeating, correcting, complaining` },
    { label: 'Repeat contacts', value: showPercent(percentOf(t.repeatContactShare)), detail: `${t.repeatContacts} about a case already open` },
    {
      label: 'Routing corrected',
      value: showPercent(percentOf(t.routingCorrectionShare)),
      detail: `${t.routingOverridden} overridden by advisers, ${t.routingRerouted} rerouted by teams`,
    },
    {
      label: 'Satisfaction',
      value: t.satisfaction.averageRating === null ? '–' : `${t.satisfaction.averageRating} of 5`,
      detail: `${t.satisfaction.ratings} rating${t.satisfaction.ratings === 1 ? '' : 's'}`,
    },
    { label: 'Median time to resolve', value: bucketWords(t.medianHoursToResolve), detail: `${t.casesResolved} cases resolved` },
    { label: 'Cases open now', value: String(now.open), detail: whose },
    { label: 'At risk now', value: String(now.atRisk), detail: whose },
    { label: 'Breached now', value: String(now.breached), detail: whose },
  ];
  return (
    <>
      <h2 className="govuk-heading-l">Headline figures</h2>
      <ul className="app-figures" data-testid="headline-figures">
        {cards.map((card) => (
          <li className="app-figure" key={card.label}>
            <span className="app-figure__label">{card.label}</span>
            <span className="app-figure__value">{card.value}</span>
            <span className="app-figure__detail">{card.detail}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
