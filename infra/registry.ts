// The one definition of the platform: its table, its queues and its functions with their routes,
// triggers, schedules and permissions. infra/stack.ts (AWS) and infra/local/ (this machine) are
// both generated from it, so a local run exercises the wiring that AWS runs.
import { catalogue } from '#catalogue/index';
import { ENV_NAMES, handoffDeadLetterQueueName, handoffQueueName } from '#domain/env';

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
  /** Send messages to every service team's hand-off queue. */
  sendToHandoffQueues?: boolean;
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
  /** Consumes the table's stream (DynamoDB Streams event-source mapping). */
  tableStream?: { batchSize: number; maxRetryAttempts?: number };
  /** Consumes one team's hand-off queue (SQS event-source mapping, partial batch failures on). */
  handoffQueue?: { teamId: string; batchSize: number };
  /** Runs on a schedule (EventBridge rate). */
  schedule?: { everyMinutes: number };
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
  teamId: string;
  queueName: string;
  deadLetterQueueName: string;
  visibilityTimeoutSeconds: number;
  /** Receives before a message moves to the dead-letter queue. */
  maxReceiveCount: number;
  /** Alarm when the oldest message has waited this long. */
  oldestMessageAlarmSeconds: number;
}

export interface PlatformDefinition {
  table: TableDefinition;
  handoffQueues: QueueDefinition[];
  functions: FunctionDefinition[];
}

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
    // A team's open cases by due time: worklists and the SLA monitor.
    { name: 'byTeamDue', partitionKey: 'teamId', sortKey: 'dueAt' },
  ],
};

export const handoffQueues: QueueDefinition[] = catalogue.teams.map((team) => ({
  teamId: team.id,
  queueName: handoffQueueName(team.id),
  deadLetterQueueName: handoffDeadLetterQueueName(team.id),
  visibilityTimeoutSeconds: 60,
  maxReceiveCount: 5,
  oldestMessageAlarmSeconds: 15 * 60,
}));

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
    name: 'get-case',
    description: 'Returns a case by its reference (GET /api/cases/{reference})',
    entry: 'functions/get-case/handler.ts',
    memoryMb: 256,
    timeoutSeconds: 5,
    routes: [{ method: 'GET', path: '/api/cases/{reference}' }],
    permissions: { table: 'read' },
  },
  {
    name: 'dispatch-handoffs',
    description: 'Transactional outbox: sends new hand-offs from the table stream to team queues',
    entry: 'functions/dispatch-handoffs/handler.ts',
    memoryMb: 256,
    timeoutSeconds: 30,
    tableStream: { batchSize: 25 },
    permissions: { sendToHandoffQueues: true },
  },
];

export const platform: PlatformDefinition = { table, handoffQueues, functions };
