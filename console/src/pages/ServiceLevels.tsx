// Service levels, for advisers and managers: the open cases at risk of missing their service level
// or already past it, most overdue first, counted per team, filtered by team, service, channel and
// priority. The filters live in the address, so a view can be shared and survives a reload. Read
// again every 30 seconds while the tab is visible; the table is not read out when it changes.
import { useEffect, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { errorInWords, ForbiddenError } from '../api.ts';
import type { LateCase, ServiceLevels as ServiceLevelsAnswer } from '../api-types.ts';
import { Button, ErrorSummary, InsetText, PrintButton, Select } from '../components/govuk.tsx';
import { Forbidden } from '../components/Forbidden.tsx';
import { Badge, SortableTable } from '../components/moj.tsx';
import { CHANNEL_NAMES, channelName, formatDateTime, formatTime, priorityName, SLA_NAMES, slaColour, statusName, workingTime } from '../format.ts';
import { usePage } from '../page.ts';
import { useServiceLevels, useServices } from '../queries.ts';

const FILTERS = ['team', 'service', 'channel', 'priority'] as const;
type FilterName = (typeof FILTERS)[number];
type Filters = Record<FilterName, string>;

const PRIORITIES = ['urgent', 'high', 'normal'] as const;

/** The filters in the address, in a fixed order: '' when none is set. */
function queryOf(filters: Filters): string {
  const params = new URLSearchParams();
  for (const name of FILTERS) if (filters[name]) params.set(name, filters[name]);
  const text = params.toString();
  return text ? `?${text}` : '';
}

function filtersOf(search: string): Filters {
  const params = new URLSearchParams(search);
  return Object.fromEntries(FILTERS.map((name) => [name, params.get(name)?.trim() ?? ''])) as Filters;
}

/** How late, or how long left, in working time. */
function lateness(c: LateCase): string {
  const minutes = c.clock.workingMinutesLeft;
  if (minutes < 0 || c.slaState === 'breached') return `${workingTime(minutes)} overdue${c.clock.paused ? ' (paused)' : ''}`;
  return `${workingTime(minutes)} left`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export default function ServiceLevels() {
  usePage('Service levels');
  const search = useSearch();
  const [, navigate] = useLocation();
  const applied = useMemo(() => filtersOf(search), [search]);
  const query = queryOf(applied);
  const levels = useServiceLevels(query);
  const services = useServices();
  const [chosen, setChosen] = useState<Filters>(applied);
  useEffect(() => setChosen(applied), [applied]);

  if (levels.error instanceof ForbiddenError) return <Forbidden error={levels.error} what="see the service levels" />;

  const data = levels.data;
  const filtered = FILTERS.some((name) => applied[name]);
  const apply = (event: FormEvent) => {
    event.preventDefault();
    navigate(`/service-levels${queryOf(chosen)}`);
  };
  const teamNames = new Map((data?.teamChoices ?? []).map((t) => [t.teamId, t.name]));
  const serviceName = new Map((services.data ?? []).map((s) => [s.id, s.name]));
  const teamChosen = applied.team ? (teamNames.get(applied.team) ?? applied.team) : '';
  const otherFilters = [
    applied.service && (serviceName.get(applied.service) ?? applied.service),
    applied.channel && channelName(applied.channel),
    applied.priority && `${priorityName(applied.priority)} priority`,
  ].filter((d): d is string => Boolean(d));
  const describeFilters = [...(teamChosen ? [teamChosen] : []), ...otherFilters];

  return (
    <>
      <h1 className="govuk-heading-l">Service levels</h1>
      <p className="govuk-body">
        Open cases at risk of missing their service level, or already past it, most overdue first. Working time counts the council’s
        opening hours, as each service level does.{' '}
        {data && (
          <span className="govuk-hint">
            As of {formatTime(data.asOf)}; read again every 30 seconds while this tab is open.
          </span>
        )}
      </p>
      {levels.error && !data && (
        <ErrorSummary errors={[{ field: '', message: errorInWords(levels.error) }]} title="The service levels could not be read" />
      )}
      {data && <TeamCounts data={data} otherFilters={otherFilters} teamChosen={teamChosen} />}
      <FilterAcross>
        <form onSubmit={apply} noValidate aria-label="Filter the cases">
          <Select
            id="filter-team"
            label="Team"
            value={chosen.team}
            // A service of another team would find nothing: choosing a team lets go of it.
            onChange={(team) =>
              setChosen({ ...chosen, team, service: !team || services.data?.find((s) => s.id === chosen.service)?.teamId === team ? chosen.service : '' })
            }
            options={[{ value: '', label: 'All teams' }, ...(data?.teamChoices ?? []).map((t) => ({ value: t.teamId, label: t.name }))]}
          />
          <Select
            id="filter-service"
            label="Service"
            value={chosen.service}
            onChange={(service) => setChosen({ ...chosen, service })}
            options={[
              { value: '', label: 'All services' },
              ...(services.data ?? [])
                .filter((s) => !chosen.team || s.teamId === chosen.team)
                .map((s) => ({ value: s.id, label: s.name }))
                .sort((a, b) => a.label.localeCompare(b.label, 'en-GB')),
            ]}
          />
          <Select
            id="filter-channel"
            label="Channel"
            value={chosen.channel}
            onChange={(channel) => setChosen({ ...chosen, channel })}
            options={[{ value: '', label: 'All channels' }, ...Object.entries(CHANNEL_NAMES).map(([value, label]) => ({ value, label }))]}
          />
          <Select
            id="filter-priority"
            label="Priority"
            value={chosen.priority}
            onChange={(priority) => setChosen({ ...chosen, priority })}
            options={[{ value: '', label: 'All priorities' }, ...PRIORITIES.map((p) => ({ value: p, label: priorityName(p) }))]}
          />
          <div className="app-filter-across__actions">
            <Button variant="secondary">Apply filters</Button>
            {filtered && (
              <Link className="govuk-link govuk-body" href="/service-levels">
                Clear filters
              </Link>
            )}
          </div>
        </form>
      </FilterAcross>
      {levels.isLoading && <p className="govuk-body">Loading the service levels…</p>}
      {levels.error && data && (
        <ErrorSummary errors={[{ field: '', message: errorInWords(levels.error) }]} title="The service levels could not be read again" />
      )}
      {data?.truncated && (
        <InsetText>
          {data.teams
            .filter((t) => t.truncated)
            .map((t) => t.name)
            .join(', ')}{' '}
          {data.teams.filter((t) => t.truncated).length === 1 ? 'has' : 'have'} more than {data.openCasesReadPerTeam.toLocaleString('en-GB')} open
          cases: only the {data.openCasesReadPerTeam.toLocaleString('en-GB')} due soonest were checked, so a few cases due later may be missing here.
        </InsetText>
      )}
      {data && !data.cases.length && (
        <p className="govuk-body" data-testid="no-late-cases">
          No open case is at risk or in breach{filtered ? ` for ${describeFilters.join(', ')}` : ''}.
        </p>
      )}
      {data && data.cases.length > 0 && <LateCases data={data} describeFilters={describeFilters} />}
      <PrintButton />
    </>
  );
}

/** The counts per team as badges; each team's name shows its cases alone. */
function TeamCounts({ data, otherFilters, teamChosen }: { data: ServiceLevelsAnswer; otherFilters: string[]; teamChosen: string }) {
  const late = data.teams.filter((t) => t.atRisk + t.breached > 0);
  const atRisk = late.reduce((sum, t) => sum + t.atRisk, 0);
  const breached = late.reduce((sum, t) => sum + t.breached, 0);
  // A team's name shows that team's cases, with the other filters as they are.
  const linkTo = (teamId: string) => `/service-levels${queryOf({ service: data.filters.service ?? '', channel: data.filters.channel ?? '', priority: data.filters.priority ?? '', team: teamId })}`;
  return (
    <section aria-labelledby="team-counts-heading">
      <h2 className="govuk-heading-m" id="team-counts-heading">
        By team
      </h2>
      <p className="govuk-body">
        {late.length
          ? `${plural(atRisk, 'case')} at risk and ${plural(breached, 'case')} in breach across ${plural(late.length, 'team')}`
          : 'No team has a case at risk or in breach'}
        {otherFilters.length ? `, for ${otherFilters.join(', ')}` : ''}.{teamChosen && ` The table below shows ${teamChosen} only.`}
      </p>
      {late.length > 0 && (
        <ul className="govuk-list app-team-counts" data-testid="team-counts">
          {late.map((team) => (
            <li key={team.teamId}>
              <Link className="govuk-link" href={linkTo(team.teamId)}>
                {team.name}
              </Link>{' '}
              {team.atRisk > 0 && <Badge colour="orange">{team.atRisk} at risk</Badge>}{' '}
              {team.breached > 0 && <Badge colour="red">{team.breached} breached</Badge>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function LateCases({ data, describeFilters }: { data: ServiceLevelsAnswer; describeFilters: string[] }) {
  const download = ['service levels', data.asOf.slice(0, 10), ...describeFilters].join(' ');
  return (
    <>
      <SortableTable<LateCase>
        caption={`${plural(data.cases.length, 'case')} at risk or in breach${describeFilters.length ? `: ${describeFilters.join(', ')}` : ''}`}
        rows={data.cases}
        rowKey={(c) => c.reference}
        download={download}
        columns={[
          {
            key: 'reference',
            heading: 'Case',
            render: (c) => (
              <Link className="govuk-link app-nowrap" href={`/cases/${encodeURIComponent(c.reference)}`}>
                {c.reference}
              </Link>
            ),
            sortValue: (c) => c.reference,
          },
          { key: 'service', heading: 'Service', render: (c) => c.service.name, sortValue: (c) => c.service.name },
          { key: 'team', heading: 'Team', render: (c) => c.teamName, sortValue: (c) => c.teamName },
          { key: 'channel', heading: 'Channel', render: (c) => channelName(c.channel), sortValue: (c) => channelName(c.channel) },
          {
            key: 'priority',
            heading: 'Priority',
            render: (c) => priorityName(c.priority),
            sortValue: (c) => PRIORITIES.indexOf(c.priority as (typeof PRIORITIES)[number]),
            csv: (c) => priorityName(c.priority),
          },
          { key: 'status', heading: 'Status', render: (c) => statusName(c.status), sortValue: (c) => statusName(c.status) },
          {
            key: 'due',
            heading: 'Due',
            render: (c) => <span className="app-nowrap">{formatDateTime(c.dueAt)}</span>,
            sortValue: (c) => c.dueAt,
            csv: (c) => c.dueAt,
          },
          {
            key: 'left',
            heading: 'Service level',
            render: (c) => (
              <>
                <Badge colour={slaColour(c.slaState)}>{SLA_NAMES[c.slaState]}</Badge>
                <span className="app-line">{lateness(c)}</span>
              </>
            ),
            sortValue: (c) => c.clock.workingMinutesLeft,
            // The figure: working minutes left, negative when overdue.
            csv: (c) => c.clock.workingMinutesLeft,
          },
          {
            key: 'lookers',
            heading: 'Looking now',
            render: (c) => (c.lookers.length ? c.lookers.map((l) => <span className="app-line" key={l.username}>{l.username}</span>) : ''),
            sortValue: (c) => c.lookers.length,
            csv: (c) => c.lookers.map((l) => l.username).join(' '),
          },
        ]}
      />
      <p className="govuk-hint app-no-print">
        In the downloaded file, the due time is a date and time in UTC, and the service level is the working time left in
        minutes: negative when overdue.
      </p>
    </>
  );
}

/**
 * MOJ's filter, across the page above the table rather than beside it: the table has nine columns
 * and needs the width. Left out when printed, as the filter beside a table is.
 */
function FilterAcross({ children }: { children: ReactNode }) {
  return (
    <div className="moj-filter app-filter-across app-no-print">
      <div className="moj-filter__header">
        <div className="moj-filter__header-title">
          <h2 className="govuk-heading-m">Filter</h2>
        </div>
        <div className="moj-filter__header-action" />
      </div>
      <div className="moj-filter__content">
        <div className="moj-filter__options">{children}</div>
      </div>
    </div>
  );
}
