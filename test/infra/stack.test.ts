// What the CDK stack promises, asserted on the synthesized templates: one from the real registry and
// one from a small fixture platform that also has a scheduled function, a hand-off queue consumer, a
// consumer of a non-team queue that reads a secret and settings, and a sender to that queue.
// Each app is synthesized once (bundling runs esbuild per function), when a describe first needs it.
// The console's files are a small folder made here, so these tests never need `npm run build:console`.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { App, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalogue } from '#catalogue/index';
import { queueUrlEnv, secretArnEnv } from '#domain/env';
import {
  API_PATH_PREFIXES,
  CORS_ALLOW_HEADERS,
  platform,
  STAFF_GROUPS,
  type PlatformDefinition,
  type StreamRecordFilter,
} from '#infra/registry';
import { CONSOLE_PAGE_REWRITE, FrontdoorStack } from '#infra/stack';
import { contentSecurityPolicy, SECURITY_HEADERS } from '#infra/web-headers';

const REPO_ROOT_FOR_BUNDLES = fileURLToPath(new URL('../..', import.meta.url));

const fixture: PlatformDefinition = {
  table: {
    name: 'fixture',
    partitionKey: 'pk',
    sortKey: 'sk',
    ttlAttribute: 'expiresAt',
    indexes: [{ name: 'byTeamDue', partitionKey: 'teamId', sortKey: 'dueAt' }],
  },
  queues: [
    {
      id: 'handoff-pest-control',
      description: 'Hand-offs to Pest Control',
      teamId: 'pest-control',
      queueName: 'fixture-handoff-pest-control',
      deadLetterQueueName: 'fixture-handoff-pest-control-dlq',
      visibilityTimeoutSeconds: 90,
      maxReceiveCount: 3,
      oldestMessageAlarmSeconds: 600,
    },
    {
      id: 'notifications',
      description: 'Fixture messages to residents',
      queueName: 'fixture-notifications',
      deadLetterQueueName: 'fixture-notifications-dlq',
      visibilityTimeoutSeconds: 45,
      maxReceiveCount: 4,
      oldestMessageAlarmSeconds: 300,
    },
  ],
  secrets: [
    { id: 'twilio-auth-token', env: 'TWILIO_AUTH_TOKEN', description: 'Fixture Twilio auth token', localDefault: 'dev' },
    // No function lists it, so the stack creates no secret for it.
    { id: 'unused-secret', env: 'UNUSED_SECRET', description: 'Fixture secret no function reads', localDefault: 'dev:dev' },
  ],
  settings: [
    { env: 'PUBLIC_BASE_URL', contextKey: 'publicBaseUrl', description: 'Fixture public URL', awsFrom: 'apiUrl', localDefault: 'local' },
    { env: 'TWILIO_FROM_NUMBER', contextKey: 'twilioFromNumber', description: 'Fixture number', awsDefault: '', localDefault: '+1' },
    {
      env: 'TWILIO_ACCOUNT_SID',
      contextKey: 'twilioAccountSid',
      description: 'Fixture setting left to its AWS default',
      awsDefault: 'AC-fixture-default',
      localDefault: 'AC0',
    },
    { env: 'TWILIO_API_BASE_URL', contextKey: 'twilioApiBaseUrl', description: 'Fixture, no AWS default', localDefault: 'x' },
    {
      env: 'ALLOWED_ORIGINS',
      contextKey: 'councilSiteOrigin',
      description: 'Fixture CORS origins',
      awsDefault: '*',
      localDefault: '*',
    },
  ],
  // Entries point at the registry's handlers: the fixture tests wiring, not code.
  functions: [
    {
      name: 'sla-monitor',
      description: 'Scheduled fixture',
      entry: 'functions/get-case/handler.ts',
      memoryMb: 256,
      timeoutSeconds: 60,
      schedule: { everyMinutes: 5 },
      permissions: { table: 'readWrite', sendToQueues: ['notifications'] },
    },
    {
      name: 'pest-control-consumer',
      description: 'Hand-off queue consumer fixture',
      entry: 'functions/dispatch-handoffs/handler.ts',
      memoryMb: 128,
      timeoutSeconds: 30,
      environment: { TEAM_ID: 'pest-control' },
      queue: { id: 'handoff-pest-control', batchSize: 5 },
      permissions: { table: 'write' },
    },
    {
      name: 'stream-with-retry-limit',
      description: 'Table stream fixture with a retry limit',
      entry: 'functions/dispatch-handoffs/handler.ts',
      memoryMb: 128,
      timeoutSeconds: 30,
      tableStream: {
        batchSize: 10,
        maxRetryAttempts: 4,
        filters: [
          { events: ['MODIFY'], newEntity: ['case'], oldEntity: ['case', 'draft'] },
          { events: ['INSERT', 'REMOVE'] },
        ],
      },
      permissions: { sendToHandoffQueues: true },
    },
    {
      name: 'send-notifications',
      description: 'Non-team queue consumer fixture with a secret and settings',
      entry: 'functions/dispatch-handoffs/handler.ts',
      memoryMb: 128,
      timeoutSeconds: 30,
      queue: { id: 'notifications', batchSize: 10 },
      secrets: ['twilio-auth-token'],
      settings: ['PUBLIC_BASE_URL', 'TWILIO_FROM_NUMBER', 'TWILIO_ACCOUNT_SID', 'TWILIO_API_BASE_URL', 'ALLOWED_ORIGINS'],
      permissions: {},
    },
  ],
};

/**
 * CDK context for the fixture app, as `-c key=value` would give it: the registry app runs without,
 * so the two cover both ways of the console's domain, certificate, web ACL and sign-in domain.
 */
const FIXTURE_CONTEXT = {
  twilioFromNumber: '+441632960000',
  councilSiteOrigin: 'https://www.fixture.gov.uk',
  authDomainPrefix: 'fixture-council-staff',
  consoleDomain: 'console.fixture.gov.uk',
  consoleCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8091-a2b3c4d5e6f7',
  consoleWebAclArn: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/fixture/0f1e2d3c-4b5a-6978-8091-a2b3c4d5e6f7',
};

const pascal = (kebab: string) => kebab.replace(/(^|-)(\w)/g, (_, _dash: string, letter: string) => letter.toUpperCase());

// IAM has no TransactWriteItems action: a transaction is authorised item by item with these.
const WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

interface Statement {
  actions: string[];
  resources: unknown[];
}

/** Every IAM statement granted to the role of the Lambda named `functionName`. */
function statementsOf(template: Template, functionName: string): Statement[] {
  const functions = Object.values(
    template.findResources('AWS::Lambda::Function', { Properties: { FunctionName: functionName } }),
  );
  expect(functions, `one Lambda named ${functionName}`).toHaveLength(1);
  const roleLogicalId: string = functions[0]!.Properties.Role['Fn::GetAtt'][0];
  const policies = template.findResources('AWS::IAM::Policy', {
    Properties: { Roles: Match.arrayWith([{ Ref: roleLogicalId }]) },
  });
  return Object.values(policies).flatMap((policy) =>
    policy.Properties.PolicyDocument.Statement.map((statement: { Action: string | string[]; Resource: unknown }) => ({
      actions: [statement.Action].flat(),
      resources: [statement.Resource].flat(),
    })),
  );
}

/** Every IAM action granted to the role of the Lambda named `functionName`. */
function actionsOf(template: Template, functionName: string): string[] {
  return statementsOf(template, functionName).flatMap((statement) => statement.actions);
}

/** What the role of `functionName` may do `action` to. */
function resourcesOf(template: Template, functionName: string, action: string): unknown[] {
  return statementsOf(template, functionName)
    .filter((statement) => statement.actions.includes(action))
    .flatMap((statement) => statement.resources);
}

/** The filter patterns on the table-stream event source of the Lambda whose registry name is `name`. */
function streamFilterPatterns(template: Template, name: string): unknown[] {
  const mappings = Object.values(
    template.findResources('AWS::Lambda::EventSourceMapping', {
      Properties: {
        EventSourceArn: { 'Fn::GetAtt': [Match.anyValue(), 'StreamArn'] },
        FunctionName: { Ref: Match.stringLikeRegexp(`^${pascal(name)}Function`) },
      },
    }),
  );
  expect(mappings, `one stream event source for ${name}`).toHaveLength(1);
  return mappings[0]!.Properties.FilterCriteria.Filters.map((filter: { Pattern: string }) => JSON.parse(filter.Pattern));
}

/** The logical id of the one resource of `type` with these properties. */
function logicalIdOf(template: Template, type: string, properties: Record<string, unknown>): string {
  const ids = Object.keys(template.findResources(type, { Properties: properties }));
  expect(ids, `one ${type} with ${JSON.stringify(properties)}`).toHaveLength(1);
  return ids[0]!;
}

/** A built console as small as it gets: a page and one hashed file under assets/. */
const CONSOLE_DIST = (() => {
  const dist = mkdtempSync(path.join(tmpdir(), 'frontdoor-console-dist-'));
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Front door</title><script type="module" src="/assets/index-test.js"></script>\n');
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'assets', 'index-test.js'), 'document.title = "Front door";\n');
  return dist;
})();

/** Synthesizes `definition` in its own app; bundling happens here, once per function. */
function synthesize(definition: PlatformDefinition, context: Record<string, string> = {}): { app: App; stack: FrontdoorStack; template: Template } {
  // Asset metadata (as the CLI asks for) says where each bundle was staged.
  const app = new App({ context: { 'aws:cdk:enable-asset-metadata': true, ...context } });
  const stack = new FrontdoorStack(app, 'Frontdoor', { platform: definition, consoleDist: CONSOLE_DIST });
  return { app, stack, template: Template.fromStack(stack) };
}

/** Synthesizes on first use only: the acknowledgement test below looks at both apps. */
function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}
const registryApp = once(() => synthesize(platform));
const fixtureApp = once(() => synthesize(fixture, FIXTURE_CONTEXT));

describe('FrontdoorStack from the registry', () => {
  let app: App;
  let template: Template;
  beforeAll(() => {
    ({ app, template } = registryApp());
  });

  it('has one on-demand table with point-in-time recovery, a new-and-old-images stream, TTL and every index', () => {
    template.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        TableName: platform.table.name,
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: platform.table.partitionKey, KeyType: 'HASH' },
          { AttributeName: platform.table.sortKey, KeyType: 'RANGE' },
        ],
        StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
        TimeToLiveSpecification: { AttributeName: platform.table.ttlAttribute, Enabled: true },
        Replicas: [
          Match.objectLike({
            DeletionProtectionEnabled: true,
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          }),
        ],
        GlobalSecondaryIndexes: Match.arrayWith(
          platform.table.indexes.map((index) => ({
            IndexName: index.name,
            KeySchema: [
              { AttributeName: index.partitionKey, KeyType: 'HASH' },
              { AttributeName: index.sortKey, KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          })),
        ),
      }),
    });
  });

  it('gives every platform queue (a hand-off queue per team, and the others) encryption, SSL only and a dead-letter queue', () => {
    expect(platform.queues.filter((queue) => queue.teamId).length).toBeGreaterThan(0);
    expect(platform.queues.filter((queue) => !queue.teamId).length).toBeGreaterThan(0);
    template.resourceCountIs('AWS::SQS::Queue', platform.queues.length * 2);
    for (const queue of platform.queues) {
      template.hasResourceProperties('AWS::SQS::Queue', {
        QueueName: queue.queueName,
        VisibilityTimeout: queue.visibilityTimeoutSeconds,
        SqsManagedSseEnabled: true,
        RedrivePolicy: {
          deadLetterTargetArn: Match.anyValue(),
          maxReceiveCount: queue.maxReceiveCount,
        },
      });
      template.hasResourceProperties('AWS::SQS::Queue', {
        QueueName: queue.deadLetterQueueName,
        SqsManagedSseEnabled: true,
      });
    }
    // Every queue policy denies requests that do not use TLS.
    template.resourceCountIs('AWS::SQS::QueuePolicy', platform.queues.length * 2);
    template.allResourcesProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('alarms on dead-letter depth and on the oldest waiting message for every queue, to one encrypted topic', () => {
    template.resourceCountIs('AWS::SNS::Topic', 1);
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    const topic = Object.keys(template.findResources('AWS::SNS::Topic'))[0]!;
    for (const queue of platform.queues) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Namespace: 'AWS/SQS',
        Dimensions: [{ Name: 'QueueName', Value: Match.objectLike({ 'Fn::GetAtt': Match.anyValue() }) }],
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        Threshold: 1,
        AlarmName: `${queue.deadLetterQueueName}-not-empty`,
        AlarmActions: [{ Ref: topic }],
      });
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'ApproximateAgeOfOldestMessage',
        Namespace: 'AWS/SQS',
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        Threshold: queue.oldestMessageAlarmSeconds,
        AlarmName: `${queue.queueName}-waiting`,
        AlarmActions: [{ Ref: topic }],
      });
    }
    const streamConsumers = platform.functions.filter((fn) => fn.tableStream);
    for (const fn of streamConsumers) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'IteratorAge',
        Namespace: 'AWS/Lambda',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: Match.stringLikeRegexp(`^${pascal(fn.name)}Function`) } }],
        Threshold: 5 * 60 * 1000,
        AlarmActions: [{ Ref: topic }],
      });
    }
    template.resourceCountIs('AWS::CloudWatch::Alarm', platform.queues.length * 2 + streamConsumers.length);
  });

  it('deploys every function as an ES module bundle on Node.js 22, arm64, with its memory and timeout', () => {
    // One Lambda per registry function; the only other is the provider of CDK's BucketDeployment,
    // which copies the console's files during a deploy.
    const lambdas = template.findResources('AWS::Lambda::Function');
    const ours = Object.values(lambdas).filter((fn) => String(fn.Properties.FunctionName).startsWith('frontdoor-'));
    expect(ours).toHaveLength(platform.functions.length);
    expect(Object.keys(lambdas).filter((id) => !id.startsWith('CustomCDKBucketDeployment'))).toHaveLength(platform.functions.length);
    for (const fn of ours) {
      expect(fn.Properties, fn.Properties.FunctionName).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        Environment: {
          Variables: expect.objectContaining({ NODE_OPTIONS: '--enable-source-maps', POWERTOOLS_SERVICE_NAME: 'frontdoor' }),
        },
      });
    }
    for (const fn of platform.functions) {
      template.hasResourceProperties('AWS::Lambda::Function', {
        FunctionName: `frontdoor-${fn.name}`,
        MemorySize: fn.memoryMb,
        Timeout: fn.timeoutSeconds,
      });
    }
  });

  it('bundles every handler into an ES module that loads on this Node', () => {
    const functions = template.findResources('AWS::Lambda::Function', {
      Properties: { FunctionName: Match.stringLikeRegexp('^frontdoor-') },
    });
    // The bundles leave the AWS SDK to the Lambda runtime; here node_modules stands in for it.
    const beside = path.join(REPO_ROOT_FOR_BUNDLES, 'node_modules', '.cache', 'infra-bundles');
    mkdirSync(beside, { recursive: true });
    for (const fn of Object.values(functions)) {
      const bundle = path.join(beside, `${fn.Properties.FunctionName}.mjs`);
      copyFileSync(path.join(app.outdir, fn.Metadata['aws:asset:path'], 'index.mjs'), bundle);
      // A fresh node process, as Lambda loads it: no vite transform, no test globals.
      const loaded = execFileSync(
        process.execPath,
        ['--input-type=module', '-e', `const m = await import(${JSON.stringify(pathToFileURL(bundle).href)}); process.stdout.write(typeof m.handler);`],
        { encoding: 'utf8', env: { PATH: process.env.PATH, AWS_REGION: 'eu-west-2' } },
      );
      expect(loaded, fn.Properties.FunctionName).toBe('function');
    }
  });

  it('tells each function where its table, queues and secrets are, and its settings, and only those it may use', () => {
    for (const fn of platform.functions) {
      const variables = Match.objectLike({
        TABLE_NAME: fn.permissions.table ? { Ref: Match.anyValue() } : Match.absent(),
        HANDOFF_QUEUE_BASE_URL: fn.permissions.sendToHandoffQueues ? Match.anyValue() : Match.absent(),
        ...Object.fromEntries(
          platform.queues.map((queue) => [
            queueUrlEnv(queue.id),
            fn.permissions.sendToQueues?.includes(queue.id) ? { Ref: Match.anyValue() } : Match.absent(),
          ]),
        ),
        ...Object.fromEntries(
          platform.secrets.map((secret) => [
            secretArnEnv(secret.env),
            fn.secrets?.includes(secret.id) ? { Ref: Match.anyValue() } : Match.absent(),
          ]),
        ),
        // A secret's value is never in the environment on AWS, only its ARN.
        ...Object.fromEntries(platform.secrets.map((secret) => [secret.env, Match.absent()])),
        ...Object.fromEntries(
          platform.settings
            .filter((setting) => !fn.environment?.[setting.env])
            .map((setting) => [setting.env, fn.settings?.includes(setting.env) ? Match.anyValue() : Match.absent()]),
        ),
      });
      template.hasResourceProperties('AWS::Lambda::Function', {
        FunctionName: `frontdoor-${fn.name}`,
        Environment: { Variables: variables },
      });
    }
  });

  it('routes every registry route through the HTTP API to its function, with access logs on the default stage', () => {
    const routes = platform.functions.flatMap((fn) => fn.routes ?? []);
    expect(routes.length).toBeGreaterThan(0);
    template.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'HTTP',
      CorsConfiguration: Match.objectLike({ AllowOrigins: ['*'], AllowHeaders: CORS_ALLOW_HEADERS }),
    });
    template.resourceCountIs('AWS::ApiGatewayV2::Route', routes.length);
    for (const route of routes) {
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: `${route.method} ${route.path}` });
    }
    template.allResourcesProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      PayloadFormatVersion: '2.0',
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
    });
    expect(routes).toContainEqual({ method: 'POST', path: '/api/contacts' });
  });

  it('dispatches hand-offs from the table stream with partial batch failures and no data lost to a retry limit', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [Match.anyValue(), 'StreamArn'] },
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 25,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: -1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('gives each stream consumer only the records it declares: the dispatcher new outbox items, the measures what can move one', () => {
    // The filter patterns, as Lambda's FilterCriteria syntax for DynamoDB streams writes them.
    expect(streamFilterPatterns(template, 'dispatch-handoffs')).toEqual([
      { eventName: ['INSERT'], dynamodb: { NewImage: { entity: { S: ['handoff', 'notification'] } } } },
    ]);
    expect(streamFilterPatterns(template, 'update-measures')).toEqual([
      { eventName: ['INSERT'], dynamodb: { NewImage: { entity: { S: ['contact', 'case', 'rating'] } } } },
      // A contact's MODIFY too: an adviser's mark of failure demand.
      { eventName: ['MODIFY'], dynamodb: { NewImage: { entity: { S: ['case', 'contact'] } } } },
      { eventName: ['REMOVE'], dynamodb: { OldImage: { entity: { S: ['case'] } } } },
    ]);
  });

  it('lets the case reader read the table and nothing more', () => {
    const actions = actionsOf(template, 'frontdoor-get-case');
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']));
    for (const write of WRITE_ACTIONS) expect(actions).not.toContain(write);
    expect(actions.filter((action) => action.startsWith('sqs:'))).toEqual([]);
  });

  it('lets the dispatcher read the stream and send to team queues and the queues it names, but not write the table', () => {
    const dispatcher = platform.functions.find((fn) => fn.name === 'dispatch-handoffs')!;
    const actions = actionsOf(template, 'frontdoor-dispatch-handoffs');
    expect(actions).toEqual(expect.arrayContaining(['sqs:SendMessage', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator']));
    for (const write of WRITE_ACTIONS) expect(actions).not.toContain(write);
    expect(actions).not.toContain('dynamodb:GetItem');
    // Exactly the team queues and the named ones: no dead-letter queue, no other queue.
    const sendsTo = platform.queues.filter(
      (queue) => queue.teamId || dispatcher.permissions.sendToQueues?.includes(queue.id),
    );
    expect(sendsTo.some((queue) => !queue.teamId)).toBe(true);
    const arns = sendsTo.map((queue) => ({
      'Fn::GetAtt': [logicalIdOf(template, 'AWS::SQS::Queue', { QueueName: queue.queueName }), 'Arn'],
    }));
    const granted = resourcesOf(template, 'frontdoor-dispatch-handoffs', 'sqs:SendMessage');
    expect(granted).toEqual(expect.arrayContaining(arns));
    expect(granted).toHaveLength(arns.length);
  });

  it('creates a secret only for those a function reads, retained, and lets only those functions read it', () => {
    const inUse = platform.secrets.filter((secret) => platform.functions.some((fn) => fn.secrets?.includes(secret.id)));
    template.resourceCountIs('AWS::SecretsManager::Secret', inUse.length);
    for (const secret of inUse) {
      template.hasResource('AWS::SecretsManager::Secret', {
        DeletionPolicy: 'Retain',
        Properties: Match.objectLike({ Name: `frontdoor/${secret.id}`, Description: secret.description }),
      });
      const logicalId = logicalIdOf(template, 'AWS::SecretsManager::Secret', { Name: `frontdoor/${secret.id}` });
      for (const fn of platform.functions) {
        const readable = resourcesOf(template, `frontdoor-${fn.name}`, 'secretsmanager:GetSecretValue');
        if (fn.secrets?.includes(secret.id)) expect(readable, fn.name).toContainEqual({ Ref: logicalId });
        else expect(readable, fn.name).not.toContainEqual({ Ref: logicalId });
      }
    }
    for (const fn of platform.functions.filter((fn) => !fn.secrets?.length)) {
      expect(actionsOf(template, `frontdoor-${fn.name}`).filter((action) => action.startsWith('secretsmanager:'))).toEqual([]);
    }
  });

  it("lets the reference consumer call the service API at the API's URL with its team's key, and use nothing of the table", () => {
    const api = logicalIdOf(template, 'AWS::ApiGatewayV2::Api', { Name: 'frontdoor' });
    const secret = logicalIdOf(template, 'AWS::SecretsManager::Secret', { Name: 'frontdoor/parks-trees-api-key' });
    template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'frontdoor-reference-consumer',
      Environment: {
        Variables: Match.objectLike({
          SERVICE_API_URL: { 'Fn::GetAtt': [api, 'ApiEndpoint'] },
          PARKS_TREES_API_KEY_SECRET_ARN: { Ref: secret },
          TABLE_NAME: Match.absent(),
        }),
      },
    });
    const actions = actionsOf(template, 'frontdoor-reference-consumer');
    expect(actions.filter((action) => action.startsWith('dynamodb:'))).toEqual([]);
    expect(actions).toEqual(expect.arrayContaining(['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'secretsmanager:GetSecretValue']));
    expect(resourcesOf(template, 'frontdoor-reference-consumer', 'secretsmanager:GetSecretValue')).toEqual([{ Ref: secret }]);
  });

  it('lets the web contact handler read and write the table', () => {
    const actions = actionsOf(template, 'frontdoor-web-contact');
    expect(actions).not.toContain('ses:SendEmail');
    expect(actions).toEqual(
      expect.arrayContaining(['dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem']),
    );
    expect(actions.filter((action) => action.startsWith('sqs:'))).toEqual([]);
  });

  it('outputs the API URL, the table name and every queue URL', () => {
    const outputs = Object.keys(template.findOutputs('*'));
    expect(outputs).toEqual(expect.arrayContaining(['ApiUrl', 'TableName']));
    const teamQueues = platform.queues.filter((queue) => queue.teamId);
    expect(outputs.filter((name) => name.startsWith('HandoffQueueUrl'))).toHaveLength(teamQueues.length);
    expect(outputs).toEqual(expect.arrayContaining(teamQueues.map((queue) => `HandoffQueueUrl${pascal(queue.teamId!)}`)));
    const otherQueues = platform.queues.filter((queue) => !queue.teamId);
    expect(outputs.filter((name) => name.startsWith('QueueUrl'))).toEqual(
      otherQueues.map((queue) => `QueueUrl${pascal(queue.id)}`),
    );
  });

  it('passes the cdk-nag AWS Solutions checks', () => {
    expect(new AwsSolutionsChecks().validateScope(app).violations).toEqual([]);
  });

  it('synthesizes with the checks registered as infra/app.ts registers them', () => {
    // In-memory synth throws ValidationFailed, with the report, on any unacknowledged finding.
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => app.synth({ force: true })).not.toThrow();
  });

  it('acknowledges exactly the findings cdk-nag raises, each where it is raised and with a reason', () => {
    expectAcknowledgementsToMatchFindings(app);
  });
});

describe('FrontdoorStack from a fixture platform', () => {
  let app: App;
  let template: Template;
  beforeAll(() => {
    ({ app, template } = fixtureApp());
  });

  it('runs a scheduled function on an EventBridge rate', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(5 minutes)',
      State: 'ENABLED',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SlaMonitorFunction'), 'Arn'] } })],
    });
    template.resourceCountIs('AWS::Events::Rule', 1);
  });

  it("feeds a team's hand-off queue to its consumer with partial batch failures", () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: Match.stringLikeRegexp('^PestControlConsumerFunction') },
      EventSourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PestControlHandoffQueue'), 'Arn'] },
      BatchSize: 5,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    const actions = actionsOf(template, 'frontdoor-pest-control-consumer');
    expect(actions).toEqual(expect.arrayContaining(['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'dynamodb:PutItem']));
    expect(actions).not.toContain('dynamodb:GetItem');
    expect(actions).not.toContain('sqs:SendMessage');
    template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'frontdoor-pest-control-consumer',
      Environment: { Variables: Match.objectLike({ TEAM_ID: 'pest-control', TABLE_NAME: Match.anyValue() }) },
    });
  });

  it('honours a stream retry limit from the definition', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [Match.anyValue(), 'StreamArn'] },
      BatchSize: 10,
      MaximumRetryAttempts: 4,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('turns each stream filter into one pattern: its events, and the kinds of the images it names', () => {
    expect(streamFilterPatterns(template, 'stream-with-retry-limit')).toEqual([
      { eventName: ['MODIFY'], dynamodb: { NewImage: { entity: { S: ['case'] } }, OldImage: { entity: { S: ['case', 'draft'] } } } },
      { eventName: ['INSERT', 'REMOVE'] },
    ]);
  });

  it('has no API routes when no function declares one', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Route', 0);
  });

  it('uses the fixture queue settings for the redrive policy and alarms', () => {
    template.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'fixture-handoff-pest-control',
      VisibilityTimeout: 90,
      RedrivePolicy: { deadLetterTargetArn: Match.anyValue(), maxReceiveCount: 3 },
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateAgeOfOldestMessage',
      Threshold: 600,
    });
  });

  it('creates every queue, a team hand-off queue under its old construct ids and the others under their own', () => {
    template.resourceCountIs('AWS::SQS::Queue', fixture.queues.length * 2);
    template.resourceCountIs('AWS::CloudWatch::Alarm', fixture.queues.length * 2 + 1); // + the stream consumer
    const construct = (properties: Record<string, unknown>) => logicalIdOf(template, 'AWS::SQS::Queue', properties);
    expect(construct({ QueueName: 'fixture-handoff-pest-control' })).toMatch(/^PestControlHandoffQueue[0-9A-F]{8}$/);
    expect(construct({ QueueName: 'fixture-handoff-pest-control-dlq' })).toMatch(/^PestControlHandoffDeadLetterQueue/);
    expect(construct({ QueueName: 'fixture-notifications' })).toMatch(/^NotificationsQueue[0-9A-F]{8}$/);
    expect(construct({ QueueName: 'fixture-notifications-dlq' })).toMatch(/^NotificationsDeadLetterQueue/);
    template.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'fixture-notifications',
      VisibilityTimeout: 45,
      RedrivePolicy: { deadLetterTargetArn: Match.anyValue(), maxReceiveCount: 4 },
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'fixture-notifications-dlq-not-empty',
      MetricName: 'ApproximateNumberOfMessagesVisible',
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'fixture-notifications-waiting',
      MetricName: 'ApproximateAgeOfOldestMessage',
      Threshold: 300,
    });
    const outputs = template.findOutputs('*');
    expect(Object.keys(outputs).filter((name) => /QueueUrl/.test(name)).sort()).toEqual([
      'HandoffQueueUrlPestControl',
      'QueueUrlNotifications',
    ]);
    expect(outputs.QueueUrlNotifications!.Value).toEqual({ Ref: construct({ QueueName: 'fixture-notifications' }) });
  });

  it('feeds a non-team queue to the function that names it, with partial batch failures', () => {
    const queue = logicalIdOf(template, 'AWS::SQS::Queue', { QueueName: 'fixture-notifications' });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: Match.stringLikeRegexp('^SendNotificationsFunction') },
      EventSourceArn: { 'Fn::GetAtt': [queue, 'Arn'] },
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    expect(resourcesOf(template, 'frontdoor-send-notifications', 'sqs:ReceiveMessage')).toEqual([
      { 'Fn::GetAtt': [queue, 'Arn'] },
    ]);
    expect(actionsOf(template, 'frontdoor-send-notifications')).not.toContain('sqs:SendMessage');
  });

  it('lets a function send to the queues it names, and only those, with each URL in QUEUE_URL_<ID>', () => {
    const queue = logicalIdOf(template, 'AWS::SQS::Queue', { QueueName: 'fixture-notifications' });
    expect(resourcesOf(template, 'frontdoor-sla-monitor', 'sqs:SendMessage')).toEqual([{ 'Fn::GetAtt': [queue, 'Arn'] }]);
    template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'frontdoor-sla-monitor',
      Environment: {
        Variables: Match.objectLike({ QUEUE_URL_NOTIFICATIONS: { Ref: queue }, HANDOFF_QUEUE_BASE_URL: Match.absent() }),
      },
    });
    // The hand-off dispatcher sends to team queues only: no QUEUE_URL_ for a queue it does not name.
    const pestControl = logicalIdOf(template, 'AWS::SQS::Queue', { QueueName: 'fixture-handoff-pest-control' });
    expect(resourcesOf(template, 'frontdoor-stream-with-retry-limit', 'sqs:SendMessage')).toEqual([
      { 'Fn::GetAtt': [pestControl, 'Arn'] },
    ]);
    template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'frontdoor-stream-with-retry-limit',
      Environment: { Variables: Match.objectLike({ QUEUE_URL_NOTIFICATIONS: Match.absent() }) },
    });
  });

  it('creates a retained secret for each secret a function reads, with a generated placeholder, and none for the rest', () => {
    template.resourceCountIs('AWS::SecretsManager::Secret', 1);
    template.hasResource('AWS::SecretsManager::Secret', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        Name: 'frontdoor/twilio-auth-token',
        Description: 'Fixture Twilio auth token',
        GenerateSecretString: Match.objectLike({ ExcludePunctuation: true }),
      },
    });
  });

  it('lets only the functions that list a secret read it, and gives them its ARN in <ENV>_SECRET_ARN', () => {
    const secret = logicalIdOf(template, 'AWS::SecretsManager::Secret', { Name: 'frontdoor/twilio-auth-token' });
    expect(resourcesOf(template, 'frontdoor-send-notifications', 'secretsmanager:GetSecretValue')).toEqual([
      { Ref: secret },
    ]);
    template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'frontdoor-send-notifications',
      Environment: {
        Variables: Match.objectLike({ TWILIO_AUTH_TOKEN_SECRET_ARN: { Ref: secret }, TWILIO_AUTH_TOKEN: Match.absent() }),
      },
    });
    for (const fn of fixture.functions.filter((fn) => !fn.secrets?.length)) {
      const actions = actionsOf(template, `frontdoor-${fn.name}`);
      expect(actions.filter((action) => action.startsWith('secretsmanager:')), fn.name).toEqual([]);
      template.hasResourceProperties('AWS::Lambda::Function', {
        FunctionName: `frontdoor-${fn.name}`,
        Environment: { Variables: Match.objectLike({ TWILIO_AUTH_TOKEN_SECRET_ARN: Match.absent() }) },
      });
    }
  });

  it('sets the settings a function lists from CDK context, else their AWS default, and PUBLIC_BASE_URL to the API URL', () => {
    const api = logicalIdOf(template, 'AWS::ApiGatewayV2::Api', { Name: 'frontdoor' });
    template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'frontdoor-send-notifications',
      Environment: {
        Variables: Match.objectLike({
          TWILIO_FROM_NUMBER: '+441632960000', // from context
          TWILIO_ACCOUNT_SID: 'AC-fixture-default', // no context: the AWS default
          TWILIO_API_BASE_URL: '', // no context and no AWS default
          PUBLIC_BASE_URL: { 'Fn::GetAtt': [api, 'ApiEndpoint'] },
          ALLOWED_ORIGINS: 'https://www.fixture.gov.uk',
        }),
      },
    });
    // Only the function that lists a setting gets it.
    template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'frontdoor-sla-monitor',
      Environment: { Variables: Match.objectLike({ TWILIO_FROM_NUMBER: Match.absent(), PUBLIC_BASE_URL: Match.absent() }) },
    });
  });

  it("takes the API's CORS origins from the same context as the ALLOWED_ORIGINS setting", () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({ AllowOrigins: ['https://www.fixture.gov.uk'] }),
    });
  });

  it('passes the cdk-nag AWS Solutions checks', () => {
    expect(new AwsSolutionsChecks().validateScope(app).violations).toEqual([]);
  });

  it('synthesizes with the checks registered as infra/app.ts registers them', () => {
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => app.synth({ force: true })).not.toThrow();
  });

  it('acknowledges exactly the findings cdk-nag raises, each where it is raised and with a reason', () => {
    expectAcknowledgementsToMatchFindings(app);
  });
});

/** CloudFront's managed policies, by the ids AWS documents for them. */
const MANAGED = {
  cachingDisabled: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
  cachingOptimized: '658327ea-f89d-4fab-a63d-7e88639e58f6',
  // Every viewer header except Host, and every query string and cookie. With caching disabled,
  // CloudFront forwards the Authorization header under this policy (it forwards it under no policy
  // that lists headers by name).
  allViewerExceptHostHeader: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
};

/** The one resource of `type` (and its logical id). */
function onlyResource(template: Template, type: string): { id: string; properties: Record<string, any> } {
  const found = Object.entries(template.findResources(type));
  expect(found, `one ${type}`).toHaveLength(1);
  return { id: found[0]![0], properties: found[0]![1].Properties };
}

/** The headers a response headers policy sends, back as `name: value` (names lower-cased, as in infra/web-headers.ts). */
function sentHeaders(config: Record<string, any>): Record<string, string> {
  const security = config.SecurityHeadersConfig;
  const sent: Record<string, string> = {};
  const hsts = security.StrictTransportSecurity;
  if (hsts) {
    sent['strict-transport-security'] = [
      `max-age=${hsts.AccessControlMaxAgeSec}`,
      ...(hsts.IncludeSubdomains ? ['includeSubDomains'] : []),
      ...(hsts.Preload ? ['preload'] : []),
    ].join('; ');
  }
  if (security.ContentTypeOptions) sent['x-content-type-options'] = 'nosniff';
  if (security.FrameOptions) sent['x-frame-options'] = security.FrameOptions.FrameOption;
  if (security.ReferrerPolicy) sent['referrer-policy'] = security.ReferrerPolicy.ReferrerPolicy;
  for (const header of config.CustomHeadersConfig?.Items ?? []) sent[header.Header.toLowerCase()] = header.Value;
  return sent;
}

describe("People's sign-in and the console, from the registry", () => {
  let app: App;
  let stack: FrontdoorStack;
  let template: Template;
  beforeAll(() => {
    ({ app, stack, template } = registryApp());
  });

  it("keeps the staff's accounts in a retained user pool that only an administrator adds to, with a strong password and an authenticator app", () => {
    template.resourceCountIs('AWS::Cognito::UserPool', 1);
    template.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        DeletionProtection: 'ACTIVE',
        AdminCreateUserConfig: Match.objectLike({ AllowAdminCreateUserOnly: true }),
        // Sign in with the username or the email address, in any case.
        AliasAttributes: ['email'],
        UsernameConfiguration: { CaseSensitive: false },
        Policies: {
          PasswordPolicy: Match.objectLike({
            MinimumLength: Match.anyValue(),
            RequireLowercase: true,
            RequireUppercase: true,
            RequireNumbers: true,
            RequireSymbols: true,
          }),
        },
        MfaConfiguration: 'ON',
        EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
        AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
        UserPoolTier: 'PLUS',
        UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      }),
    });
    const { properties } = onlyResource(template, 'AWS::Cognito::UserPool');
    expect(properties.Policies.PasswordPolicy.MinimumLength).toBeGreaterThanOrEqual(12);
  });

  it('has a group for advisers, for managers and for each service team of the catalogue', () => {
    const { id: pool } = onlyResource(template, 'AWS::Cognito::UserPool');
    const groups = Object.values(template.findResources('AWS::Cognito::UserPoolGroup')).map((group) => group.Properties);
    expect(groups.every((group) => group.UserPoolId.Ref === pool)).toBe(true);
    const expected = ['advisers', 'managers', ...catalogue.teams.map((team) => team.id)];
    expect(STAFF_GROUPS.map((group) => group.name)).toEqual(['advisers', 'managers']);
    expect(groups.map((group) => group.GroupName).sort()).toEqual(expected.sort());
  });

  it('gives the console a public app client: authorization code only, no secret, back to /signed-in on the console', () => {
    const distribution = onlyResource(template, 'AWS::CloudFront::Distribution').id;
    const consoleUrl = (path: string) => ({ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distribution, 'DomainName'] }, path]] });
    template.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      CallbackURLs: [consoleUrl('/signed-in')],
      LogoutURLs: [consoleUrl('/')],
      SupportedIdentityProviders: ['COGNITO'],
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
      AccessTokenValidity: 60,
      RefreshTokenValidity: 12 * 60,
      TokenValidityUnits: Match.objectLike({ AccessToken: 'minutes', RefreshToken: 'minutes' }),
    });
  });

  it("puts the hosted sign-in pages on a Cognito domain named after the stack and the account", () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: { 'Fn::Join': ['', ['frontdoor-', { Ref: 'AWS::AccountId' }]] },
    });
  });

  it('gives the console API the user pool as AUTH_ISSUER and the app client as AUTH_CLIENT_ID', () => {
    const pool = onlyResource(template, 'AWS::Cognito::UserPool').id;
    const client = onlyResource(template, 'AWS::Cognito::UserPoolClient').id;
    const people = platform.functions.filter((fn) => fn.auth === 'people');
    expect(people.map((fn) => fn.name)).toEqual(['console-api']);
    template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'frontdoor-console-api',
      Environment: {
        Variables: Match.objectLike({ AUTH_ISSUER: { 'Fn::GetAtt': [pool, 'ProviderURL'] }, AUTH_CLIENT_ID: { Ref: client } }),
      },
    });
  });

  it('puts a JWT authoriser for the user pool and the app client in front of every console route, and of no other', () => {
    const pool = onlyResource(template, 'AWS::Cognito::UserPool').id;
    const client = onlyResource(template, 'AWS::Cognito::UserPoolClient').id;
    const authoriser = onlyResource(template, 'AWS::ApiGatewayV2::Authorizer');
    expect(authoriser.properties).toMatchObject({
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Issuer: { 'Fn::GetAtt': [pool, 'ProviderURL'] }, Audience: [{ Ref: client }] },
    });
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((route) => route.Properties);
    const guarded = routes.filter((route) => route.AuthorizationType === 'JWT');
    const consoleRoutes = routes.filter((route) => route.RouteKey.split(' ')[1].startsWith('/api/console/'));
    expect(consoleRoutes.length).toBeGreaterThan(0);
    expect(guarded.map((route) => route.RouteKey).sort()).toEqual(consoleRoutes.map((route) => route.RouteKey).sort());
    for (const route of guarded) expect(route.AuthorizerId, route.RouteKey).toEqual({ Ref: authoriser.id });
    const twilio = routes.filter((route) => route.RouteKey.split(' ')[1].startsWith('/twilio/'));
    expect(twilio.length).toBeGreaterThan(0);
    for (const route of twilio) expect(route.AuthorizationType ?? 'NONE', route.RouteKey).toBe('NONE');
  });

  it("keeps the console's files in a private, TLS-only, encrypted bucket that only the distribution reads", () => {
    const blocked = { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true };
    template.resourceCountIs('AWS::S3::Bucket', 2); // the console's and its access logs'
    template.allResourcesProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: blocked,
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
    });
    const bucket = logicalIdOf(template, 'AWS::S3::Bucket', { LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'console-bucket/' }) });
    const distribution = onlyResource(template, 'AWS::CloudFront::Distribution').id;
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucket },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Action: 's3:GetObject',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Condition: { StringEquals: { 'AWS:SourceArn': Match.objectLike({ 'Fn::Join': Match.arrayWith([Match.arrayWith([{ Ref: distribution }])]) }) } },
          }),
        ]),
      },
    });
  });

  it('serves the console from the bucket through origin access control, and the API paths from the API, uncached, with Authorization', () => {
    const { properties } = onlyResource(template, 'AWS::CloudFront::Distribution');
    const config = properties.DistributionConfig;
    const oac = onlyResource(template, 'AWS::CloudFront::OriginAccessControl');
    expect(oac.properties.OriginAccessControlConfig).toMatchObject({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always' });
    const bucketOrigin = config.Origins.find((origin: any) => origin.S3OriginConfig);
    expect(bucketOrigin.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [oac.id, 'Id'] });
    const api = logicalIdOf(template, 'AWS::ApiGatewayV2::Api', { Name: 'frontdoor' });
    const apiOrigin = config.Origins.find((origin: any) => origin.CustomOriginConfig);
    expect(apiOrigin.DomainName['Fn::Join'][1][0]).toEqual({ Ref: api });
    expect(apiOrigin.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });

    expect(config.DefaultCacheBehavior).toMatchObject({
      TargetOriginId: bucketOrigin.Id,
      ViewerProtocolPolicy: 'redirect-to-https',
      Compress: true,
      CachePolicyId: MANAGED.cachingOptimized,
    });
    // One behaviour per API prefix, and no other.
    expect(config.CacheBehaviors.map((behaviour: any) => behaviour.PathPattern).sort()).toEqual(
      API_PATH_PREFIXES.map((prefix) => `${prefix}*`).sort(),
    );
    for (const behaviour of config.CacheBehaviors) {
      expect(behaviour, behaviour.PathPattern).toMatchObject({
        TargetOriginId: apiOrigin.Id,
        ViewerProtocolPolicy: 'https-only',
        CachePolicyId: MANAGED.cachingDisabled,
        OriginRequestPolicyId: MANAGED.allViewerExceptHostHeader,
      });
      expect(new Set(behaviour.AllowedMethods)).toEqual(new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE']));
      expect(behaviour.FunctionAssociations, behaviour.PathPattern).toBeUndefined();
      expect(behaviour.ResponseHeadersPolicyId, behaviour.PathPattern).toBeUndefined();
    }
    // The API's own 404s and 403s must reach the browser as they are.
    expect(config.CustomErrorResponses).toBeUndefined();
    // Its standard logs would keep residents' phone numbers, emails and names from the console's URLs.
    expect(config.Logging).toBeUndefined();
  });

  it('serves /index.html for page paths, through a viewer-request function on the page behaviour only', () => {
    const fn = onlyResource(template, 'AWS::CloudFront::Function');
    expect(fn.properties).toMatchObject({ FunctionCode: CONSOLE_PAGE_REWRITE, FunctionConfig: { Runtime: 'cloudfront-js-2.0' } });
    const { properties } = onlyResource(template, 'AWS::CloudFront::Distribution');
    expect(properties.DistributionConfig.DefaultCacheBehavior.FunctionAssociations).toEqual([
      { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [fn.id, 'FunctionARN'] } },
    ]);
    // The function itself, run as CloudFront runs it: a request in, the request out.
    const handler = new Function(`${CONSOLE_PAGE_REWRITE}; return handler;`)() as (event: unknown) => { uri: string };
    const served = (uri: string) => handler({ request: { uri, method: 'GET', querystring: {}, headers: {} } }).uri;
    for (const page of ['/', '/residents', '/residents/', '/residents/EMAIL%23jo%40example.com', '/residents/EMAIL%23a%40b.json', '/cases/WS-2026-00042', '/now', '/help', '/signed-in', '/simulator']) {
      expect(served(page), page).toBe('/index.html');
    }
    for (const file of ['/index.html', '/config.json', '/assets/index-1a2b3c.js', '/assets/govuk/fonts/bold.woff2', '/favicon.svg']) {
      expect(served(file), file).toBe(file);
    }
  });

  it("sends the pages with the console's Content-Security-Policy and security headers from infra/web-headers.ts", () => {
    const policy = onlyResource(template, 'AWS::CloudFront::ResponseHeadersPolicy');
    const config = policy.properties.ResponseHeadersPolicyConfig;
    const region = stack.region;
    const expected = contentSecurityPolicy({
      connect: [`https://frontdoor-${stack.account}.auth.${region}.amazoncognito.com`, `https://cognito-idp.${region}.amazonaws.com`],
    });
    expect(config.SecurityHeadersConfig.ContentSecurityPolicy).toEqual({ ContentSecurityPolicy: stack.resolve(expected), Override: true });
    expect(sentHeaders(config)).toEqual(SECURITY_HEADERS);
    const { properties } = onlyResource(template, 'AWS::CloudFront::Distribution');
    expect(properties.DistributionConfig.DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual({ Ref: policy.id });
  });

  it('deploys the files with a config.json naming the user pool and the app client, hashed files first and kept, then the pages, invalidated', () => {
    const pool = onlyResource(template, 'AWS::Cognito::UserPool').id;
    const client = onlyResource(template, 'AWS::Cognito::UserPoolClient').id;
    const distribution = onlyResource(template, 'AWS::CloudFront::Distribution').id;
    const deployments = template.findResources('Custom::CDKBucketDeployment');
    const [assetsId, assets] = Object.entries(deployments).find(([, d]) => d.Properties.DestinationBucketKeyPrefix === 'assets/')!;
    const [, pages] = Object.entries(deployments).find(([, d]) => d.Properties.DestinationBucketKeyPrefix === undefined)!;
    expect(Object.keys(deployments)).toHaveLength(2);
    expect(assets.Properties).toMatchObject({ Prune: false, SystemMetadata: { 'cache-control': 'public, max-age=31536000, immutable' } });
    expect(assets.Properties.DistributionId).toBeUndefined();
    expect(pages.Properties).toMatchObject({
      Prune: true,
      Exclude: ['assets/*'],
      SystemMetadata: { 'cache-control': 'no-cache' },
      DistributionId: { Ref: distribution },
      DistributionPaths: ['/*'],
    });
    expect(pages.DependsOn).toContain(assetsId);

    // config.json, as staged for the deploy: its tokens are markers the deployment fills in.
    const staged = pages.Properties.SourceObjectKeys.map((key: string) => path.join(app.outdir, `asset.${key.replace(/\.zip$/, '')}`));
    const configFile = staged.map((dir: string) => path.join(dir, 'config.json')).find((file: string) => existsSync(file));
    expect(configFile, 'config.json among the staged files').toBeDefined();
    const config = JSON.parse(readFileSync(configFile!, 'utf8'));
    const markers = Object.assign({}, ...pages.Properties.SourceMarkers);
    expect(config.simulator).toBe(false);
    expect(Object.keys(config).sort()).toEqual(['authority', 'clientId', 'simulator']);
    expect(markers[config.authority]).toEqual({ 'Fn::GetAtt': [pool, 'ProviderURL'] });
    expect(markers[config.clientId]).toEqual({ Ref: client });
    // The page is among the files; the hashed files are not (they are the other deployment's).
    expect(staged.filter((dir: string) => existsSync(path.join(dir, 'index.html')))).toHaveLength(1);
    expect(staged.filter((dir: string) => existsSync(path.join(dir, 'assets')))).toEqual([]);
  });

  it("outputs the console's URL, the user pool, the app client and the hosted sign-in pages", () => {
    const outputs = template.findOutputs('*');
    const distribution = onlyResource(template, 'AWS::CloudFront::Distribution').id;
    expect(outputs.ConsoleUrl!.Value).toEqual({ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distribution, 'DomainName'] }]] });
    expect(outputs.UserPoolId!.Value).toEqual({ Ref: onlyResource(template, 'AWS::Cognito::UserPool').id });
    expect(outputs.ConsoleClientId!.Value).toEqual({ Ref: onlyResource(template, 'AWS::Cognito::UserPoolClient').id });
    expect(stack.resolve(outputs.HostedUiUrl!.Value)).toEqual(
      stack.resolve(`https://frontdoor-${stack.account}.auth.${stack.region}.amazoncognito.com`),
    );
  });
});

describe('The console with its own domain, certificate, web ACL and sign-in domain (the fixture)', () => {
  let template: Template;
  beforeAll(() => {
    ({ template } = fixtureApp());
  });

  it('serves the console at its own domain with TLS 1.2 or later, behind the web ACL, and sends people back there', () => {
    const { properties } = onlyResource(template, 'AWS::CloudFront::Distribution');
    expect(properties.DistributionConfig).toMatchObject({
      Aliases: ['console.fixture.gov.uk'],
      ViewerCertificate: {
        AcmCertificateArn: FIXTURE_CONTEXT.consoleCertificateArn,
        MinimumProtocolVersion: 'TLSv1.2_2021',
        SslSupportMethod: 'sni-only',
      },
      WebACLId: FIXTURE_CONTEXT.consoleWebAclArn,
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      CallbackURLs: ['https://console.fixture.gov.uk/signed-in'],
      LogoutURLs: ['https://console.fixture.gov.uk/'],
    });
    expect(template.findOutputs('ConsoleUrl').ConsoleUrl!.Value).toBe('https://console.fixture.gov.uk');
  });

  it('names the hosted sign-in domain from context, and allows it in the Content-Security-Policy', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'fixture-council-staff' });
    const { properties } = onlyResource(template, 'AWS::CloudFront::ResponseHeadersPolicy');
    const csp = JSON.stringify(properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy);
    expect(csp).toContain('connect-src \'self\' https://fixture-council-staff.auth.');
  });

  it('makes a group per team of the fixture, and none for a team it does not have', () => {
    const groups = Object.values(template.findResources('AWS::Cognito::UserPoolGroup')).map((group) => group.Properties.GroupName);
    expect(groups.sort()).toEqual(['advisers', 'managers', 'pest-control']);
  });
});

describe('FrontdoorStack acknowledgements', () => {
  it('acknowledge only the rules docs/deploy.md explains, and all of them between the registry and the fixture', () => {
    const ids = [registryApp().app, fixtureApp().app].flatMap((app) => acknowledgements(app).map((ack) => ack.id));
    expect(new Set(ids)).toEqual(new Set(ACKNOWLEDGED_RULES));
  });
});

describe('FrontdoorStack with a routed function that reads PUBLIC_BASE_URL', () => {
  // A Twilio webhook: the API invokes the function, and the function is told the API's URL.
  const webhook: PlatformDefinition = {
    ...fixture,
    functions: [
      {
        name: 'twilio-webhook',
        description: 'Routed fixture that reads the public URL',
        entry: 'functions/get-case/handler.ts',
        memoryMb: 128,
        timeoutSeconds: 10,
        routes: [{ method: 'POST', path: '/twilio/sms' }],
        secrets: ['twilio-auth-token'],
        settings: ['PUBLIC_BASE_URL'],
        permissions: {},
      },
    ],
  };
  let template: Template;
  beforeAll(() => {
    ({ template } = synthesize(webhook));
  });

  it('gives the function the API URL without making a dependency cycle', () => {
    const api = logicalIdOf(template, 'AWS::ApiGatewayV2::Api', { Name: 'frontdoor' });
    template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'frontdoor-twilio-webhook',
      Environment: { Variables: Match.objectLike({ PUBLIC_BASE_URL: { 'Fn::GetAtt': [api, 'ApiEndpoint'] } }) },
    });
    template.resourceCountIs('AWS::ApiGatewayV2::Route', 1);
    // No cycle (function -> API URL, route -> integration -> function): Template.fromStack, in
    // synthesize(), throws on a cyclic dependency between resources.
  });
});

describe('FrontdoorStack refuses wiring that cannot work', () => {
  const consumer = fixture.functions[1]!;
  const build = (broken: PlatformDefinition) => () =>
    new FrontdoorStack(new App(), 'Broken', { platform: broken, consoleDist: CONSOLE_DIST });

  it('rejects a consumer of a queue that does not exist', () => {
    const broken = { ...fixture, functions: [{ ...consumer, queue: { id: 'handoff-nobody', batchSize: 1 } }] };
    expect(build(broken)).toThrow(/'pest-control-consumer' consumes queue 'handoff-nobody', which the platform does not define/);
  });

  it('rejects a sender to a queue that does not exist', () => {
    const broken = { ...fixture, functions: [{ ...consumer, permissions: { sendToQueues: ['letters'] } }] };
    expect(build(broken)).toThrow(/'pest-control-consumer' sends to queue 'letters', which the platform does not define/);
  });

  it('rejects a function that reads a secret the platform does not define', () => {
    const broken = { ...fixture, functions: [{ ...consumer, secrets: ['open311-api-keys'] }] };
    expect(build(broken)).toThrow(/'pest-control-consumer' reads secret 'open311-api-keys', which the platform does not define/);
  });

  it('rejects a function that reads a setting the platform does not define', () => {
    const broken = { ...fixture, functions: [{ ...consumer, settings: ['ADVISER_TRANSFER_NUMBER'] }] };
    expect(build(broken)).toThrow(
      /'pest-control-consumer' reads setting 'ADVISER_TRANSFER_NUMBER', which the platform does not define/,
    );
  });

  it('rejects stream filters that would give a consumer nothing, or more than Lambda takes', () => {
    const streamConsumer = fixture.functions.find((fn) => fn.tableStream)!;
    const withFilters = (filters: StreamRecordFilter[]) => ({
      ...fixture,
      functions: [{ ...streamConsumer, tableStream: { batchSize: 10, filters } }],
    });
    expect(build(withFilters([]))).toThrow(/'stream-with-retry-limit' declares no stream filter/);
    expect(build(withFilters([{ events: ['REMOVE'], newEntity: ['case'] }]))).toThrow(/stream filter 1 asks for the new image of REMOVE, which has none/);
    expect(build(withFilters([{ events: ['INSERT'], oldEntity: ['case'] }]))).toThrow(/stream filter 1 asks for the old image of INSERT, which has none/);
    expect(build(withFilters([{ events: ['INSERT'], newEntity: [] }]))).toThrow(/stream filter 1 names no kind of new image/);
    expect(build(withFilters([{ events: [] }]))).toThrow(/stream filter 1 names no event/);
    expect(build(withFilters(Array.from({ length: 6 }, () => ({ events: ['INSERT' as const] }))))).toThrow(/6 stream filters; Lambda takes at most 5/);
  });

  it("rejects a function that takes people's requests but would not verify their token itself", () => {
    const routed = { ...consumer, queue: undefined, routes: [{ method: 'GET' as const, path: '/api/console/x' }], auth: 'people' as const };
    const withAuthSettings = {
      ...fixture,
      settings: [
        ...fixture.settings,
        { env: 'AUTH_ISSUER', description: 'issuer', awsFrom: 'peopleIssuer' as const, localDefault: 'x' },
        { env: 'AUTH_CLIENT_ID', description: 'client', awsFrom: 'consoleClientId' as const, localDefault: 'x' },
      ],
    };
    expect(build({ ...withAuthSettings, functions: [{ ...routed, settings: ['AUTH_ISSUER'] }] })).toThrow(
      /'pest-control-consumer' takes people's requests but does not read AUTH_CLIENT_ID/,
    );
    expect(build({ ...fixture, functions: [routed] })).toThrow(/does not read the user pool's issuer and client id/);
  });

  it('rejects a team with the name of a staff group', () => {
    const queue = { ...fixture.queues[0]!, id: 'handoff-managers', teamId: 'managers' };
    expect(build({ ...fixture, queues: [queue, fixture.queues[1]!], functions: [] })).toThrow(/Team 'managers' has the name of a staff group/);
  });

  it('stops, saying how to build it, when the console has not been built', () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'frontdoor-no-console-'));
    expect(() => new FrontdoorStack(new App(), 'Broken', { platform: fixture, consoleDist: empty })).toThrow(
      /no index.html in .*frontdoor-no-console-.*Run npm run build:console first/,
    );
  });

  it('rejects a sign-in domain prefix Cognito would refuse, half a custom domain, and a certificate CloudFront cannot use', () => {
    const withContext = (context: Record<string, string>) => () =>
      new FrontdoorStack(new App({ context }), 'Broken', { platform: { ...fixture, functions: [] }, consoleDist: CONSOLE_DIST });
    expect(withContext({ authDomainPrefix: 'Front Door' })).toThrow(/'Front Door' cannot be a Cognito domain prefix/);
    expect(withContext({ authDomainPrefix: 'council-aws-staff' })).toThrow(/never the word 'aws'/);
    expect(withContext({ consoleDomain: 'console.example.gov.uk' })).toThrow(/Give both -c consoleDomain=.* or neither/);
    const inLondon = 'arn:aws:acm:eu-west-2:123456789012:certificate/0f1e2d3c-4b5a-6978-8091-a2b3c4d5e6f7';
    expect(withContext({ consoleDomain: 'console.example.gov.uk', consoleCertificateArn: inLondon })).toThrow(
      /CloudFront takes certificates from us-east-1 only/,
    );
  });

  it('rejects a consumer that may run longer than its queue hides a message', () => {
    const broken = { ...fixture, functions: [{ ...consumer, timeoutSeconds: 120 }] };
    expect(build(broken)).toThrow(/visibility timeout is 90 s/);
  });
});

/** Every finding is covered by an acknowledgement on it or an ancestor, none is stale, and each has a reason. */
function expectAcknowledgementsToMatchFindings(app: App): void {
  // Prepare: the same checks, blind to acknowledgements
  const blind = new AwsSolutionsChecks();
  Object.defineProperty(blind, 'isAcknowledged', { value: () => false });
  // Act
  const findings = blind
    .validateScope(app)
    .violations.flatMap((violation) =>
      violation.violatingResources.map((resource) => ({ id: violation.ruleName, path: resource.constructPath! })),
    );
  const acknowledged = acknowledgements(app);
  // Assess
  expect(findings.length).toBeGreaterThan(0);
  const covers = (ack: { id: string; path: string }, finding: { id: string; path: string }) =>
    ack.id === finding.id && (finding.path === ack.path || finding.path.startsWith(`${ack.path}/`));
  expect(findings.filter((finding) => !acknowledged.some((ack) => covers(ack, finding)))).toEqual([]);
  expect(acknowledged.filter((ack) => !findings.some((finding) => covers(ack, finding)))).toEqual([]);
  expect(acknowledged.filter((ack) => ack.reason.length < 40)).toEqual([]);
  expect(ACKNOWLEDGED_RULES).toEqual(expect.arrayContaining([...new Set(acknowledged.map((ack) => ack.id))]));
}

/** Every acknowledgement recorded with Validations.of(construct).acknowledge(). */
function acknowledgements(app: App): { id: string; path: string; reason: string }[] {
  return app.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          id: id.replace(/^annotation::/i, ''),
          path: construct.node.path,
          reason,
        })),
      )
      // cdk-nag's rules only: CDK acknowledges a cfn-lint warning of its own (W3045, the access-log
      // bucket's ACL, which S3 server access logs and CloudFront's standard logs are delivered with).
      .filter((ack) => ack.id.startsWith('AwsSolutions-')),
  );
}

/**
 * The findings this stack acknowledges rather than fixes; docs/deploy.md says why for each. The table's
 * logical id is part of an IAM5 finding: if it changes, CloudFormation would replace the table.
 * SMG4 arises only where a function reads a secret (the fixture does; the registry may not yet).
 */
const ACKNOWLEDGED_RULES = [
  'AwsSolutions-APIG4',
  'AwsSolutions-L1',
  'AwsSolutions-IAM5[Resource::<TableCD117FA1.Arn>/index/*]',
  'AwsSolutions-SMG4',
  'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ses:<AWS::Region>:<AWS::AccountId>:identity/*]',
  // The console's hosting: no geo restriction; no standard logs (URLs carry residents' data); no web
  // ACL and the default certificate unless given (the registry app runs without, the fixture with).
  'AwsSolutions-CFR1',
  'AwsSolutions-CFR3',
  'AwsSolutions-CFR2',
  'AwsSolutions-CFR4',
  // CDK's BucketDeployment: its grants on its role, and its provider's runtime (L1, above).
  'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]',
  'AwsSolutions-IAM5[Action::s3:GetObject*]',
  'AwsSolutions-IAM5[Action::s3:GetBucket*]',
  'AwsSolutions-IAM5[Action::s3:List*]',
  'AwsSolutions-IAM5[Resource::<ConsoleBucketA1BD9FF9.Arn>/*]',
  'AwsSolutions-IAM5[Action::s3:DeleteObject*]',
  'AwsSolutions-IAM5[Action::s3:Abort*]',
  'AwsSolutions-IAM5[Resource::*]',
];

describe('email for escalations', () => {
  it('only send-notifications may send email, and only with SES SendEmail', () => {
    const { template } = registryApp();
    const senders = platform.functions.filter((fn) => fn.permissions.sendEmail).map((fn) => fn.name);
    expect(senders).toEqual(['send-notifications']);
    for (const fn of platform.functions) {
      const actions = actionsOf(template, `frontdoor-${fn.name}`);
      expect(actions.includes('ses:SendEmail'), fn.name).toBe(fn.permissions.sendEmail === true);
      expect(actions.filter((a) => a.startsWith('ses:') && a !== 'ses:SendEmail'), fn.name).toEqual([]);
    }
  });
});

describe('FrontdoorStack for a real account and region, as `cdk synth` and `cdk deploy` build it', () => {
  const built = once(() => {
    const app = new App();
    const stack = new FrontdoorStack(app, 'Frontdoor', {
      platform,
      consoleDist: CONSOLE_DIST,
      env: { account: '123456789012', region: 'eu-west-2' },
    });
    return { app, stack };
  });

  it('passes the cdk-nag AWS Solutions checks with the region and account resolved', () => {
    expect(new AwsSolutionsChecks().validateScope(built().app).violations).toEqual([]);
  });

  it('lets the pages call the hosted sign-in domain and Cognito in the region, and nothing else but their own origin', () => {
    const { properties } = onlyResource(Template.fromStack(built().stack), 'AWS::CloudFront::ResponseHeadersPolicy');
    expect(properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy).toBe(
      contentSecurityPolicy({
        connect: ['https://frontdoor-123456789012.auth.eu-west-2.amazoncognito.com', 'https://cognito-idp.eu-west-2.amazonaws.com'],
      }),
    );
  });
});
