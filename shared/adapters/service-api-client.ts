// The service API as a team's own program calls it (docs/handoff-queue.md): over HTTP(S) with
// Node's fetch, the team's key as `Authorization: Bearer <key>`. The key never reaches a log or an
// error message.
import type { ActionAnswer, TeamCases } from '#app/handoff-consumer';

/** An answer the caller cannot act on (401: a wrong key; 5xx: the API is failing): try again later. */
export class ServiceApiError extends Error {
  override name = 'ServiceApiError';
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export interface ServiceApiClientOptions {
  /** Where the API is, e.g. https://<api-id>.execute-api.<region>.amazonaws.com (a trailing slash is fine). */
  baseUrl: () => string;
  /** The team's API key (read when needed, so a rotated key is picked up). */
  apiKey: () => Promise<string>;
  /** Gives up on a request after this long (default 5 s), well inside the consumer's own timeout. */
  timeoutMs?: number;
}

export function serviceApiClient(options: ServiceApiClientOptions): TeamCases {
  async function call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: any }> {
    const url = `${options.baseUrl().replace(/\/+$/, '')}${path}`;
    const response = await fetch(url, {
      method,
      headers: {
        authorization: `Bearer ${await options.apiKey()}`,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 5_000),
    });
    const text = await response.text();
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (response.ok || response.status === 404 || response.status === 409) return { status: response.status, json };
    throw new ServiceApiError(response.status, `${method} ${path} answered ${response.status}: ${json?.error ?? response.statusText}`);
  }

  const casePath = (reference: string) => `/service/cases/${encodeURIComponent(reference)}`;

  return {
    async getCase(reference) {
      const { status, json } = await call('GET', casePath(reference));
      if (status === 404) return undefined;
      if (status !== 200 || !json?.case) throw new ServiceApiError(status, `GET ${casePath(reference)} answered ${status} without a case`);
      return { status: String(json.case.status), version: Number(json.case.version) };
    },

    async act(reference, request): Promise<ActionAnswer> {
      const { status } = await call('POST', `${casePath(reference)}/actions`, request);
      return status === 404 ? 'not-found' : status === 409 ? 'conflict' : 'done';
    },
  };
}
