// Starts the real local stack once per test run: DynamoDB Local (in memory), the SQS emulator,
// the gateway and the stream/queue mappings, with the real handlers. Tests talk to it over HTTP
// and with real AWS SDK clients.
import type { TestProject } from 'vitest/node';
import { startLocalStack } from '../../infra/local/stack.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    stack: {
      url: string;
      region: string;
      dynamodbEndpoint: string;
      sqsEndpoint: string;
      tableName: string;
      queues: Array<{ id: string; teamId?: string; url: string; deadLetterUrl: string }>;
    };
  }
}

export default async function setup(project: TestProject) {
  process.env.LOG_LEVEL ??= 'ERROR';
  // Schedules only when a test fires them (runSchedule): a timer's writes would race the tests' counts.
  const stack = await startLocalStack({ port: 0, schedules: false });
  project.provide('stack', {
    url: stack.url,
    region: stack.region,
    dynamodbEndpoint: stack.endpoints.dynamodb,
    sqsEndpoint: stack.endpoints.sqs,
    tableName: stack.tableName,
    queues: stack.queues.map((q) => ({ id: q.definition.id, ...(q.definition.teamId ? { teamId: q.definition.teamId } : {}), url: q.url, deadLetterUrl: q.deadLetterUrl })),
  });
  return () => stack.stop();
}
