// The AWS side of the platform, generated from one PlatformDefinition (infra/registry.ts): the
// table, every platform queue (a hand-off queue per service team, and the others) with its alarms,
// the secrets the functions read, a Lambda per function with its triggers, settings and
// least-privilege grants, and the HTTP API; people's sign-in (a Cognito user pool with a group per
// role and per service team, the console's app client, the API's JWT authoriser); and the console
// (its built files in a private bucket behind CloudFront, with the API behind the same
// distribution so the browser talks to one origin). Nothing here names a particular function.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CfnOutput,
  type CfnElement,
  DefaultStackSynthesizer,
  Duration,
  RemovalPolicy,
  Stack,
  Token,
  Validations,
  type StackProps,
} from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
  PayloadFormatVersion,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
  type BehaviorOptions,
  type ResponseCustomHeader,
  type ResponseSecurityHeadersBehavior,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  UserPool,
  UserPoolClient,
  UserPoolClientIdentityProvider,
  UserPoolGroup,
} from 'aws-cdk-lib/aws-cognito';
import { AttributeType, Billing, StreamViewType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Architecture, FilterCriteria, Runtime, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { queueUrlEnv, secretArnEnv } from '#domain/env';
import {
  API_PATH_PREFIXES,
  CORS_ALLOW_HEADERS,
  ENV,
  STAFF_GROUPS,
  type FunctionDefinition,
  type PlatformDefinition,
  type QueueDefinition,
  type SecretDefinition,
  type SettingDefinition,
  type StackValue,
} from '#infra/registry';
import { filterPattern, streamFilterProblems } from '#infra/stream-filter';
import { contentSecurityPolicy, SECURITY_HEADERS } from '#infra/web-headers';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
/** A hand-off normally leaves the stream within seconds; this far behind, dispatch is stuck. */
const STREAM_BEHIND_ALARM = Duration.minutes(5);
/** The setting whose value is also the HTTP API's CORS origins, so the two cannot disagree. */
const ALLOWED_ORIGINS = 'ALLOWED_ORIGINS';
/** Where CORS origins come from when the platform defines no ALLOWED_ORIGINS setting. */
const CORS_CONTEXT_KEY = 'councilSiteOrigin';

export interface FrontdoorStackProps extends StackProps {
  /** What to build: the registry's `platform` in the app, a fixture in tests. */
  platform: PlatformDefinition;
  /** Where function entries are resolved from (default: this repository). */
  repoRoot?: string;
  /**
   * The console's built files, deployed to its bucket: `console/dist` from `npm run build:console`
   * in the app (infra/app.ts), a small folder in tests. It must hold an index.html; hashed files
   * under its assets/ folder are cached for a year and kept across deploys.
   */
  consoleDist: string;
}

/**
 * CloudFront Function (cloudfront-js-2.0) on the console's page behaviour, at viewer request: the
 * console is a single-page app, so a page path (`/`, `/cases/WS-1234`, `/signed-in`) gets
 * /index.html and the app's router shows the page. The build's files are served as they are: the
 * hashed ones under `/assets/`, and the few at the top level that have an extension
 * (`/index.html`, `/config.json`, `/favicon.svg`). A page path may end like a file name, since a
 * resident's key can be an email (`/residents/EMAIL%23jo%40example.com`), so the extension alone
 * does not decide. The API's paths never reach it: they have behaviours of their own. There are no
 * distribution-wide error responses, so the API's own 404s and 403s reach the browser as they are.
 */
export const CONSOLE_PAGE_REWRITE = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  var topLevelFile = uri.lastIndexOf('/') === 0 && uri.indexOf('.') !== -1;
  if (uri.indexOf('/assets/') !== 0 && !topLevelFile) {
    request.uri = '/index.html';
  }
  return request;
}`;

/** What the console's app reads at /config.json (deployed with its files; the tokens resolve at deploy time). */
export interface ConsoleConfig {
  /** The OpenID issuer: the user pool's provider URL. */
  authority: string;
  clientId: string;
  /** The resident simulator is for the local stack only. */
  simulator: false;
}

/** The console's page Cognito sends people back to after sign-in (the app client's callback URL). */
export const SIGNED_IN_PATH = '/signed-in';

/** A CloudFront-hosted console: its bucket, the distribution in front of it and the API, and its origin. */
interface ConsoleHosting {
  bucket: Bucket;
  distribution: Distribution;
  /** `https://<custom domain>` or `https://<distribution>.cloudfront.net`, no trailing slash. */
  origin: string;
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
  /** The values of the stack's own resources that settings take (`awsFrom`). */
  stackValues: Record<StackValue, string>;
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
    checkConsoleDist(props.consoleDist);

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
          allowedOrigins ? this.settingValue(allowedOrigins) : this.contextString(CORS_CONTEXT_KEY),
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

    // People's sign-in and the console. The distribution needs the API (its origin) and the hosted
    // UI's origin (its CSP); the app client needs the distribution (its callback URL); the functions
    // and the authoriser need the pool and the client. Nothing points back, so there is no cycle.
    const people = this.createPeoplePool(platform);
    const hosting = this.createConsoleHosting(api, people.hostedUiUrl);
    const client = this.createConsoleClient(people.pool, hosting.origin);
    this.deployConsole(hosting, props.consoleDist, {
      authority: people.pool.userPoolProviderUrl,
      clientId: client.userPoolClientId,
      simulator: false,
    });

    // The API resource's own GetAtt (no trailing slash, as locally): functions that use it depend on
    // the API only, not on the stage, routes or integrations that depend on them, so there is no cycle.
    const stackValues: Record<StackValue, string> = {
      apiUrl: api.apiEndpoint,
      peopleIssuer: people.pool.userPoolProviderUrl,
      consoleClientId: client.userPoolClientId,
    };
    // API Gateway checks the signature, issuer, expiry and client (a Cognito access token's
    // `client_id` counts as its audience) before a person's request reaches the function; the
    // function verifies the token again and checks the person's group.
    const peopleAuthoriser = new HttpJwtAuthorizer('PeopleAuthoriser', stackValues.peopleIssuer, {
      authorizerName: 'people',
      jwtAudience: [stackValues.consoleClientId],
    });
    const wiring: Wiring = { table, queues, secrets, settings, stackValues };
    for (const definition of platform.functions) {
      const fn = this.createFunction(definition, repoRoot, wiring);

      if (definition.routes?.length) {
        const integration = new HttpLambdaIntegration(`${pascal(definition.name)}Integration`, fn, {
          payloadFormatVersion: PayloadFormatVersion.VERSION_2_0,
        });
        const authorizer = definition.auth === 'people' ? peopleAuthoriser : undefined;
        for (const route of definition.routes) {
          for (const httpRoute of api.addRoutes({ path: route.path, methods: [HttpMethod[route.method]], integration, authorizer })) {
            if (authorizer) continue;
            Validations.of(httpRoute).acknowledge({
              id: 'AwsSolutions-APIG4',
              reason:
                'Residents and partner systems use these routes without a person signing in; the handler authenticates ' +
                'the caller itself (Twilio signature or API key) before it reads or records anything, or the route is ' +
                "public by design (a web-form contact, a case's status by its reference).",
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
    new CfnOutput(this, 'ConsoleUrl', {
      value: hosting.origin,
      description: "The console (and the API behind the same origin): where people sign in",
    });
    new CfnOutput(this, 'UserPoolId', { value: people.pool.userPoolId, description: "The people's Cognito user pool" });
    new CfnOutput(this, 'ConsoleClientId', { value: client.userPoolClientId, description: "The console's app client" });
    new CfnOutput(this, 'HostedUiUrl', { value: people.hostedUiUrl, description: "Cognito's hosted sign-in pages (the user pool's domain)" });
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
        'Twilio console and the service teams\' API keys are issued by the council; rotate by putting a new value.',
    });
    return { definition, secret };
  }

  /** A CDK context value (`-c key=value`), if it is a non-empty string. */
  private contextString(key: string): string | undefined {
    const value: unknown = this.node.tryGetContext(key);
    return typeof value === 'string' && value !== '' ? value : undefined;
  }

  /**
   * A setting's value on AWS: its context value, else the stack's own value it names (`awsFrom`:
   * the API URL, the user pool, the console's client), else its AWS default, else ''.
   */
  private settingValue(definition: SettingDefinition, stackValues?: Record<StackValue, string>): string {
    const fromContext = definition.contextKey ? this.contextString(definition.contextKey) : undefined;
    if (fromContext !== undefined) return fromContext;
    if (definition.awsFrom) {
      if (!stackValues) throw new Error(`Setting '${definition.env}' takes a value of the stack before the stack has made it`);
      return stackValues[definition.awsFrom];
    }
    return definition.awsDefault ?? '';
  }

  /**
   * The Cognito user pool of the council's staff: accounts made by an administrator (no
   * self sign-up), a group per role and per service team, and the hosted sign-in pages on a
   * Cognito domain. docs/deploy.md says why each choice was made.
   */
  private createPeoplePool(platform: PlatformDefinition): { pool: UserPool; hostedUiUrl: string } {
    const pool = new UserPool(this, 'PeopleUserPool', {
      userPoolName: 'frontdoor-people',
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      keepOriginal: { email: true },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
        passwordHistorySize: 5,
      },
      // An authenticator app for everyone: the console shows residents' personal data, and a
      // password alone is phished or reused. TOTP, not SMS: no SIM-swap risk and no SNS set-up.
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Plus: threat protection blocks sign-ins with leaked credentials or from risky places.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      userInvitation: {
        emailSubject: 'Your account for the front door console',
        emailBody:
          'An account has been made for you on the council\'s front door console. Your username is {username} ' +
          'and your temporary password is {####}. Sign in within 3 days: you will choose a new password and ' +
          'set up an authenticator app.',
      },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    for (const group of STAFF_GROUPS) {
      new UserPoolGroup(this, `${pascal(group.name)}Group`, { userPool: pool, groupName: group.name, description: group.description });
    }
    // The teams the hand-off queues are made for: the catalogue's teams, through the registry.
    for (const teamId of teamIds(platform)) {
      new UserPoolGroup(this, `${pascal(teamId)}TeamGroup`, {
        userPool: pool,
        groupName: teamId,
        description: `Members of the ${teamId} service team: their team's views in the console`,
      });
    }

    const prefix = this.contextString('authDomainPrefix') ?? `${slug(this.stackName)}-${this.account}`;
    checkDomainPrefix(prefix);
    pool.addDomain('PeopleHostedUi', { cognitoDomain: { domainPrefix: prefix } });
    return { pool, hostedUiUrl: `https://${prefix}.auth.${this.region}.amazoncognito.com` };
  }

  /**
   * The console's app client: a public client (no secret) that signs in with the authorization
   * code grant (the app always sends PKCE), never the implicit grant.
   */
  private createConsoleClient(pool: UserPool, consoleOrigin: string): UserPoolClient {
    return pool.addClient('ConsoleClient', {
      userPoolClientName: 'frontdoor-console',
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [`${consoleOrigin}${SIGNED_IN_PATH}`],
        logoutUrls: [`${consoleOrigin}/`],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      // An hour: a disabled account or a removed group stops working within the hour. Twelve hours
      // of refresh: one sign-in covers a long shift, and a session left on a shared desk ends overnight.
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
    });
  }

  /**
   * The console's private bucket and the CloudFront distribution in front of it, with the API's
   * paths behind the same distribution: the browser talks to one origin, so the console needs no
   * CORS, and its Content-Security-Policy can say 'self'.
   */
  private createConsoleHosting(api: HttpApi, hostedUiUrl: string): ConsoleHosting {
    const logs = new Bucket(this, 'AccessLogsBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // S3 server access logs and CloudFront's standard logs are delivered with ACLs. cdk-nag counts a
      // bucket that receives another's access logs as logged (S1), so it needs no log bucket of its own.
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const bucket = new Bucket(this, 'ConsoleBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'console-bucket/',
      // Kept when the stack goes, files and all: CloudFormation cannot delete a bucket that is not
      // empty, and emptying it on delete would take another custom-resource Lambda.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const pageRewrite = new CloudFrontFunction(this, 'ConsolePageRewrite', {
      comment: 'Serves /index.html for the console page paths (no file extension)',
      code: FunctionCode.fromInline(CONSOLE_PAGE_REWRITE),
      runtime: FunctionRuntime.JS_2_0,
    });
    const headers = new ResponseHeadersPolicy(this, 'ConsoleHeaders', {
      comment: "The console's Content-Security-Policy and security headers (infra/web-headers.ts)",
      ...cloudFrontHeaders(
        contentSecurityPolicy({ connect: [hostedUiUrl, `https://cognito-idp.${this.region}.amazonaws.com`] }),
        SECURITY_HEADERS,
      ),
    });

    // The $default stage answers at the API's own domain; CloudFront sends its Host, not the viewer's.
    const apiOrigin = new HttpOrigin(`${api.apiId}.execute-api.${this.region}.${this.urlSuffix}`, {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [OriginSslPolicy.TLS_V1_2],
    });
    const apiBehaviour: BehaviorOptions = {
      origin: apiOrigin,
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      // Every viewer header but Host (API Gateway answers only to its own), so Authorization,
      // X-Twilio-Signature, Idempotency-Key and Origin reach the handlers; and every query string.
      // CloudFront forwards Authorization with an all-viewer-headers policy when caching is disabled.
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
    };

    const domainName = this.contextString('consoleDomain');
    const certificateArn = this.contextString('consoleCertificateArn');
    if ((domainName === undefined) !== (certificateArn === undefined)) {
      throw new Error(
        'Give both -c consoleDomain=<host name> and -c consoleCertificateArn=<an ACM certificate in us-east-1 for it>, or neither',
      );
    }
    if (certificateArn && !Token.isUnresolved(certificateArn) && certificateArn.split(':')[3] !== 'us-east-1') {
      throw new Error(`CloudFront takes certificates from us-east-1 only; ${certificateArn} is not there. Request one there for ${domainName}.`);
    }
    const webAclId = this.contextString('consoleWebAclArn');
    const distribution = new Distribution(this, 'ConsoleDistribution', {
      comment: 'Front door: the console, and the API on the same origin',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        compress: true,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        functionAssociations: [{ function: pageRewrite, eventType: FunctionEventType.VIEWER_REQUEST }],
        responseHeadersPolicy: headers,
      },
      additionalBehaviors: Object.fromEntries(API_PATH_PREFIXES.map((prefix) => [`${prefix}*`, apiBehaviour])),
      ...(domainName && certificateArn
        ? {
            domainNames: [domainName],
            certificate: Certificate.fromCertificateArn(this, 'ConsoleCertificate', certificateArn),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      httpVersion: HttpVersion.HTTP2_AND_3,
      // Edge locations in Europe and North America: the council's staff and residents are in the UK.
      priceClass: PriceClass.PRICE_CLASS_100,
      // No standard logs: they keep every URL whole, and the console's carry residents' phone numbers,
      // emails and names (a search's query, a resident's timeline path). The API's own access log
      // records the route only; the console's bucket logs its objects (docs/deploy.md).
      enableLogging: false,
      ...(webAclId ? { webAclId } : {}),
    });
    if (!domainName) {
      Validations.of(distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'No custom domain was given (-c consoleDomain, -c consoleCertificateArn), so the distribution uses the default ' +
          '*.cloudfront.net certificate, whose security policy CloudFront fixes; with a custom domain the stack sets TLSv1.2_2021.',
      });
    }
    if (!webAclId) {
      Validations.of(distribution).acknowledge({
        id: 'AwsSolutions-CFR2',
        reason:
          "A web ACL for CloudFront must live in us-east-1, outside this stack's region; give one with -c consoleWebAclArn. " +
          'Without it the API is throttled at its stage, the console API needs a signed-in person, and the pages are static files.',
      });
    }
    Validations.of(distribution).acknowledge({
      id: 'AwsSolutions-CFR3',
      reason:
        "CloudFront's standard logs keep each request's path and query string whole, and the console's carry residents' " +
        'personal data (searches by phone, email or name; timeline paths named by phone or email), which must not reach ' +
        'logs. The API Gateway access log records the route key only, and the console bucket logs its object reads.',
    });
    Validations.of(distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason:
        'No geographic restriction: Twilio calls its webhooks and Open311 clients post from outside the UK, and staff ' +
        'working away still need the console; sign-in (with MFA) and the API keys are the controls.',
    });

    const origin = domainName ? `https://${domainName}` : `https://${distribution.distributionDomainName}`;
    return { bucket, distribution, origin };
  }

  /**
   * The console's files and its config.json. Hashed files under assets/ first, cached for a year
   * and never pruned, so a tab opened before a deploy still loads the code it asks for later; then
   * index.html and the rest, revalidated on every load, with the distribution's cache invalidated.
   */
  private deployConsole(hosting: ConsoleHosting, consoleDist: string, config: ConsoleConfig): void {
    // Our own role instead of AWSLambdaBasicExecutionRole, as for the functions.
    const role = new Role(this, 'ConsoleDeploymentRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: "Copies the console's files to its bucket (CDK BucketDeployment)",
    });
    const logGroup = new LogGroup(this, 'ConsoleDeploymentLogs', {
      retention: RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    logGroup.grantWrite(role);

    const assetsDir = path.join(consoleDist, 'assets');
    const assets = existsSync(assetsDir)
      ? new BucketDeployment(this, 'ConsoleAssetsDeployment', {
          sources: [Source.asset(assetsDir)],
          destinationBucket: hosting.bucket,
          destinationKeyPrefix: 'assets/',
          prune: false,
          cacheControl: [CacheControl.setPublic(), CacheControl.maxAge(Duration.days(365)), CacheControl.immutable()],
          role,
          logGroup,
        })
      : undefined;
    const pages = new BucketDeployment(this, 'ConsolePagesDeployment', {
      sources: [Source.asset(consoleDist, { exclude: ['assets'] }), Source.jsonData('config.json', config)],
      destinationBucket: hosting.bucket,
      exclude: ['assets/*'],
      cacheControl: [CacheControl.noCache()],
      distribution: hosting.distribution,
      distributionPaths: ['/*'],
      role,
      logGroup,
    });
    if (assets) pages.node.addDependency(assets);

    // The grants are BucketDeployment's own: read the CDK's asset bucket, write the console's bucket,
    // invalidate the distribution. cdk-nag names a wildcard by the rendered ARN, as for SES below.
    const qualifier = (this.synthesizer as Partial<DefaultStackSynthesizer>).bootstrapQualifier ?? DefaultStackSynthesizer.DEFAULT_QUALIFIER;
    const assetBucket = `cdk-${qualifier}-assets-${rendered(this.account, 'AWS::AccountId')}-${rendered(this.region, 'AWS::Region')}`;
    const consoleBucket = this.getLogicalId(hosting.bucket.node.defaultChild as CfnElement);
    const wildcards: Record<string, string> = {
      [`Resource::arn:<AWS::Partition>:s3:::${assetBucket}/*`]: "the files of this deploy, in the CDK's own asset bucket (read only)",
      'Action::s3:GetObject*': 'reading those files',
      'Action::s3:GetBucket*': 'reading those files',
      'Action::s3:List*': "listing the files to copy and the console bucket's files to prune",
      [`Resource::<${consoleBucket}.Arn>/*`]: "every file of the console's bucket, which holds nothing but the console",
      'Action::s3:DeleteObject*': "pruning the console's old pages",
      'Action::s3:Abort*': 'abandoning a failed upload',
      'Resource::*': 'CloudFront invalidation (CreateInvalidation, GetInvalidation), which BucketDeployment grants on any distribution',
    };
    for (const [finding, what] of Object.entries(wildcards)) {
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[${finding}]`,
        reason: `BucketDeployment's grant for ${what}; CDK writes these statements and the role runs only its copy.`,
      });
    }
    // The provider is a singleton at the stack's root, shared by both deployments.
    const provider = this.node.children.find((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (provider) {
      Validations.of(provider).acknowledge({
        id: 'AwsSolutions-L1',
        reason:
          "CDK's BucketDeployment provider (Python, with the AWS CLI in a layer) runs the runtime this aws-cdk-lib " +
          'version chooses; it moves when aws-cdk-lib is upgraded, and it runs only during a deploy.',
      });
    }
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
      environment[env] = this.settingValue(settings.get(env)!, wiring.stackValues);
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

/**
 * How cdk-nag names a finding's ARN: `<AWS::Region>` when the stack is environment-agnostic, the
 * region (or account) itself when `cdk synth` resolves it.
 */
const rendered = (value: string, pseudo: string): string => (Token.isUnresolved(value) ? `<${pseudo}>` : value);

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
    if (fn.auth === 'people') {
      const fromPool = platform.settings.filter((setting) => setting.awsFrom === 'peopleIssuer' || setting.awsFrom === 'consoleClientId');
      const missing = fromPool.filter((setting) => !fn.settings?.includes(setting.env)).map((setting) => setting.env);
      if (fromPool.length < 2 || missing.length) {
        throw new Error(
          `Function '${fn.name}' takes people's requests but does not read ${missing.join(' and ') || "the user pool's issuer and client id"}: ` +
            'it must verify the access token itself; list them in its settings in infra/registry.ts',
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

/** The service teams: those the platform has a hand-off queue for. */
function teamIds(platform: PlatformDefinition): string[] {
  const ids = platform.queues.flatMap((queue) => (queue.teamId ? [queue.teamId] : []));
  const clash = ids.filter((id) => STAFF_GROUPS.some((group) => group.name === id));
  if (clash.length) {
    throw new Error(`Team '${clash[0]}' has the name of a staff group; a team's group would be that group. Rename the team in the catalogue.`);
  }
  return ids;
}

/** Fail synth, saying what to do, when the console has not been built. */
function checkConsoleDist(consoleDist: string): void {
  if (!existsSync(path.join(consoleDist, 'index.html'))) {
    throw new Error(`The console's build is missing: there is no index.html in ${consoleDist}. Run npm run build:console first.`);
  }
}

/** 'Frontdoor' -> 'frontdoor': a stack name as the start of a Cognito domain prefix. */
const slug = (name: string): string => name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');

/** Cognito's rules for a prefix domain, checked at synth rather than failing the deploy. */
function checkDomainPrefix(prefix: string): void {
  if (Token.isUnresolved(prefix)) return; // the account id is filled in at deploy time
  const reserved = ['aws', 'amazon', 'cognito'].find((word) => prefix.includes(word));
  if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(prefix) || reserved) {
    throw new Error(
      `'${prefix}' cannot be a Cognito domain prefix: lower-case letters, digits and hyphens, at most 63, ` +
        `not starting or ending with a hyphen${reserved ? `, and never the word '${reserved}'` : ''}. Give another with -c authDomainPrefix=...`,
    );
  }
}

/**
 * A response headers policy's security headers and custom headers for `headers`
 * (infra/web-headers.ts): CloudFront takes the headers it knows (HSTS, X-Content-Type-Options,
 * X-Frame-Options, Referrer-Policy) only in their own fields, and any other as a custom header.
 * Every value overrides the origin's. Throws on a value CloudFront cannot send.
 */
export function cloudFrontHeaders(
  csp: string,
  headers: Readonly<Record<string, string>>,
): { securityHeadersBehavior: ResponseSecurityHeadersBehavior; customHeadersBehavior: { customHeaders: ResponseCustomHeader[] } } {
  const cannot = (name: string, value: string) =>
    new Error(`CloudFront cannot send ${name}: ${value} (infra/web-headers.ts); use a value it supports`);
  const security: { -readonly [K in keyof ResponseSecurityHeadersBehavior]: ResponseSecurityHeadersBehavior[K] } = {
    contentSecurityPolicy: { contentSecurityPolicy: csp, override: true },
  };
  const customHeaders: ResponseCustomHeader[] = [];
  for (const [name, value] of Object.entries(headers)) {
    switch (name.toLowerCase()) {
      case 'strict-transport-security': {
        const match = /^max-age=(\d+)((?:\s*;\s*(?:includeSubDomains|preload))*)\s*$/i.exec(value);
        if (!match) throw cannot(name, value);
        const directives = match[2]!.toLowerCase();
        security.strictTransportSecurity = {
          accessControlMaxAge: Duration.seconds(Number(match[1])),
          includeSubdomains: directives.includes('includesubdomains'),
          preload: directives.includes('preload'),
          override: true,
        };
        break;
      }
      case 'x-content-type-options':
        if (value.toLowerCase() !== 'nosniff') throw cannot(name, value);
        security.contentTypeOptions = { override: true };
        break;
      case 'x-frame-options': {
        const option = Object.values(HeadersFrameOption).find((known) => known === value.toUpperCase());
        if (!option) throw cannot(name, value);
        security.frameOptions = { frameOption: option, override: true };
        break;
      }
      case 'referrer-policy': {
        const policy = Object.values(HeadersReferrerPolicy).find((known) => known === value.toLowerCase());
        if (!policy) throw cannot(name, value);
        security.referrerPolicy = { referrerPolicy: policy, override: true };
        break;
      }
      case 'content-security-policy':
      case 'x-xss-protection':
        throw cannot(name, value);
      default:
        customHeaders.push({ header: name, value, override: true });
    }
  }
  return { securityHeadersBehavior: security, customHeadersBehavior: { customHeaders } };
}

function corsOrigins(context: unknown): string[] {
  if (typeof context !== 'string' || context.trim() === '') return ['*'];
  return context.split(',').map((origin) => origin.trim());
}

function corsMethods(functions: FunctionDefinition[]): CorsHttpMethod[] {
  const methods = new Set(functions.flatMap((fn) => fn.routes ?? []).map((route) => CorsHttpMethod[route.method]));
  return [...methods, CorsHttpMethod.OPTIONS];
}
