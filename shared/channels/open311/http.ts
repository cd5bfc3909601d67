// The Open311 edge: the response format from the path's extension, every answer (errors too) in
// that format, Open311's error document ([{code, description}] / <errors>), and a 500 that says
// nothing about what failed (the log has it).
import {
  CONTENT_TYPES,
  endpointOf,
  errorsOf,
  formatOf,
  Open311Error,
  renderOpen311,
  type Open311Endpoint,
  type Open311Format,
  type Open311Root,
} from './georeport.ts';
import { UnknownServiceError } from '#domain/routing';
import { HttpError, type HttpEvent, type HttpResult } from '#adapters/http';
import { logger, withLambdaContext } from '#adapters/logger';

export interface Open311Call {
  event: HttpEvent;
  format: Open311Format;
  endpoint: Open311Endpoint;
}

export interface Open311Reply {
  root: Open311Root;
  body: unknown;
  statusCode?: number;
}

function reply(statusCode: number, format: Open311Format, root: Open311Root, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode,
    headers: {
      'content-type': CONTENT_TYPES[format],
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      ...headers,
    },
    body: renderOpen311(format, root, body),
  };
}

function asOpen311Error(error: unknown): Open311Error | undefined {
  if (error instanceof Open311Error) return error;
  // The body checks of http.ts: 415 wrong content type, 413 too large.
  if (error instanceof HttpError) return new Open311Error(error.statusCode, error.message);
  if (error instanceof UnknownServiceError) {
    return new Open311Error(404, `service_code '${error.serviceId}' is not a service we offer; see GET services.json`);
  }
  return undefined;
}

/** Where the API is served, as the client reached it (API Gateway sets X-Forwarded-Proto). */
export function open311BaseUrl(event: HttpEvent): string {
  const protocol = event.headers['x-forwarded-proto'] ?? 'http';
  const host = event.headers.host ?? event.requestContext.domainName;
  return `${protocol}://${host}/open311/v2/`;
}

export function open311Handler(route: (call: Open311Call) => Promise<Open311Reply>) {
  return withLambdaContext<HttpEvent, HttpResult>(async (event, context) => {
    const path = event.pathParameters?.proxy ?? '';
    let format: Open311Format = 'json';
    try {
      format = formatOf(path);
      const endpoint = endpointOf(event.requestContext.http.method, path);
      const answer = await route({ event, format, endpoint });
      return reply(answer.statusCode ?? 200, format, answer.root, answer.body);
    } catch (error) {
      const known = asOpen311Error(error);
      if (known) return reply(known.statusCode, format, 'errors', errorsOf(known.statusCode, known.message), known.headers);
      logger.error('unhandled error', { error: error as Error, routeKey: event.routeKey, path });
      return reply(500, format, 'errors', errorsOf(500, `something went wrong on our side; please try again (request ${context.awsRequestId})`));
    }
  });
}
