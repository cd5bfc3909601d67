// When the SLA monitor must next look at a case: the store keeps it on the case's item for the
// monitor's sparse index. What a look finds (the marks, their events and escalation emails) is the
// case lifecycle's (marksDue in case-lifecycle.ts). Kept apart so the store's bundles stay small.
import { isOpen, type Case } from './case.ts';

export type SlaMark = 'warned' | 'breached';

/** When the monitor must next look at this case; undefined when it never needs to again. */
export function nextSlaCheck(c: Case): string | undefined {
  if (!isOpen(c) || c.sla.pausedAt) return undefined;
  if (!c.slaMarks?.warnedAt) return c.sla.warnAt;
  if (!c.slaMarks.breachedAt) return c.sla.dueAt;
  return undefined;
}
