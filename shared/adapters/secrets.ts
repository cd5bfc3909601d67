// Secrets come from configuration, never from code: locally the value is in the environment
// (env <NAME>, with the development defaults the README states); on AWS env <NAME>_SECRET_ARN names
// a Secrets Manager secret, read once and kept for five minutes so a rotated value is picked up.
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { secretArnEnv } from '#domain/env';
import { ConfigError } from './config.ts';

const TTL_MS = 5 * 60_000;
const cache = new Map<string, { value: string; until: number }>();
let client: SecretsManagerClient | undefined;

export async function readSecret(env: string): Promise<string> {
  const direct = process.env[env];
  if (direct) return direct;
  const arn = process.env[secretArnEnv(env)];
  if (!arn) throw new ConfigError(`neither ${env} nor ${secretArnEnv(env)} is set`);
  const cached = cache.get(arn);
  if (cached && cached.until > Date.now()) return cached.value;
  client ??= new SecretsManagerClient({});
  const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: arn }));
  if (!SecretString) throw new ConfigError(`secret ${arn} has no value; set it with aws secretsmanager put-secret-value`);
  cache.set(arn, { value: SecretString, until: Date.now() + TTL_MS });
  return SecretString;
}

/** A comma-separated secret as a list ("a,b" -> ["a", "b"]). */
export async function readSecretList(env: string): Promise<string[]> {
  return (await readSecret(env))
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}
