// The one definition of the platform: its table, its queues and its functions with their routes,
// triggers, schedules and permissions. infra/stack.ts (AWS) and infra/local/ (this machine) are
// both generated from it, so a local run exercises the wiring that AWS runs.
import { catalogue } from '#catalogue/index';
import { OUTBOX_ENTITIES } from '#app/dispatch';
import { ENV_NAMES, handoffDeadLetterQueueName, handoffQueueName } from '#domain/env';
import { COUNTED_ENTITIES } from '#domain/measures';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Route {
  method: HttpMethod;
  /** API Gateway route path, with {name} path parameters. */
  path: string;
}

/** What a function may touch. Each grant becomes an IAM statement on AWS and an env var locally. */
export interface Permissions {
  /** The platform table: 'read' (Get/Query), 'write' (Put/Update/TransactWrite) or both. */
  table?: 'read' | 'write' | 'readWrite';
  /** Send messages to every service team's hand-off queue (env HANDOFF_QUEUE_BASE_URL). */
  sendToHandoffQueues?: boolean;
  /** Send messages to these platform queues, by id (env QUEUE_URL_<ID>). */
  sendToQueues?: string[];
  /** Send email through Amazon SES (escalations to council staff). */
  sendEmail?: boolean;
}

export type StreamEventName = 'INSERT' | 'MODIFY' | 'REMOVE';

/**
 * Table-stream records a consumer wants: records of these events whose item is of these kinds (its
 * `entity` attribute, in the new image, the old image or both). A consumer's filters OR together;
 * on AWS they are its event-source mapping's FilterCriteria, locally the stream mapping applies the
 * same patterns (infra/stream-filter.ts). Lambda counts a record that no filter matches as
 * processed: it never reaches the function and is never retried, so a filter that leaves out a
 * record the consumer needs loses it for good.
 */
export interface StreamRecordFilter {
  events: StreamEventName[];
  /** The new image's `entity` is one of these (INSERT and MODIFY have a new image). */
  newEntity?: string[];
  /** The old image's `entity` is one of these (MODIFY and REMOVE have an old image). */
  oldEntity?: string[];
}

export interface FunctionDefinition {
  /** Kebab-case name; the Lambda is named frontdoor-<name>. */
  name: string;
  description: string;
  /** Module path from the repository root; it exports `handler`. */
  entry: string;
  memoryMb: number;
  timeoutSeconds: number;
  /** Static environment beyond what `permissions` implies. */
  environment?: Record<string, string>;
  routes?: Route[];
  /** Consumes the table's stream (DynamoDB Streams event-source mapping), only the records its filters match. */
  tableStream?: { batchSize: number; maxRetryAttempts?: number; filters: StreamRecordFilter[] };
  /** Consumes a queue, by id (SQS event-source mapping, partial batch failures on). */
  queue?: { id: string; batchSize: number };
  /** Secrets it reads, by id (see `secrets`). */
  secrets?: string[];
  /** Settings it reads, by environment variable name (see `settings`). */
  settings?: string[];
  /** Runs on a schedule (EventBridge rate). */
  schedule?: { everyMinutes: number };
  /**
   * Who may call its routes. 'people': staff signed in to the console. On AWS an API Gateway JWT
   * authoriser refuses a request without a valid access token from the console's app client before
   * the function runs; the function still verifies the token and the person's group itself, so it
   * must read the settings that come from the user pool (AUTH_ISSUER, AUTH_CLIENT_ID). Unset: the
   * handler authenticates the caller itself (Twilio signature, API key) or the route is public.
   */
  auth?: 'people';
  permissions: Permissions;
}

export interface IndexDefinition {
  name: string;
  partitionKey: string;
  sortKey: string;
}

export interface TableDefinition {
  name: string;
  partitionKey: string;
  sortKey: string;
  ttlAttribute: string;
  indexes: IndexDefinition[];
}

export interface QueueDefinition {
  /** 'handoff-<team id>' for a team's hand-off queue; otherwise what the queue carries. */
  id: string;
  description: string;
  /** Set on a service team's hand-off queue. */
  teamId?: string;
  queueName: string;
  deadLetterQueueName: string;
  visibilityTimeoutSeconds: number;
  /** Receives before a message moves to the dead-letter queue. */
  maxReceiveCount: number;
  /** Alarm when the oldest message has waited this long. */
  oldestMessageAlarmSeconds: number;
}

/** A secret: on AWS a Secrets Manager secret (env <ENV>_SECRET_ARN); locally the value in env <ENV>. */
export interface SecretDefinition {
  id: string;
  env: string;
  description: string;
  /** What the local stack uses when the environment does not set one (stated in the README). */
  localDefault: string;
}

/**
 * A value the AWS stack makes, for settings whose value on AWS is one of its own resources:
 * 'apiUrl' the HTTP API's URL (no trailing slash), 'peopleIssuer' the Cognito user pool's issuer URL,
 * 'consoleClientId' the console's app client id.
 */
export type StackValue = 'apiUrl' | 'peopleIssuer' | 'consoleClientId';

/**
 * A plain setting. On AWS: CDK context `contextKey` if given, else the stack's own `awsFrom`, else
 * `awsDefault`, else ''. A setting without a `contextKey` cannot be set on AWS: it is always the
 * stack's (people's sign-in must agree with the user pool the authoriser trusts). Locally: from
 * the environment or `localDefault`.
 */
export interface SettingDefinition {
  env: string;
  contextKey?: string;
  description: string;
  awsFrom?: StackValue;
  awsDefault?: string;
  localDefault: string;
}

export interface PlatformDefinition {
  table: TableDefinition;
  queues: QueueDefinition[];
  secrets: SecretDefinition[];
  settings: SettingDefinition[];
  functions: FunctionDefinition[];
}

/**
 * Where the API's routes live. Every route starts with one of these, so the console's pages can
 * have every other path on the same origin (test/unit/registry.test.ts checks it).
 */
export const API_PATH_PREFIXES = ['/api/', '/twilio/', '/open311/', '/service/'] as const;

/**
 * Groups of the console's people, besides one per service team (named by its team id), in the
 * Cognito user pool on AWS and among the fake Cognito's seeded people locally.
 */
export const STAFF_GROUPS = [
  { name: 'advisers', description: "Customer Service Network advisers: the console's adviser views" },
  { name: 'managers', description: "Managers: the console's manager views" },
] as const;

/** Request headers a browser on the council's site may send (CORS), on AWS and locally alike. */
export const CORS_ALLOW_HEADERS = ['content-type', 'authorization', 'idempotency-key'];

/** Environment variable names the registry promises to the functions (read by shared/adapters/config.ts). */
export const ENV = ENV_NAMES;

// Access patterns and keys are written down in docs/data-model.md.
export const table: TableDefinition = {
  name: 'frontdoor',
  partitionKey: 'pk',
  sortKey: 'sk',
  ttlAttribute: 'expiresAt',
  indexes: [
    // A resident's contacts and cases across channels, newest first.
    { name: 'byCustomer', partitionKey: 'customerKey', sortKey: 'createdAt' },
    // A team's open cases by due time: the service teams' worklists.
    { name: 'byTeamDue', partitionKey: 'teamId', sortKey: 'dueAt' },
    // Cases by the day they were opened (UTC), in time order: Open311 GET requests.
    { name: 'byDay', partitionKey: 'createdDay', sortKey: 'createdAt' },
    // Open cases by when the SLA monitor must next look at them (warning, then due time): sparse,
    // so a run reads only the cases whose state changes.
    { name: 'bySlaNext', partitionKey: 'slaWatch', sortKey: 'slaNextAt' },
    // The console's look-ups, one sparse index for both (one GSI to add to a deployed table):
    // lookupKey CONTACTS#<Europe/London day> holds that day's contacts (the feed), NAME#<word> the
    // residents with that word in their name (search by name); lookupAt orders each, newest last.
    { name: 'byLookup', partitionKey: 'lookupKey', sortKey: 'lookupAt' },
  ],
};

export const handoffQueues: QueueDefinition[] = catalogue.teams.map((team) => ({
  id: `handoff-${team.id}`,
  description: `Hand-offs to ${team.name}`,
  teamId: team.id,
  queueName: handoffQueueName(team.id),
  deadLetterQueueName: handoffDeadLetterQueueName(team.id),
  visibilityTimeoutSeconds: 60,
  maxReceiveCount: 5,
  oldestMessageAlarmSeconds: 15 * 60,
}));

export const queues: QueueDefinition[] = [
  ...handoffQueues,
  {
    id: 'notifications',
    description: 'Messages to residents (SMS through Twilio, or email through SES when they gave no number) and to staff (email), sent by send-notifications',
    queueName: 'frontdoor-notifications',
    deadLetterQueueName: 'frontdoor-notifications-dlq',
    visibilityTimeoutSeconds: 60,
    maxReceiveCount: 5,
    oldestMessageAlarmSeconds: 10 * 60,
  },
];

export const secrets: SecretDefinition[] = [
  {
    id: 'twilio-auth-token',
    env: 'TWILIO_AUTH_TOKEN',
    description: "The Twilio account's auth token: verifies webhook signatures and authenticates outbound SMS",
    localDefault: 'dev-twilio-auth-token',
  },
  {
    id: 'open311-api-keys',
    env: 'OPEN311_API_KEYS',
    description: 'API keys of Open311 clients allowed to POST requests, comma-separated',
    localDefault: 'dev-open311-key',
  },
  {
    id: 'team-api-keys',
    env: 'TEAM_API_KEYS',
    description: "Service teams' API keys for the service API, comma-separated as teamId:key",
    localDefault: 'waste-services:dev-waste-key,highways:dev-highways-key,street-scene:dev-street-scene-key,parks-trees:dev-parks-key',
  },
  {
    id: 'parks-trees-api-key',
    env: 'PARKS_TREES_API_KEY',
    description: "The Parks and Trees team's own service API key, which its hand-off consumer sends: the parks-trees key in team-api-keys",
    localDefault: 'dev-parks-key',
  },
];

export const settings: SettingDefinition[] = [
  {
    env: 'PUBLIC_BASE_URL',
    contextKey: 'publicBaseUrl',
    description: 'The URL the public reaches the API at: Twilio signs its webhooks over it (default: the API URL)',
    awsFrom: 'apiUrl',
    localDefault: '(the local gateway URL)',
  },
  {
    env: 'TWILIO_ACCOUNT_SID',
    contextKey: 'twilioAccountSid',
    description: 'The Twilio account that sends SMS',
    awsDefault: '',
    localDefault: 'AC00000000000000000000000000000000',
  },
  {
    env: 'TWILIO_FROM_NUMBER',
    contextKey: 'twilioFromNumber',
    description: "The council's main number, that SMS come from",
    awsDefault: '',
    localDefault: '+441632960000',
  },
  {
    env: 'TWILIO_API_BASE_URL',
    contextKey: 'twilioApiBaseUrl',
    description: "Where Twilio's REST API is: empty for Twilio itself; locally the fake that keeps every message",
    awsDefault: '',
    localDefault: '(the local fake Twilio)',
  },
  {
    env: 'EMAIL_FROM',
    contextKey: 'emailFrom',
    description: 'The address escalation emails come from (an identity verified in Amazon SES)',
    awsDefault: '',
    localDefault: 'frontdoor@council.example.gov.uk',
  },
  {
    env: 'ADVISER_TRANSFER_NUMBER',
    contextKey: 'adviserTransferNumber',
    description: 'Where calls for a CSN adviser are put through in opening hours',
    awsDefault: '',
    localDefault: '+441632960001',
  },
  {
    env: 'ALLOWED_ORIGINS',
    contextKey: 'councilSiteOrigin',
    description: "The council website's origins allowed to call the web API from a browser, comma-separated",
    awsDefault: '*',
    localDefault: '*',
  },
  {
    env: 'SERVICE_API_URL',
    contextKey: 'serviceApiUrl',
    description: "Where a team's program reaches the service API: the reference consumer acknowledges cases there (default: the API URL)",
    awsFrom: 'apiUrl',
    localDefault: '(the local gateway URL)',
  },
  // People's sign-in (issue 9). On AWS both are the stack's own: the Cognito user pool and the
  // console's app client it creates, which the API's JWT authoriser trusts too; no context value
  // may point the functions elsewhere. Locally they point at the fake Cognito.
  {
    env: 'AUTH_ISSUER',
    description: "The issuer of people's access tokens (the Cognito user pool's URL); its JWKS is at <issuer>/.well-known/jwks.json",
    awsFrom: 'peopleIssuer',
    localDefault: '(the local fake Cognito)',
  },
  {
    env: 'AUTH_CLIENT_ID',
    description: "The console's app client id: access tokens for any other client are refused",
    awsFrom: 'consoleClientId',
    localDefault: 'frontdoor-console-local',
  },
];

export const functions: FunctionDefinition[] = [
  {
    name: 'web-contact',
    description: 'Accepts a web-form contact, routes it and records it (POST /api/contacts)',
    entry: 'functions/web-contact/handler.ts',
    memoryMb: 512,
    timeoutSeconds: 10,
    routes: [{ method: 'POST', path: '/api/contacts' }],
    permissions: { table: 'readWrite' },
  },
  {
    name: 'open311',
    description: 'Open311 GeoReport v2 (FixMyStreet and other clients)',
    entry: 'functions/open311/handler.ts',
    memoryMb: 512,
    timeoutSeconds: 10,
    routes: [
      { method: 'GET', path: '/open311/v2/{proxy+}' },
      { method: 'POST', path: '/open311/v2/{proxy+}' },
    ],
    secrets: ['open311-api-keys'],
    permissions: { table: 'readWrite' },
  },
  {
    name: 'get-case',
    description: 'Returns a case by its reference (GET /api/cases/{reference})',
    entry: 'functions/get-case/handler.ts',
    memoryMb: 256,
    timeoutSeconds: 5,
    routes: [{ method: 'GET', path: '/api/cases/{reference}' }],
    permissions: { table: 'read' },
  },
  {
    name: 'console-api',
    description: "The console: route suggestions, contacts taken for residents, failure-demand marks, residents and their timelines, cases, the feed, measures, demand, service levels, who is looking at a case; service teams' worklists and actions",
    entry: 'functions/console-api/handler.ts',
    memoryMb: 512,
    timeoutSeconds: 10,
    routes: [
      { method: 'GET', path: '/api/console/me' },
      { method: 'GET', path: '/api/console/services' },
      { method: 'POST', path: '/api/console/route' },
      { method: 'POST', path: '/api/console/contacts' },
      { method: 'PUT', path: '/api/console/contacts/failure-demand' },
      { method: 'GET', path: '/api/console/residents' },
      { method: 'GET', path: '/api/console/residents/{key}/timeline' },
      { method: 'GET', path: '/api/console/cases/{reference}' },
      { method: 'POST', path: '/api/console/cases/{reference}/actions' },
      { method: 'POST', path: '/api/console/cases/{reference}/team-actions' },
      { method: 'GET', path: '/api/console/worklist' },
      { method: 'POST', path: '/api/console/cases/{reference}/text-confirmation' },
      { method: 'GET', path: '/api/console/feed' },
      { method: 'GET', path: '/api/console/measures' },
      { method: 'GET', path: '/api/console/service-levels' },
      { method: 'PUT', path: '/api/console/cases/{reference}/presence' },
      { method: 'DELETE', path: '/api/console/cases/{reference}/presence' },
      { method: 'GET', path: '/api/console/demand' },
    ],
    // People's access tokens, verified against the user pool's keys: no shared secret.
    settings: ['AUTH_ISSUER', 'AUTH_CLIENT_ID'],
    auth: 'people',
    permissions: { table: 'readWrite' },
  },
  {
    name: 'service-api',
    description: "The service teams' API: worklist, case with history, actions (per-team keys)",
    entry: 'functions/service-api/handler.ts',
    memoryMb: 512,
    timeoutSeconds: 10,
    routes: [
      { method: 'GET', path: '/service/worklist' },
      { method: 'GET', path: '/service/cases/{reference}' },
      { method: 'POST', path: '/service/cases/{reference}/actions' },
    ],
    secrets: ['team-api-keys'],
    permissions: { table: 'readWrite' },
  },
  {
    name: 'sla-monitor',
    description: 'Marks cases at risk and in breach, once each, and escalates them to the team',
    entry: 'functions/sla-monitor/handler.ts',
    memoryMb: 512,
    timeoutSeconds: 50,
    schedule: { everyMinutes: 1 },
    permissions: { table: 'readWrite' },
  },
  {
    name: 'reference-consumer',
    description: "Reference consumer of a team's hand-off queue (Parks and Trees): acknowledges each case through the service API",
    entry: 'functions/reference-consumer/handler.ts',
    memoryMb: 256,
    timeoutSeconds: 30,
    queue: { id: 'handoff-parks-trees', batchSize: 10 },
    // A team's credentials and the API's URL; nothing of the platform's table.
    secrets: ['parks-trees-api-key'],
    settings: ['SERVICE_API_URL'],
    permissions: {},
  },
  {
    name: 'dispatch-handoffs',
    description: 'Transactional outbox: sends new hand-offs to team queues and notifications to the notifications queue, from the table stream',
    entry: 'functions/dispatch-handoffs/handler.ts',
    memoryMb: 256,
    timeoutSeconds: 30,
    // New outbox items, and nothing else written to the table (cases, conversations, delivery
    // records, measures...); not an outbox item's removal when its TTL expires.
    tableStream: { batchSize: 25, filters: [{ events: ['INSERT'], newEntity: [...OUTBOX_ENTITIES] }] },
    permissions: { sendToHandoffQueues: true, sendToQueues: ['notifications'] },
  },
  {
    name: 'update-measures',
    description: 'Keeps the daily measures as records change (table stream)',
    entry: 'functions/update-measures/handler.ts',
    memoryMb: 256,
    timeoutSeconds: 30,
    tableStream: {
      batchSize: 50,
      // What can move a measure (shared/domain/measures.ts): a contact, case or rating as it
      // arrives; a case as it changes (resolved, marked, rerouted) and as it goes (it leaves its
      // team's gauges); a contact as it changes (an adviser marks it as failure demand, changes
      // the kind or clears the mark). Not the counters and examples this function writes to the
      // same table.
      filters: [
        { events: ['INSERT'], newEntity: [...COUNTED_ENTITIES] },
        { events: ['MODIFY'], newEntity: ['case', 'contact'] },
        { events: ['REMOVE'], oldEntity: ['case'] },
      ],
    },
    permissions: { table: 'readWrite' },
  },
  {
    name: 'twilio-voice',
    description: 'Twilio Voice webhooks: the IVR that listens to speech and keypresses',
    entry: 'functions/twilio-voice/handler.ts',
    memoryMb: 512,
    timeoutSeconds: 10,
    routes: [
      { method: 'POST', path: '/twilio/voice' },
      { method: 'POST', path: '/twilio/voice/gather' },
      { method: 'POST', path: '/twilio/voice/confirm' },
      { method: 'POST', path: '/twilio/voice/status' },
      { method: 'POST', path: '/twilio/voice/queue' },
    ],
    secrets: ['twilio-auth-token'],
    settings: ['PUBLIC_BASE_URL', 'ADVISER_TRANSFER_NUMBER'],
    permissions: { table: 'readWrite' },
  },
  {
    name: 'twilio-sms',
    description: 'Twilio Messaging webhook: a short SMS conversation per resident',
    entry: 'functions/twilio-sms/handler.ts',
    memoryMb: 512,
    timeoutSeconds: 10,
    routes: [{ method: 'POST', path: '/twilio/sms' }],
    secrets: ['twilio-auth-token'],
    settings: ['PUBLIC_BASE_URL'],
    permissions: { table: 'readWrite' },
  },
  {
    name: 'send-notifications',
    description: 'Sends messages to residents (SMS through Twilio, email through SES) and escalations to staff (email through SES)',
    entry: 'functions/send-notifications/handler.ts',
    memoryMb: 256,
    timeoutSeconds: 30,
    queue: { id: 'notifications', batchSize: 10 },
    secrets: ['twilio-auth-token'],
    settings: ['TWILIO_ACCOUNT_SID', 'TWILIO_FROM_NUMBER', 'TWILIO_API_BASE_URL', 'EMAIL_FROM'],
    permissions: { table: 'readWrite', sendEmail: true },
  },
];

export const platform: PlatformDefinition = { table, queues, secrets, settings, functions };
