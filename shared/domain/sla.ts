// The SLA clock: when a case is due, when it is at risk, and how waiting on the resident moves it.
//
// Rules (docs/sla.md says the same for council staff):
// - working-days, "within N working days": due at close of business on the Nth working day after
//   the day the contact was received. A contact received while the council is closed (evening,
//   weekend, bank holiday, lunch break) counts from the next opening, so a Friday-evening report
//   counts from Monday (or Tuesday after a bank holiday). Received exactly at closing time counts
//   as closed; exactly at opening time counts as open. Targets must be whole days.
// - business-hours: only open time counts (opening hours, less lunch gaps, weekends, bank
//   holidays and closures). Running out exactly at closing time gives that closing time.
// - elapsed-hours: wall-clock time, 24/7, across nights, weekends and clock changes
//   (an hour is 60 real minutes even on the night the clocks change).
// - warning point: at warnAtFraction (default 0.75) of the target, measured in the target's own
//   kind of time; for working days, in open time between the start and the due time.
// - state: 'breached' after dueAt (due "by 5pm" is met at 5pm exactly); 'at-risk' from warnAt;
//   'paused' while waiting on the resident; otherwise 'on-track'.
// - pause/resume: while paused the clock stops. On resume dueAt and warnAt move out by the time
//   that passed while paused, counted the way the target counts it: open time for working days
//   and business hours (so a bank holiday inside the pause adds nothing, and is skipped again
//   only if the new due time reaches it), real time for elapsed hours. A case that was already
//   breached when paused stays breached: its due time does not move.
import { type BusinessCalendar, describeInstant } from './calendar.ts';
import type { Channel } from './contact.ts';
import * as z from './schema.ts';

export const SLA_UNITS = ['working-days', 'business-hours', 'elapsed-hours'] as const;
export const DEFAULT_WARN_AT_FRACTION = 0.75;

export const SlaPolicySchema = z.strictObject({
  amount: z.number().check(z.positive()),
  unit: z.enum(SLA_UNITS),
  warnAtFraction: z.optional(z.number().check(z.gt(0), z.lt(1))),
});

export type SlaPolicy = z.infer<typeof SlaPolicySchema>;
export type SlaUnit = (typeof SLA_UNITS)[number];
export type SlaState = 'on-track' | 'at-risk' | 'breached' | 'paused';

const isoInstant = z.iso.datetime();

/** One stretch of waiting on the resident, and how far it moved the due time (ms of open or real time). */
export const SlaPauseSchema = z.strictObject({
  from: isoInstant,
  to: isoInstant,
  extendedByMillis: z.number().check(z.gte(0)),
});

/** The clock as stored with a case: plain JSON, validated when read back. */
export const SlaClockSchema = z.strictObject({
  policy: SlaPolicySchema,
  startedAt: isoInstant,
  dueAt: isoInstant,
  warnAt: isoInstant,
  pausedAt: z.optional(isoInstant),
  /** Sum of extendedByMillis over the pauses: how far waiting on the resident moved the due time. */
  pausedMillis: z.number().check(z.gte(0)),
  pauses: z.array(SlaPauseSchema),
});

export type SlaPause = z.infer<typeof SlaPauseSchema>;
export type SlaClock = z.infer<typeof SlaClockSchema>;

export class SlaClockError extends Error {
  override name = 'SlaClockError';
}

const HOUR = 3_600_000;

/** Starts the clock for a contact received at `receivedAt`. */
export function startSla(policy: SlaPolicy, calendar: BusinessCalendar, receivedAt: Date): SlaClock {
  const parsed = SlaPolicySchema.safeParse(policy);
  if (!parsed.success) throw new SlaClockError(`SLA policy is not valid: ${parsed.error.issues[0]!.message}`);
  const fraction = policy.warnAtFraction ?? DEFAULT_WARN_AT_FRACTION;
  let dueAt: Date;
  let warnAt: Date;
  switch (policy.unit) {
    case 'working-days': {
      if (!Number.isInteger(policy.amount)) {
        throw new SlaClockError(`a working-days target must be a whole number of days, not ${policy.amount}`);
      }
      const firstDay = calendar.nextOpening(receivedAt);
      dueAt = calendar.endOfWorkingDay(calendar.addWorkingDays(firstDay, policy.amount));
      const openTime = calendar.businessTimeBetween(receivedAt, dueAt);
      warnAt = calendar.addBusinessTime(receivedAt, Math.round(openTime * fraction));
      break;
    }
    case 'business-hours':
      dueAt = calendar.addBusinessTime(receivedAt, Math.round(policy.amount * HOUR));
      warnAt = calendar.addBusinessTime(receivedAt, Math.round(policy.amount * fraction * HOUR));
      break;
    case 'elapsed-hours':
      dueAt = new Date(receivedAt.getTime() + Math.round(policy.amount * HOUR));
      warnAt = new Date(receivedAt.getTime() + Math.round(policy.amount * fraction * HOUR));
      break;
  }
  return {
    policy: { ...policy },
    startedAt: receivedAt.toISOString(),
    dueAt: dueAt.toISOString(),
    warnAt: warnAt.toISOString(),
    pausedMillis: 0,
    pauses: [],
  };
}

/** Stops the clock while the case waits on the resident. */
export function pauseSla(clock: SlaClock, at: Date): SlaClock {
  if (clock.pausedAt !== undefined) {
    throw new SlaClockError(`the SLA clock is already paused (since ${clock.pausedAt}); resume it before pausing again`);
  }
  if (at.getTime() < Date.parse(clock.startedAt)) {
    throw new SlaClockError(`cannot pause at ${at.toISOString()}, before the clock started at ${clock.startedAt}`);
  }
  return { ...clock, pausedAt: at.toISOString() };
}

/** Restarts a paused clock, moving dueAt and warnAt out by the time the pause took (see the header). */
export function resumeSla(clock: SlaClock, calendar: BusinessCalendar, at: Date): SlaClock {
  if (clock.pausedAt === undefined) throw new SlaClockError('the SLA clock is not paused, so it cannot be resumed');
  const pausedAt = new Date(clock.pausedAt);
  if (at.getTime() < pausedAt.getTime()) {
    throw new SlaClockError(`cannot resume at ${at.toISOString()}, before the pause began at ${clock.pausedAt}`);
  }
  const breachedBeforePause = pausedAt.getTime() > Date.parse(clock.dueAt);
  const extendedByMillis = breachedBeforePause
    ? 0
    : clock.policy.unit === 'elapsed-hours'
      ? at.getTime() - pausedAt.getTime()
      : calendar.businessTimeBetween(pausedAt, at);
  const moveOut = (iso: string): string => {
    if (extendedByMillis === 0) return iso;
    const from = new Date(iso);
    return (
      clock.policy.unit === 'elapsed-hours'
        ? new Date(from.getTime() + extendedByMillis)
        : calendar.addBusinessTime(from, extendedByMillis)
    ).toISOString();
  };
  const { pausedAt: _resumed, ...running } = clock;
  return {
    ...running,
    dueAt: moveOut(clock.dueAt),
    warnAt: moveOut(clock.warnAt),
    pausedMillis: clock.pausedMillis + extendedByMillis,
    pauses: [...clock.pauses, { from: clock.pausedAt, to: at.toISOString(), extendedByMillis }],
  };
}

/** Where the clock stands at `now`. */
export function slaStateAt(clock: SlaClock, now: Date): SlaState {
  const dueAt = Date.parse(clock.dueAt);
  if (clock.pausedAt !== undefined) return Date.parse(clock.pausedAt) > dueAt ? 'breached' : 'paused';
  if (now.getTime() > dueAt) return 'breached';
  if (now.getTime() >= Date.parse(clock.warnAt)) return 'at-risk';
  return 'on-track';
}

/** Where a case's clock ended or stands: the running states, or, once resolved, met or missed. */
export type SlaOutcomeState = SlaState | 'met' | 'missed';

/** The clock as an adviser sees it (GET /api/console/cases/{reference}). */
export interface SlaClockView {
  state: SlaOutcomeState;
  dueAt: string;
  warnAt: string;
  /** The moment the view was worked out. */
  asOf: string;
  /**
   * Minutes left to the due time, counted as the target counts time: opening time on the business
   * calendar for working days and business hours, real time for elapsed hours. Negative once
   * breached (at least -1). Held while the clock is paused (the time left when it stopped) and
   * once resolved (the margin it was resolved with).
   */
  workingMinutesLeft: number;
  paused: boolean;
}

const MINUTE = 60_000;

/** Minutes from `at` to the clock's due time, in the target's own kind of time; negative after it. */
export function minutesLeftAt(clock: SlaClock, calendar: BusinessCalendar, at: Date): number {
  const due = new Date(clock.dueAt);
  const between = (from: Date, to: Date) =>
    clock.policy.unit === 'elapsed-hours' ? to.getTime() - from.getTime() : calendar.businessTimeBetween(from, to);
  if (at.getTime() <= due.getTime()) return Math.floor(between(at, due) / MINUTE);
  // Past the due time even when none of the time since counts (after closing): say so with at least -1.
  return -Math.max(1, Math.ceil(between(due, at) / MINUTE));
}

/** The clock at `now` for a case, resolved or not (`resolved`: when, and whether by its due time). */
export function viewSlaClock(
  clock: SlaClock,
  calendar: BusinessCalendar,
  now: Date,
  resolved?: { resolvedAt: string; slaMet?: boolean },
): SlaClockView {
  const stoppedAt = resolved ? new Date(resolved.resolvedAt) : clock.pausedAt !== undefined ? new Date(clock.pausedAt) : now;
  const state: SlaOutcomeState = resolved
    ? (resolved.slaMet ?? stoppedAt.getTime() <= Date.parse(clock.dueAt))
      ? 'met'
      : 'missed'
    : slaStateAt(clock, now);
  return {
    state,
    dueAt: clock.dueAt,
    warnAt: clock.warnAt,
    asOf: now.toISOString(),
    workingMinutesLeft: minutesLeftAt(clock, calendar, stoppedAt),
    paused: !resolved && clock.pausedAt !== undefined,
  };
}

/** 'voice' is a spoken reply on any channel; 'phone' is spoken too. */
export type CommitmentChannel = Channel | 'voice';

/**
 * The commitment in the resident's channel: written "by 5pm on Tuesday 2 December" (web, SMS,
 * Open311, face to face); spoken "by five p m on Tuesday the second of December" (phone, voice).
 * "today" when due on `now`'s London date; the year only when it is not `now`'s year. Times are
 * told in the calendar's time zone (Europe/London, the only one a calendar may have).
 */
export function describeCommitment(
  dueAt: Date | string,
  calendar: BusinessCalendar,
  channel: CommitmentChannel,
  now: Date,
): string {
  const due = typeof dueAt === 'string' ? new Date(dueAt) : dueAt;
  if (Number.isNaN(due.getTime())) throw new SlaClockError(`'${String(dueAt)}' is not a due time`);
  const style = channel === 'phone' || channel === 'voice' ? 'spoken' : 'written';
  return `by ${describeInstant(due, now, style)}`;
}
