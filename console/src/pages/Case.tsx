// A case: its details, history as a timeline, the service-level clock (read again about every
// 30 seconds; working time on the council's business calendar, counted by the API), the
// resident's contact preference, and what an adviser may do to it. If someone else changed it
// first, the adviser is told so in words and sees it read again, with what they typed kept.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'wouter';
import { api, errorInWords, ForbiddenError, StaleVersionError } from '../api.ts';
import type { CaseAction, CaseActionName, CaseEvent, CaseView } from '../api-types.ts';
import { Button, ErrorSummary, NotificationBanner, Radios, Select, SummaryList, Tag, Textarea, type FieldError } from '../components/govuk.tsx';
import { Forbidden } from '../components/Forbidden.tsx';
import { TeamActions } from '../components/TeamActions.tsx';
import { OthersLooking } from '../components/Presence.tsx';
import { Badge, Timeline } from '../components/moj.tsx';
import { useDraft } from '../drafts.ts';
import {
  channelName,
  clockInWords,
  formatDateTime,
  formatTime,
  priorityName,
  SLA_NAMES,
  slaColour,
  statusColour,
  statusName,
  teamName,
} from '../format.ts';
import { usePage } from '../page.ts';
import { keys, useCase, useServices } from '../queries.ts';

const ACTION_WORDS: Record<string, string> = {
  opened: 'Case opened',
  accept: 'Accepted by the team',
  note: 'Note added',
  'await-resident': 'Waiting for the resident',
  resume: 'Work resumed',
  resolve: 'Resolved',
  reroute: 'Sent to another team',
  'return-to-csn': 'Returned to Customer Services',
  'return-to-team': 'Returned to a team',
  'further-contact': 'Further contact from the resident',
  warned: 'Marked at risk',
  breached: 'Marked as breached',
};

const DETAIL_WORDS: Record<string, string> = {
  note: 'Note',
  reason: 'Reason',
  outcome: 'Outcome',
  messageToResident: 'Told the resident',
  serviceId: 'Service',
  channel: 'Channel',
  dueAt: 'Due',
  warnAt: 'At risk from',
};

export default function CasePage() {
  const { reference = '' } = useParams<{ reference: string }>();
  const view = useCase(reference);
  usePage(`Case ${reference}`);
  const [done, setDone] = useState('');

  if (view.error instanceof ForbiddenError) return <Forbidden error={view.error} what="open this case" />;
  const data = view.data;

  return (
    <>
      <span className="govuk-caption-l">Case</span>
      <h1 className="govuk-heading-l">{reference}</h1>
      <OthersLooking reference={reference} />
      {done && <NotificationBanner success title="Done" heading={done} focusOnShow />}
      {view.isLoading && <p className="govuk-body">Loading the case…</p>}
      {view.error && !data && <ErrorSummary errors={[{ field: '', message: errorInWords(view.error) }]} title="The case could not be shown" />}
      {data && (
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds-from-desktop">
            <p className="govuk-body">
              <Tag colour={statusColour(data.case.status)}>{statusName(data.case.status)}</Tag> {priorityName(data.case.priority)} priority
            </p>
            <Clock view={data} refreshing={view.isFetching} />
            <h2 className="govuk-heading-m">Details</h2>
            <CaseDetails view={data} />
            <h2 className="govuk-heading-m">History</h2>
            <History events={data.events} opened={{ at: data.case.createdAt, channel: data.case.channel }} />
          </div>
          <div className="govuk-grid-column-one-third-from-desktop">
            {data.teamActions?.length > 0 && <TeamActions view={data} reference={reference} onDone={setDone} />}
            {(data.allowedActions.length > 0 || !data.teamActions?.length) && <Actions view={data} reference={reference} onDone={setDone} />}
          </div>
        </div>
      )}
    </>
  );
}

/** The service-level clock. Not a live region: it changes every 30 seconds and must not be read out each time. */
function Clock({ view, refreshing }: { view: CaseView; refreshing: boolean }) {
  const { clock } = view;
  return (
    <div className={`app-clock app-clock--${clock.state}`} data-testid="sla-clock">
      <h2 className="govuk-heading-s govuk-!-margin-bottom-1">
        Service level <Badge colour={slaColour(clock.state)}>{SLA_NAMES[clock.state]}</Badge>
      </h2>
      <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">{clockInWords(clock)}</p>
      <p className="govuk-body-s govuk-!-margin-bottom-0">
        Due by {formatDateTime(clock.dueAt)}; at risk from {formatDateTime(clock.warnAt)}. Working time, on the council’s opening hours. As of{' '}
        {formatTime(clock.asOf)}
        {refreshing ? ' (checking…)' : ''}.
      </p>
    </div>
  );
}

function CaseDetails({ view }: { view: CaseView }) {
  const c = view.case;
  const resident = [c.resident.name, c.resident.phone, c.resident.email, c.resident.address].filter(Boolean);
  const preference = view.contactPreference;
  return (
    <SummaryList
      rows={[
        { key: 'Service', value: c.serviceName },
        { key: 'Team', value: teamName(c.teamId) },
        { key: 'Came in by', value: `${channelName(c.channel)}, ${formatDateTime(c.createdAt)}` },
        { key: 'What the resident said', value: <span className="app-quote">{c.description}</span> },
        ...Object.entries(c.details ?? {}).map(([id, value]) => ({ key: id.replace(/-/g, ' ').replace(/^./, (ch) => ch.toUpperCase()), value })),
        {
          key: 'Resident',
          value: resident.length ? (
            <>
              {resident.map((line, i) => (
                <span className="app-line" key={i}>
                  {line}
                </span>
              ))}
              {c.customerKey && (
                <Link className="govuk-link" href={`/residents/${encodeURIComponent(c.customerKey)}`}>
                  Their timeline
                </Link>
              )}
            </>
          ) : (
            'Reported anonymously'
          ),
        },
        {
          key: 'Contact preference',
          value: preference.channel === 'none' ? 'No way to contact them' : `${preference.channel === 'sms' ? 'Text message' : 'Email'}${preference.to ? ` to ${preference.to}` : ''}`,
        },
        { key: 'Repeat contacts', value: String(c.repeatContacts) },
        {
          key: 'Why this service',
          value: (
            <ul className="govuk-list govuk-list--bullet govuk-!-margin-bottom-0">
              {c.routing.explanation.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
              {c.routing.modelVersion && <li className="govuk-body-s">Routed by routing version {c.routing.modelVersion}.</li>}
            </ul>
          ),
        },
      ]}
    />
  );
}

function History({ events, opened }: { events: CaseEvent[]; opened: { at: string; channel: string } }) {
  // The case's opening is in the case itself; the events are what happened after.
  const all: CaseEvent[] = events.some((e) => e.action === 'opened')
    ? events
    : [{ reference: '', version: 1, at: opened.at, by: channelName(opened.channel), action: 'opened', fromStatus: 'open', toStatus: 'open', detail: {} }, ...events];
  const newestFirst = [...all].reverse();
  return (
    <Timeline
      items={newestFirst.map((event) => ({
        key: `${event.version}-${event.action}-${event.at}`,
        title: ACTION_WORDS[event.action] ?? event.action,
        byline: event.team ? `${event.by} (${teamName(event.team)})` : event.by,
        at: event.at,
        atText: formatDateTime(event.at),
        children: (
          <>
            {event.fromStatus !== event.toStatus && (
              <p className="govuk-body-s govuk-!-margin-bottom-1">
                {statusName(event.fromStatus)} → {statusName(event.toStatus)}
              </p>
            )}
            {Object.entries(event.detail ?? {}).map(([name, value]) => (
              <p className="govuk-body govuk-!-margin-bottom-1" key={name}>
                <span className="govuk-!-font-weight-bold">{DETAIL_WORDS[name] ?? name}:</span>{' '}
                <span className="app-quote">{name === 'dueAt' || name === 'warnAt' ? formatDateTime(value) : name === 'channel' ? channelName(value) : value}</span>
              </p>
            ))}
          </>
        ),
      }))}
    />
  );
}

interface ActionDraft {
  action: '' | CaseActionName;
  note: string;
  channel: '' | 'phone' | 'face_to_face';
  serviceId: string;
  reason: string;
}

function Actions({ view, reference, onDone }: { view: CaseView; reference: string; onDone: (words: string) => void }) {
  const queryClient = useQueryClient();
  const allowed = view.allowedActions;
  const [draft, update, discard] = useDraft<ActionDraft>(`case:${reference}:action`, () => ({ action: '', note: '', channel: '', serviceId: '', reason: '' }));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [stale, setStale] = useState('');
  const services = useServices();
  const act = useMutation({
    mutationFn: (body: CaseAction) => api<{ case: unknown }>(`/api/console/cases/${encodeURIComponent(reference)}/actions`, { method: 'POST', body }),
    onSuccess: async (_, body) => {
      discard();
      setErrors([]);
      setStale('');
      onDone(body.action === 'note' ? 'The note was added.' : body.action === 'further-contact' ? 'The further contact was recorded.' : 'The case was returned to the team.');
      await queryClient.invalidateQueries({ queryKey: keys.case(reference) });
    },
    onError: async (error) => {
      if (error instanceof StaleVersionError) {
        setErrors([]);
        setStale(error.message);
        await queryClient.invalidateQueries({ queryKey: keys.case(reference) });
        return;
      }
      setStale('');
      setErrors([{ field: '', message: errorInWords(error) }]);
    },
  });

  if (!allowed.length) {
    return (
      <>
        <h2 className="govuk-heading-m">What you can do</h2>
        <p className="govuk-body">Nothing: the case is {statusName(view.case.status).toLowerCase()}.</p>
      </>
    );
  }

  const action = draft.action || allowed[0]!;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldError[] = [];
    if (action === 'note' && !draft.note.trim()) found.push({ field: 'action-note', message: 'Enter the note' });
    if (action === 'further-contact') {
      if (!draft.channel) found.push({ field: 'action-channel', message: 'Choose how the resident got in touch' });
      if (!draft.note.trim()) found.push({ field: 'action-note', message: 'Enter what the resident said' });
    }
    if (action === 'return-to-team' && !draft.reason.trim()) found.push({ field: 'action-reason', message: 'Say why it goes back to the team' });
    setErrors(found);
    if (found.length) return;
    const version = view.case.version;
    const body: CaseAction =
      action === 'note'
        ? { version, action, note: draft.note.trim() }
        : action === 'further-contact'
          ? { version, action, channel: draft.channel as 'phone' | 'face_to_face', note: draft.note.trim() }
          : { version, action: 'return-to-team', reason: draft.reason.trim(), ...(draft.serviceId ? { serviceId: draft.serviceId } : {}) };
    act.mutate(body);
  };

  const labels: Record<CaseActionName, string> = { note: 'Add a note', 'further-contact': 'Record a further contact', 'return-to-team': 'Return it to a team' };
  return (
    <div className="app-actions">
      <h2 className="govuk-heading-m">What you can do</h2>
      {stale && (
        <NotificationBanner title="Someone else changed this case" focusOnShow>
          <p className="govuk-body">{stale}</p>
          <p className="govuk-body">It has been read again: check what changed, then send again. What you typed is kept.</p>
        </NotificationBanner>
      )}
      <ErrorSummary errors={errors} />
      <form onSubmit={submit} noValidate>
        <Radios
          id="action"
          legend="Choose what to do"
          small
          value={action}
          onChange={(chosen) => update({ action: chosen as CaseActionName })}
          items={allowed.map((a) => ({ value: a, label: labels[a] ?? a }))}
        />
        {action === 'further-contact' && (
          <Radios
            id="action-channel"
            legend="How did they get in touch?"
            small
            inline
            error={errors.find((e) => e.field === 'action-channel')?.message}
            value={draft.channel}
            onChange={(channel) => update({ channel: channel as ActionDraft['channel'] })}
            items={[
              { value: 'phone', label: 'Phone' },
              { value: 'face_to_face', label: 'Face to face' },
            ]}
          />
        )}
        {(action === 'note' || action === 'further-contact') && (
          <Textarea
            id="action-note"
            label={action === 'note' ? 'Note' : 'What they said'}
            hint={action === 'further-contact' ? 'Counted as a repeat contact about this case' : undefined}
            rows={4}
            error={errors.find((e) => e.field === 'action-note')?.message}
            value={draft.note}
            onChange={(note) => update({ note })}
          />
        )}
        {action === 'return-to-team' && (
          <>
            <Select
              id="action-service"
              label="Service"
              value={draft.serviceId || view.case.serviceId}
              onChange={(serviceId) => update({ serviceId: serviceId === view.case.serviceId ? '' : serviceId })}
              options={(services.data ?? [{ id: view.case.serviceId, name: view.case.serviceName }])
                .map((s) => ({ value: s.id, label: s.name }))
                .sort((a, b) => a.label.localeCompare(b.label, 'en-GB'))}
            />
            <Textarea
              id="action-reason"
              label="Why it goes back"
              rows={3}
              error={errors.find((e) => e.field === 'action-reason')?.message}
              value={draft.reason}
              onChange={(reason) => update({ reason })}
            />
          </>
        )}
        <Button disabled={act.isPending}>{act.isPending ? 'Sending…' : labels[action]}</Button>
      </form>
    </div>
  );
}
