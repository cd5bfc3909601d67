// Now: the latest contacts across every channel and what routing did with them, read again every
// 10 seconds without reloading the page (paused while the tab is hidden). New rows are not read
// out: the adviser looks when they choose to.
import { useMemo } from 'react';
import { Link } from 'wouter';
import { errorInWords, ForbiddenError } from '../api.ts';
import type { FeedEntry } from '../api-types.ts';
import { FailureDemand } from '../components/FailureDemand.tsx';
import { Checkboxes, ErrorSummary, Tag } from '../components/govuk.tsx';
import { Forbidden } from '../components/Forbidden.tsx';
import { FilterLayout, SortableTable } from '../components/moj.tsx';
import { useDraft } from '../drafts.ts';
import { CHANNEL_NAMES, channelName, DECISION_NAMES, decisionColour, decisionName, formatTime, formatWhen } from '../format.ts';
import { usePage } from '../page.ts';
import { useFeed } from '../queries.ts';

export default function Now() {
  usePage('Now');
  const feed = useFeed();
  const [filter, update] = useDraft<{ channels: string[]; decisions: string[] }>('now:filter', () => ({ channels: [], decisions: [] }));
  const entries = feed.data?.entries;
  const shown = useMemo(
    () =>
      (entries ?? []).filter(
        (e) => (!filter.channels.length || filter.channels.includes(e.channel)) && (!filter.decisions.length || filter.decisions.includes(e.decision)),
      ),
    [entries, filter],
  );

  if (feed.error instanceof ForbiddenError) return <Forbidden error={feed.error} what="see the live feed" />;

  return (
    <>
      <h1 className="govuk-heading-l">Now</h1>
      <p className="govuk-body">
        The latest contacts on every channel, newest first.{' '}
        {feed.data && (
          <span className="govuk-hint">
            Updated at {formatTime(feed.data.asOf)}; refreshed every 10 seconds while this tab is open.
          </span>
        )}
      </p>
      {feed.error && <ErrorSummary errors={[{ field: '', message: errorInWords(feed.error) }]} title="The feed could not be read" />}
      <FilterLayout
        filter={
          <>
            <Checkboxes
              id="filter-channel"
              legend="Channel"
              items={Object.entries(CHANNEL_NAMES).map(([value, label]) => ({ value, label }))}
              values={filter.channels}
              onChange={(channels) => update({ channels })}
            />
            <Checkboxes
              id="filter-decision"
              legend="Decision"
              items={Object.entries(DECISION_NAMES).map(([value, label]) => ({ value, label }))}
              values={filter.decisions}
              onChange={(decisions) => update({ decisions })}
            />
            {(filter.channels.length > 0 || filter.decisions.length > 0) && (
              <button type="button" className="govuk-button govuk-button--secondary" onClick={() => update({ channels: [], decisions: [] })}>
                Clear filters
              </button>
            )}
          </>
        }
      >
        {feed.isLoading && <p className="govuk-body">Loading the feed…</p>}
        {entries && (
          <SortableTable<FeedEntry>
            caption={`${shown.length} of ${entries.length} contacts`}
            rows={shown}
            rowKey={(e) => `${e.channel}#${e.providerId}`}
            initialSort={{ key: 'at', direction: 'descending' }}
            columns={[
              { key: 'at', heading: 'When', render: (e) => formatWhen(e.at), sortValue: (e) => e.at },
              { key: 'channel', heading: 'Channel', render: (e) => channelName(e.channel), sortValue: (e) => channelName(e.channel) },
              {
                key: 'decision',
                heading: 'Decision',
                render: (e) => <Tag colour={decisionColour(e.decision)}>{decisionName(e.decision)}</Tag>,
                sortValue: (e) => e.decision,
              },
              { key: 'service', heading: 'Service', render: (e) => e.service.name, sortValue: (e) => e.service.name },
              {
                key: 'summary',
                heading: 'What they said',
                render: (e) => (
                  <>
                    <span className="app-quote">{e.summary}</span>
                    <FailureDemand contact={e} compact />
                  </>
                ),
              },
              {
                key: 'case',
                heading: 'Case',
                render: (e) =>
                  e.reference || e.repeatOf ? (
                    <>
                      <Link className="govuk-link app-nowrap" href={`/cases/${encodeURIComponent(e.reference ?? e.repeatOf!)}`}>{e.reference ?? e.repeatOf}</Link>
                      {e.repeatOf && <span className="govuk-body-s app-line">Repeat</span>}
                    </>
                  ) : e.firstContactResolved ? (
                    'Resolved'
                  ) : (
                    ''
                  ),
              },
            ]}
          />
        )}
      </FilterLayout>
    </>
  );
}
