// Words and times as the council says them: times in the UK's time zone, channels and decisions
// in plain English, working time left as hours and minutes.
import type { CaseStatus, Channel, Decision, Priority, SlaState } from './api-types.ts';

const TIME_ZONE = 'Europe/London';
const dateTime = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit', hour12: true });
const dateOnly = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, day: 'numeric', month: 'long', year: 'numeric' });
const timeOnly = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, hour: 'numeric', minute: '2-digit', second: '2-digit', hour12: true });

/** "Tue 2 Dec, 3:05pm" */
export function formatDateTime(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  // The council writes "5pm", not "5:00 pm".
  return dateTime
    .format(date)
    .replace(/\s?([ap])m$/i, (_, half: string) => `${half.toLowerCase()}m`)
    .replace(/:00(?=[ap]m$)/, '');
}

const dayKey = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** "3:05pm" today, else as formatDateTime: for lists that are mostly today's. */
export function formatWhen(iso: string, now = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return dayKey.format(date) === dayKey.format(now) ? formatTime(iso).replace(/:\d{2}(?=[ap]m$)/, '') : formatDateTime(iso);
}

export function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateOnly.format(date);
}

/** "3:05:12pm", for "updated at". */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : timeOnly.format(date).replace(/\s?([ap])m$/i, (_, half: string) => `${half.toLowerCase()}m`);
}

export const CHANNEL_NAMES: Record<Channel, string> = {
  web: 'Web form',
  phone: 'Phone',
  sms: 'Text message',
  face_to_face: 'Face to face',
  open311: 'Open311 (FixMyStreet)',
};

export function channelName(channel: string): string {
  return CHANNEL_NAMES[channel as Channel] ?? channel;
}

export const DECISION_NAMES: Record<Decision, string> = {
  resolve: 'Resolved',
  handoff: 'Handed off',
  ask: 'Asked which service',
  adviser: 'Needs an adviser',
  emergency: 'Emergency',
};

export function decisionName(decision: string): string {
  return DECISION_NAMES[decision as Decision] ?? decision;
}

/** GOV.UK tag colour for each decision. */
export function decisionColour(decision: string): string {
  return { resolve: 'green', handoff: 'blue', ask: 'yellow', adviser: 'purple', emergency: 'red' }[decision] ?? 'grey';
}

export const SLA_NAMES: Record<SlaState, string> = {
  'on-track': 'On track',
  'at-risk': 'At risk',
  breached: 'Breached',
  paused: 'Paused',
  met: 'Met',
  missed: 'Missed',
};

/** MOJ badge colour for each service-level state. */
export function slaColour(state: string): string {
  return { 'on-track': 'green', 'at-risk': 'orange', breached: 'red', paused: 'grey', met: 'green', missed: 'red' }[state] ?? 'grey';
}

export const STATUS_NAMES: Record<CaseStatus, string> = {
  open: 'Open',
  accepted: 'Accepted',
  'awaiting-resident': 'Waiting for resident',
  resolved: 'Resolved',
  'returned-to-csn': 'Returned to CSN',
};

/** A team's id as words ("waste-services" -> "Waste services"); the API names no teams yet. */
export function teamName(teamId: string): string {
  const words = teamId.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function statusName(status: string): string {
  return STATUS_NAMES[status as CaseStatus] ?? status;
}

export function statusColour(status: string): string {
  return { open: 'blue', accepted: 'light-blue', 'awaiting-resident': 'yellow', resolved: 'green', 'returned-to-csn': 'orange' }[status] ?? 'grey';
}

export function priorityName(priority: Priority | string): string {
  return { low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' }[priority] ?? priority;
}

/** "2 hours 5 minutes" of working time. */
export function workingTime(minutes: number): string {
  const total = Math.round(Math.abs(minutes));
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  const parts = [
    ...(hours ? [`${hours} hour${hours === 1 ? '' : 's'}`] : []),
    ...(rest || !hours ? [`${rest} minute${rest === 1 ? '' : 's'}`] : []),
  ];
  return parts.join(' ');
}

/** What the case's clock says, in one sentence. */
export function clockInWords(clock: { state: SlaState; workingMinutesLeft: number; paused: boolean }): string {
  if (clock.state === 'met') return 'Resolved within its service level.';
  if (clock.state === 'missed') return 'Resolved after its due time.';
  if (clock.paused || clock.state === 'paused') return `Paused while we wait for the resident (${workingTime(clock.workingMinutesLeft)} of working time left).`;
  if (clock.workingMinutesLeft < 0 || clock.state === 'breached') {
    return `Overdue by ${workingTime(clock.workingMinutesLeft)} of working time.`;
  }
  return `${workingTime(clock.workingMinutesLeft)} of working time left.`;
}

export function percent(fraction: number | null | undefined): string {
  return fraction === null || fraction === undefined ? '–' : `${Math.round(fraction * 100)}%`;
}

/** A customer key as people read it: the phone number or email after its kind. */
export function residentLabel(resident: { name?: string; phone?: string; email?: string; key?: string }): string {
  return resident.name || resident.phone || resident.email || resident.key?.replace(/^[A-Z]+#/, '') || 'Resident';
}
