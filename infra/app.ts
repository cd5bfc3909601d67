// The CDK app (`npx cdk synth`, `npx cdk deploy`): one stack, built from the registry, checked by
// cdk-nag's AWS Solutions pack. A finding that is neither fixed nor acknowledged fails synth.
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { platform } from '#infra/registry';
import { FrontdoorStack } from '#infra/stack';

const app = new App();

new FrontdoorStack(app, 'Frontdoor', {
  platform,
  description: 'Front door: omnichannel contact routing for the council',
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});

Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

app.synth();
