// What is coming in now: the latest contacts across every channel, newest first, with what the
// routing layer decided. Read from the contacts of today and yesterday (Europe/London days): one
// index query, two when today has fewer than asked for.
import { addDays, londonTimeOf, type LocalDate } from '#domain/calendar';
import type { Clock } from '#domain/clock';
import type { Channel } from '#domain/contact';
import type { FailureDemandMark } from '#domain/failure-demand';
import type { DecisionKind } from '#domain/routing';
import { summarise } from '#domain/text';
import type { MarkedContact } from './failure-demand.ts';

export interface FeedStore {
  /** The contacts received on this Europe/London day, newest first, at most `limit`, each with its mark of failure demand. */
  contactsOn(day: LocalDate, limit: number): Promise<MarkedContact[]>;
}

export interface FeedEntry {
  at: string;
  channel: Channel;
  /** The channel's own id for the contact: with the channel, what names it (to mark it as failure demand). */
  providerId: string;
  decision: DecisionKind;
  service: { id: string; name: string };
  reference?: string;
  repeatOf?: string;
  firstContactResolved: boolean;
  /** The resident's words, at most FEED_SUMMARY_LENGTH characters. */
  summary: string;
  /** An adviser's mark of failure demand. */
  failureDemand?: FailureDemandMark;
  /** The platform counted it as a repeat of an open case (failure demand, whatever the mark). */
  countedAsRepeat: boolean;
}

export const FEED_SUMMARY_LENGTH = 120;
export const FEED_LIMITS = { default: 50, max: 100 } as const;

export async function contactFeed(limit: number, deps: { feed: FeedStore; clock: Clock }): Promise<{ asOf: string; entries: FeedEntry[] }> {
  const now = deps.clock.now();
  const today = londonTimeOf(now).date;
  const latest = await deps.feed.contactsOn(today, limit);
  const earlier = latest.length < limit ? await deps.feed.contactsOn(addDays(today, -1), limit - latest.length) : [];
  return {
    asOf: now.toISOString(),
    entries: [...latest, ...earlier].map(({ contact, outcome, failureDemand }) => ({
      at: contact.receivedAt,
      channel: contact.channel,
      providerId: contact.providerId,
      decision: outcome.decision,
      service: outcome.service,
      ...(outcome.reference ? { reference: outcome.reference } : {}),
      ...(outcome.repeatOf ? { repeatOf: outcome.repeatOf } : {}),
      firstContactResolved: outcome.firstContactResolved,
      summary: summarise(contact.text, FEED_SUMMARY_LENGTH),
      ...(failureDemand ? { failureDemand } : {}),
      countedAsRepeat: Boolean(outcome.repeatOf),
    })),
  };
}
