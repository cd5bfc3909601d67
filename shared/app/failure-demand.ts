// An adviser marks a contact as failure demand when the platform did not see it as such (or names
// its kind more exactly than "a repeat"), changes the kind, or clears a mark made in error. The
// mark is written on the contact's own item; the measures count it from the table stream (the
// difference it makes to the contact's counters, and its example), so the mark is all this writes.
import type { Channel, Contact } from '#domain/contact';
import { CHANNELS } from '#domain/contact';
import {
  countedFailureKind,
  FAILURE_KINDS,
  nextMark,
  PLATFORM_REPEAT,
  type CountedFailureKind,
  type FailureDemandMark,
  type FailureKind,
} from '#domain/failure-demand';
import type { Clock } from '#domain/clock';
import type { ContactOutcome } from '#domain/outcome';
import * as z from '#domain/schema';

export const FailureDemandRequestSchema = z.strictObject({
  channel: z.enum(CHANNELS, { error: () => `must be one of ${CHANNELS.join(', ')}` }),
  /** The channel's own id for the contact, as the feed and the timeline give it. */
  providerId: z.string().check(z.minLength(1), z.maxLength(300)),
  /** The kind, or null to clear a mark made in error. */
  kind: z.nullable(z.enum(FAILURE_KINDS, { error: () => `must be one of ${FAILURE_KINDS.join(', ')}, or null to clear a mark made in error` })),
});

export type FailureDemandRequest = z.infer<typeof FailureDemandRequestSchema>;

/** A contact as recorded, with an adviser's mark when it has one. */
export interface MarkedContact {
  contact: Contact;
  outcome: ContactOutcome;
  failureDemand?: FailureDemandMark;
}

export interface FailureDemandStore {
  /** The contact with its mark (a consistent read), or undefined when there is no such contact. */
  findMarkedContact(channel: Channel, providerId: string): Promise<MarkedContact | undefined>;
  /** Writes the contact's new mark (undefined: none), on condition its mark is still `expected`; 'stale' when it is not. */
  saveMark(channel: Channel, providerId: string, expected: FailureDemandMark | undefined, next: FailureDemandMark | undefined): Promise<'saved' | 'stale'>;
}

export interface FailureDemandDeps {
  store: FailureDemandStore;
  clock: Clock;
}

export class ContactNotFoundError extends Error {
  override name = 'ContactNotFoundError';
}

export interface MarkResult {
  channel: Channel;
  providerId: string;
  /** False when the contact already said that (the same kind again, or clearing no mark). */
  changed: boolean;
  failureDemand: FailureDemandMark | null;
  /** The platform counted it as a repeat of an open case (failure demand whatever the mark). */
  countedAsRepeat: boolean;
  /** What the measures count it as now: its kind of failure demand, or null for value demand. */
  countedAs: CountedFailureKind | null;
  /** What happened, in words for the adviser. */
  message: string;
}

const STALE_ATTEMPTS = 3;

function describe(result: Omit<MarkResult, 'message'>, requested: FailureKind | null): string {
  const counted = result.countedAs === PLATFORM_REPEAT ? 'a repeat (the platform counts it)' : result.countedAs;
  if (!result.changed) {
    if (requested === null) return result.countedAsRepeat ? 'It had no mark to clear; the platform counts it as a repeat.' : 'It had no mark to clear; it counts as value demand.';
    return `It was already marked as ${requested} by ${result.failureDemand?.by}: nothing changed.`;
  }
  if (requested === null) return `Mark cleared: it now counts as ${counted ?? 'value demand'}.`;
  return result.countedAsRepeat
    ? `Marked as failure demand: ${requested}. The platform had counted it as a repeat, so it still counts once.`
    : `Marked as failure demand: ${requested}.`;
}

/**
 * Marks a contact as failure demand of a kind, or clears its mark (kind null), as `by` (the
 * adviser's username), now. The same kind again changes nothing and keeps who marked it first.
 * Throws ContactNotFoundError when there is no such contact.
 */
export async function markFailureDemand(request: FailureDemandRequest, by: string, deps: FailureDemandDeps): Promise<MarkResult> {
  const { channel, providerId, kind } = request;
  for (let attempt = 1; ; attempt++) {
    const found = await deps.store.findMarkedContact(channel, providerId);
    if (!found) throw new ContactNotFoundError(`there is no ${channel} contact '${providerId}': mark a contact from the feed or a resident's timeline`);
    const next = nextMark(found.failureDemand, kind, by, deps.clock.now().toISOString());
    const mark = next === 'unchanged' ? found.failureDemand : next;
    const countedAsRepeat = Boolean(found.outcome.repeatOf);
    if (next === 'unchanged' || (await deps.store.saveMark(channel, providerId, found.failureDemand, next)) === 'saved') {
      const result = {
        channel,
        providerId,
        changed: next !== 'unchanged',
        failureDemand: mark ?? null,
        countedAsRepeat,
        countedAs: countedFailureKind({ repeatOf: found.outcome.repeatOf, mark }) ?? null,
      };
      return { ...result, message: describe(result, kind) };
    }
    // Someone else marked it meanwhile: read it again and decide on what it says now.
    if (attempt >= STALE_ATTEMPTS) throw new Error(`the failure-demand mark of ${channel}/${providerId} kept changing while it was being written`);
  }
}
