// People's sign-in: verifies the access tokens the console sends (Authorization: Bearer ...), the
// same code on AWS (a Cognito user pool) and locally (the fake Cognito in infra/local/). Checks the
// RS256 signature against the issuer's JWKS, the issuer, the expiry, that it is an access token
// (never an id token) and that it was issued to the console's app client; returns who and which groups.
import { JwtRsaVerifier } from 'aws-jwt-verify';
import { FetchError, JwtBaseError } from 'aws-jwt-verify/error';
import type { Fetcher } from 'aws-jwt-verify/https';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { HttpError } from './http.ts';

export interface Person {
  username: string;
  groups: string[];
}

export interface PeopleAuthConfig {
  /** The user pool's issuer URL; its keys are at <issuer>/.well-known/jwks.json, as Cognito publishes them. */
  issuer: string;
  /** The console's app client: tokens for any other client are refused. */
  clientId: string;
}

/** The issuer and client from AUTH_ISSUER and AUTH_CLIENT_ID (infra/registry.ts `settings`). */
export function peopleAuthConfigFromEnv(env: NodeJS.ProcessEnv = process.env): PeopleAuthConfig {
  const issuer = env.AUTH_ISSUER ?? '';
  const clientId = env.AUTH_CLIENT_ID ?? '';
  if (!issuer || !clientId) throw new Error('AUTH_ISSUER and AUTH_CLIENT_ID must both be set to verify sign-in');
  return { issuer, clientId };
}

/**
 * aws-jwt-verify's own fetcher on Node speaks HTTPS only; the fake Cognito is plain HTTP on this
 * machine. The platform's fetch does both (Cognito itself is HTTPS).
 */
const fetcher: Fetcher = {
  async fetch(uri) {
    const response = await fetch(uri, { signal: AbortSignal.timeout(3000) });
    if (!response.ok) throw new FetchError(uri, `status ${response.status}, expected 200`);
    return response.arrayBuffer();
  },
};

class NotAnAccessToken extends Error {
  override name = 'NotAnAccessToken';
}

const stringArray = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

export function createPeopleVerifier(config: PeopleAuthConfig) {
  const verifier = JwtRsaVerifier.create(
    {
      issuer: config.issuer,
      jwksUri: `${config.issuer}/.well-known/jwks.json`,
      // Cognito access tokens carry no `aud`: the client is in `client_id`, checked below.
      audience: null,
      customJwtCheck: ({ payload }) => {
        if (payload.token_use !== 'access') throw new NotAnAccessToken('this is not an access token; send the access token');
        if (payload.client_id !== config.clientId) throw new NotAnAccessToken('this token was issued to another client');
        if (typeof payload.username !== 'string' || !payload.username) throw new NotAnAccessToken('this token names nobody');
      },
    },
    { jwksCache: new SimpleJwksCache({ fetcher }) },
  );

  /** The person an access token names, or a 401 HttpError. */
  async function verify(token: string): Promise<Person> {
    try {
      const payload = await verifier.verify(token);
      return { username: payload.username as string, groups: stringArray(payload['cognito:groups']) };
    } catch (error) {
      // The issuer's keys not reachable is our fault, not the caller's: let it be a 5xx.
      if (error instanceof FetchError) throw error;
      if (error instanceof JwtBaseError || error instanceof NotAnAccessToken) {
        throw new HttpError(401, `sign in again: ${error.message}`);
      }
      throw error;
    }
  }

  /** Reads `Authorization: Bearer <access token>`; 401 when it is missing or not valid. */
  async function verifyAuthorization(header: string | undefined): Promise<Person> {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
    if (!token) throw new HttpError(401, 'sign in: send your access token as Authorization: Bearer <token>');
    return verify(token);
  }

  return { verify, verifyAuthorization };
}

let fromEnv: { key: string; verifier: ReturnType<typeof createPeopleVerifier> } | undefined;

/**
 * The verifier for AUTH_ISSUER and AUTH_CLIENT_ID, made once per container (its JWKS cache with
 * it) on first use, when the settings are known; made again only if they change (a second local
 * stack in one test process).
 */
export function peopleVerifierFromEnv(env: NodeJS.ProcessEnv = process.env): ReturnType<typeof createPeopleVerifier> {
  const config = peopleAuthConfigFromEnv(env);
  const key = `${config.issuer} ${config.clientId}`;
  if (fromEnv?.key !== key) fromEnv = { key, verifier: createPeopleVerifier(config) };
  return fromEnv.verifier;
}

/** The person when they are in one of `groups`; otherwise a 403 HttpError naming the groups needed. */
export function requireGroup(person: Person, groups: readonly string[]): Person {
  if (person.groups.some((group) => groups.includes(group))) return person;
  throw new HttpError(403, `${person.username} may not do this: it needs one of the groups ${groups.join(', ')}`);
}
