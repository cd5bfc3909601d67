import { describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { compileRoutes, startGateway } from '#infra/local/gateway';
import type { LocalFunction } from '#infra/local/lambda';
import type { Route } from '#infra/registry';

function stub(name: string, routes?: Route[]): LocalFunction {
  return {
    definition: {
      name,
      description: `${name} (test stub)`,
      entry: `functions/${name}/handler.ts`,
      memoryMb: 128,
      timeoutSeconds: 3,
      ...(routes ? { routes } : {}),
      permissions: {},
    },
    invoke: async () => ({}),
  };
}

function onlyRoute(path: string) {
  const [route] = compileRoutes([stub('only', [{ method: 'GET', path }])]);
  if (!route) throw new Error('expected one compiled route');
  return route;
}

describe('compileRoutes', () => {
  it('compiles every route of every function, with its route key, and skips functions without routes', () => {
    // Prepare
    const web = stub('web-contact', [
      { method: 'POST', path: '/api/contacts' },
      { method: 'GET', path: '/api/contacts' },
    ]);
    const getCase = stub('get-case', [{ method: 'GET', path: '/api/cases/{reference}' }]);
    const dispatcher = stub('dispatch-handoffs');

    // Act
    const routes = compileRoutes([web, dispatcher, getCase]);

    // Assess
    expect(routes.map((r) => r.routeKey)).toEqual(['POST /api/contacts', 'GET /api/contacts', 'GET /api/cases/{reference}']);
    expect(routes.map((r) => r.method)).toEqual(['POST', 'GET', 'GET']);
    expect(routes.map((r) => r.fn)).toEqual([web, web, getCase]);
  });

  it('matches a static path exactly, not a prefix or an extension of it', () => {
    // Act
    const route = onlyRoute('/api/contacts');

    // Assess
    expect(route.params).toEqual([]);
    expect(route.pattern.test('/api/contacts')).toBe(true);
    expect(route.pattern.test('/api/contacts/')).toBe(false);
    expect(route.pattern.test('/api/contacts/extra')).toBe(false);
    expect(route.pattern.test('/v2/api/contacts')).toBe(false);
  });

  it('matches a {name} parameter to exactly one non-empty segment', () => {
    // Act
    const route = onlyRoute('/api/cases/{reference}');

    // Assess
    expect(route.params).toEqual(['reference']);
    expect(route.pattern.exec('/api/cases/K7MD-Q9PX')?.[1]).toBe('K7MD-Q9PX');
    expect(route.pattern.exec('/api/cases/K7MD%20Q9PX')?.[1]).toBe('K7MD%20Q9PX');
    expect(route.pattern.test('/api/cases/')).toBe(false);
    expect(route.pattern.test('/api/cases/K7MD/Q9PX')).toBe(false);
  });

  it('captures several parameters in order', () => {
    // Act
    const route = onlyRoute('/api/cases/{reference}/notes/{noteId}');

    // Assess
    expect(route.params).toEqual(['reference', 'noteId']);
    expect([...(route.pattern.exec('/api/cases/K7MD-Q9PX/notes/42') ?? [])].slice(1)).toEqual(['K7MD-Q9PX', '42']);
    expect(route.pattern.test('/api/cases/K7MD-Q9PX/notes')).toBe(false);
  });

  it('lets a {name+} parameter take the rest of the path, slashes included', () => {
    // Act
    const route = onlyRoute('/static/{proxy+}');

    // Assess
    expect(route.params).toEqual(['proxy']);
    expect(route.pattern.exec('/static/css/site/main.css')?.[1]).toBe('css/site/main.css');
    expect(route.pattern.exec('/static/a')?.[1]).toBe('a');
    expect(route.pattern.test('/static/')).toBe(false);
    expect(route.pattern.test('/static')).toBe(false);
  });

  it('treats regular-expression characters in a path as literal characters', () => {
    // Act
    const json = onlyRoute('/open311/v2/services.json');
    const symbols = onlyRoute('/odd/a+b*c?d^e$f(g)h|i[j]k\\l');

    // Assess
    expect(json.pattern.test('/open311/v2/services.json')).toBe(true);
    expect(json.pattern.test('/open311/v2/servicesXjson')).toBe(false);
    expect(symbols.pattern.test('/odd/a+b*c?d^e$f(g)h|i[j]k\\l')).toBe(true);
    expect(symbols.pattern.test('/odd/aab')).toBe(false);
    expect(symbols.pattern.test('/odd/abbbc')).toBe(false);
    expect(symbols.params).toEqual([]);
  });

  it('keeps literal characters around a parameter literal too', () => {
    // Act
    const route = onlyRoute('/open311/v2/requests/{id}.json');

    // Assess
    expect(route.params).toEqual(['id']);
    expect(route.pattern.exec('/open311/v2/requests/123.json')?.[1]).toBe('123');
    expect(route.pattern.test('/open311/v2/requests/123xjson')).toBe(false);
  });
});

describe('the events the gateway builds', () => {
  it('name headers in lower case however the client wrote them, as API Gateway does for payload 2.0', async () => {
    // Prepare: a function that answers with the headers it was given
    const echo: LocalFunction = {
      ...stub('echo', [{ method: 'POST', path: '/api/contacts' }]),
      invoke: async (event) => ({ statusCode: 200, body: JSON.stringify((event as { headers: Record<string, string> }).headers) }),
    };
    const server = await startGateway([echo], { port: 0, onError: () => undefined });
    const { port } = server.address() as { port: number };

    // Act: node:http sends header names exactly as written
    const headers = await new Promise<Record<string, string>>((resolve, reject) => {
      const req = request({ port, method: 'POST', path: '/api/contacts', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'k-1' } }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        res.on('end', () => resolve(JSON.parse(body) as Record<string, string>));
      });
      req.on('error', reject);
      req.end('{}');
    });
    server.close();

    // Assess
    expect(headers).toMatchObject({ 'content-type': 'application/json', 'idempotency-key': 'k-1' });
    expect(Object.keys(headers).filter((name) => name !== name.toLowerCase())).toEqual([]);
  });
});
