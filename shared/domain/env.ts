// Names the platform definition and the functions agree on: environment variables and queue names.
export const ENV_NAMES = {
  tableName: 'TABLE_NAME',
  /** The queue URLs' common prefix (https://sqs.<region>.amazonaws.com/<account>/); a team's
   * queue URL is this plus handoffQueueName(teamId). One variable however many teams there are. */
  handoffQueueBaseUrl: 'HANDOFF_QUEUE_BASE_URL',
} as const;

export const handoffQueueName = (teamId: string) => `frontdoor-handoff-${teamId}`;
export const handoffDeadLetterQueueName = (teamId: string) => `frontdoor-handoff-${teamId}-dlq`;
