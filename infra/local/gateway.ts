// The local HTTP API: matches the registry's routes and hands API Gateway v2 (payload 2.0)
// events to the same handlers that run on AWS, then writes their answers back.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { CORS_ALLOW_HEADERS } from '../registry.ts';
import type { LocalFunction } from './lambda.ts';
import { sendJson } from './http-io.ts';

/** API Gateway HTTP APIs refuse bodies over 10 MB; so does this. */
const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;
const TEXT_TYPES = /^(text\/|application\/(json|xml|x-www-form-urlencoded|[\w.+-]+\+(json|xml)))/i;

interface CompiledRoute {
  routeKey: string;
  method: string;
  pattern: RegExp;
  params: string[];
  fn: LocalFunction;
}

export function compileRoutes(functions: LocalFunction[]): CompiledRoute[] {
  return functions.flatMap((fn) =>
    (fn.definition.routes ?? []).map((route) => {
      const params: string[] = [];
      const source = route.path.replace(/\{(\w+)(\+?)\}|[.*+?^$()|[\]\\]/g, (match, name: string, greedy: string) => {
        if (!name) return `\\${match}`;
        params.push(name);
        return greedy ? '(.+)' : '([^/]+)';
      });
      return { routeKey: `${route.method} ${route.path}`, method: route.method, pattern: new RegExp(`^${source}$`), params, fn };
    }),
  );
}

function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_PAYLOAD_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_PAYLOAD_BYTES ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function toEvent(req: IncomingMessage, url: URL, route: CompiledRoute, match: RegExpExecArray, body: Buffer): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && name !== 'cookie') headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = name in query ? `${query[name]},${value}` : value;
  const isText = TEXT_TYPES.test(headers['content-type'] ?? 'text/plain');
  const now = new Date();
  return {
    version: '2.0',
    routeKey: route.routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(req.headers.cookie ? { cookies: req.headers.cookie.split(/;\s*/) } : {}),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(route.params.length
      ? { pathParameters: Object.fromEntries(route.params.map((name, i) => [name, decodeURIComponent(match[i + 1]!)])) }
      : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: req.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: route.routeKey,
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length ? { body: isText ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: body.length > 0 && !isText,
  };
}

function writeResult(res: ServerResponse, result: unknown): void {
  // API Gateway's rules for payload 2.0: a result without statusCode is a 200 JSON body.
  if (typeof result !== 'object' || result === null || !('statusCode' in result)) {
    return sendJson(res, 200, result ?? null);
  }
  const structured = result as APIGatewayProxyStructuredResultV2;
  const headers: Record<string, string | string[]> = { ...(structured.headers as Record<string, string>) };
  if (structured.cookies?.length) headers['set-cookie'] = structured.cookies;
  const body = structured.body ?? '';
  res.writeHead(structured.statusCode ?? 200, headers).end(structured.isBase64Encoded ? Buffer.from(body, 'base64') : body);
}

export function startGateway(
  functions: LocalFunction[],
  options: {
    port: number;
    host?: string;
    onError: (error: unknown, routeKey: string) => void;
    /** Local-only endpoints (the fake Twilio); returns true when it answered. */
    local?: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;
    /** Origins allowed to call from a browser, as the HTTP API's CORS configuration allows them. */
    allowedOrigins?: () => string[];
  },
): Promise<Server> {
  const routes = compileRoutes(functions);
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (options.local && (await options.local(req, res, url))) return;
      const candidates = routes.filter((r) => r.pattern.test(url.pathname));
      // CORS as API Gateway does it: preflights answered by the gateway, the origin echoed when allowed.
      const origin = req.headers.origin;
      const allowed = options.allowedOrigins?.() ?? [];
      const corsOrigin = origin && (allowed.includes('*') ? '*' : allowed.includes(origin) ? origin : undefined);
      if (corsOrigin) res.setHeader('access-control-allow-origin', corsOrigin);
      if (req.method === 'OPTIONS' && req.headers['access-control-request-method'] && candidates.length) {
        if (corsOrigin) {
          res.setHeader('access-control-allow-methods', [...new Set(candidates.map((r) => r.method)), 'OPTIONS'].join(','));
          res.setHeader('access-control-allow-headers', CORS_ALLOW_HEADERS.join(','));
          res.setHeader('access-control-max-age', '3600');
        }
        return res.writeHead(204).end();
      }
      const route = candidates.find((r) => r.method === req.method);
      if (!route) {
        const allowed = candidates.map((r) => r.method);
        // API Gateway answers an unmatched method with 404 too; say which methods would match.
        if (allowed.length) {
          return sendJson(res, 404, { error: `there is no ${req.method} ${url.pathname}; use ${allowed.join(' or ')}` });
        }
        return sendJson(res, 404, { error: `there is nothing at ${req.method} ${url.pathname}; see the README for the routes` });
      }
      const body = await readBody(req);
      if (body === 'too-large') return sendJson(res, 413, { error: `the body is over ${MAX_PAYLOAD_BYTES} bytes` });
      try {
        writeResult(res, await route.fn.invoke(toEvent(req, url, route, route.pattern.exec(url.pathname)!, body)));
      } catch (error) {
        options.onError(error, route.routeKey);
        sendJson(res, 502, { error: 'the function failed; see the local stack log' });
      }
    })();
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve(server));
  });
}
