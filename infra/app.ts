// The CDK app (`npx cdk synth`, `npx cdk deploy`): one stack, built from the registry, checked by
// cdk-nag's AWS Solutions pack. A finding that is neither fixed nor acknowledged fails synth.
// The console's built files are deployed with it: console/dist (`npm run build:console`; `npm run
// synth` builds it first), or the folder given with `-c consoleDist=<folder>`.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { platform } from '#infra/registry';
import { FrontdoorStack } from '#infra/stack';

const app = new App();

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const given: unknown = app.node.tryGetContext('consoleDist');
const consoleDist = path.resolve(repoRoot, typeof given === 'string' && given !== '' ? given : path.join('console', 'dist'));
if (!existsSync(path.join(consoleDist, 'index.html'))) {
  console.error(
    `The console's build is missing: there is no index.html in ${consoleDist}.\n` +
      'Run npm run build:console first (npm run synth does), or give a built console with -c consoleDist=<folder>.',
  );
  process.exit(1);
}

new FrontdoorStack(app, 'Frontdoor', {
  platform,
  consoleDist,
  description: 'Front door: omnichannel contact routing for the council',
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});

Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

app.synth();
