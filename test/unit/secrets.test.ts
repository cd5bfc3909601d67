// Secrets: the environment locally, Secrets Manager (through Powertools parameters, cached for five
// minutes) on AWS. A stand-in for the Secrets Manager API answers GetSecretValue and counts reads.
import { createServer, type Server } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '#adapters/config';
import { readSecret, readSecretList } from '#adapters/secrets';

const ARN = 'arn:aws:secretsmanager:eu-west-2:000000000000:secret:frontdoor/open311-api-keys-AbCdEf';
const reads: string[] = [];
let value = 'key-one, key-two';
let server: Server;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const { SecretId } = JSON.parse(body) as { SecretId: string };
      reads.push(`${String(req.headers['x-amz-target'])} ${SecretId}`);
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify({ ARN: SecretId, Name: 'frontdoor/open311-api-keys', SecretString: value }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  // The SDK's own settings, as the local stack sets them for the other services.
  Object.assign(process.env, {
    AWS_REGION: 'eu-west-2',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_SECRETS_MANAGER: `http://127.0.0.1:${port}`,
  });
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

afterEach(() => {
  vi.unstubAllEnvs();
  vi.useRealTimers();
  reads.length = 0;
});

describe('readSecret', () => {
  it('reads the value from the environment when it is set there (locally), without asking Secrets Manager', async () => {
    vi.stubEnv('OPEN311_API_KEYS', 'dev-open311-key');
    vi.stubEnv('OPEN311_API_KEYS_SECRET_ARN', ARN);
    await expect(readSecretList('OPEN311_API_KEYS')).resolves.toEqual(['dev-open311-key']);
    expect(reads).toEqual([]);
  });

  it('reads the secret its ARN names once, and again only after five minutes (a rotated value is picked up)', async () => {
    // Prepare
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-26T10:15:00Z'));
    vi.stubEnv('OPEN311_API_KEYS', '');
    vi.stubEnv('OPEN311_API_KEYS_SECRET_ARN', ARN);
    value = 'key-one, key-two';

    // Act
    const first = await readSecretList('OPEN311_API_KEYS');
    value = 'key-three';
    vi.setSystemTime(new Date('2026-11-26T10:19:59Z'));
    const withinFiveMinutes = await readSecretList('OPEN311_API_KEYS');
    vi.setSystemTime(new Date('2026-11-26T10:20:01Z'));
    const afterFiveMinutes = await readSecretList('OPEN311_API_KEYS');

    // Assess
    expect(first).toEqual(['key-one', 'key-two']);
    expect(withinFiveMinutes).toEqual(['key-one', 'key-two']);
    expect(afterFiveMinutes).toEqual(['key-three']);
    expect(reads).toEqual([`secretsmanager.GetSecretValue ${ARN}`, `secretsmanager.GetSecretValue ${ARN}`]);
  });

  it('names both variables when neither is set', async () => {
    vi.stubEnv('TEAM_API_KEYS', '');
    vi.stubEnv('TEAM_API_KEYS_SECRET_ARN', '');
    const error = await readSecret('TEAM_API_KEYS').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe('neither TEAM_API_KEYS nor TEAM_API_KEYS_SECRET_ARN is set');
  });
});
