// The one logger: structured JSON (Powertools). Never log residents' personal data: log
// references, ids, service and team, not names, numbers, addresses or free text.
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';

export const logger = new Logger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'frontdoor',
  logLevel: (process.env.LOG_LEVEL as 'INFO' | undefined) ?? 'INFO',
});

/**
 * Every function's entry: each log line of the invocation carries the Lambda context (function
 * name, request id, cold start). `logger.addContext` is all of Powertools' injectLambdaContext we
 * want; its middleware would also log whole events when POWERTOOLS_LOGGER_LOG_EVENT is set, and
 * events carry residents' numbers and words (docs/architecture.md, "Powertools").
 */
export function withLambdaContext<TEvent, TResult>(
  handler: (event: TEvent, context: Context) => Promise<TResult>,
): (event: TEvent, context: Context) => Promise<TResult> {
  return async (event, context) => {
    logger.addContext(context);
    return handler(event, context);
  };
}
