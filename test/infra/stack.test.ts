// What the CDK stack promises, asserted on the synthesized templates: one from the real registry and
// one from a small fixture platform that also has a scheduled function and a hand-off queue consumer.
// Each app is synthesized once (bundling runs esbuild per function), in beforeAll.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { App, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { platform, type PlatformDefinition } from '#infra/registry';
import { FrontdoorStack } from '#infra/stack';

const fixture: PlatformDefinition = {
  table: {
    name: 'fixture',
    partitionKey: 'pk',
    sortKey: 'sk',
    ttlAttribute: 'expiresAt',
    indexes: [{ name: 'byTeamDue', partitionKey: 'teamId', sortKey: 'dueAt' }],
  },
  handoffQueues: [
    {
      teamId: 'pest-control',
      queueName: 'fixture-handoff-pest-control',
      deadLetterQueueName: 'fixture-handoff-pest-control-dlq',
      visibilityTimeoutSeconds: 90,
      maxReceiveCount: 3,
      oldestMessageAlarmSeconds: 600,
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
      permissions: { table: 'readWrite' },
    },
    {
      name: 'pest-control-consumer',
      description: 'Hand-off queue consumer fixture',
      entry: 'functions/dispatch-handoffs/handler.ts',
      memoryMb: 128,
      timeoutSeconds: 30,
      environment: { TEAM_ID: 'pest-control' },
      handoffQueue: { teamId: 'pest-control', batchSize: 5 },
      permissions: { table: 'write' },
    },
    {
      name: 'stream-with-retry-limit',
      description: 'Table stream fixture with a retry limit',
      entry: 'functions/dispatch-handoffs/handler.ts',
      memoryMb: 128,
      timeoutSeconds: 30,
      tableStream: { batchSize: 10, maxRetryAttempts: 4 },
      permissions: { sendToHandoffQueues: true },
    },
  ],
};

const pascal = (kebab: string) => kebab.replace(/(^|-)(\w)/g, (_, _dash: string, letter: string) => letter.toUpperCase());

// IAM has no TransactWriteItems action: a transaction is authorised item by item with these.
const WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

/** Every IAM action granted to the role of the Lambda named `functionName`. */
function actionsOf(template: Template, functionName: string): string[] {
  const functions = Object.values(
    template.findResources('AWS::Lambda::Function', { Properties: { FunctionName: functionName } }),
  );
  expect(functions, `one Lambda named ${functionName}`).toHaveLength(1);
  const roleLogicalId: string = functions[0]!.Properties.Role['Fn::GetAtt'][0];
  const policies = template.findResources('AWS::IAM::Policy', {
    Properties: { Roles: Match.arrayWith([{ Ref: roleLogicalId }]) },
  });
  return Object.values(policies).flatMap((policy) =>
    policy.Properties.PolicyDocument.Statement.flatMap((statement: { Action: string | string[] }) =>
      [statement.Action].flat(),
    ),
  );
}

/** Synthesizes `definition` in its own app; bundling happens here, once per function. */
function synthesize(definition: PlatformDefinition): { app: App; template: Template } {
  // Asset metadata (as the CLI asks for) says where each bundle was staged.
  const app = new App({ context: { 'aws:cdk:enable-asset-metadata': true } });
  const stack = new FrontdoorStack(app, 'Frontdoor', { platform: definition });
  return { app, template: Template.fromStack(stack) };
}

describe('FrontdoorStack from the registry', () => {
  let app: App;
  let template: Template;
  beforeAll(() => {
    ({ app, template } = synthesize(platform));
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

  it('gives every service team an encrypted, SSL-only hand-off queue that redrives to its dead-letter queue', () => {
    expect(platform.handoffQueues.length).toBeGreaterThan(0);
    template.resourceCountIs('AWS::SQS::Queue', platform.handoffQueues.length * 2);
    for (const queue of platform.handoffQueues) {
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
    template.resourceCountIs('AWS::SQS::QueuePolicy', platform.handoffQueues.length * 2);
    template.allResourcesProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('alarms on dead-letter depth and on the oldest waiting hand-off for every team, to one encrypted topic', () => {
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
    for (const queue of platform.handoffQueues) {
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
    template.resourceCountIs('AWS::CloudWatch::Alarm', platform.handoffQueues.length * 2 + streamConsumers.length);
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
    for (const fn of Object.values(functions)) {
      const bundle = path.join(app.outdir, fn.Metadata['aws:asset:path'], 'index.mjs');
      // A fresh node process, as Lambda loads it: no vite transform, no test globals.
      const loaded = execFileSync(
        process.execPath,
        ['--input-type=module', '-e', `const m = await import(${JSON.stringify(pathToFileURL(bundle).href)}); process.stdout.write(typeof m.handler);`],
        { encoding: 'utf8', env: { PATH: process.env.PATH, AWS_REGION: 'eu-west-2' } },
      );
      expect(loaded, fn.Properties.FunctionName).toBe('function');
    }
  });

  it('tells each function where its table and queues are, and only those it may use', () => {
    for (const fn of platform.functions) {
      const variables = Match.objectLike({
        TABLE_NAME: fn.permissions.table ? { Ref: Match.anyValue() } : Match.absent(),
        HANDOFF_QUEUE_BASE_URL: fn.permissions.sendToHandoffQueues ? Match.anyValue() : Match.absent(),
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
      CorsConfiguration: Match.objectLike({ AllowOrigins: ['*'] }),
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

  it('lets the case reader read the table and nothing more', () => {
    const actions = actionsOf(template, 'frontdoor-get-case');
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']));
    for (const write of WRITE_ACTIONS) expect(actions).not.toContain(write);
    expect(actions.filter((action) => action.startsWith('sqs:'))).toEqual([]);
  });

  it('lets the dispatcher read the stream and send to team queues, but not write the table', () => {
    const actions = actionsOf(template, 'frontdoor-dispatch-handoffs');
    expect(actions).toEqual(expect.arrayContaining(['sqs:SendMessage', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator']));
    for (const write of WRITE_ACTIONS) expect(actions).not.toContain(write);
    expect(actions).not.toContain('dynamodb:GetItem');
  });

  it('lets the web contact handler read and write the table', () => {
    const actions = actionsOf(template, 'frontdoor-web-contact');
    expect(actions).toEqual(
      expect.arrayContaining(['dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem']),
    );
    expect(actions.filter((action) => action.startsWith('sqs:'))).toEqual([]);
  });

  it('outputs the API URL, the table name and every queue URL', () => {
    const outputs = Object.keys(template.findOutputs('*'));
    expect(outputs).toEqual(expect.arrayContaining(['ApiUrl', 'TableName']));
    expect(outputs.filter((name) => name.startsWith('HandoffQueueUrl'))).toHaveLength(platform.handoffQueues.length);
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
    // Assess: every finding is covered by an acknowledgement on it or an ancestor, and none is stale
    expect(findings.length).toBeGreaterThan(0);
    const covers = (ack: { id: string; path: string }, finding: { id: string; path: string }) =>
      ack.id === finding.id && (finding.path === ack.path || finding.path.startsWith(`${ack.path}/`));
    expect(findings.filter((finding) => !acknowledged.some((ack) => covers(ack, finding)))).toEqual([]);
    expect(acknowledged.filter((ack) => !findings.some((finding) => covers(ack, finding)))).toEqual([]);
    expect(acknowledged.filter((ack) => ack.reason.length < 40)).toEqual([]);
    expect(new Set(acknowledged.map((ack) => ack.id))).toEqual(new Set(ACKNOWLEDGED_RULES));
  });
});

describe('FrontdoorStack from a fixture platform', () => {
  let app: App;
  let template: Template;
  beforeAll(() => {
    ({ app, template } = synthesize(fixture));
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

  it('passes the cdk-nag AWS Solutions checks', () => {
    expect(new AwsSolutionsChecks().validateScope(app).violations).toEqual([]);
  });
});

describe('FrontdoorStack refuses wiring that cannot work', () => {
  const consumer = fixture.functions[1]!;

  it('rejects a consumer of a team queue that does not exist', () => {
    const broken = { ...fixture, functions: [{ ...consumer, handoffQueue: { teamId: 'nobody', batchSize: 1 } }] };
    expect(() => new FrontdoorStack(new App(), 'Broken', { platform: broken })).toThrow(/team 'nobody', which has none/);
  });

  it('rejects a consumer that may run longer than its queue hides a message', () => {
    const broken = { ...fixture, functions: [{ ...consumer, timeoutSeconds: 120 }] };
    expect(() => new FrontdoorStack(new App(), 'Broken', { platform: broken })).toThrow(/visibility timeout is 90 s/);
  });
});

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
 */
const ACKNOWLEDGED_RULES = [
  'AwsSolutions-APIG4',
  'AwsSolutions-L1',
  'AwsSolutions-IAM5[Resource::<TableCD117FA1.Arn>/index/*]',
];
