// Names the platform definition and the functions agree on: environment variables and queue names.
export const ENV_NAMES = {
  tableName: 'TABLE_NAME',
  /** The queue URLs' common prefix (https://sqs.<region>.amazonaws.com/<account>/); a team's
   * queue URL is this plus handoffQueueName(teamId). One variable however many teams there are. */
  handoffQueueBaseUrl: 'HANDOFF_QUEUE_BASE_URL',
} as const;

export const handoffQueueName = (teamId: string) => `frontdoor-handoff-${teamId}`;
export const handoffDeadLetterQueueName = (teamId: string) => `frontdoor-handoff-${teamId}-dlq`;

/** The env var holding a platform queue's URL: 'notifications' -> QUEUE_URL_NOTIFICATIONS. */
export const queueUrlEnv = (queueId: string) => `QUEUE_URL_${queueId.toUpperCase().replace(/-/g, '_')}`;

/** On AWS a secret's value is not in the environment; this env var holds its ARN instead. */
export const secretArnEnv = (env: string) => `${env}_SECRET_ARN`;
