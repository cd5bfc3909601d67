// Starts the local stack once for the browser tests, with the console web app built and served on
// the gateway: `npm start` itself, in a child process (in memory, on free ports). A process of its
// own, because the functions of a local stack read their table and queues from process.env, and
// the integration tests' stack runs in this one. Tests get its URL, and its DynamoDB Local's endpoint
// for recording contacts in the past through the application's own code (support/past.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { freePort } from '../../infra/local/ports.ts';
import { REGION, REPO_ROOT } from '../../infra/local/stack.ts';
import { table } from '../../infra/registry.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    consoleStack: { url: string; dynamodbEndpoint: string; tableName: string; region: string };
  }
}

const START_TIMEOUT_MS = 180_000;

function waitForUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the local stack did not start within ${START_TIMEOUT_MS / 1000} s:\n${output}`)), START_TIMEOUT_MS);
    const read = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
      const url = /frontdoor is running on (http:\/\/\S+)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve(url);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the local stack exited (${code}) before it started:\n${output}`));
    });
  });
}

export default async function setup(project: TestProject) {
  const dynamoDbPort = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/start.ts', '--in-memory', '--empty'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      PORT: '0',
      DYNAMODB_PORT: String(dynamoDbPort),
      SQS_PORT: String(await freePort()),
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'ERROR',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    project.provide('consoleStack', {
      url: await waitForUrl(child),
      // As infra/local/dynamodb.ts serves it, with the registry's table.
      dynamodbEndpoint: `http://127.0.0.1:${dynamoDbPort}`,
      tableName: table.name,
      region: REGION,
    });
  } catch (error) {
    child.kill('SIGTERM');
    throw error;
  }
  return () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      child.kill('SIGTERM');
    });
}
