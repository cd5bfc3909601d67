// What the CDK stack promises, asserted on the synthesized templates: one from the real registry and
// one from a small fixture platform that also has a scheduled function, a hand-off queue consumer, a
// consumer of a non-team queue that reads a secret and settings, and a sender to that queue.
// Each app is synthesized once (bundling runs esbuild per function), when a describe first needs it.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { App, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { queueUrlEnv, secretArnEnv } from '#domain/env';
import { CORS_ALLOW_HEADERS, platform, type PlatformDefinition, type StreamRecordFilter } from '#infra/registry';
import { FrontdoorStack } from '#infra/stack';

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
    { id: 'adviser-tokens', env: 'ADVISER_TOKENS', description: 'Fixture adviser tokens', localDefault: 'dev:dev' },
  ],
  settings: [
    { env: 'PUBLIC_BASE_URL', contextKey: 'publicBaseUrl', description: 'Fixture public URL', localDefault: 'local' },
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

/** CDK context for the fixture app, as `-c key=value` would give it. */
const FIXTURE_CONTEXT = { twilioFromNumber: '+441632960000', councilSiteOrigin: 'https://www.fixture.gov.uk' };

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

/** Synthesizes `definition` in its own app; bundling happens here, once per function. */
function synthesize(definition: PlatformDefinition, context: Record<string, string> = {}): { app: App; template: Template } {
  // Asset metadata (as the CLI asks for) says where each bundle was staged.
  const app = new App({ context: { 'aws:cdk:enable-asset-metadata': true, ...context } });
  const stack = new FrontdoorStack(app, 'Frontdoor', { platform: definition });
  return { app, template: Template.fromStack(stack) };
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
    template.resourceCountIs('AWS::Lambda::Function', platform.functions.length);
    template.allResourcesProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      Environment: {
        Variables: Match.objectLike({ NODE_OPTIONS: '--enable-source-maps', POWERTOOLS_SERVICE_NAME: 'frontdoor' }),
      },
    });
    for (const fn of platform.functions) {
      template.hasResourceProperties('AWS::Lambda::Function', {
        FunctionName: `frontdoor-${fn.name}`,
        MemorySize: fn.memoryMb,
        Timeout: fn.timeoutSeconds,
      });
    }
  });

  it('bundles every handler into an ES module that loads on this Node', () => {
    const functions = template.findResources('AWS::Lambda::Function');
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
      { eventName: ['MODIFY'], dynamodb: { NewImage: { entity: { S: ['case'] } } } },
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
  const build = (broken: PlatformDefinition) => () => new FrontdoorStack(new App(), 'Broken', { platform: broken });

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
      ),
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
  it('passes the cdk-nag AWS Solutions checks with the region and account resolved', () => {
    const app = new App();
    new FrontdoorStack(app, 'Frontdoor', { platform, env: { account: '123456789012', region: 'eu-west-2' } });
    expect(new AwsSolutionsChecks().validateScope(app).violations).toEqual([]);
  });
});
