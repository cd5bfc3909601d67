/** Everything that reads the time takes a Clock, so tests can stand on any instant. */
export interface Clock {
  now(): Date;
}

export function fixedClock(at: Date | string): Clock {
  const instant = new Date(at);
  return { now: () => new Date(instant) };
}

/** An item's TTL (epoch seconds) has passed at `now`: DynamoDB removes expired items late, so readers check. */
export const hasExpired = (expiresAt: number, now: Date): boolean => expiresAt * 1000 <= now.getTime();
