// The AWS side of the platform, generated from one PlatformDefinition (infra/registry.ts): the
// table, every platform queue (a hand-off queue per service team, and the others) with its alarms,
// the secrets the functions read, a Lambda per function with its triggers, settings and
// least-privilege grants, and the HTTP API. Nothing here names a particular function.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CfnOutput, type CfnElement, Duration, RemovalPolicy, Stack, Token, Validations, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
  PayloadFormatVersion,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { AttributeType, Billing, StreamViewType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Architecture, FilterCriteria, Runtime, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { queueUrlEnv, secretArnEnv } from '#domain/env';
import {
  CORS_ALLOW_HEADERS,
  ENV,
  type FunctionDefinition,
  type PlatformDefinition,
  type QueueDefinition,
  type SecretDefinition,
  type SettingDefinition,
} from '#infra/registry';
import { filterPattern, streamFilterProblems } from '#infra/stream-filter';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
/** A hand-off normally leaves the stream within seconds; this far behind, dispatch is stuck. */
const STREAM_BEHIND_ALARM = Duration.minutes(5);
/** The settings that default to the API's own URL when no context gives one. */
const API_URL_SETTINGS = new Set(['PUBLIC_BASE_URL', 'SERVICE_API_URL']);
/** The setting whose value is also the HTTP API's CORS origins, so the two cannot disagree. */
const ALLOWED_ORIGINS = 'ALLOWED_ORIGINS';
/** Where CORS origins come from when the platform defines no ALLOWED_ORIGINS setting. */
const CORS_CONTEXT_KEY = 'councilSiteOrigin';

export interface FrontdoorStackProps extends StackProps {
  /** What to build: the registry's `platform` in the app, a fixture in tests. */
  platform: PlatformDefinition;
  /** Where function entries are resolved from (default: this repository). */
  repoRoot?: string;
}

/** 'waste-services' -> 'WasteServices': stable construct ids, so logical ids do not move. */
const pascal = (kebab: string): string =>
  kebab
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');

interface PlatformQueue {
  definition: QueueDefinition;
  queue: Queue;
  deadLetterQueue: Queue;
}

interface PlatformSecret {
  definition: SecretDefinition;
  secret: Secret;
}

/** What a function may be wired to, by id: queues and secrets by id, settings by env name. */
interface Wiring {
  table: TableV2;
  queues: Map<string, PlatformQueue>;
  secrets: Map<string, PlatformSecret>;
  settings: Map<string, SettingDefinition>;
  /** The API's URL without a trailing slash (PUBLIC_BASE_URL's and SERVICE_API_URL's default). */
  apiEndpoint: string;
}

/**
 * Construct ids of a queue's resources. A team's hand-off queue keeps `<Team>Handoff`, the id it had
 * before other queues existed, so its logical ids (and the deployed queues) do not move.
 */
const queueConstructId = (definition: QueueDefinition): string =>
  definition.teamId ? `${pascal(definition.teamId)}Handoff` : pascal(definition.id);

export class FrontdoorStack extends Stack {
  constructor(scope: Construct, id: string, props: FrontdoorStackProps) {
    super(scope, id, props);
    const { platform } = props;
    const repoRoot = props.repoRoot ?? REPO_ROOT;
    checkPlatform(platform);

    const table = this.createTable(platform);
    const alarmTopic = this.createAlarmTopic();
    const queues = new Map(platform.queues.map((definition) => [definition.id, this.createQueue(definition, alarmTopic)]));
    // A secret no function reads would only be a value to keep up to date for nothing.
    const secretsInUse = new Set(platform.functions.flatMap((fn) => fn.secrets ?? []));
    const secrets = new Map(
      platform.secrets
        .filter((definition) => secretsInUse.has(definition.id))
        .map((definition) => [definition.id, this.createSecret(definition)]),
    );
    const settings = new Map(platform.settings.map((definition) => [definition.env, definition]));
    const allowedOrigins = settings.get(ALLOWED_ORIGINS);

    const api = new HttpApi(this, 'Api', {
      apiName: 'frontdoor',
      description: 'Front door: web, Open311 and console API',
      createDefaultStage: false, // the stage is made below, with access logging
      corsPreflight: {
        // The council website's origin comes from `-c councilSiteOrigin=https://www.example.gov.uk`, the
        // ALLOWED_ORIGINS setting's context key; `*` until the site is known (the API uses no cookies,
        // so a wildcard exposes no credentials).
        allowOrigins: corsOrigins(
          allowedOrigins ? this.settingValue(allowedOrigins, '') : this.contextString(CORS_CONTEXT_KEY),
        ),
        allowMethods: corsMethods(platform.functions),
        allowHeaders: CORS_ALLOW_HEADERS,
        maxAge: Duration.hours(1),
      },
    });
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', {
      retention: RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const stage = new HttpStage(this, 'ApiDefaultStage', {
      httpApi: api,
      stageName: '$default',
      autoDeploy: true,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTime',
            sourceIp: '$context.identity.sourceIp',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLength: '$context.responseLength',
            integrationLatency: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
      // A council's traffic is a few requests a second; the cap limits the cost of abuse.
      throttle: { rateLimit: 50, burstLimit: 100 },
    });

    // The API resource's own GetAtt (no trailing slash, as locally): functions that use it depend on
    // the API only, not on the stage, routes or integrations that depend on them, so there is no cycle.
    const wiring: Wiring = { table, queues, secrets, settings, apiEndpoint: api.apiEndpoint };
    for (const definition of platform.functions) {
      const fn = this.createFunction(definition, repoRoot, wiring);

      if (definition.routes?.length) {
        const integration = new HttpLambdaIntegration(`${pascal(definition.name)}Integration`, fn, {
          payloadFormatVersion: PayloadFormatVersion.VERSION_2_0,
        });
        for (const route of definition.routes) {
          for (const httpRoute of api.addRoutes({ path: route.path, methods: [HttpMethod[route.method]], integration })) {
            Validations.of(httpRoute).acknowledge({
              id: 'AwsSolutions-APIG4',
              reason:
                'Residents use these routes without an account; the handler authenticates the caller itself ' +
                '(Twilio signature, API key or adviser token) before it reads or records anything.',
            });
          }
        }
      }

      if (definition.tableStream) {
        fn.addEventSource(
          new DynamoEventSource(table, {
            startingPosition: StartingPosition.TRIM_HORIZON,
            batchSize: definition.tableStream.batchSize,
            // Unset: retry for as long as the stream keeps the record (24 h), not a few times and drop it.
            retryAttempts: definition.tableStream.maxRetryAttempts ?? -1,
            bisectBatchOnError: true,
            reportBatchItemFailures: true,
            // Only the records the function wants: Lambda counts the others as processed.
            filters: definition.tableStream.filters.map((filter) => FilterCriteria.filter(filterPattern(filter))),
          }),
        );
        // Stream records expire after 24 h: a dispatcher that keeps failing must wake someone long before.
        new Alarm(this, `${pascal(definition.name)}IteratorAgeAlarm`, {
          alarmName: `frontdoor-${definition.name}-behind-stream`,
          alarmDescription: `frontdoor-${definition.name} is ${STREAM_BEHIND_ALARM.toHumanString()} or more behind the table stream`,
          metric: fn.metric('IteratorAge', { period: Duration.minutes(1), statistic: 'Maximum' }),
          threshold: STREAM_BEHIND_ALARM.toMilliseconds(),
          evaluationPeriods: 1,
          comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }).addAlarmAction(new SnsAction(alarmTopic));
      }

      if (definition.queue) {
        const { queue } = queues.get(definition.queue.id)!;
        fn.addEventSource(new SqsEventSource(queue, { batchSize: definition.queue.batchSize, reportBatchItemFailures: true }));
      }

      if (definition.schedule) {
        new Rule(this, `${pascal(definition.name)}Schedule`, {
          description: `Runs frontdoor-${definition.name} every ${definition.schedule.everyMinutes} minutes`,
          schedule: Schedule.rate(Duration.minutes(definition.schedule.everyMinutes)),
          targets: [new LambdaFunction(fn)],
        });
      }
    }

    new CfnOutput(this, 'ApiUrl', { value: stage.url, description: 'Base URL of the HTTP API' });
    new CfnOutput(this, 'TableName', { value: table.tableName, description: 'The platform table' });
    for (const { definition, queue } of queues.values()) {
      if (definition.teamId) {
        new CfnOutput(this, `HandoffQueueUrl${pascal(definition.teamId)}`, {
          value: queue.queueUrl,
          description: `Hand-off queue of the ${definition.teamId} team`,
        });
      } else {
        new CfnOutput(this, `QueueUrl${pascal(definition.id)}`, { value: queue.queueUrl, description: definition.description });
      }
    }
  }

  private createTable(platform: PlatformDefinition): TableV2 {
    const { table } = platform;
    const string = (name: string) => ({ name, type: AttributeType.STRING });
    return new TableV2(this, 'Table', {
      tableName: table.name,
      partitionKey: string(table.partitionKey),
      sortKey: string(table.sortKey),
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      dynamoStream: StreamViewType.NEW_AND_OLD_IMAGES,
      timeToLiveAttribute: table.ttlAttribute,
      globalSecondaryIndexes: table.indexes.map((index) => ({
        indexName: index.name,
        partitionKey: string(index.partitionKey),
        sortKey: string(index.sortKey),
        // projectionType defaults to ALL
      })),
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  private createAlarmTopic(): Topic {
    // CloudWatch cannot use the AWS-managed SNS key, so the topic has its own key that CloudWatch may use.
    const key = new Key(this, 'AlarmTopicKey', {
      description: 'Encrypts the frontdoor alarm topic',
      enableKeyRotation: true,
    });
    key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    const topic = new Topic(this, 'AlarmTopic', {
      topicName: 'frontdoor-alarms',
      displayName: 'Front door alarms',
      masterKey: key,
      enforceSSL: true,
    });
    const email: unknown = this.node.tryGetContext('alarmEmail');
    if (typeof email === 'string' && email !== '') topic.addSubscription(new EmailSubscription(email));
    return topic;
  }

  private createQueue(definition: QueueDefinition, alarmTopic: Topic): PlatformQueue {
    const id = queueConstructId(definition);
    const what = definition.teamId ? `A hand-off to ${definition.teamId}` : `A message on ${definition.queueName}`;
    // Fourteen days (the SQS maximum) so a team's messages outlast a long bank-holiday weekend.
    const retentionPeriod = Duration.days(14);
    const deadLetterQueue = new Queue(this, `${id}DeadLetterQueue`, {
      queueName: definition.deadLetterQueueName,
      retentionPeriod,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    const queue = new Queue(this, `${id}Queue`, {
      queueName: definition.queueName,
      visibilityTimeout: Duration.seconds(definition.visibilityTimeoutSeconds),
      retentionPeriod,
      deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: definition.maxReceiveCount },
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });

    const alarmAction = new SnsAction(alarmTopic);
    new Alarm(this, `${id}DeadLetterAlarm`, {
      alarmName: `${definition.deadLetterQueueName}-not-empty`,
      alarmDescription: `${what} failed ${definition.maxReceiveCount} times and is in ${definition.deadLetterQueueName}`,
      metric: deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(alarmAction);
    new Alarm(this, `${id}OldestMessageAlarm`, {
      alarmName: `${definition.queueName}-waiting`,
      alarmDescription: `${what} has waited ${definition.oldestMessageAlarmSeconds} s or more`,
      metric: queue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(1), statistic: 'Maximum' }),
      threshold: definition.oldestMessageAlarmSeconds,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(alarmAction);

    return { definition, queue, deadLetterQueue };
  }

  /** A Secrets Manager secret with a random placeholder value; the real value is put after deploy. */
  private createSecret(definition: SecretDefinition): PlatformSecret {
    const secret = new Secret(this, `${pascal(definition.id)}Secret`, {
      secretName: `frontdoor/${definition.id}`,
      description: definition.description,
      // Nothing authenticates with the placeholder: docs/deploy.md says how to put the real value.
      generateSecretString: { passwordLength: 32, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'A third-party credential that a rotation Lambda cannot rotate: the Twilio auth token is rotated in the ' +
        'Twilio console and API keys and adviser tokens are issued by the council; rotate by putting a new value.',
    });
    return { definition, secret };
  }

  /** A CDK context value (`-c key=value`), if it is a non-empty string. */
  private contextString(key: string): string | undefined {
    const value: unknown = this.node.tryGetContext(key);
    return typeof value === 'string' && value !== '' ? value : undefined;
  }

  /** A setting's value on AWS: its context value, else its AWS default (PUBLIC_BASE_URL, SERVICE_API_URL: the API URL), else ''. */
  private settingValue(definition: SettingDefinition, apiEndpoint: string): string {
    const fallback = API_URL_SETTINGS.has(definition.env) ? apiEndpoint : (definition.awsDefault ?? '');
    return this.contextString(definition.contextKey) ?? fallback;
  }

  private createFunction(definition: FunctionDefinition, repoRoot: string, wiring: Wiring): NodejsFunction {
    const { table, queues, secrets, settings } = wiring;
    const id = pascal(definition.name);
    const { permissions } = definition;

    const logGroup = new LogGroup(this, `${id}Logs`, {
      retention: RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Our own role instead of AWSLambdaBasicExecutionRole: it may write to this log group only.
    const role = new Role(this, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs frontdoor-${definition.name}`,
    });
    logGroup.grantWrite(role);

    const environment: Record<string, string> = {};
    if (permissions.table) environment[ENV.tableName] = table.tableName;
    if (permissions.sendToHandoffQueues) {
      // Queue URLs are https://sqs.<region>.<suffix>/<account>/<name>; names come from the registry.
      const stack = Stack.of(this);
      environment[ENV.handoffQueueBaseUrl] = `https://sqs.${stack.region}.${stack.urlSuffix}/${stack.account}/`;
    }
    for (const queueId of permissions.sendToQueues ?? []) {
      environment[queueUrlEnv(queueId)] = queues.get(queueId)!.queue.queueUrl;
    }
    // The ARN, never the value: the function reads the value at run time, so it is in no template or Lambda console.
    for (const secretId of definition.secrets ?? []) {
      const { definition: secret, secret: resource } = secrets.get(secretId)!;
      environment[secretArnEnv(secret.env)] = resource.secretArn;
    }
    for (const env of definition.settings ?? []) {
      environment[env] = this.settingValue(settings.get(env)!, wiring.apiEndpoint);
    }
    Object.assign(environment, definition.environment, {
      NODE_OPTIONS: '--enable-source-maps',
      POWERTOOLS_SERVICE_NAME: 'frontdoor',
    });

    const fn = new NodejsFunction(this, `${id}Function`, {
      functionName: `frontdoor-${definition.name}`,
      description: definition.description,
      entry: path.join(repoRoot, definition.entry),
      handler: 'handler',
      projectRoot: repoRoot,
      depsLockFilePath: path.join(repoRoot, 'package-lock.json'),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: definition.memoryMb,
      timeout: Duration.seconds(definition.timeoutSeconds),
      role,
      logGroup,
      environment,
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        target: 'node20', // the same code runs on the local Node 20
        minify: true,
        sourceMap: true,
        mainFields: ['module', 'main'],
        // The Node.js 22 runtime ships the AWS SDK v3: leaving it out keeps every bundle under
        // 500 KB (with it, 400-650 KB more each; npm run bench reports both size and import time).
        bundleAwsSDK: false,
        externalModules: ['@aws-sdk/*', '@smithy/*'],
        // CommonJS dependencies call require(); an ES module has none unless we make one.
        banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
      },
    });
    Validations.of(fn).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'NODEJS_22_X is a supported LTS runtime; we build for node20 so the same bundle runs locally on Node 20, ' +
        'and move to a newer runtime together with the local toolchain.',
    });

    if (permissions.table === 'read') table.grantReadData(role);
    if (permissions.table === 'write') table.grantWriteData(role);
    if (permissions.table === 'readWrite') table.grantReadWriteData(role);
    if (permissions.table) {
      const tableLogicalId = this.getLogicalId(table.node.defaultChild as CfnElement);
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${tableLogicalId}.Arn>/index/*]`,
        reason:
          "The table grants cover its global secondary indexes (the worklist and customer queries); the wildcard stays inside this one table's indexes.",
      });
    }
    if (permissions.sendToHandoffQueues) {
      for (const { definition: queue, queue: resource } of queues.values()) {
        if (queue.teamId) resource.grantSendMessages(role);
      }
    }
    for (const queueId of permissions.sendToQueues ?? []) queues.get(queueId)!.queue.grantSendMessages(role);
    for (const secretId of definition.secrets ?? []) secrets.get(secretId)!.secret.grantRead(role);
    if (permissions.sendEmail) {
      const stack = Stack.of(this);
      role.addToPolicy(
        new PolicyStatement({
          actions: ['ses:SendEmail'],
          resources: [`arn:${stack.partition}:ses:${stack.region}:${stack.account}:identity/*`],
        }),
      );
      // cdk-nag names the finding by the rendered ARN: tokens when the stack is environment-agnostic,
      // the region and account themselves when `cdk synth` resolves them.
      const rendered = (value: string, token: string) => (Token.isUnresolved(value) ? `<${token}>` : value);
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ses:${rendered(stack.region, 'AWS::Region')}:${rendered(stack.account, 'AWS::AccountId')}:identity/*]`,
        reason:
          "SES authorises a send against both the sender's and the recipients' identities, which are the council's to verify; " +
          'the grant is SendEmail only, in this account and region.',
      });
    }
    return fn;
  }
}

/** Fail synth with a message that says what to fix, rather than deploy wiring that cannot work. */
function checkPlatform(platform: PlatformDefinition): void {
  const queues = new Map(platform.queues.map((queue) => [queue.id, queue]));
  const secrets = new Set(platform.secrets.map((secret) => secret.id));
  const settings = new Set(platform.settings.map((setting) => setting.env));
  for (const fn of platform.functions) {
    for (const queueId of fn.permissions.sendToQueues ?? []) {
      if (!queues.has(queueId)) {
        throw new Error(
          `Function '${fn.name}' sends to queue '${queueId}', which the platform does not define; ` +
            `add it to queues or fix permissions.sendToQueues in infra/registry.ts`,
        );
      }
    }
    for (const secretId of fn.secrets ?? []) {
      if (!secrets.has(secretId)) {
        throw new Error(
          `Function '${fn.name}' reads secret '${secretId}', which the platform does not define; ` +
            `add it to secrets or fix the function's secrets in infra/registry.ts`,
        );
      }
    }
    for (const env of fn.settings ?? []) {
      if (!settings.has(env)) {
        throw new Error(
          `Function '${fn.name}' reads setting '${env}', which the platform does not define; ` +
            `add it to settings or fix the function's settings in infra/registry.ts`,
        );
      }
    }
    const streamProblems = fn.tableStream ? streamFilterProblems(fn.tableStream.filters) : [];
    if (streamProblems.length) {
      throw new Error(`Function '${fn.name}' ${streamProblems.join('; ')}; fix tableStream.filters in infra/registry.ts`);
    }
    if (!fn.queue) continue;
    const queue = queues.get(fn.queue.id);
    if (!queue) {
      throw new Error(
        `Function '${fn.name}' consumes queue '${fn.queue.id}', which the platform does not define; ` +
          `add it to queues (a team's hand-off queue: add the team to the catalogue) or fix queue.id in infra/registry.ts`,
      );
    }
    if (fn.timeoutSeconds > queue.visibilityTimeoutSeconds) {
      throw new Error(
        `Function '${fn.name}' may run ${fn.timeoutSeconds} s but the ${queue.queueName} visibility timeout is ` +
          `${queue.visibilityTimeoutSeconds} s; a message would be delivered twice. Raise the timeout or shorten the function.`,
      );
    }
  }
}

function corsOrigins(context: unknown): string[] {
  if (typeof context !== 'string' || context.trim() === '') return ['*'];
  return context.split(',').map((origin) => origin.trim());
}

function corsMethods(functions: FunctionDefinition[]): CorsHttpMethod[] {
  const methods = new Set(functions.flatMap((fn) => fn.routes ?? []).map((route) => CorsHttpMethod[route.method]));
  return [...methods, CorsHttpMethod.OPTIONS];
}
