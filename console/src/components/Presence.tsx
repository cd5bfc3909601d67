// Who else is looking at a case: while the case page is open and the tab visible, a heartbeat
// every 20 seconds (PUT .../presence) says this person is looking and answers who else is; leaving
// the page, or the tab closing, says they have left (DELETE, sent so it outlives the page; a lost
// one expires in a minute). The banner lists the others; a polite status message says so only when
// who is looking changes, never on every heartbeat.
import { useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../api.ts';
import type { Looker, PresenceAnswer } from '../api-types.ts';
import { formatWhen } from '../format.ts';
import { useCase } from '../queries.ts';
import { readSession } from '../session.ts';
import { NotificationBanner } from './govuk.tsx';

const HEARTBEAT_MS = 20_000;

const presencePath = (reference: string) => `/api/console/cases/${encodeURIComponent(reference)}/presence`;

/**
 * Says this person has left the case, as a keep-alive request that outlives the page. Not through
 * api(): with no session (signing out) it must not send anyone to sign in; it sends nothing, and
 * the presence runs out.
 */
function leave(reference: string): void {
  const session = readSession();
  if (!session) return;
  fetch(presencePath(reference), { method: 'DELETE', keepalive: true, headers: { authorization: `Bearer ${session.accessToken}` } }).catch(() => undefined);
}

/** The others looking at the case, as the last heartbeat said (undefined until it answers); nothing when refused. */
export function usePresence(reference: string): Looker[] | undefined {
  const [others, setOthers] = useState<Looker[] | undefined>(undefined);
  useEffect(() => {
    let stopped = false;
    let timer: number | undefined;
    const beat = async () => {
      window.clearTimeout(timer);
      if (stopped || document.visibilityState === 'hidden') return;
      try {
        const answer = await api<PresenceAnswer>(presencePath(reference), { method: 'PUT' });
        if (!stopped) setOthers(answer.others);
      } catch (error) {
        // Refused (not theirs to open, no such case): the case page says so; stop asking.
        if (error instanceof ApiError && error.status >= 400 && error.status < 500) return;
        // Anything else may pass: ask again at the next beat.
      }
      if (!stopped) timer = window.setTimeout(() => void beat(), HEARTBEAT_MS);
    };
    // Hidden, the heartbeat stops and the presence runs out; shown again, it starts at once.
    const onVisibility = () => (document.visibilityState === 'visible' ? void beat() : window.clearTimeout(timer));
    const onPageHide = () => leave(reference);
    const onPageShow = (event: PageTransitionEvent) => event.persisted && void beat();
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', onPageHide);
    window.addEventListener('pageshow', onPageShow);
    void beat();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', onPageHide);
      window.removeEventListener('pageshow', onPageShow);
      leave(reference);
    };
  }, [reference]);
  return others;
}

function sentence(others: Looker[]): string {
  if (others.length === 1) return `${others[0]!.username} is also looking at this case.`;
  return `${others.length} other people are also looking at this case: ${others.map((o) => o.username).join(', ')}.`;
}

/** The banner on the case page: who else has it open now. */
export function OthersLooking({ reference }: { reference: string }) {
  const heartbeat = usePresence(reference);
  const caseView = useCase(reference);
  // Until the first heartbeat answers, the case view's own list.
  const others = heartbeat ?? caseView.data?.othersLooking;
  const who = others?.map((o) => o.username).sort().join(' ');
  const [announcement, setAnnouncement] = useState('');
  const announced = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (who === undefined || who === announced.current) return;
    const before = announced.current;
    announced.current = who;
    if (who) setAnnouncement(sentence(others!));
    else if (before) setAnnouncement('Nobody else is looking at this case now.');
    // Only when who is looking changes (`who`): a heartbeat with the same people says nothing.
  }, [who]);

  return (
    <>
      <div className="govuk-visually-hidden" role="status" data-testid="presence-announcement">
        {announcement}
      </div>
      {others && others.length > 0 && (
        <NotificationBanner title="Someone else has this case open">
          <p className="govuk-notification-banner__heading" data-testid="others-looking">
            {sentence(others)}
          </p>
          {others.length > 1 && (
            <ul className="govuk-list govuk-list--bullet">
              {others.map((o) => (
                <li key={o.username}>
                  {o.username}, since {formatWhen(o.since)}
                </li>
              ))}
            </ul>
          )}
          <p className="govuk-body">
            {others.length === 1 ? `They have had it open since ${formatWhen(others[0]!.since)}. ` : ''}
            Check with them before you change it, so two people do not work the same case.
          </p>
        </NotificationBanner>
      )}
    </>
  );
}
