// `npm start`: the whole platform on this machine, with the console web app. Options: --in-memory
// (nothing kept on disk), --empty (no demo data in an empty table), --no-console (API only, no
// app build), PORT (gateway, default 3000), DYNAMODB_PORT (8000), SQS_PORT (9324).
import { join } from 'node:path';
import { JavaMissingError } from './java.ts';
import { describeSeed } from './seed.ts';
import { REPO_ROOT, startLocalStack } from './stack.ts';

const inMemory = process.argv.includes('--in-memory');
const withConsole = !process.argv.includes('--no-console');
const empty = process.argv.includes('--empty');
const dataDir = join(REPO_ROOT, '.local', 'dynamodb');
const log = (message: string, detail?: unknown) =>
  console.error(`[local] ${message}`, detail instanceof Error ? detail.message : (detail ?? ''));

try {
  const stack = await startLocalStack({
    port: Number(process.env.PORT ?? 3000),
    dynamoDbPort: Number(process.env.DYNAMODB_PORT ?? 8000),
    sqsPort: Number(process.env.SQS_PORT ?? 9324),
    ...(inMemory ? {} : { dataDir }),
    console: withConsole,
    log,
    seed: !empty,
  });
  const { functions } = await import('../registry.ts');
  const lines = [
    `frontdoor is running on ${stack.url}`,
    ...(withConsole ? [`The contact console: ${stack.url}/ (sign in as amara.okafor, an adviser; see the README)`] : []),
    '',
    'HTTP routes:',
    ...functions.flatMap((f) => (f.routes ?? []).map((r) => `  ${r.method.padEnd(6)} ${stack.url}${r.path}   (${f.name})`)),
    '',
    `DynamoDB Local: ${stack.endpoints.dynamodb} (table ${stack.tableName}; ${inMemory ? 'in memory' : `data in ${dataDir}`})`,
    `SQS emulator:   ${stack.endpoints.sqs}`,
    ...stack.queues.map((q) => `  hand-off queue ${q.url}`),
    '',
    'Stream consumers: ' + functions.filter((f) => f.tableStream).map((f) => f.name).join(', '),
    'Schedules: ' + (functions.filter((f) => f.schedule).map((f) => `${f.name} every ${f.schedule!.everyMinutes} min`).join(', ') || 'none'),
    `Resident simulator: ${stack.url}/simulator in the console (it texts and calls the Twilio webhooks through ${stack.url}/_local/simulator/...)`,
    '',
    stack.seeded === undefined
      ? 'Demo data: none (--empty)'
      : stack.seeded === 'not-empty'
        ? 'Demo data: the table has data already; nothing seeded'
        : `Demo data: ${describeSeed(stack.seeded)}`,
    '',
    'Press Ctrl-C to stop.',
  ];
  console.log(lines.join('\n'));

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping...`);
    await stack.stop();
    console.log('stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
} catch (error) {
  if (error instanceof JavaMissingError) {
    console.error(error.message);
  } else {
    console.error('frontdoor could not start:', error);
  }
  process.exit(1);
}
