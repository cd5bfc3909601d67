// One resident: every contact and case across phone, SMS, web, Open311 and face to face, newest
// first, with each case's status and service-level clock.
import { Link, useParams, useSearch } from 'wouter';
import { errorInWords, ForbiddenError } from '../api.ts';
import type { CaseEntry, ContactEntry } from '../api-types.ts';
import { FailureDemand } from '../components/FailureDemand.tsx';
import { ErrorSummary, SummaryList, Tag } from '../components/govuk.tsx';
import { Forbidden } from '../components/Forbidden.tsx';
import { Badge, SortableTable, SubNavigation, Timeline } from '../components/moj.tsx';
import {
  channelName,
  decisionColour,
  decisionName,
  formatDateTime,
  priorityName,
  residentLabel,
  SLA_NAMES,
  slaColour,
  statusColour,
  statusName,
} from '../format.ts';
import { usePage } from '../page.ts';
import { useTimeline } from '../queries.ts';

export default function Resident() {
  const { key = '' } = useParams<{ key: string }>();
  const view = new URLSearchParams(useSearch()).get('view') === 'cases' ? 'cases' : 'timeline';
  const timeline = useTimeline(key);
  const resident = timeline.data?.resident;
  const name = resident ? residentLabel(resident) : 'Resident';
  usePage(view === 'cases' ? `${name}: cases` : `${name}: timeline`);

  if (timeline.error instanceof ForbiddenError) return <Forbidden error={timeline.error} what="look up residents" />;
  const base = `/residents/${encodeURIComponent(key)}`;
  const entries = timeline.data?.entries ?? [];
  const cases = entries.filter((e): e is CaseEntry => e.kind === 'case');

  return (
    <>
      <span className="govuk-caption-l">Resident</span>
      <h1 className="govuk-heading-l">{timeline.isLoading ? 'Loading the resident…' : name}</h1>
      {timeline.error && <ErrorSummary errors={[{ field: '', message: errorInWords(timeline.error) }]} title="The resident could not be shown" />}
      {resident && (
        <SummaryList
          rows={[
            { key: 'Name', value: resident.name ?? 'Not given' },
            { key: 'Phone', value: resident.phone ?? 'Not given' },
            { key: 'Email', value: resident.email ?? 'Not given' },
            { key: 'Address', value: resident.address ?? 'Not given' },
          ]}
        />
      )}
      {timeline.data && (
        <>
          <SubNavigation
            label="Resident’s records"
            items={[
              { href: base, text: `Timeline (${entries.length})`, active: view === 'timeline' },
              { href: `${base}?view=cases`, text: `Cases (${cases.length})`, active: view === 'cases' },
            ]}
          />
          {view === 'timeline' ? (
            entries.length ? (
              <>
                <h2 className="govuk-heading-m">Every contact and case, newest first</h2>
                <Timeline
                  items={entries.map((entry, index) =>
                    entry.kind === 'contact' ? contactItem(entry, index) : caseItem(entry, index),
                  )}
                />
              </>
            ) : (
              <p className="govuk-body">No contacts recorded yet.</p>
            )
          ) : cases.length ? (
            <SortableTable<CaseEntry>
              caption="Cases"
              rows={cases}
              rowKey={(c) => c.reference}
              initialSort={{ key: 'due', direction: 'ascending' }}
              columns={[
                { key: 'reference', heading: 'Reference', render: (c) => <Link className="govuk-link" href={`/cases/${encodeURIComponent(c.reference)}`}>{c.reference}</Link>, sortValue: (c) => c.reference },
                { key: 'service', heading: 'Service', render: (c) => c.service.name, sortValue: (c) => c.service.name },
                { key: 'status', heading: 'Status', render: (c) => <Tag colour={statusColour(c.status)}>{statusName(c.status)}</Tag>, sortValue: (c) => c.status },
                { key: 'sla', heading: 'Service level', render: (c) => <Badge colour={slaColour(c.slaState)}>{SLA_NAMES[c.slaState]}</Badge>, sortValue: (c) => c.slaState },
                { key: 'due', heading: 'Due', render: (c) => formatDateTime(c.dueAt), sortValue: (c) => c.dueAt },
                { key: 'repeats', heading: 'Repeat contacts', render: (c) => c.repeatContacts, sortValue: (c) => c.repeatContacts, numeric: true },
              ]}
            />
          ) : (
            <p className="govuk-body">No cases.</p>
          )}
        </>
      )}
    </>
  );
}

function contactItem(entry: ContactEntry, index: number) {
  return {
    key: `contact-${entry.at}-${index}`,
    title: (
      <>
        {channelName(entry.channel)}: {entry.service.name}
      </>
    ),
    ...(entry.takenBy ? { byline: entry.takenBy } : {}),
    at: entry.at,
    atText: formatDateTime(entry.at),
    children: (
      <>
        <p className="govuk-body govuk-!-margin-bottom-2">
          <Tag colour={decisionColour(entry.decision)}>{decisionName(entry.decision)}</Tag>{' '}
          {entry.firstContactResolved && <Badge colour="green">Resolved at first contact</Badge>}{' '}
          {entry.repeatOf && <Badge colour="orange">Repeat contact</Badge>}
        </p>
        <p className="govuk-body app-quote">{entry.summary}</p>
        {(entry.reference || entry.repeatOf) && (
          <p className="govuk-body-s">
            Case <Link className="govuk-link" href={`/cases/${encodeURIComponent(entry.reference ?? entry.repeatOf!)}`}>{entry.reference ?? entry.repeatOf}</Link>
          </p>
        )}
        <FailureDemand contact={entry} />
      </>
    ),
  };
}

function caseItem(entry: CaseEntry, index: number) {
  return {
    key: `case-${entry.reference}-${index}`,
    title: (
      <>
        Case <Link className="govuk-link" href={`/cases/${encodeURIComponent(entry.reference)}`}>{entry.reference}</Link>: {entry.service.name}
      </>
    ),
    at: entry.at,
    atText: formatDateTime(entry.at),
    children: (
      <p className="govuk-body">
        <Tag colour={statusColour(entry.status)}>{statusName(entry.status)}</Tag>{' '}
        <Badge colour={slaColour(entry.slaState)}>{SLA_NAMES[entry.slaState]}</Badge> Due {formatDateTime(entry.dueAt)} · {priorityName(entry.priority)} priority
        {entry.repeatContacts > 0 && ` · ${entry.repeatContacts} repeat ${entry.repeatContacts === 1 ? 'contact' : 'contacts'}`}
      </p>
    ),
  };
}
