// The Lambda context in every function's log lines: what the logger writes (its own output, captured),
// through the wrapper every handler uses, and a check that every handler does use it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lambdaContext } from '../../infra/local/lambda.ts';

// Read when the logger is made: Lambda sets the first in a container it starts on demand; the
// second is the platform's default level (a test run's global setup quietens it to ERROR).
vi.hoisted(() => {
  process.env.AWS_LAMBDA_INITIALIZATION_TYPE = 'on-demand';
  process.env.LOG_LEVEL = 'INFO';
});
const { logger, withLambdaContext } = await import('#adapters/logger');
const { twilioHandler } = await import('#adapters/twilio-webhook');
const { open311Handler } = await import('#channels/open311/http');

const ROOT = new URL('../..', import.meta.url).pathname;

/** The JSON lines the logger writes (info to stdout, warnings and errors to stderr) while `act` runs. */
async function logLines(act: () => Promise<unknown>): Promise<Array<Record<string, unknown>>> {
  const written: string[] = [];
  const capture = (chunk: unknown) => {
    written.push(String(chunk));
    return true;
  };
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  try {
    await act();
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
  return written.map((line) => JSON.parse(line) as Record<string, unknown>);
}

function httpEvent(rawPath: string, overrides: Partial<APIGatewayProxyEventV2> = {}): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: `POST ${rawPath}`,
    rawPath,
    rawQueryString: '',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    requestContext: {
      accountId: '000000000000',
      apiId: 'test',
      domainName: 'api.example.org',
      domainPrefix: 'api',
      http: { method: 'POST', path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
      requestId: 'gateway-request-1',
      routeKey: `POST ${rawPath}`,
      stage: '$default',
      time: '26/Nov/2026:10:15:00 +0000',
      timeEpoch: 1_795_688_100_000,
    },
    body: 'Body=hello',
    isBase64Encoded: false,
    ...overrides,
  };
}

afterEach(() => vi.restoreAllMocks());

describe('withLambdaContext', () => {
  it("puts the function's name, the request id and whether it is a cold start in each log line of the invocation", async () => {
    // Prepare
    const handler = withLambdaContext(async (event: { reference: string }) => {
      logger.info('case marked at risk', { reference: event.reference });
      return 'done';
    });
    const first = lambdaContext('frontdoor-sla-monitor', { awsRequestId: 'request-1' });
    const second = lambdaContext('frontdoor-sla-monitor', { awsRequestId: 'request-2' });

    // Act
    const lines = await logLines(async () => {
      expect(await handler({ reference: 'K7MD-Q9PX' }, first)).toBe('done');
      await handler({ reference: 'K7MD-Q9PY' }, second);
    });

    // Assess
    expect(lines).toEqual([
      expect.objectContaining({
        message: 'case marked at risk',
        reference: 'K7MD-Q9PX',
        function_name: 'frontdoor-sla-monitor',
        function_request_id: 'request-1',
        function_arn: first.invokedFunctionArn,
        cold_start: true,
      }),
      expect.objectContaining({ function_request_id: 'request-2', cold_start: false }),
    ]);
  });

  it('is what the Twilio webhooks and the Open311 edge go through: their log lines carry the context', async () => {
    // Prepare
    const sms = twilioHandler(async () => '<Response/>', () => '<Response/>');
    const open311 = open311Handler(async () => {
      throw new Error('DynamoDB unavailable');
    });

    // Act
    const lines = await logLines(async () => {
      // No X-Twilio-Signature: refused (and logged) before anything is read.
      expect((await sms(httpEvent('/twilio/sms'), lambdaContext('frontdoor-twilio-sms', { awsRequestId: 'sms-1' }))).statusCode).toBe(403);
      const event = httpEvent('/open311/v2/services.json', { routeKey: 'GET /open311/v2/{proxy+}', pathParameters: { proxy: 'services.json' } });
      event.requestContext.http.method = 'GET';
      expect((await open311(event, lambdaContext('frontdoor-open311', { awsRequestId: 'open311-1' }))).statusCode).toBe(500);
    });

    // Assess
    expect(lines).toEqual([
      expect.objectContaining({ message: 'Twilio webhook refused', function_name: 'frontdoor-twilio-sms', function_request_id: 'sms-1' }),
      expect.objectContaining({ message: 'unhandled error', function_name: 'frontdoor-open311', function_request_id: 'open311-1' }),
    ]);
  });
});

describe('every function', () => {
  it('exports a handler wrapped by withLambdaContext, directly or through its edge (HTTP, Twilio, Open311)', () => {
    const functions = readdirSync(join(ROOT, 'functions'));
    expect(functions.length).toBeGreaterThan(10);
    const unwrapped = functions.filter((name) => {
      const source = readFileSync(join(ROOT, 'functions', name, 'handler.ts'), 'utf8');
      return !/^export const handler = (withLambdaContext|httpHandler|twilioHandler|open311Handler)\(/m.test(source);
    });
    expect(unwrapped).toEqual([]);
  });
});
