// A service team's worklist: the team's open cases, soonest due first, each with its service-level
// clock in words (on track, at risk, breached; paused while the team waits for the resident) and
// who else has it open; the reference opens the case. A member of several teams switches team in
// the URL (?team=). Read again every 30 seconds while the tab is open; offered as a CSV file and
// printable. A case that has just left the team (rerouted, returned) is confirmed here.
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearch } from 'wouter';
import { errorInWords, ForbiddenError } from '../api.ts';
import type { WorklistCase } from '../api-types.ts';
import { ErrorSummary, InsetText, NotificationBanner, PrintButton, Tag } from '../components/govuk.tsx';
import { Forbidden } from '../components/Forbidden.tsx';
import { Badge, SortableTable, SubNavigation } from '../components/moj.tsx';
import type { WorklistFlash } from '../components/TeamActions.tsx';
import { formatDateTime, formatTime, priorityName, SLA_NAMES, slaColour, statusColour, statusName, teamName, workingTime } from '../format.ts';
import { usePage } from '../page.ts';
import { useMe, useWorklist } from '../queries.ts';

const PRIORITY_ORDER: Record<string, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

/** The clock in a few words, for a table cell (the badge beside it says the state): working time. */
function clockShort({ clock }: WorklistCase): string {
  const left = workingTime(clock.workingMinutesLeft);
  if (clock.paused || clock.state === 'paused') return `${left} left once work resumes`;
  if (clock.workingMinutesLeft < 0 || clock.state === 'breached') return `Overdue by ${left}`;
  return `${left} left`;
}

export default function Worklist() {
  const requested = new URLSearchParams(useSearch()).get('team') ?? '';
  const me = useMe();
  const teams = me.data?.roles.teams ?? [];
  // A member of several teams sees their first team until they choose another; one team, theirs.
  const team = requested || (me.data ? (teams.length > 1 ? teams[0]! : '') : me.isError ? '' : undefined);
  const worklist = useWorklist(team);
  const data = worklist.data;
  usePage(data ? `Worklist: ${data.team.name}` : 'Worklist');
  // A confirmation carried here from a case that has left the team (history state, not the URL),
  // shown once: a reload does not show it again.
  const [flash] = useState(() => (window.history.state as WorklistFlash | null)?.done);
  useEffect(() => {
    if (flash) window.history.replaceState(null, '', window.location.href);
  }, [flash]);

  const counts = useMemo(() => {
    const rows = data?.cases ?? [];
    const count = (test: (row: WorklistCase) => boolean) => rows.filter(test).length;
    return {
      breached: count((r) => r.clock.state === 'breached'),
      atRisk: count((r) => r.clock.state === 'at-risk'),
      paused: count((r) => r.clock.state === 'paused' || r.clock.paused),
    };
  }, [data]);

  if (worklist.error instanceof ForbiddenError) return <Forbidden error={worklist.error} what="see this team’s worklist" />;

  return (
    <>
      <span className="govuk-caption-l">{data?.team.name ?? (team ? teamName(team) : 'Your team')}</span>
      <h1 className="govuk-heading-l">Worklist</h1>
      {flash && <NotificationBanner success title="Done" heading={flash} focusOnShow />}
      {teams.length > 1 && (
        <SubNavigation
          label="Your teams"
          items={(data?.memberOf ?? teams.map((id) => ({ id, name: teamName(id) }))).map(({ id, name }) => ({
            href: `/worklist?team=${encodeURIComponent(id)}`,
            text: name,
            active: id === (data?.team.id ?? team),
          }))}
        />
      )}
      <p className="govuk-body">
        Your team’s open cases, soonest due first, then those waiting for the resident (their clocks paused). Time left is working time, on the
        council’s opening hours.{' '}
        {data && (
          <span className="govuk-hint">
            Updated at {formatTime(data.asOf)}; read again every 30 seconds while this tab is open.
            {worklist.isFetching ? ' Checking…' : ''}
          </span>
        )}
      </p>
      {worklist.isLoading && <p className="govuk-body">Loading the worklist…</p>}
      {worklist.error && !data && <ErrorSummary errors={[{ field: '', message: errorInWords(worklist.error) }]} title="The worklist could not be shown" />}
      {worklist.error && data && (
        <p className="govuk-body govuk-!-font-weight-bold">It could not be read again just now ({errorInWords(worklist.error)}); this is the list as it was at {formatTime(data.asOf)}.</p>
      )}
      {data && data.cases.length === 0 && <p className="govuk-body">{data.team.name} has no open cases.</p>}
      {data && data.cases.length > 0 && (
        <>
          <p className="govuk-body" data-testid="worklist-counts">
            <Badge colour="red">{counts.breached} breached</Badge> <Badge colour="orange">{counts.atRisk} at risk</Badge>{' '}
            <Badge colour="grey">{counts.paused} waiting for the resident</Badge>
          </p>
          {data.cases.length >= data.limit && (
            <InsetText>Showing the {data.limit} soonest due of {data.team.name}’s open cases. Resolve or reroute some to see the rest.</InsetText>
          )}
          <SortableTable<WorklistCase>
            caption={`${data.cases.length} open case${data.cases.length === 1 ? '' : 's'}`}
            rows={data.cases}
            rowKey={(row) => row.reference}
            initialSort={{ key: 'due', direction: 'ascending' }}
            download={`${data.team.name} worklist`}
            columns={[
              {
                key: 'due',
                heading: 'Due',
                render: (row) => (row.clock.paused ? <span className="govuk-hint">Not while paused</span> : <span className="app-nowrap">{formatDateTime(row.dueAt)}</span>),
                // Paused clocks after running ones, as the API orders them.
                sortValue: (row) => `${row.clock.paused ? 1 : 0}${row.dueAt}`,
                csv: (row) => (row.clock.paused ? '' : row.dueAt),
              },
              {
                key: 'reference',
                heading: 'Case',
                render: (row) => (
                  <Link className="govuk-link app-nowrap" href={`/cases/${encodeURIComponent(row.reference)}`}>
                    {row.reference}
                  </Link>
                ),
                sortValue: (row) => row.reference,
              },
              { key: 'service', heading: 'Service', render: (row) => row.service.name, sortValue: (row) => row.service.name },
              {
                key: 'clock',
                heading: 'Service level',
                render: (row) => (
                  <>
                    <Badge colour={slaColour(row.clock.state)}>{SLA_NAMES[row.clock.state]}</Badge>
                    <span className="govuk-body-s app-line">{clockShort(row)}</span>
                  </>
                ),
                sortValue: (row) => row.clock.workingMinutesLeft,
                csv: (row) => `${SLA_NAMES[row.clock.state]}: ${clockShort(row)}`,
              },
              {
                key: 'status',
                heading: 'Status',
                render: (row) => <Tag colour={statusColour(row.status)}>{statusName(row.status)}</Tag>,
                sortValue: (row) => statusName(row.status),
              },
              {
                key: 'priority',
                heading: 'Priority',
                render: (row) => priorityName(row.priority),
                sortValue: (row) => PRIORITY_ORDER[row.priority] ?? 9,
                csv: (row) => priorityName(row.priority),
              },
              {
                key: 'reported',
                heading: 'Reported',
                render: (row) => formatDateTime(row.createdAt),
                sortValue: (row) => row.createdAt,
                csv: (row) => row.createdAt,
              },
              { key: 'repeats', heading: 'Repeat contacts', render: (row) => String(row.repeatContacts), sortValue: (row) => row.repeatContacts, numeric: true },
              {
                key: 'lookers',
                heading: 'Who is looking',
                render: (row) => (row.lookers.length ? row.lookers.map((l) => l.username).join(', ') : <span className="govuk-hint">No one else</span>),
                csv: (row) => row.lookers.map((l) => l.username).join(' '),
              },
            ]}
          />
          <PrintButton />
        </>
      )}
    </>
  );
}
