import type { Context } from 'aws-lambda';
import { type MockInstance, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HttpError, httpHandler, json, parseJsonBody, type HttpEvent } from '#adapters/http';
import { logger } from '#adapters/logger';
import * as z from '#domain/schema';

const ReportSchema = z.strictObject({ description: z.string(), count: z.optional(z.number()) });

function event(overrides: Partial<HttpEvent> = {}): HttpEvent {
  return {
    version: '2.0',
    routeKey: 'POST /api/contacts',
    rawPath: '/api/contacts',
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    requestContext: {
      accountId: '000000000000',
      apiId: 'test',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method: 'POST', path: '/api/contacts', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
      requestId: 'request-1',
      routeKey: 'POST /api/contacts',
      stage: '$default',
      time: '26/Nov/2026:10:15:00 +0000',
      timeEpoch: 1_795_688_100_000,
    },
    body: JSON.stringify({ description: 'Bin not emptied' }),
    isBase64Encoded: false,
    ...overrides,
  };
}

const context: Context = {
  callbackWaitsForEmptyEventLoop: false,
  functionName: 'frontdoor-test',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-2:000000000000:function:frontdoor-test',
  memoryLimitInMB: '128',
  awsRequestId: 'aws-request-7',
  logGroupName: '/aws/lambda/frontdoor-test',
  logStreamName: 'test',
  getRemainingTimeInMillis: () => 5_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
};

function httpErrorFrom(read: () => unknown): HttpError {
  try {
    read();
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw error;
  }
  throw new Error('expected an HttpError');
}

describe('parseJsonBody', () => {
  it('returns the parsed, valid body', () => {
    // Act
    const body = parseJsonBody(event({ body: '{"description":"Bin not emptied","count":2}' }), ReportSchema);

    // Assess
    expect(body).toEqual({ description: 'Bin not emptied', count: 2 });
  });

  it('accepts a charset parameter and any case in the media type', () => {
    // Act
    const withCharset = parseJsonBody(event({ headers: { 'content-type': 'application/json; charset=utf-8' } }), ReportSchema);
    const upperCase = parseJsonBody(event({ headers: { 'content-type': 'Application/JSON;charset=UTF-8' } }), ReportSchema);

    // Assess
    expect(withCharset).toEqual({ description: 'Bin not emptied' });
    expect(upperCase).toEqual({ description: 'Bin not emptied' });
  });

  it('refuses a missing content type with 415 and says what to send', () => {
    // Act
    const error = httpErrorFrom(() => parseJsonBody(event({ headers: {} }), ReportSchema));

    // Assess
    expect(error.statusCode).toBe(415);
    expect(error.message).toBe("send the body as JSON with 'Content-Type: application/json' (got 'none')");
  });

  it('refuses other content types with 415, naming the one it got', () => {
    // Act
    const form = httpErrorFrom(() => parseJsonBody(event({ headers: { 'content-type': 'application/x-www-form-urlencoded' } }), ReportSchema));
    const lookalike = httpErrorFrom(() => parseJsonBody(event({ headers: { 'content-type': 'application/jsonp' } }), ReportSchema));
    const text = httpErrorFrom(() => parseJsonBody(event({ headers: { 'content-type': 'text/plain' } }), ReportSchema));

    // Assess
    expect(form.statusCode).toBe(415);
    expect(form.message).toContain("(got 'application/x-www-form-urlencoded')");
    expect(lookalike.statusCode).toBe(415);
    expect(text.statusCode).toBe(415);
  });

  it('decodes a base64-encoded body', () => {
    // Prepare
    const body = Buffer.from(JSON.stringify({ description: 'Fly-tipping on Mill Lane' }), 'utf8').toString('base64');

    // Act
    const parsed = parseJsonBody(event({ body, isBase64Encoded: true }), ReportSchema);

    // Assess
    expect(parsed).toEqual({ description: 'Fly-tipping on Mill Lane' });
  });

  it('measures the limit in bytes: at the limit is accepted, one byte over is 413', () => {
    // Prepare: 'é' is two bytes in UTF-8, so this body has more bytes than characters
    const body = JSON.stringify({ description: 'ééééééééé' });
    const bytes = Buffer.byteLength(body, 'utf8');

    // Act
    const atLimit = parseJsonBody(event({ body }), ReportSchema, bytes);
    const overLimit = httpErrorFrom(() => parseJsonBody(event({ body }), ReportSchema, bytes - 1));

    // Assess
    expect(bytes).toBeGreaterThan(body.length);
    expect(atLimit).toEqual({ description: 'ééééééééé' });
    expect(overLimit.statusCode).toBe(413);
    expect(overLimit.message).toBe(`the body is ${bytes} bytes; the most we accept is ${bytes - 1}`);
  });

  it('applies the limit to the decoded size of a base64 body', () => {
    // Prepare
    const json = JSON.stringify({ description: 'Bin not emptied' });
    const body = Buffer.from(json, 'utf8').toString('base64');

    // Act
    const parsed = parseJsonBody(event({ body, isBase64Encoded: true }), ReportSchema, json.length);

    // Assess
    expect(body.length).toBeGreaterThan(json.length);
    expect(parsed).toEqual({ description: 'Bin not emptied' });
  });

  it('refuses malformed JSON, and a missing body, with 400', () => {
    // Act
    const malformed = httpErrorFrom(() => parseJsonBody(event({ body: '{"description": "Bin' }), ReportSchema));
    const missing = httpErrorFrom(() => parseJsonBody(event({ body: undefined }), ReportSchema));

    // Assess
    expect(malformed.statusCode).toBe(400);
    expect(malformed.message).toMatch(/^the body is not valid JSON: /);
    expect(malformed.problems).toBeUndefined();
    expect(missing.statusCode).toBe(400);
    expect(missing.message).toMatch(/^the body is not valid JSON: /);
  });

  it('refuses a body that fails the schema with 400 and one problem per field', () => {
    // Act
    const error = httpErrorFrom(() => parseJsonBody(event({ body: '{"count":"two","colour":"red"}' }), ReportSchema));

    // Assess
    expect(error.statusCode).toBe(400);
    expect(error.message).toBe("the request has 3 problem(s): see 'problems'");
    expect(error.problems).toEqual(
      expect.arrayContaining([
        { field: 'description', message: 'is required' },
        { field: 'count', message: 'Invalid input: expected number, received string' },
        { field: 'colour', message: "'colour' is not a field we accept" },
      ]),
    );
    expect(error.problems).toHaveLength(3);
  });
});

describe('httpHandler', () => {
  let logged: MockInstance<typeof logger.error>;

  beforeEach(() => {
    logged = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
  });

  afterEach(() => {
    logged.mockRestore();
  });

  it("returns the route's answer when it succeeds", async () => {
    // Prepare
    const handler = httpHandler(async () => json(201, { reference: 'K7MD-Q9PX' }));

    // Act
    const result = await handler(event(), context);

    // Assess
    expect(result).toEqual({
      statusCode: 201,
      headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
      body: '{"reference":"K7MD-Q9PX"}',
    });
  });

  it('answers an HttpError with its status and {error, problems}', async () => {
    // Prepare
    const handler = httpHandler(async (e) => json(200, parseJsonBody(e, ReportSchema)));

    // Act
    const result = await handler(event({ body: '{"colour":"red"}' }), context);

    // Assess
    expect(result.statusCode).toBe(400);
    expect(result.headers?.['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(result.body!)).toEqual({
      error: "the request has 2 problem(s): see 'problems'",
      problems: [
        { field: 'description', message: 'is required' },
        { field: 'colour', message: "'colour' is not a field we accept" },
      ],
    });
    expect(logged).not.toHaveBeenCalled();
  });

  it('leaves problems out of the answer when the HttpError has none', async () => {
    // Prepare
    const handler = httpHandler(async () => {
      throw new HttpError(404, "there is no case 'K7MD-Q9PX'");
    });

    // Act
    const result = await handler(event(), context);

    // Assess
    expect(result.statusCode).toBe(404);
    expect(JSON.parse(result.body!)).toEqual({ error: "there is no case 'K7MD-Q9PX'" });
  });

  it("adds an HttpError's extra beside error and problems, never in their place", async () => {
    // Prepare
    const problems = [{ field: 'version', message: 'is required' }];
    const handler = httpHandler(async () => {
      throw new HttpError(409, 'the case has changed', problems, { currentVersion: 3, error: 'replaced', problems: [] });
    });

    // Act
    const result = await handler(event(), context);

    // Assess
    expect(result.statusCode).toBe(409);
    expect(JSON.parse(result.body!)).toEqual({ error: 'the case has changed', problems, currentVersion: 3 });
  });

  it('answers any other error with a 500 that gives away nothing but the request id, and logs it', async () => {
    // Prepare
    const failure = new Error('ConditionalCheckFailed on table frontdoor for jo.bloggs@example.com');
    const handler = httpHandler(async () => {
      throw failure;
    });

    // Act
    const result = await handler(event(), context);

    // Assess
    expect(result.statusCode).toBe(500);
    expect(JSON.parse(result.body!)).toEqual({
      error: 'something went wrong on our side; please try again',
      requestId: 'aws-request-7',
    });
    for (const detail of ['ConditionalCheckFailed', 'frontdoor', 'jo.bloggs', 'stack', 'Error']) {
      expect(result.body).not.toContain(detail);
    }
    expect(logged).toHaveBeenCalledWith('unhandled error', { error: failure, routeKey: 'POST /api/contacts' });
  });

  it("writes the 500's request id in its error log line, with the function's Lambda context", async () => {
    // Prepare: the logger's own output, not a stand-in for it (at the platform's default level)
    logged.mockRestore();
    logger.setLogLevel('INFO');
    const written: string[] = [];
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    const handler = httpHandler(async () => {
      throw new Error('ProvisionedThroughputExceededException');
    });

    // Act
    const result = await handler(event(), context);
    stderr.mockRestore();

    // Assess
    const { requestId } = JSON.parse(result.body!) as { requestId: string };
    const lines = written.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        message: 'unhandled error',
        routeKey: 'POST /api/contacts',
        function_request_id: requestId,
        function_name: 'frontdoor-test',
      }),
    ]);
    expect(requestId).toBe('aws-request-7');
  });

  it('answers errors that mapError recognises as the HttpError it maps them to', async () => {
    // Prepare
    class UnknownThingError extends Error {}
    const mapError = vi.fn((error: unknown) =>
      error instanceof UnknownThingError ? new HttpError(422, `service '${error.message}' is not one we offer`) : undefined,
    );
    const handler = httpHandler(async () => {
      throw new UnknownThingError('moon-landing');
    }, mapError);

    // Act
    const result = await handler(event(), context);

    // Assess
    expect(result.statusCode).toBe(422);
    expect(JSON.parse(result.body!)).toEqual({ error: "service 'moon-landing' is not one we offer" });
    expect(mapError).toHaveBeenCalledOnce();
    expect(logged).not.toHaveBeenCalled();
  });

  it('still answers 500 for errors that mapError does not recognise', async () => {
    // Prepare
    const mapError = vi.fn(() => undefined);
    const handler = httpHandler(async () => {
      throw new TypeError('x is undefined');
    }, mapError);

    // Act
    const result = await handler(event(), context);

    // Assess
    expect(result.statusCode).toBe(500);
    expect(result.body).not.toContain('x is undefined');
    expect(mapError).toHaveBeenCalledOnce();
    expect(logged).toHaveBeenCalledOnce();
  });
});
