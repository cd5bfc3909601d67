// Performance, for managers only (the API answers 403 to anyone else, and this page says so).
// A minimal view for now: the charts come with issue 10.
import { useQuery } from '@tanstack/react-query';
import { api, errorInWords, ForbiddenError } from '../api.ts';
import type { MeasuresReport } from '../api-types.ts';
import { ErrorSummary, SummaryList } from '../components/govuk.tsx';
import { Forbidden } from '../components/Forbidden.tsx';
import { SortableTable } from '../components/moj.tsx';
import { formatDate, percent } from '../format.ts';
import { usePage } from '../page.ts';

export default function Performance() {
  usePage('Performance');
  const report = useQuery({ queryKey: ['measures'], queryFn: () => api<MeasuresReport>('/api/console/measures') });
  if (report.error instanceof ForbiddenError) return <Forbidden error={report.error} what="see the managers’ measures" />;
  const data = report.data;
  return (
    <>
      <h1 className="govuk-heading-l">Performance</h1>
      {report.isLoading && <p className="govuk-body">Loading the measures…</p>}
      {report.error && <ErrorSummary errors={[{ field: '', message: errorInWords(report.error) }]} title="The measures could not be read" />}
      {data && (
        <>
          <p className="govuk-body">
            From {formatDate(data.from)} to {formatDate(data.to)}.
          </p>
          <SummaryList
            rows={[
              { key: 'Contacts', value: String(data.totals.contacts) },
              { key: 'Resolved at first contact', value: percent(data.totals.firstContactResolutionRate) },
              { key: 'Repeat contacts (failure demand)', value: percent(data.totals.repeatContactShare) },
              { key: 'Cases opened', value: String(data.totals.casesOpened) },
              { key: 'Cases resolved within their service level', value: data.totals.slaMetPercent === null ? '–' : `${Math.round(data.totals.slaMetPercent)}%` },
              { key: 'Cases open now', value: `${data.current.totals.open} (${data.current.totals.atRisk} at risk, ${data.current.totals.breached} breached)` },
            ]}
          />
          <SortableTable<MeasuresReport['groups'][number]>
            caption={`By ${data.by}`}
            rows={data.groups}
            rowKey={(g) => g.key}
            columns={[
              { key: 'key', heading: data.by === 'day' ? 'Day' : 'Group', render: (g) => g.key, sortValue: (g) => g.key },
              { key: 'contacts', heading: 'Contacts', render: (g) => g.contacts, sortValue: (g) => g.contacts, numeric: true },
              { key: 'fcr', heading: 'First contact resolution', render: (g) => percent(g.firstContactResolutionRate), sortValue: (g) => g.firstContactResolutionRate ?? -1, numeric: true },
              { key: 'repeat', heading: 'Repeat share', render: (g) => percent(g.repeatContactShare), sortValue: (g) => g.repeatContactShare ?? -1, numeric: true },
              { key: 'opened', heading: 'Cases opened', render: (g) => g.casesOpened, sortValue: (g) => g.casesOpened, numeric: true },
              { key: 'breached', heading: 'Breached', render: (g) => g.slaBreached, sortValue: (g) => g.slaBreached, numeric: true },
            ]}
          />
        </>
      )}
    </>
  );
}
