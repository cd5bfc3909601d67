// HTTP edge for API Gateway v2 (payload 2.0) handlers: one wrapper, so every route answers errors
// the same way: JSON that says what was wrong and what to do, and nothing written.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import * as z from '#domain/schema';
import { describeIssues, type FieldProblem } from '#domain/schema';
import { logger, withLambdaContext } from './logger.ts';

export type HttpEvent = APIGatewayProxyEventV2;
export type HttpResult = APIGatewayProxyStructuredResultV2;

export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly statusCode: number,
    message: string,
    readonly problems?: FieldProblem[],
    /** More the caller can act on, beside `error` in the answer (e.g. a case's current version). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(body),
  };
}

/** Reads a JSON body: right content type, within the size limit, well-formed, and valid. */
export function parseJsonBody<T>(event: HttpEvent, schema: z.ZodMiniType<T>, maxBytes = DEFAULT_MAX_BODY_BYTES): T {
  const contentType = event.headers['content-type'] ?? '';
  if (!/^application\/json\s*(;|$)/i.test(contentType)) {
    throw new HttpError(415, `send the body as JSON with 'Content-Type: application/json' (got '${contentType || 'none'}')`);
  }
  const raw = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64') : Buffer.from(event.body ?? '', 'utf8');
  if (raw.length > maxBytes) {
    throw new HttpError(413, `the body is ${raw.length} bytes; the most we accept is ${maxBytes}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(raw.toString('utf8'));
  } catch (error) {
    throw new HttpError(400, `the body is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const problems = describeIssues(parsed.error);
    throw new HttpError(400, `the request has ${problems.length} problem(s): see 'problems'`, problems);
  }
  return parsed.data;
}

/** The raw body as text (API Gateway base64-encodes some types), within the size limit. */
export function bodyText(event: HttpEvent, maxBytes = DEFAULT_MAX_BODY_BYTES): string {
  const raw = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64') : Buffer.from(event.body ?? '', 'utf8');
  if (raw.length > maxBytes) throw new HttpError(413, `the body is ${raw.length} bytes; the most we accept is ${maxBytes}`);
  return raw.toString('utf8');
}

/** An application/x-www-form-urlencoded body (Twilio webhooks, Open311 POSTs). */
export function parseFormBody(event: HttpEvent, maxBytes = DEFAULT_MAX_BODY_BYTES): URLSearchParams {
  const contentType = event.headers['content-type'] ?? '';
  if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(contentType)) {
    throw new HttpError(415, `send the body as 'Content-Type: application/x-www-form-urlencoded' (got '${contentType || 'none'}')`);
  }
  return new URLSearchParams(bodyText(event, maxBytes));
}

/**
 * The client's Idempotency-Key, when it sent one: 1 to 200 visible ASCII characters (it becomes
 * part of a DynamoDB key). A retry with the same key gets the first answer back.
 */
export function idempotencyKeyOf(event: HttpEvent): string | undefined {
  const key = event.headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,200}$/.test(key)) {
    throw new HttpError(400, 'Idempotency-Key must be 1 to 200 visible characters (letters, digits, punctuation), e.g. a UUID');
  }
  return key;
}

type Route = (event: HttpEvent, context: Context) => Promise<HttpResult>;

/**
 * Maps errors to JSON answers: HttpError as it says, anything else a 500 that leaks nothing but
 * the request id, which the error's log line carries too (function_request_id), so a caller who
 * quotes it leads to the log line. API Gateway (payload 2.0) sends header names in lower case.
 */
export function httpHandler(route: Route, mapError: (error: unknown) => HttpError | undefined = () => undefined) {
  return withLambdaContext<HttpEvent, HttpResult>(async (event, context) => {
    try {
      return await route(event, context);
    } catch (error) {
      const known = error instanceof HttpError ? error : mapError(error);
      if (known) {
        // extra first: it adds to the answer, never replaces its error or problems.
        return json(known.statusCode, { ...known.extra, error: known.message, ...(known.problems ? { problems: known.problems } : {}) });
      }
      logger.error('unhandled error', { error: error as Error, routeKey: event.routeKey });
      return json(500, { error: 'something went wrong on our side; please try again', requestId: context.awsRequestId });
    }
  });
}
