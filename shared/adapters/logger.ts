// The one logger: structured JSON (Powertools). Never log residents' personal data: log
// references, ids, service and team, not names, numbers, addresses or free text.
import { Logger } from '@aws-lambda-powertools/logger';

export const logger = new Logger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'frontdoor',
  logLevel: (process.env.LOG_LEVEL as 'INFO' | undefined) ?? 'INFO',
});
