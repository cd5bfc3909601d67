// Every minute: mark cases at risk and in breach, once each, and escalate each mark to the team.
// "Now" is the schedule's own time, so a late or repeated invocation judges the minute it was for.
import type { ScheduledEvent } from 'aws-lambda';
import { logger, withLambdaContext } from '#adapters/logger';
import { caseDeps } from '#adapters/wiring';
import { runSlaMonitor } from '#app/cases';
import { fixedClock } from '#domain/clock';

export const handler = withLambdaContext(async (event: Partial<ScheduledEvent>): Promise<{ looked: number; marked: number; skipped: number }> => {
  const clock = event.time ? fixedClock(event.time) : caseDeps.clock;
  const { errors, ...report } = await runSlaMonitor({ ...caseDeps, clock });
  for (const error of errors) logger.error('a case could not be marked; the next run tries again', { error: error as Error });
  if (report.marked.length || report.skipped) logger.info('SLA monitor run', { ...report });
  return { looked: report.looked, marked: report.marked.length, skipped: report.skipped };
});
