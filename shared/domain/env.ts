// Names of the environment variables the platform definition gives its functions.
export const ENV_NAMES = {
  tableName: 'TABLE_NAME',
  handoffQueueUrls: 'HANDOFF_QUEUE_URLS',
} as const;
