// The SLA monitor's decisions: when a case next needs looking at, and what marking it means.
// Each case is marked at risk once and in breach once, however often the monitor runs.
import { isOpen, type Case } from './case.ts';
import type { CaseEvent } from './case-lifecycle.ts';

export type SlaMark = 'warned' | 'breached';

/** When the monitor must next look at this case; undefined when it never needs to again. */
export function nextSlaCheck(c: Case): string | undefined {
  if (!isOpen(c) || c.sla.pausedAt) return undefined;
  if (!c.slaMarks?.warnedAt) return c.sla.warnAt;
  if (!c.slaMarks.breachedAt) return c.sla.dueAt;
  return undefined;
}

/** The marks that are due now (a monitor that was down marks both at once), with their events. */
export function marksDue(c: Case, now: Date): { case: Case; marks: SlaMark[]; events: CaseEvent[] } {
  const at = now.toISOString();
  const marks: SlaMark[] = [];
  if (!isOpen(c) || c.sla.pausedAt) return { case: c, marks, events: [] };
  const slaMarks = { ...c.slaMarks };
  if (!slaMarks.warnedAt && now.getTime() >= Date.parse(c.sla.warnAt)) {
    slaMarks.warnedAt = at;
    marks.push('warned');
  }
  // "By 5pm" is met at 5pm: in breach only after the due time.
  if (!slaMarks.breachedAt && now.getTime() > Date.parse(c.sla.dueAt)) {
    slaMarks.breachedAt = at;
    marks.push('breached');
  }
  if (!marks.length) return { case: c, marks, events: [] };
  // A mark is a change like any other: the version moves, so a team's stale update is refused.
  const updated: Case = { ...c, slaMarks, version: c.version + 1, updatedAt: at };
  const events: CaseEvent[] = marks.map((mark) => ({
    reference: c.reference,
    version: updated.version,
    at,
    by: 'sla-monitor',
    action: mark,
    fromStatus: c.status,
    toStatus: c.status,
    detail: { dueAt: c.sla.dueAt, warnAt: c.sla.warnAt },
  }));
  return { case: updated, marks, events };
}
