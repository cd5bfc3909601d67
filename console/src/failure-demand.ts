// Failure demand in the console's words: the kinds an adviser marks, and what each means. Apart from
// the component that marks a contact (components/FailureDemand.tsx), so the New contact page, in the
// first load, takes the words without it.
import type { CountedFailureKind, FailureKind } from './api-types.ts';

export const FAILURE_KINDS: FailureKind[] = ['chasing', 'repeating', 'correcting', 'complaining'];

/** Each kind in the console's words, and what it means. */
export const FAILURE_KIND_WORDS: Record<CountedFailureKind, { name: string; meaning: string }> = {
  repeat: { name: 'a repeat', meaning: 'about a case already open: the platform linked it' },
  chasing: { name: 'chasing', meaning: 'chasing progress on something asked for before' },
  repeating: { name: 'repeating', meaning: 'telling us again something they told us before' },
  correcting: { name: 'correcting', meaning: 'putting right something we got wrong' },
  complaining: { name: 'complaining', meaning: 'complaining about how a previous contact was handled' },
};
