// What a member of the case's team can do to it from the case page: the team's lifecycle actions
// its status allows (the API's teamActions): accept it; add a note; wait for the resident (saying
// what the team needs from them; the clock pauses); resume; resolve, with the outcome and the
// message the resident is sent (by text or email, as they prefer; 600 characters at most); send it
// to another service, with a reason; or return it to the Customer Service Network, with a reason.
// Each form is checked before it is sent, kept as a draft while it is typed, and confirmed after.
// If someone else changed the case first, the person is told so in words and sees it read again,
// with what they typed kept. A case that leaves their team (rerouted or returned) takes them back
// to their worklist, with the confirmation there.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import { api, ApiError, errorInWords, StaleVersionError } from '../api.ts';
import type { CaseRecord, CaseView, TeamAction, TeamActionName } from '../api-types.ts';
import { useDraft } from '../drafts.ts';
import { teamName } from '../format.ts';
import { keys, useMe, useServices } from '../queries.ts';
import { CharacterCount } from './CharacterCount.tsx';
import { Button, ErrorSummary, NotificationBanner, Radios, Select, Textarea, type FieldError } from './govuk.tsx';

/** The longest text the API takes in each field (shared/domain/case-lifecycle.ts). */
export const LIMITS = { note: 2000, outcome: 2000, messageToResident: 600, reason: 1000 } as const;

/** The history state the worklist reads a confirmation from, when a case has left the team. */
export interface WorklistFlash {
  done?: string;
}

interface Draft {
  action: '' | TeamActionName;
  note: string;
  outcome: string;
  message: string;
  serviceId: string;
  reason: string;
}

const LABELS: Record<TeamActionName, { choice: string; hint?: string; button: string }> = {
  accept: { choice: 'Accept it', hint: 'Your team has it and is working on it', button: 'Accept the case' },
  note: { choice: 'Add a note', hint: 'For your team and advisers; the resident is not sent it', button: 'Add the note' },
  'await-resident': { choice: 'Wait for the resident', hint: 'The service-level clock stops until you resume', button: 'Wait for the resident' },
  resume: { choice: 'Resume work', hint: 'The service-level clock starts again', button: 'Resume work' },
  resolve: { choice: 'Resolve it', hint: 'The resident is sent your message', button: 'Resolve the case' },
  reroute: { choice: 'Send it to another service', hint: 'Its team gets it with a new service level', button: 'Send it to that service' },
  'return-to-csn': { choice: 'Return it to the Customer Service Network', hint: 'An adviser picks it up', button: 'Return it to customer services' },
};

/** The API's field names, as the ids of the fields on this form. */
const FIELD_IDS: Record<string, string> = {
  note: 'team-note',
  outcome: 'team-outcome',
  messageToResident: 'team-message',
  serviceId: 'team-service',
  reason: 'team-reason',
};

const empty = (): Draft => ({ action: '', note: '', outcome: '', message: '', serviceId: '', reason: '' });

/** How the resident will hear the message, from the case's contact preference. */
function sentHow(view: CaseView): string {
  const { channel, to } = view.contactPreference;
  if (channel === 'sms') return `We will text this to the resident${to ? ` (${to})` : ''}, and ask them by text how we did.`;
  if (channel === 'email') return `We will email this to the resident${to ? ` (${to})` : ''}.`;
  return 'The resident left no phone number or email address, so this is not sent; it is kept with the case.';
}

/** Checks the form before it is sent: what is missing or too long, by field. */
export function problemsWith(action: TeamActionName, draft: Draft, currentServiceId: string): FieldError[] {
  const found: FieldError[] = [];
  const need = (value: string, field: string, missing: string, max: number, what: string) => {
    if (!value.trim()) found.push({ field, message: missing });
    else if (value.trim().length > max) found.push({ field, message: `${what} must be ${max} characters or fewer` });
  };
  if (action === 'note') need(draft.note, 'team-note', 'Enter the note', LIMITS.note, 'The note');
  if (action === 'await-resident') need(draft.note, 'team-note', 'Say what your team needs from the resident', LIMITS.note, 'What you need');
  if (action === 'resume' && draft.note.trim().length > LIMITS.note) found.push({ field: 'team-note', message: `The note must be ${LIMITS.note} characters or fewer` });
  if (action === 'resolve') {
    need(draft.outcome, 'team-outcome', 'Enter what was done', LIMITS.outcome, 'What was done');
    need(draft.message, 'team-message', 'Enter the message to the resident', LIMITS.messageToResident, 'The message to the resident');
  }
  if (action === 'reroute') {
    if (!draft.serviceId) found.push({ field: 'team-service', message: 'Choose the service to send it to' });
    else if (draft.serviceId === currentServiceId) found.push({ field: 'team-service', message: 'Choose another service: the case is already with this one' });
    need(draft.reason, 'team-reason', 'Say why it goes to that service', LIMITS.reason, 'The reason');
  }
  if (action === 'return-to-csn') need(draft.reason, 'team-reason', 'Say why it goes back to customer services', LIMITS.reason, 'The reason');
  return found;
}

function bodyOf(action: TeamActionName, draft: Draft, version: number): TeamAction {
  switch (action) {
    case 'accept':
      return { version, action };
    case 'note':
    case 'await-resident':
      return { version, action, note: draft.note.trim() };
    case 'resume':
      return { version, action, ...(draft.note.trim() ? { note: draft.note.trim() } : {}) };
    case 'resolve':
      return { version, action, outcome: draft.outcome.trim(), messageToResident: draft.message.trim() };
    case 'reroute':
      return { version, action, serviceId: draft.serviceId, reason: draft.reason.trim() };
    case 'return-to-csn':
      return { version, action, reason: draft.reason.trim() };
  }
}

export function TeamActions({ view, reference, onDone }: { view: CaseView; reference: string; onDone: (words: string) => void }) {
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const me = useMe();
  const allowed = view.teamActions;
  const [draft, update, discard] = useDraft<Draft>(`case:${reference}:team-action`, empty);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [stale, setStale] = useState('');
  const services = useServices();

  const act = useMutation({
    mutationFn: (body: TeamAction) => api<{ case: CaseRecord }>(`/api/console/cases/${encodeURIComponent(reference)}/team-actions`, { method: 'POST', body }),
    onSuccess: async (answer, body) => {
      discard();
      setErrors([]);
      setStale('');
      const words = doneWords(body, answer.case);
      await queryClient.invalidateQueries({ queryKey: ['worklist'] });
      const roles = me.data?.roles;
      const stillOurs = roles ? roles.adviser || roles.teams.includes(answer.case.teamId) : answer.case.teamId === view.case.teamId;
      if (!stillOurs) {
        // The case has left this person's team: they may no longer open it.
        queryClient.removeQueries({ queryKey: keys.case(reference) });
        navigate(`/worklist?team=${encodeURIComponent(view.case.teamId)}`, { state: { done: words } satisfies WorklistFlash });
        return;
      }
      onDone(words);
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
      const problems = error instanceof ApiError ? error.problems : [];
      setErrors(
        problems.length
          ? problems.map((p) => ({ field: FIELD_IDS[p.field] ?? '', message: p.message }))
          : [{ field: '', message: errorInWords(error) }],
      );
    },
  });

  const doneWords = (body: TeamAction, after: CaseRecord): string => {
    switch (body.action) {
      case 'accept':
        return 'You accepted the case.';
      case 'note':
        return 'Your note was added.';
      case 'await-resident':
        return 'The case is waiting for the resident: its service-level clock is paused until you resume.';
      case 'resume':
        return 'Work on the case has resumed: its service-level clock is running again.';
      case 'resolve': {
        const { channel } = view.contactPreference;
        return `The case is resolved.${channel === 'sms' ? ' The resident will be sent your message by text.' : channel === 'email' ? ' The resident will be sent your message by email.' : ''}`;
      }
      case 'reroute':
        return `Case ${reference} is now with ${teamName(after.teamId)}, as ‘${after.serviceName}’.`;
      case 'return-to-csn':
        return `Case ${reference} was returned to the Customer Service Network.`;
    }
  };

  const serviceGroups = useMemo(() => {
    const byTeam = new Map<string, Array<{ value: string; label: string }>>();
    for (const service of services.data ?? []) {
      if (service.id === view.case.serviceId) continue;
      const label = teamName(service.teamId);
      byTeam.set(label, [...(byTeam.get(label) ?? []), { value: service.id, label: service.name }]);
    }
    return [...byTeam.entries()]
      .sort(([a], [b]) => a.localeCompare(b, 'en-GB'))
      .map(([label, options]) => ({ label, options: options.sort((a, b) => a.label.localeCompare(b.label, 'en-GB')) }));
  }, [services.data, view.case.serviceId]);

  // The case page shows this only when the API offers the team's actions.
  if (!allowed.length) return null;

  const action = draft.action && allowed.includes(draft.action) ? draft.action : allowed[0]!;
  const errorFor = (field: string) => errors.find((e) => e.field === field)?.message;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = problemsWith(action, draft, view.case.serviceId);
    setErrors(found);
    if (found.length) return;
    act.mutate(bodyOf(action, draft, view.case.version));
  };

  return (
    <div className="app-actions" data-testid="team-actions">
      <h2 className="govuk-heading-m">What your team can do</h2>
      {stale && (
        <NotificationBanner title="Someone else changed this case" focusOnShow>
          <p className="govuk-body">{stale}</p>
          <p className="govuk-body">It has been read again: check what changed, then send again. What you typed is kept.</p>
        </NotificationBanner>
      )}
      <ErrorSummary errors={errors} />
      <form onSubmit={submit} noValidate>
        <Radios
          id="team-action"
          legend="Choose what to do"
          small
          value={action}
          onChange={(chosen) => update({ action: chosen as TeamActionName })}
          items={allowed.map((a) => ({ value: a, label: LABELS[a].choice, hint: LABELS[a].hint }))}
        />
        {(action === 'note' || action === 'await-resident' || action === 'resume') && (
          <Textarea
            id="team-note"
            label={action === 'await-resident' ? 'What does your team need from the resident?' : action === 'resume' ? 'Note (optional)' : 'Note'}
            hint={action === 'await-resident' ? 'Kept with the case. The resident is not sent this: ask them yourself, by phone, text or email.' : undefined}
            rows={4}
            error={errorFor('team-note')}
            value={draft.note}
            onChange={(note) => update({ note })}
          />
        )}
        {action === 'resolve' && (
          <>
            <Textarea
              id="team-outcome"
              label="What was done"
              hint="For your team and advisers; the resident is not sent this"
              rows={3}
              error={errorFor('team-outcome')}
              value={draft.outcome}
              onChange={(outcome) => update({ outcome })}
            />
            <CharacterCount
              id="team-message"
              label="Message to the resident"
              hint={sentHow(view)}
              maxLength={LIMITS.messageToResident}
              rows={4}
              error={errorFor('team-message')}
              value={draft.message}
              onChange={(message) => update({ message })}
            />
          </>
        )}
        {action === 'reroute' && (
          <>
            <Select
              id="team-service"
              label="Service to send it to"
              hint={`Now: ${view.case.serviceName}. Grouped by the team that would get it.`}
              error={errorFor('team-service')}
              value={draft.serviceId}
              onChange={(serviceId) => update({ serviceId })}
              options={[{ value: '', label: services.isLoading ? 'Loading the services…' : 'Choose a service' }]}
              groups={serviceGroups}
            />
            <Textarea
              id="team-reason"
              label="Why it goes to that service"
              hint="The new team sees this. The resident is told who has it now."
              rows={3}
              error={errorFor('team-reason')}
              value={draft.reason}
              onChange={(reason) => update({ reason })}
            />
          </>
        )}
        {action === 'return-to-csn' && (
          <Textarea
            id="team-reason"
            label="Why it goes back to customer services"
            hint="For example, what the adviser should ask the resident"
            rows={3}
            error={errorFor('team-reason')}
            value={draft.reason}
            onChange={(reason) => update({ reason })}
          />
        )}
        <Button disabled={act.isPending}>{act.isPending ? 'Sending…' : LABELS[action].button}</Button>
      </form>
    </div>
  );
}
