/** Everything that reads the time takes a Clock, so tests can stand on any instant. */
export interface Clock {
  now(): Date;
}

export function fixedClock(at: Date | string): Clock {
  const instant = new Date(at);
  return { now: () => new Date(instant) };
}
