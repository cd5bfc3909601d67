// Plays EventBridge schedules: invokes each scheduled function at its rate with a
// "Scheduled Event", and lets tests fire one on demand.
import { randomUUID } from 'node:crypto';
import type { ScheduledEvent } from 'aws-lambda';
import type { LocalFunction } from './lambda.ts';

export function scheduledEvent(fn: LocalFunction, at = new Date()): ScheduledEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '000000000000',
    time: at.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: 'eu-west-2',
    resources: [`arn:aws:events:eu-west-2:000000000000:rule/frontdoor-${fn.definition.name}`],
    detail: {},
  };
}

export function startSchedules(functions: LocalFunction[], onError: (error: unknown, name: string) => void) {
  const timers = functions
    .filter((fn) => fn.definition.schedule)
    .map((fn) =>
      setInterval(() => {
        fn.invoke(scheduledEvent(fn)).catch((error: unknown) => onError(error, fn.definition.name));
      }, fn.definition.schedule!.everyMinutes * 60_000),
    );
  return { stop: () => timers.forEach(clearInterval) };
}
