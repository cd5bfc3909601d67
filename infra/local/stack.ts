// The whole platform on this machine, generated from the same registry as the CDK stack:
// DynamoDB Local, the SQS emulator, the HTTP gateway, the stream and queue mappings, the schedules.
import type { Server } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { SQSClient } from '@aws-sdk/client-sqs';
import { resetAwsClients } from '#adapters/aws';
import { queueUrlEnv } from '#domain/env';
import { ENV, platform as registryPlatform, type PlatformDefinition } from '../registry.ts';
import { streamFilterProblems } from '../stream-filter.ts';
import { buildConsole, createConsoleServer } from './console.ts';
import { createFakeCognito, FAKE_COGNITO_PREFIX, LOCAL_CLIENT_ID } from './fake-cognito.ts';
import { createFakeSes, FAKE_SES_PREFIX, type SentEmail } from './fake-ses.ts';
import { createFakeTwilio, FAKE_TWILIO_PREFIX, type SentSms } from './fake-twilio.ts';
import { createSimulator } from './simulator.ts';
import { seedDemoData, tableIsEmpty, type SeedReport } from './seed.ts';
import { startDynamoDbLocal } from './dynamodb.ts';
import { startGateway } from './gateway.ts';
import { requireJava17 } from './java.ts';
import { loadFunction, type LocalFunction } from './lambda.ts';
import { freePort } from './ports.ts';
import { provisionQueues, provisionTable, type ProvisionedQueue } from './provision.ts';
import { scheduledEvent, startSchedules } from './scheduler.ts';
import { startSqsLocal, type SqsLocal } from './sqs.ts';
import { startSqsMapping } from './sqs-mapping.ts';
import { startStreamMapping } from './stream-mapping.ts';

// This machine runs Node 20 (Lambda runs 22); the SDK's advance notice about Node 22 is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const REGION = 'eu-west-2';
const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

export interface LocalStackOptions {
  /** Gateway port; 0 picks a free one. */
  port: number;
  host?: string;
  /** Emulator ports; a free one when not given. */
  dynamoDbPort?: number;
  sqsPort?: number;
  /** Where DynamoDB Local keeps its data; in memory when not given. */
  dataDir?: string;
  platform?: PlatformDefinition;
  /** Build the console web app and serve it on the gateway (`npm start`, the browser tests). */
  console?: boolean;
  log?: (message: string, detail?: unknown) => void;
  /** Fill an empty table with a month of demo contacts (infra/local/seed.ts) before the schedules start. */
  seed?: boolean;
  /**
   * Run the scheduled functions at their rates, as EventBridge would (default). The integration
   * tests turn it off and fire each schedule themselves (`runSchedule`), so no timer writes to the
   * table while a test counts what it wrote.
   */
  schedules?: boolean;
}

export interface LocalStack {
  url: string;
  endpoints: { dynamodb: string; sqs: string };
  region: string;
  tableName: string;
  queues: ProvisionedQueue[];
  /** Every SMS sent through the fake Twilio REST API. */
  sentSms: SentSms[];
  /** Every email sent through the fake SES. */
  sentEmails: SentEmail[];
  /** With `seed`: what was seeded, or 'not-empty' when the table had data already. */
  seeded?: SeedReport | 'not-empty';
  /** Stops the SQS emulator (to show that contacts are still accepted); `resumeSqs` brings it back. */
  stopSqs(): Promise<void>;
  resumeSqs(): Promise<void>;
  /** Fires a scheduled function now, as its EventBridge rule would. */
  runSchedule(name: string, at?: Date): Promise<unknown>;
  stop(): Promise<void>;
}

/** What the functions read from their environment, as CDK sets it on AWS. */
function functionEnvironment(stack: { dynamodb: string; sqs: string; tableName: string; queues: ProvisionedQueue[] }) {
  const [first] = stack.queues;
  return {
    AWS_REGION: REGION,
    AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: stack.dynamodb,
    AWS_ENDPOINT_URL_SQS: stack.sqs,
    [ENV.tableName]: stack.tableName,
    // The emulator's queue URLs are <endpoint>/<account>/<name>, as on AWS.
    [ENV.handoffQueueBaseUrl]: first ? first.url.slice(0, -first.definition.queueName.length) : '',
    ...Object.fromEntries(stack.queues.map((q) => [queueUrlEnv(q.definition.id), q.url])),
  };
}

/**
 * Secrets and settings: what the developer's environment sets wins; otherwise the development
 * defaults the registry states (and the README repeats). URLs default to this stack's own.
 */
function secretsAndSettings(platform: PlatformDefinition, gatewayUrl: string): Record<string, string> {
  const localUrls: Record<string, string> = {
    PUBLIC_BASE_URL: gatewayUrl,
    SERVICE_API_URL: gatewayUrl,
    TWILIO_API_BASE_URL: `${gatewayUrl}${FAKE_TWILIO_PREFIX}`,
    AUTH_ISSUER: `${gatewayUrl}${FAKE_COGNITO_PREFIX}`,
  };
  // Values an earlier local stack set (in this process, or a parent that started this one, as a
  // test run's global setup is to its workers) are defaults, not the developer's own settings.
  const defaulted = new Set((process.env[LOCAL_DEFAULTS_ENV] ?? '').split(',').filter(Boolean));
  const values: Record<string, string> = {};
  const ours: string[] = [];
  for (const { env, localDefault } of [...platform.secrets, ...platform.settings]) {
    const developers = defaulted.has(env) ? undefined : process.env[env];
    values[env] = developers ?? localUrls[env] ?? localDefault;
    if (developers === undefined) ours.push(env);
  }
  values[LOCAL_DEFAULTS_ENV] = ours.join(',');
  return values;
}

const LOCAL_DEFAULTS_ENV = 'FRONTDOOR_LOCAL_DEFAULTS';

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const log = options.log ?? (() => undefined);
  const platform = options.platform ?? registryPlatform;
  requireJava17();

  const dynamoDbPort = options.dynamoDbPort ?? (await freePort());
  const sqsPort = options.sqsPort ?? (await freePort());
  const stoppers: Array<() => Promise<void> | void> = [];
  const stopAll = async () => {
    for (const stop of stoppers.reverse()) await stop();
  };

  // The app is built first: Sass compiles on this thread, and would starve the emulators' start-up checks.
  const consoleDist = options.console ? await buildConsole(REPO_ROOT) : undefined;

  try {
    const dynamoLocal = await startDynamoDbLocal({ port: dynamoDbPort, ...(options.dataDir ? { dataDir: options.dataDir } : {}) });
    stoppers.push(() => dynamoLocal.stop());
    let sqsLocal: SqsLocal | undefined = await startSqsLocal({ port: sqsPort });
    stoppers.push(() => sqsLocal?.stop());

    const clientConfig = { region: REGION, credentials: CREDENTIALS };
    const dynamoClient = new DynamoDBClient({ ...clientConfig, endpoint: dynamoLocal.endpoint });
    const streamsClient = new DynamoDBStreamsClient({ ...clientConfig, endpoint: dynamoLocal.endpoint });
    const sqsClient = new SQSClient({ ...clientConfig, endpoint: sqsLocal.endpoint });
    stoppers.push(() => [dynamoClient, streamsClient, sqsClient].forEach((c) => c.destroy()));

    const streamArn = await provisionTable(dynamoClient, platform.table);
    const queues = await provisionQueues(sqsClient, platform.queues);
    Object.assign(
      process.env,
      functionEnvironment({ dynamodb: dynamoLocal.endpoint, sqs: sqsLocal.endpoint, tableName: platform.table.name, queues }),
    );
    // Clients an earlier stack in this process made point at its emulators: start afresh.
    resetAwsClients();

    const functions: LocalFunction[] = [];
    for (const definition of platform.functions) {
      Object.assign(process.env, definition.environment ?? {});
      functions.push(await loadFunction(definition, REPO_ROOT));
    }
    const onError = (source: string) => (error: unknown) => log(`${source} failed`, error);

    const fakeTwilio = createFakeTwilio(() => ({
      accountSid: process.env.TWILIO_ACCOUNT_SID ?? '',
      authToken: process.env.TWILIO_AUTH_TOKEN ?? '',
    }));
    const fakeSes = createFakeSes();
    // Its issuer is under the gateway's own URL, known once the gateway listens.
    let gatewayUrl = '';
    const fakeCognito = createFakeCognito(() => ({
      issuer: `${gatewayUrl}${FAKE_COGNITO_PREFIX}`,
      clientId: process.env.AUTH_CLIENT_ID ?? LOCAL_CLIENT_ID,
    }));
    // The resident simulator signs over PUBLIC_BASE_URL with the stack's own token, read when it is used.
    const simulator = createSimulator({
      sentSms: fakeTwilio.messages,
      config: () => ({
        gatewayUrl,
        publicBaseUrl: process.env.PUBLIC_BASE_URL ?? gatewayUrl,
        authToken: process.env.TWILIO_AUTH_TOKEN ?? '',
        accountSid: process.env.TWILIO_ACCOUNT_SID ?? '',
        councilNumber: process.env.TWILIO_FROM_NUMBER ?? '',
      }),
    });
    const consoleServer = consoleDist
      ? createConsoleServer({
          distDir: consoleDist,
          config: () => ({ authority: `${gatewayUrl}${FAKE_COGNITO_PREFIX}`, clientId: process.env.AUTH_CLIENT_ID ?? LOCAL_CLIENT_ID, simulator: true }),
        })
      : undefined;
    const server: Server = await startGateway(functions, {
      port: options.port,
      ...(options.host ? { host: options.host } : {}),
      onError: (error, routeKey) => log(`${routeKey} failed`, error),
      local: async (req, res, url) =>
        (await fakeTwilio.handle(req, res, url)) ||
        (await fakeSes.handle(req, res, url)) ||
        (await simulator.handle(req, res, url)) ||
        (await fakeCognito.handle(req, res, url)) ||
        (consoleServer ? consoleServer.handle(req, res, url) : false),
      allowedOrigins: () => (process.env.ALLOWED_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
    });
    stoppers.push(
      () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    );
    const { port } = server.address() as { port: number };
    const url = `http://${options.host && options.host !== '0.0.0.0' ? options.host : 'localhost'}:${port}`;
    gatewayUrl = url;
    // Functions read these when they run, so they can be set now the gateway's URL is known.
    Object.assign(process.env, secretsAndSettings(platform, url), { AWS_ENDPOINT_URL_SESV2: `${url}${FAKE_SES_PREFIX}` });

    // The seed runs its own SLA monitor at past times, so the schedule starts once it is done; the
    // stream and queue consumers too, so they do not slow it down: they then take every seeded
    // record from the start of the stream, as they would have at the time.
    const seeded = options.seed ? ((await tableIsEmpty()) ? await seedDemoData({ log }) : 'not-empty') : undefined;
    for (const fn of functions.filter((f) => f.definition.tableStream)) {
      const problems = streamFilterProblems(fn.definition.tableStream!.filters);
      if (problems.length) throw new Error(`${fn.definition.name} ${problems.join('; ')}`);
      const mapping = startStreamMapping({
        client: streamsClient,
        streamArn,
        fn,
        batchSize: fn.definition.tableStream!.batchSize,
        filters: fn.definition.tableStream!.filters,
        ...(options.dataDir ? { checkpointFile: join(options.dataDir, `stream-checkpoint-${fn.definition.name}.json`) } : {}),
        onError: onError(`stream -> ${fn.definition.name}`),
      });
      stoppers.push(() => mapping.stop());
    }
    for (const fn of functions.filter((f) => f.definition.queue)) {
      const consumes = fn.definition.queue!;
      const queue = queues.find((q) => q.definition.id === consumes.id);
      if (!queue) throw new Error(`${fn.definition.name} consumes queue '${consumes.id}', which the platform does not define`);
      const mapping = startSqsMapping({
        client: sqsClient,
        queueUrl: queue.url,
        queueArn: queue.arn,
        fn,
        batchSize: consumes.batchSize,
        onError: onError(`queue -> ${fn.definition.name}`),
      });
      stoppers.push(() => mapping.stop());
    }
    if (options.schedules ?? true) {
      const schedules = startSchedules(functions, (error, name) => log(`schedule ${name} failed`, error));
      stoppers.push(() => schedules.stop());
    }

    return {
      url,
      sentSms: fakeTwilio.messages,
      sentEmails: fakeSes.emails,
      ...(seeded ? { seeded } : {}),
      endpoints: { dynamodb: dynamoLocal.endpoint, sqs: `http://127.0.0.1:${sqsPort}` },
      region: REGION,
      tableName: platform.table.name,
      queues,
      async stopSqs() {
        await sqsLocal?.stop();
        sqsLocal = undefined;
      },
      async resumeSqs() {
        // A fresh emulator on the same port: the queues are recreated (their messages were in memory).
        sqsLocal ??= await startSqsLocal({ port: sqsPort });
        await provisionQueues(sqsClient, platform.queues);
      },
      async runSchedule(name, at) {
        const fn = functions.find((f) => f.definition.name === name && f.definition.schedule);
        if (!fn) throw new Error(`no scheduled function '${name}'`);
        return fn.invoke(scheduledEvent(fn, at));
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
