// Who else is looking at a case: each console page that shows a case sends a heartbeat every
// HEARTBEAT_SECONDS, which keeps the person's presence on it for PRESENCE_TTL_SECONDS; leaving the
// page ends it (a lost "stop" simply expires). DynamoDB's TTL deletes expired items late (up to days
// later), so every read here drops the ones whose time has passed.
import { hasExpired, type Clock } from '#domain/clock';

export const PRESENCE_TTL_SECONDS = 60;
export const HEARTBEAT_SECONDS = 20;

export interface Looker {
  username: string;
  /** When they started looking (their first heartbeat of this look). */
  since: string;
}

export interface Presence extends Looker {
  reference: string;
  /** Epoch seconds: gone after this, whether or not DynamoDB has removed it yet. */
  expiresAt: number;
}

export interface PresenceStore {
  /** The presences recorded on these cases, expired ones included: one read, however many cases. */
  presencesOn(references: readonly string[]): Promise<Presence[]>;
  /** Records (or renews) one person's presence on one case. */
  put(presence: Presence): Promise<void>;
  /** Ends one person's presence on one case; nothing to end is not an error. */
  remove(reference: string, username: string): Promise<void>;
}

export interface PresenceDeps {
  presence: PresenceStore;
  clock: Clock;
}

export interface HeartbeatAnswer {
  /** Everyone else looking at the case now, who started first first. */
  others: Looker[];
  ttlSeconds: number;
}

const bySince = (a: Looker, b: Looker) => a.since.localeCompare(b.since) || a.username.localeCompare(b.username);

/** Who is looking at each case now (cases nobody is looking at are absent): one read for them all. */
export async function lookersOf(references: readonly string[], deps: PresenceDeps): Promise<Map<string, Looker[]>> {
  const wanted = new Set(references);
  const now = deps.clock.now();
  const found = new Map<string, Looker[]>();
  if (!wanted.size) return found;
  for (const p of await deps.presence.presencesOn([...wanted])) {
    if (!wanted.has(p.reference) || hasExpired(p.expiresAt, now)) continue;
    const list = found.get(p.reference) ?? [];
    list.push({ username: p.username, since: p.since });
    found.set(p.reference, list);
  }
  for (const list of found.values()) list.sort(bySince);
  return found;
}

/** Everyone but `username` looking at the case now. */
export async function othersLookingAt(reference: string, username: string, deps: PresenceDeps): Promise<Looker[]> {
  return ((await lookersOf([reference], deps)).get(reference) ?? []).filter((l) => l.username !== username);
}

/**
 * `username` is looking at the case: their presence is renewed for PRESENCE_TTL_SECONDS (keeping
 * when this look began, unless their last one had expired), and they hear who else is looking.
 */
export async function heartbeat(reference: string, username: string, deps: PresenceDeps): Promise<HeartbeatAnswer> {
  const now = deps.clock.now();
  const lookers = (await lookersOf([reference], deps)).get(reference) ?? [];
  const mine = lookers.find((l) => l.username === username);
  await deps.presence.put({
    reference,
    username,
    since: mine?.since ?? now.toISOString(),
    expiresAt: Math.floor(now.getTime() / 1000) + PRESENCE_TTL_SECONDS,
  });
  return { others: lookers.filter((l) => l.username !== username), ttlSeconds: PRESENCE_TTL_SECONDS };
}

/** `username` has left the case. */
export async function stopLooking(reference: string, username: string, deps: PresenceDeps): Promise<void> {
  await deps.presence.remove(reference, username);
}
