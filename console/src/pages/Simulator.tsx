// The resident simulator (local stack only): play a resident who texts the council or calls it.
// Texts and calls go to the real Twilio webhooks through the gateway's /_local/simulator routes,
// which sign them on the server; no secret reaches the browser. Needs no sign-in.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useParams } from 'wouter';
import { Button, ErrorSummary, TextInput, WarningText } from '../components/govuk.tsx';
import { SubNavigation } from '../components/moj.tsx';
import { useDraft } from '../drafts.ts';
import { describeFailure } from '../api.ts';
import { formatDateTime } from '../format.ts';
import { usePage } from '../page.ts';

interface ThreadMessage {
  direction: 'in' | 'out';
  body: string;
  at: string;
  kind: 'text' | 'reply' | 'notification';
}

interface CallStep {
  say: string[];
  gather?: { input: Array<'speech' | 'dtmf'>; numDigits?: number; hints?: string };
  transfer?: { to: string };
  ended: boolean;
}

class SimulatorError extends Error {}

async function simulator<T>(path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/_local/simulator/${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new SimulatorError('The simulator could not reach the local stack. Is `npm start` still running?');
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) throw new SimulatorError(describeFailure(response.status, parsed));
  return parsed as T;
}

const DEFAULT_PHONE = '07700 900456';
const looksLikeMobile = (value: string) => value.replace(/\D/g, '').length >= 10;

export default function Simulator() {
  const { view } = useParams<{ view?: string }>();
  const onCall = view === 'call';
  usePage(onCall ? 'Resident simulator: phone call' : 'Resident simulator: text messages');
  const [phone, update] = useDraft<{ number: string }>('simulator:phone', () => ({ number: DEFAULT_PHONE }));

  return (
    <>
      <span className="govuk-caption-l">Local only</span>
      <h1 className="govuk-heading-l">Resident simulator</h1>
      <p className="govuk-body">
        Play a resident: text the council or call it. What you send goes to the real SMS and phone webhooks, signed on the server as Twilio signs them.
        Then find the resident in the console by their phone number.
      </p>
      <TextInput
        id="sim-phone"
        label="Your mobile number (as the resident)"
        hint="Any spelling of a UK mobile number; the 07700 900xxx range is set aside for drama and tests"
        type="tel"
        width="20"
        value={phone.number}
        onChange={(number) => update({ number })}
      />
      <SubNavigation
        label="Simulator"
        items={[
          { href: '/simulator', text: 'Text messages', active: !onCall },
          { href: '/simulator/call', text: 'Phone call', active: onCall },
        ]}
      />
      {onCall ? <PhoneCall phone={phone.number} /> : <TextThread phone={phone.number} />}
    </>
  );
}

function TextThread({ phone }: { phone: string }) {
  const queryClient = useQueryClient();
  const [message, update, discard] = useDraft<{ body: string }>('simulator:sms', () => ({ body: '' }));
  const [problem, setProblem] = useState('');
  const [sending, setSending] = useState(false);
  const valid = looksLikeMobile(phone);
  const thread = useQuery({
    queryKey: ['simulator-sms', phone],
    queryFn: () => simulator<{ phone: string; thread: ThreadMessage[] }>(`sms?phone=${encodeURIComponent(phone)}`),
    enabled: valid,
    refetchInterval: 3000,
    retry: false,
  });

  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (!valid) return setProblem('Enter your mobile number first, like 07700 900456');
    if (!message.body.trim()) return setProblem('Write a message to send');
    setProblem('');
    setSending(true);
    try {
      await simulator<{ reply: string | null }>('sms', { from: phone, body: message.body.trim() });
      discard();
      await queryClient.invalidateQueries({ queryKey: ['simulator-sms', phone] });
    } catch (error) {
      setProblem(error instanceof Error ? error.message : 'The text was not sent.');
    } finally {
      setSending(false);
    }
  };

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds-from-desktop">
        <h2 className="govuk-heading-m">Text the council</h2>
        <div className="app-phone">
          <ol className="app-thread" aria-label="Conversation" aria-live="polite">
            {(thread.data?.thread ?? []).map((m, i) => (
              <li className={`app-thread__message app-thread__message--${m.direction}`} key={`${m.at}-${i}`}>
                <span className="govuk-visually-hidden">{m.direction === 'in' ? 'You: ' : 'The council: '}</span>
                <span className="app-thread__body">{m.body}</span>
                <span className="app-thread__meta">
                  {formatDateTime(m.at)}
                  {m.kind === 'notification' ? ' · later message' : ''}
                </span>
              </li>
            ))}
          </ol>
          {valid && thread.data && thread.data.thread.length === 0 && <p className="govuk-body app-thread__empty">No messages yet. Say what you need.</p>}
          {thread.error && <p className="govuk-error-message">{thread.error.message}</p>}
        </div>
        <ErrorSummary errors={problem ? [{ field: 'sim-message', message: problem }] : []} />
        <form onSubmit={send} noValidate>
          <div className="govuk-form-group">
            <label className="govuk-label govuk-label--s" htmlFor="sim-message">
              Your message
            </label>
            <textarea className="govuk-textarea" id="sim-message" name="sim-message" rows={2} value={message.body} onChange={(e) => update({ body: e.target.value })} />
          </div>
          <Button disabled={sending}>{sending ? 'Sending…' : 'Send text'}</Button>
        </form>
      </div>
    </div>
  );
}

interface Turn {
  who: 'council' | 'you';
  words: string;
}

function PhoneCall({ phone }: { phone: string }) {
  const [call, setCall] = useState<{ id: string; step: CallStep } | null>(null);
  const [turns, setTurns] = useState<Turn[]>([]);
  const [speech, setSpeech] = useState('');
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);

  const heard = (step: CallStep) => {
    setTurns((current) => [
      ...current,
      ...step.say.map((words) => ({ who: 'council' as const, words })),
      ...(step.transfer ? [{ who: 'council' as const, words: `(You are put through to an adviser on ${step.transfer.to}.)` }] : []),
      ...(step.ended ? [{ who: 'council' as const, words: '(The call has ended.)' }] : []),
    ]);
  };

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setProblem('');
    try {
      await work();
    } catch (error) {
      setProblem(error instanceof Error ? error.message : 'The call failed.');
    } finally {
      setBusy(false);
    }
  };

  const start = () =>
    run(async () => {
      if (!looksLikeMobile(phone)) throw new SimulatorError('Enter your mobile number first, like 07700 900456');
      setTurns([]);
      const answer = await simulator<{ callId: string; step: CallStep }>('calls', { from: phone });
      setCall({ id: answer.callId, step: answer.step });
      heard(answer.step);
    });

  const respond = (input: { speech?: string; digits?: string }) =>
    run(async () => {
      if (!call) return;
      setTurns((current) => [
        ...current,
        { who: 'you', words: input.speech ? input.speech : input.digits ? `(pressed ${input.digits})` : '(said nothing)' },
      ]);
      const answer = await simulator<{ step: CallStep }>(`calls/${encodeURIComponent(call.id)}`, input);
      setCall({ id: call.id, step: answer.step });
      setSpeech('');
      heard(answer.step);
    });

  const step = call?.step;
  const live = Boolean(call && step && !step.ended);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds-from-desktop">
        <h2 className="govuk-heading-m">Call the council</h2>
        <ErrorSummary errors={problem ? [{ field: '', message: problem }] : []} />
        <div className="app-phone">
          <ol className="app-call" aria-label="The call" aria-live="polite">
            {turns.map((turn, i) => (
              <li className={`app-call__turn app-call__turn--${turn.who}`} key={i}>
                <span className="govuk-!-font-weight-bold">{turn.who === 'council' ? 'Council: ' : 'You: '}</span>
                {turn.words}
              </li>
            ))}
          </ol>
          {!call && <p className="govuk-body">Not in a call.</p>}
        </div>
        {!live ? (
          <Button type="button" disabled={busy} onClick={() => void start()}>
            {call ? 'Call again' : 'Call the council'}
          </Button>
        ) : (
          <>
            {step?.gather?.input.includes('speech') && (
              <form
                onSubmit={(event) => {
                  event.preventDefault();
                  if (speech.trim()) void respond({ speech: speech.trim() });
                }}
              >
                <TextInput id="sim-speech" label="Say something" hint="Type what you would say" value={speech} onChange={setSpeech} />
                <Button disabled={busy}>Say it</Button>
              </form>
            )}
            {step?.gather?.input.includes('dtmf') && (
              <div className="app-keypad" role="group" aria-label="Keypad">
                {['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'].map((key) => (
                  <button type="button" className="govuk-button govuk-button--secondary app-keypad__key" key={key} disabled={busy} onClick={() => void respond({ digits: key })}>
                    {key}
                  </button>
                ))}
              </div>
            )}
            {!step?.gather && <WarningText>The council is not listening for an answer here.</WarningText>}
            <div className="govuk-button-group">
              {step?.gather && (
                <button type="button" className="govuk-button govuk-button--secondary" disabled={busy} onClick={() => void respond({})}>
                  Say nothing
                </button>
              )}
              <button
                type="button"
                className="govuk-button govuk-button--warning"
                onClick={() => {
                  setTurns((current) => [...current, { who: 'you', words: '(hung up)' }]);
                  setCall(null);
                }}
              >
                Hang up
              </button>
            </div>
          </>
        )}
      </div>
    </div>
  );
}
