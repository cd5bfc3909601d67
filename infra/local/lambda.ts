// Plays the Lambda runtime for one function: loads its module once (a warm container) and
// invokes `handler` with a Lambda-like context and the function's timeout.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import type { FunctionDefinition } from '../registry.ts';

export class LambdaTimeoutError extends Error {
  override name = 'LambdaTimeoutError';
}

export interface LocalFunction {
  definition: FunctionDefinition;
  invoke(event: unknown): Promise<unknown>;
}

type Handler = (event: unknown, context: Context) => Promise<unknown>;

/** A Lambda invocation's context, as the runtime passes it (tests that call a handler use it too). */
export function lambdaContext(functionName: string, overrides: Partial<Context> = {}): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-2:000000000000:function:${functionName}`,
    memoryLimitInMB: '256',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
    ...overrides,
  };
}

export async function loadFunction(definition: FunctionDefinition, root: string): Promise<LocalFunction> {
  const module = (await import(pathToFileURL(join(root, definition.entry)).href)) as { handler?: Handler };
  const handler = module.handler;
  if (typeof handler !== 'function') throw new Error(`${definition.entry} does not export a handler function`);
  const functionName = `frontdoor-${definition.name}`;
  return {
    definition,
    async invoke(event) {
      const deadline = Date.now() + definition.timeoutSeconds * 1000;
      const context = lambdaContext(functionName, {
        memoryLimitInMB: String(definition.memoryMb),
        getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      });
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new LambdaTimeoutError(`${functionName} timed out after ${definition.timeoutSeconds} s`)),
          definition.timeoutSeconds * 1000,
        );
      });
      try {
        return await Promise.race([handler(event, context), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
