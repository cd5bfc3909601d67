// Failure demand on a contact (the feed and a resident's timeline): what it counts as ("Failure
// demand: chasing (marked by amara.okafor)", "Failure demand: a repeat (the platform)"), and for an
// adviser a small form in a disclosure to mark it, change the kind or clear a mark made in error.
// The answer is said in words in a status message; a refusal in an error message. `compact` (in a
// table's cell) leaves out what each kind means.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { api, errorInWords } from '../api.ts';
import type { Channel, FailureDemandMark, FailureKind, MarkRequest, MarkResult } from '../api-types.ts';
import { FAILURE_KIND_WORDS, FAILURE_KINDS } from '../failure-demand.ts';
import { useMe, keys } from '../queries.ts';
import { Button, Radios } from './govuk.tsx';

export interface MarkableContact {
  channel: Channel;
  providerId: string;
  failureDemand?: FailureDemandMark | undefined;
  countedAsRepeat: boolean;
}

/** What the contact counts as, in words; undefined for value demand. */
export function failureDemandInWords(mark: FailureDemandMark | undefined | null, countedAsRepeat: boolean): string | undefined {
  if (mark) return `Failure demand: ${FAILURE_KIND_WORDS[mark.kind].name} (marked by ${mark.by})`;
  if (countedAsRepeat) return 'Failure demand: a repeat (the platform)';
  return undefined;
}

const CLEAR = 'clear';
const capitalised = (text: string) => text[0]!.toUpperCase() + text.slice(1);

/** The contact's failure demand, and for an adviser (or manager) the control to mark it. */
export function FailureDemand({ contact, compact }: { contact: MarkableContact; compact?: boolean }) {
  const me = useMe();
  const queryClient = useQueryClient();
  const id = `failure-${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  const [choice, setChoice] = useState<string>(contact.failureDemand?.kind ?? '');
  const [problem, setProblem] = useState<string | undefined>();
  const [saved, setSaved] = useState<MarkResult | undefined>();
  const mark = useMutation({
    mutationFn: (body: MarkRequest) => api<MarkResult>('/api/console/contacts/failure-demand', { method: 'PUT', body }),
    onSuccess: (result) => {
      setSaved(result);
      setChoice(result.failureDemand?.kind ?? '');
      setProblem(undefined);
      void queryClient.invalidateQueries({ queryKey: keys.feed });
      void queryClient.invalidateQueries({ queryKey: ['timeline'] });
    },
    onError: (error) => setProblem(errorInWords(error)),
  });
  // What the contact counts as: the answer to this page's own mark until the list is read again.
  const current = saved && saved.providerId === contact.providerId ? (saved.failureDemand ?? undefined) : contact.failureDemand;
  const words = failureDemandInWords(current, contact.countedAsRepeat);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (mark.isPending) return;
    if (!choice) {
      setProblem('Choose what the resident is doing, or clear the mark');
      return;
    }
    mark.mutate({ channel: contact.channel, providerId: contact.providerId, kind: choice === CLEAR ? null : (choice as FailureKind) });
  }

  return (
    <div className="app-failure-demand">
      {words && <p className="govuk-body-s govuk-!-margin-bottom-1 app-failure-demand__status">{words}</p>}
      {me.data?.roles.adviser && (
        <details className="govuk-details govuk-!-margin-bottom-1 app-no-print">
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">{current ? 'Change the failure demand mark' : contact.countedAsRepeat ? 'Say what kind of failure demand' : 'Mark as failure demand'}</span>
          </summary>
          <div className="govuk-details__text">
            <form onSubmit={submit} noValidate>
              <Radios
                id={id}
                legend="What is the resident doing?"
                small
                error={problem}
                value={choice}
                onChange={(value) => {
                  setChoice(value);
                  setProblem(undefined);
                }}
                items={[
                  ...FAILURE_KINDS.map((kind) => ({
                    value: kind,
                    label: capitalised(FAILURE_KIND_WORDS[kind].name),
                    ...(compact ? {} : { hint: capitalised(FAILURE_KIND_WORDS[kind].meaning) }),
                  })),
                  ...(current ? [{ value: CLEAR, label: compact ? 'Clear the mark' : 'Not failure demand: clear the mark', ...(compact ? {} : { hint: 'It was marked in error' }) }] : []),
                ]}
              />
              <Button variant="secondary" className="govuk-!-margin-bottom-0" disabled={mark.isPending} aria-disabled={mark.isPending}>
                {mark.isPending ? 'Saving…' : 'Save the mark'}
              </Button>
            </form>
          </div>
        </details>
      )}
      <div role="status" className="govuk-body-s govuk-!-margin-bottom-0">
        {saved && saved.providerId === contact.providerId ? saved.message : ''}
      </div>
    </div>
  );
}
