// Starts the local stack once for the browser tests, with the console web app built and served on
// the gateway (the same app, headers and sign-in as `npm start`). DynamoDB Local keeps nothing.
import type { TestProject } from 'vitest/node';
import { startLocalStack } from '../../infra/local/stack.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    consoleStack: { url: string };
  }
}

export default async function setup(project: TestProject) {
  process.env.LOG_LEVEL ??= 'ERROR';
  const stack = await startLocalStack({ port: 0, console: true });
  project.provide('consoleStack', { url: stack.url });
  return () => stack.stop();
}
