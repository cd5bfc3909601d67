// The reference consumer's decisions against an in-memory service API that keeps the API's rules
// (a versioned accept, 409 for a stale version or a status that does not allow it, 404 for
// another team's case); and the HTTP client it uses, against a real HTTP server.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceApiError, serviceApiClient } from '#adapters/service-api-client';
import { CaseKeptChangingError, consumeHandoff, type TeamCases } from '#app/handoff-consumer';
import { handoffMessage } from '../support/fixtures.ts';
import { importGraph } from '../support/import-graph.ts';

const TEAM = 'waste-services';

/** One case as the service API keeps it, and every action that reached it. */
function serviceApi(kase: { teamId: string; status: string; version: number }, options: { movesOnEachRead?: boolean } = {}) {
  const accepts: number[] = [];
  const api: TeamCases = {
    async getCase() {
      if (kase.teamId !== TEAM) return undefined;
      const seen = { status: kase.status, version: kase.version };
      // Another writer (an SLA mark) gets in between every read and accept.
      if (options.movesOnEachRead) kase.version++;
      return seen;
    },
    async act(_reference, request) {
      if (kase.teamId !== TEAM) return 'not-found';
      if (request.version !== kase.version || kase.status !== 'open') return 'conflict';
      accepts.push(request.version);
      kase.status = 'accepted';
      kase.version++;
      return 'done';
    },
  };
  return { api, accepts, kase };
}

const body = (version = 1, overrides: Record<string, unknown> = {}) => JSON.stringify({ ...handoffMessage('K7MD-Q9PX', version), ...overrides });

describe('the reference consumer', () => {
  it("accepts the case at the hand-off's version", async () => {
    const { api, accepts } = serviceApi({ teamId: TEAM, status: 'open', version: 1 });
    expect(await consumeHandoff(body(1), TEAM, api)).toBe('accepted');
    expect(accepts).toEqual([1]);
  });

  it('accepts at the current version when the case moved on while still open (a 409 for a stale version)', async () => {
    const { api, accepts } = serviceApi({ teamId: TEAM, status: 'open', version: 3 });
    expect(await consumeHandoff(body(1), TEAM, api)).toBe('accepted');
    expect(accepts).toEqual([3]);
  });

  it('changes nothing on a redelivery: the case is accepted once', async () => {
    // Prepare
    const { api, accepts, kase } = serviceApi({ teamId: TEAM, status: 'open', version: 1 });

    // Act
    const first = await consumeHandoff(body(1), TEAM, api);
    const again = await consumeHandoff(body(1), TEAM, api);

    // Assess
    expect([first, again]).toEqual(['accepted', 'already-handled']);
    expect(accepts).toEqual([1]);
    expect(kase).toEqual({ teamId: TEAM, status: 'accepted', version: 2 });
  });

  it("treats a case that is no longer the team's (404) as handled", async () => {
    const { api, accepts } = serviceApi({ teamId: 'highways', status: 'open', version: 2 });
    expect(await consumeHandoff(body(1), TEAM, api)).toBe('already-handled');
    expect(accepts).toEqual([]);
  });

  it('reports as poison, and acts on nothing for, a body that is not JSON, not a hand-off, or for another team', async () => {
    const { api, accepts } = serviceApi({ teamId: TEAM, status: 'open', version: 1 });
    for (const poison of ['not json', '{"not": "a hand-off"}', body(1, { caseVersion: 'one' }), body(1, { teamId: 'highways' })]) {
      expect(await consumeHandoff(poison, TEAM, api)).toBe('poison');
    }
    expect(accepts).toEqual([]);
  });

  it('gives the message back when the case changes on every attempt', async () => {
    const { api, accepts } = serviceApi({ teamId: TEAM, status: 'open', version: 1 }, { movesOnEachRead: true });
    await expect(consumeHandoff(body(0), TEAM, api)).rejects.toThrow(CaseKeptChangingError);
    expect(accepts).toEqual([]);
  });
});

describe('the service API client', () => {
  let server: Server;
  let baseUrl: string;
  const requests: Array<{ method?: string; url?: string; authorization?: string; contentType?: string; body: string }> = [];
  /** What the fake API answers next: status and JSON body. */
  let answer: { status: number; body: unknown } = { status: 200, body: {} };

  beforeAll(async () => {
    server = createServer(async (req: IncomingMessage, res) => {
      let text = '';
      for await (const chunk of req) text += chunk;
      requests.push({ method: req.method, url: req.url, authorization: req.headers.authorization, contentType: req.headers['content-type'], body: text });
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const client = () => serviceApiClient({ baseUrl: () => baseUrl, apiKey: async () => 'team-secret-key' });

  it("posts the action as JSON to the case's actions with the team's key", async () => {
    // Prepare
    requests.length = 0;
    answer = { status: 200, body: { case: { status: 'accepted', version: 2 } } };

    // Act
    const result = await client().act('K7MD-Q9PX', { version: 1, action: 'accept' });

    // Assess
    expect(result).toBe('done');
    expect(requests).toEqual([
      {
        method: 'POST',
        url: '/service/cases/K7MD-Q9PX/actions',
        authorization: 'Bearer team-secret-key',
        contentType: 'application/json',
        body: JSON.stringify({ version: 1, action: 'accept' }),
      },
    ]);
  });

  it("reads a case's status and version, and nothing for a 404", async () => {
    answer = { status: 200, body: { case: { reference: 'K7MD-Q9PX', status: 'open', version: 4 }, slaState: 'on-track', events: [] } };
    expect(await client().getCase('K7MD-Q9PX')).toEqual({ status: 'open', version: 4 });
    answer = { status: 404, body: { error: 'your team has no case K7MD-Q9PX' } };
    expect(await client().getCase('K7MD-Q9PX')).toBeUndefined();
  });

  it('tells a stale or refused action (409) from a case that is not the team\'s (404)', async () => {
    answer = { status: 409, body: { error: 'the case has changed' } };
    expect(await client().act('K7MD-Q9PX', { version: 1, action: 'accept' })).toBe('conflict');
    answer = { status: 404, body: { error: 'your team has no case K7MD-Q9PX' } };
    expect(await client().act('K7MD-Q9PX', { version: 1, action: 'accept' })).toBe('not-found');
  });

  it('fails on any other answer with the status and the reason, never the key', async () => {
    for (const status of [401, 500]) {
      answer = { status, body: { error: status === 401 ? 'that team token is not valid' : 'internal error' } };
      const failing = client().act('K7MD-Q9PX', { version: 1, action: 'accept' });
      await expect(failing).rejects.toThrow(ServiceApiError);
      const error = (await failing.catch((e: unknown) => e)) as ServiceApiError;
      expect(error.status).toBe(status);
      expect(error.message).toContain(String(status));
      expect(error.message).not.toContain('team-secret-key');
    }
  });
});

describe('what a team copies', () => {
  it("the reference consumer reaches nothing of the platform's table, queues or catalogue: the schema, the service API, its secret and Powertools", () => {
    // Prepare
    const graph = importGraph(new URL('../..', import.meta.url).pathname, ['shared', 'functions']);
    const reached = new Set(['functions/reference-consumer/handler.ts']);
    for (let grew = true; grew; ) {
      grew = false;
      for (const edge of graph) {
        if (reached.has(edge.from) && !reached.has(edge.to)) {
          reached.add(edge.to);
          grew = true;
        }
      }
    }

    // Assess
    const platformOnly = /^(@aws-sdk\/(client-dynamodb|lib-dynamodb|client-sqs|client-sesv2)|shared\/adapters\/(aws|store|dynamo)\.ts|shared\/catalogue\/)/;
    expect([...reached].filter((module) => platformOnly.test(module))).toEqual([]);
    expect(reached).toContain('shared/adapters/service-api-client.ts');
    expect(reached).toContain('@aws-lambda-powertools/batch');
  });
});
