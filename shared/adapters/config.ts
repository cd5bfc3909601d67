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
  /** A plain setting from the registry's `settings` (PUBLIC_BASE_URL, TWILIO_FROM_NUMBER, ...). */
  setting(env: string): string {
    return required(env);
  },
  /** A setting that may be empty (e.g. TWILIO_API_BASE_URL on AWS: Twilio itself). */
  optionalSetting(env: string): string | undefined {
    return process.env[env] || undefined;
  },
  /** A platform queue's URL, by its registry id. */
  queueUrl(queueId: string): string {
    return required(queueUrlEnv(queueId));
  },
};
