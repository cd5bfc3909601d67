// The one config loader. Values come from the environment that infra/registry.ts promises each
// function (set by CDK on AWS and by the local stack here); a missing one names itself.
import { ENV_NAMES, handoffQueueName, queueUrlEnv } from '#domain/env';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new ConfigError(`environment variable ${name} is not set`);
  return value;
}

export const config = {
  get tableName(): string {
    return required(ENV_NAMES.tableName);
  },
  /** The hand-off queue URL of a service team. */
  handoffQueueUrl(teamId: string): string {
    return `${required(ENV_NAMES.handoffQueueBaseUrl)}${handoffQueueName(teamId)}`;
  },
  /** A platform queue's URL, by its registry id. */
  queueUrl(queueId: string): string {
    return required(queueUrlEnv(queueId));
  },
};
