// Every call to the console API goes through here: the person's access token on each request, a
// missing or expired session sent to sign in (and back to this page), and every failure turned
// into words for the adviser (never a raw body or a stack trace).
import { goToSignIn, readSession } from './session.ts';
import { describeFailure } from './words.ts';

export { describeFailure };

export interface FieldProblem {
  field: string;
  message: string;
}

/** The API refused or failed; `message` is in words for the person using the console. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    message: string,
    readonly problems: FieldProblem[] = [],
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** 403: this person may not use this part of the console. */
export class ForbiddenError extends ApiError {
  override name = 'ForbiddenError';
}

/** 409 on a case: someone else changed it since it was read. */
export class StaleVersionError extends ApiError {
  override name = 'StaleVersionError';
}

/** The session is gone; the page is on its way to sign in. */
export class SignInNeededError extends Error {
  override name = 'SignInNeededError';
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A session this new that is refused is not an expired one. */
const FRESH_SIGN_IN_MS = 60_000;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT';
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** Calls the console API as the signed-in person. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const session = readSession();
  if (!session) {
    void goToSignIn();
    throw new SignInNeededError('sign in to carry on');
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers: {
        accept: 'application/json',
        authorization: `Bearer ${session.accessToken}`,
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...options.headers,
      },
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'The console could not reach the council’s systems. Check the connection and try again.');
  }
  if (response.status === 401) {
    // Refused straight after signing in: going round again would not help (and could loop).
    if (Date.now() - session.signedInAt < FRESH_SIGN_IN_MS) {
      throw new ApiError(401, 'The council’s systems did not accept your sign-in. Sign out and sign in again; if it keeps happening, tell the service desk.');
    }
    void goToSignIn();
    throw new SignInNeededError('sign in to carry on');
  }
  const body = await readJson(response);
  if (response.ok) return body as T;
  const record = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const problems = Array.isArray(record.problems)
    ? (record.problems as unknown[]).flatMap((p) =>
        typeof p === 'object' && p !== null && typeof (p as FieldProblem).message === 'string'
          ? [{ field: String((p as FieldProblem).field ?? ''), message: (p as FieldProblem).message }]
          : [],
      )
    : [];
  const message = describeFailure(response.status, body);
  if (response.status === 403) throw new ForbiddenError(403, message, problems, record);
  if (response.status === 409) throw new StaleVersionError(409, message, problems, record);
  throw new ApiError(response.status, message, problems, record);
}

/** A failure of any kind, in words. */
export function errorInWords(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof SignInNeededError) return 'Your session has ended. Taking you to sign in…';
  return 'Something went wrong in the console. Reload the page and try again.';
}

/** TanStack Query's retry rule: retry only what may succeed a second time. */
export function retryTransient(failureCount: number, error: unknown): boolean {
  if (error instanceof SignInNeededError) return false;
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}
