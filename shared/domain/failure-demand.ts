// Failure demand (systems thinking: John Seddon, Vanguard): demand caused by a failure to do
// something, or to do it right, for the resident. The platform detects one kind itself: a contact
// about a case already open (the outcome's repeatOf). An adviser who hears "I'm ringing again
// about..." marks the others, in four kinds. Value demand is every other contact.
//
// A contact counts as failure demand once at most: marked by an adviser, detected by the platform,
// or both (the adviser's kind then names it more exactly). Pure: who marks and how it is stored
// are elsewhere (shared/app/failure-demand.ts).
import * as z from './schema.ts';

/** The kinds an adviser marks: a resident chasing, repeating, correcting or complaining about a previous contact. */
export const FAILURE_KINDS = ['chasing', 'repeating', 'correcting', 'complaining'] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

/** The kind the platform detects: a contact about a case already open. */
export const PLATFORM_REPEAT = 'repeat';
/** Every kind a contact's failure demand is counted as: the adviser's, or else the platform's repeat. */
export type CountedFailureKind = FailureKind | typeof PLATFORM_REPEAT;
export const COUNTED_FAILURE_KINDS: readonly CountedFailureKind[] = [PLATFORM_REPEAT, ...FAILURE_KINDS];

/** What each kind means, in the words the console shows. */
export const FAILURE_KIND_MEANINGS: Record<CountedFailureKind, string> = {
  repeat: 'about a case already open (the platform linked it)',
  chasing: 'chasing progress on something asked for before',
  repeating: 'telling us again something they told us before',
  correcting: 'putting right something we got wrong',
  complaining: 'complaining about how a previous contact was handled',
};

/** An adviser's mark on a contact: the kind, who marked it (their username) and when. */
export interface FailureDemandMark {
  kind: FailureKind;
  by: string;
  at: string;
}

export const FailureKindSchema = z.enum(FAILURE_KINDS, {
  error: () => `must be one of ${FAILURE_KINDS.join(', ')}`,
});

/**
 * The kind a contact's failure demand is counted as: the adviser's kind when marked, else the
 * platform's repeat when the platform linked it to an open case; undefined for value demand.
 */
export function countedFailureKind(facts: { repeatOf?: string | undefined; mark?: { kind: FailureKind } | undefined }): CountedFailureKind | undefined {
  if (facts.mark) return facts.mark.kind;
  return facts.repeatOf ? PLATFORM_REPEAT : undefined;
}

/**
 * The mark a contact has after an adviser asks for `kind` (null: clear a mark made in error), or
 * 'unchanged' when it already says that: the same kind again keeps who marked it first, and when.
 */
export function nextMark(
  current: FailureDemandMark | undefined,
  kind: FailureKind | null,
  by: string,
  at: string,
): FailureDemandMark | undefined | 'unchanged' {
  if (kind === null) return current ? undefined : 'unchanged';
  if (current?.kind === kind) return 'unchanged';
  return { kind, by, at };
}
