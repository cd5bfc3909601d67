// Secrets come from configuration, never from code: locally the value is in the environment
// (env <NAME>, with the development defaults the README states); on AWS env <NAME>_SECRET_ARN names
// a Secrets Manager secret, read through Powertools parameters and kept for five minutes, so a
// rotated value is picked up without a read on every request.
import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { secretArnEnv } from '#domain/env';
import { ConfigError } from './config.ts';

const MAX_AGE_SECONDS = 5 * 60;

export async function readSecret(env: string): Promise<string> {
  const direct = process.env[env];
  if (direct) return direct;
  const arn = process.env[secretArnEnv(env)];
  if (!arn) throw new ConfigError(`neither ${env} nor ${secretArnEnv(env)} is set`);
  const value = await getSecret(arn, { maxAge: MAX_AGE_SECONDS });
  if (typeof value !== 'string' || !value) {
    throw new ConfigError(`secret ${arn} has no text value; set it with aws secretsmanager put-secret-value --secret-string`);
  }
  return value;
}

/** A comma-separated secret as a list ("a,b" -> ["a", "b"]). */
export async function readSecretList(env: string): Promise<string[]> {
  return (await readSecret(env))
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}
