// `npm run routing:train`: retrains the router from the public data plus the council's own labels
// (advisers' overrides and resolutions under another service, teams' reroutes) read from the
// platform's table, writes the new version with its report and promotes it only if it beats the
// current model on the labels held back from its training (docs/routing.md, "Learning from the
// council"). Prints counts only: residents' words go into training, never onto the screen.
//   npm run routing:train -- --local [--promote]
//   npm run routing:train -- --table NAME --region eu-west-2 [--endpoint URL] [--out DIR] [--promote [--force]] [--since DATE]
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoLabelStore } from '#adapters/routing-label-store';
import { readCouncilLabels, type CouncilLabels } from '#app/routing-labels';
import { catalogue } from '#catalogue/index';
import { table } from '#infra/registry';
import { describeReadError, parseTrainCommand, retrainRouting, routingTrainer, USAGE, UsageError, type TrainCommand } from './retrain-routing.ts';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

// This machine may run Node 20 (Lambda runs 22); the SDK's advance notice about it is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

async function readLabels(command: TrainCommand): Promise<CouncilLabels> {
  const { source } = command;
  if (source.kind === 'none') return { labels: [], skipped: { emptyText: 0, emergency: 0, unknownService: 0, duplicate: 0, beforeSince: 0, caseMissing: 0 } };
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      region: source.region,
      ...(source.endpoint ? { endpoint: source.endpoint } : {}),
      // DynamoDB Local takes any credentials; the local stack's functions use these.
      ...(source.kind === 'local' ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
      maxAttempts: 3,
    }),
  );
  try {
    return await readCouncilLabels(dynamoLabelStore({ client, tableName: source.tableName }), catalogue, command.since ? { since: command.since } : {});
  } catch (error) {
    throw new TableUnreadableError(describeReadError(error, source));
  } finally {
    client.destroy();
  }
}

class TableUnreadableError extends Error {
  override name = 'TableUnreadableError';
}

async function main(): Promise<number> {
  let command: TrainCommand;
  try {
    if (process.argv.includes('--help') || process.argv.includes('-h')) {
      console.log(USAGE);
      return 0;
    }
    command = parseTrainCommand(process.argv.slice(2), process.env, { localTable: table.name, outDir: join(REPO_ROOT, '.local', 'routing-models') });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`routing:train: ${error.message}\n\n${USAGE}`);
    return 2;
  }

  const where =
    command.source.kind === 'none'
      ? 'no table (public data only)'
      : `table '${command.source.tableName}' ${command.source.endpoint ? `at ${command.source.endpoint}` : `in ${command.source.region}`}`;
  console.log(`Reading the council's labels from ${where}${command.since ? ` since ${command.since}` : ''} ...`);
  let labels: CouncilLabels;
  try {
    labels = await readLabels(command);
  } catch (error) {
    if (!(error instanceof TableUnreadableError)) throw error;
    console.error(`routing:train: ${error.message}`);
    return 1;
  }
  console.log(`${labels.labels.length} council labels. Training ...`);

  const result = await retrainRouting({
    labels,
    catalogue,
    trainer: routingTrainer,
    outDir: command.outDir,
    promote: command.promote,
    force: command.force,
    log: (line) => console.error(line),
    promotion: { modelFile: join(REPO_ROOT, 'shared', 'catalogue', 'routing-model.json'), reportFile: join(REPO_ROOT, 'docs', 'routing-report.md') },
  });
  const { report } = result;
  const sources = (counts: Record<string, number>) =>
    Object.entries(counts)
      .map(([source, n]) => `${source} ${n}`)
      .join(', ');
  console.log(
    [
      `Model ${result.version}, trained in ${report.seconds.toFixed(1)} s on ${report.rows.total} rows (${sources(report.rows.bySource)}).`,
      `Council labels: ${report.council.total}; trained on: ${sources(report.council.trainedOn)}; held back: ${sources(report.council.heldBack)}.`,
      `Cross-validated: ${(100 * report.crossValidated.accuracy).toFixed(1)}% right, ${(100 * report.crossValidated.deferral).toFixed(1)}% deferred.`,
      `Written to ${result.dir} (model.json, report.md, report.json).`,
      report.promotion.why,
    ].join('\n'),
  );
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`routing:train failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
