// A fake of the Amazon Cognito hosted sign-in, for the local stack only (nothing shipped imports it):
// OpenID discovery, the JWKS of an RSA key made at start, an authorize page where you pick a seeded
// person, a token endpoint for the authorization code flow with PKCE (S256), and /logout. Its tokens
// are shaped like Cognito's, so shared/adapters/people-auth.ts verifies them with the same code as on AWS.
// Served under /_local/cognito; the issuer is <gateway URL>/_local/cognito.
import { createHash, generateKeyPairSync, randomBytes, randomUUID, sign, type KeyObject } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readForm, sendJson } from './http-io.ts';

export const FAKE_COGNITO_PREFIX = '/_local/cognito';
/** The app client the local stack registers (AUTH_CLIENT_ID's local default). */
export const LOCAL_CLIENT_ID = 'frontdoor-console-local';
/** Cognito's default lifetimes: access and id tokens 1 hour, authorization codes 5 minutes. */
export const TOKEN_LIFETIME_SECONDS = 3600;
const CODE_LIFETIME_MS = 5 * 60 * 1000;
const REQUEST_LIFETIME_MS = 30 * 60 * 1000;

export interface SeededPerson {
  username: string;
  sub: string;
  name: string;
  email: string;
  groups: string[];
  /** What the authorize page says about them. */
  role: string;
}

/** The people you can sign in as locally (the README lists them). */
export const SEEDED_PEOPLE: readonly SeededPerson[] = [
  {
    username: 'amara.okafor',
    sub: '6f0c2a51-3d0e-4c8e-9a57-1b2f9e0d4a11',
    name: 'Amara Okafor',
    email: 'amara.okafor@council.example.gov.uk',
    groups: ['advisers'],
    role: 'Customer Service Network adviser',
  },
  {
    username: 'david.hughes',
    sub: '0b8d6e22-7a4f-4f3b-8c61-5e9a2d7c3b22',
    name: 'David Hughes',
    email: 'david.hughes@council.example.gov.uk',
    groups: ['managers'],
    role: 'Customer services manager',
  },
  {
    username: 'priya.shah',
    sub: 'c3a9f7e4-1b6d-4e2a-b8f0-9d4c6a1e5f33',
    name: 'Priya Shah',
    email: 'priya.shah@council.example.gov.uk',
    groups: ['waste-services'],
    role: 'Waste services team',
  },
  {
    username: 'owen.price',
    sub: '8e2d4b17-5c3a-4f9e-a1d6-7b0c9e3f2a44',
    name: 'Owen Price',
    email: 'owen.price@council.example.gov.uk',
    groups: ['highways', 'street-lighting'],
    role: 'Highways and Street Lighting officer',
  },
];

// ---- Pure parts -----------------------------------------------------------------------------

const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/** RFC 7636: a verifier is 43 to 128 unreserved characters; S256 hashes it to the challenge. */
export function pkceMatches(codeVerifier: string, codeChallenge: string): boolean {
  if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(codeVerifier)) return false;
  return base64url(createHash('sha256').update(codeVerifier).digest()) === codeChallenge;
}

export interface TokenContext {
  issuer: string;
  clientId: string;
  scope: string;
  /** Seconds since the epoch. */
  authTime: number;
  now: number;
  nonce?: string;
}

/** The claims of a Cognito access token. */
export function accessTokenClaims(person: SeededPerson, context: TokenContext): Record<string, unknown> {
  return {
    sub: person.sub,
    'cognito:groups': person.groups,
    iss: context.issuer,
    version: 2,
    client_id: context.clientId,
    origin_jti: randomUUID(),
    token_use: 'access',
    scope: context.scope,
    auth_time: context.authTime,
    exp: context.now + TOKEN_LIFETIME_SECONDS,
    iat: context.now,
    jti: randomUUID(),
    username: person.username,
  };
}

/** The claims of a Cognito id token. */
export function idTokenClaims(person: SeededPerson, context: TokenContext): Record<string, unknown> {
  return {
    sub: person.sub,
    'cognito:groups': person.groups,
    email_verified: true,
    iss: context.issuer,
    'cognito:username': person.username,
    ...(context.nonce ? { nonce: context.nonce } : {}),
    origin_jti: randomUUID(),
    aud: context.clientId,
    token_use: 'id',
    auth_time: context.authTime,
    name: person.name,
    exp: context.now + TOKEN_LIFETIME_SECONDS,
    iat: context.now,
    jti: randomUUID(),
    email: person.email,
  };
}

/** A compact JWS, RS256 (RSASSA-PKCS1-v1_5 with SHA-256), as Cognito signs. */
export function signJwt(claims: Record<string, unknown>, privateKey: KeyObject, kid: string): string {
  const input = `${base64url(JSON.stringify({ kid, alg: 'RS256' }))}.${base64url(JSON.stringify(claims))}`;
  return `${input}.${base64url(sign('sha256', Buffer.from(input), privateKey))}`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Redirects only to this machine: the console locally (the gateway or a dev server). */
export function isLoopbackRedirect(uri: string): boolean {
  try {
    const url = new URL(uri);
    return ['http:', 'https:'].includes(url.protocol) && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) && !url.hash;
  } catch {
    return false;
  }
}

// ---- The fake ---------------------------------------------------------------------------------

interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  state: string;
  codeChallenge: string;
  scope: string;
  nonce?: string;
  expiresAt: number;
}

interface IssuedCode extends AuthorizeRequest {
  person: SeededPerson;
  authTime: number;
}

/** JSON for a browser: the console signs in from one, perhaps from a dev server on another port. */
const sendOpenJson = (res: ServerResponse, status: number, body: unknown, cacheControl = 'no-store') =>
  sendJson(res, status, body, { 'cache-control': cacheControl, 'access-control-allow-origin': '*' });

function sendHtml(res: ServerResponse, status: number, title: string, body: string) {
  res
    .writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
    })
    .end(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
        `<title>${escapeHtml(title)}</title><style>body{font-family:Arial,sans-serif;max-width:40em;margin:2em auto;padding:0 1em}` +
        `button{font:inherit;padding:.5em 1em;margin:.25em 0;cursor:pointer}li{list-style:none;margin:.5em 0}ul{padding:0}</style></head>` +
        `<body><main>${body}</main></body></html>`,
    );
}

const oauthError = (res: ServerResponse, status: number, error: string, description: string) =>
  sendOpenJson(res, status, { error, error_description: description });

/**
 * @param settings read on each request: the issuer (this fake's own URL) and the one app client it knows.
 */
export function createFakeCognito(settings: () => { issuer: string; clientId: string }, people: readonly SeededPerson[] = SEEDED_PEOPLE) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomUUID();
  const jwks = { keys: [{ ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }] };
  const requests = new Map<string, AuthorizeRequest>();
  const codes = new Map<string, IssuedCode>();

  function authorizePage(res: ServerResponse, params: URLSearchParams) {
    const { clientId } = settings();
    const refuse = (problem: string) => sendHtml(res, 400, 'Cannot sign in', `<h1>Cannot sign in</h1><p>${escapeHtml(problem)}</p>`);
    const redirectUri = params.get('redirect_uri') ?? '';
    if (params.get('client_id') !== clientId) return refuse(`Unknown client_id: this fake knows only '${clientId}'.`);
    if (!isLoopbackRedirect(redirectUri)) return refuse('redirect_uri must be an http(s) URL on this machine (localhost).');
    if (params.get('response_type') !== 'code') return refuse("response_type must be 'code' (the authorization code flow).");
    const codeChallenge = params.get('code_challenge') ?? '';
    if (params.get('code_challenge_method') !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(codeChallenge)) {
      return refuse('Send a PKCE code_challenge with code_challenge_method=S256.');
    }
    const id = randomBytes(16).toString('base64url');
    const nonce = params.get('nonce');
    requests.set(id, {
      clientId,
      redirectUri,
      state: params.get('state') ?? '',
      codeChallenge,
      scope: params.get('scope') ?? 'openid',
      ...(nonce ? { nonce } : {}),
      expiresAt: Date.now() + REQUEST_LIFETIME_MS,
    });
    const choices = people
      .map(
        (p) =>
          `<li><button type="submit" name="username" value="${escapeHtml(p.username)}">${escapeHtml(p.name)}</button> ` +
          `${escapeHtml(p.role)} (groups: ${escapeHtml(p.groups.join(', '))})</li>`,
      )
      .join('');
    sendHtml(
      res,
      200,
      'Sign in (local)',
      `<h1>Sign in (local)</h1><p>This is the local stand-in for the council's sign-in. Choose who to sign in as.</p>` +
        `<form method="post" action="${FAKE_COGNITO_PREFIX}/oauth2/authorize">` +
        `<input type="hidden" name="request" value="${escapeHtml(id)}"><ul>${choices}</ul></form>`,
    );
  }

  async function choose(req: IncomingMessage, res: ServerResponse) {
    const form = await readForm(req);
    const id = form.get('request') ?? '';
    const request = requests.get(id);
    const person = people.find((p) => p.username === form.get('username'));
    if (!request || request.expiresAt < Date.now()) {
      return sendHtml(res, 400, 'Cannot sign in', '<h1>Cannot sign in</h1><p>This sign-in has expired or was already used: start again from the console.</p>');
    }
    if (!person) return sendHtml(res, 400, 'Cannot sign in', '<h1>Cannot sign in</h1><p>Choose one of the people listed.</p>');
    requests.delete(id);
    const code = randomBytes(24).toString('base64url');
    codes.set(code, { ...request, person, authTime: Math.floor(Date.now() / 1000), expiresAt: Date.now() + CODE_LIFETIME_MS });
    const location = new URL(request.redirectUri);
    location.searchParams.set('code', code);
    if (request.state) location.searchParams.set('state', request.state);
    res.writeHead(302, { location: location.toString(), 'cache-control': 'no-store' }).end();
  }

  async function token(req: IncomingMessage, res: ServerResponse) {
    if (!/^application\/x-www-form-urlencoded\b/i.test(req.headers['content-type'] ?? '')) {
      return oauthError(res, 400, 'invalid_request', 'send the body as application/x-www-form-urlencoded');
    }
    const form = await readForm(req);
    const { issuer, clientId } = settings();
    if (form.get('grant_type') !== 'authorization_code') {
      return oauthError(res, 400, 'unsupported_grant_type', "this fake supports grant_type 'authorization_code' only");
    }
    if (form.get('client_id') !== clientId) return oauthError(res, 400, 'invalid_client', `unknown client_id; this fake knows '${clientId}'`);
    const code = form.get('code') ?? '';
    const issued = codes.get(code);
    // A code is good for one attempt, right or wrong.
    codes.delete(code);
    if (!issued || issued.expiresAt < Date.now()) return oauthError(res, 400, 'invalid_grant', 'the code is unknown, expired or already used');
    if (issued.clientId !== form.get('client_id')) return oauthError(res, 400, 'invalid_grant', 'the code was issued to another client');
    if (issued.redirectUri !== form.get('redirect_uri')) {
      return oauthError(res, 400, 'invalid_grant', 'redirect_uri differs from the one the code was issued for');
    }
    if (!pkceMatches(form.get('code_verifier') ?? '', issued.codeChallenge)) {
      return oauthError(res, 400, 'invalid_grant', 'the code_verifier does not match the code_challenge');
    }
    const context: TokenContext = {
      issuer,
      clientId,
      scope: issued.scope,
      authTime: issued.authTime,
      now: Math.floor(Date.now() / 1000),
      ...(issued.nonce ? { nonce: issued.nonce } : {}),
    };
    sendOpenJson(res, 200, {
      access_token: signJwt(accessTokenClaims(issued.person, context), privateKey, kid),
      id_token: signJwt(idTokenClaims(issued.person, context), privateKey, kid),
      token_type: 'Bearer',
      expires_in: TOKEN_LIFETIME_SECONDS,
    });
  }

  /** Cognito's sign-out endpoint: no session is kept here, so it only checks and redirects. */
  function logout(res: ServerResponse, params: URLSearchParams) {
    const { clientId } = settings();
    const logoutUri = params.get('logout_uri') ?? '';
    if (params.get('client_id') !== clientId || !isLoopbackRedirect(logoutUri)) {
      return sendHtml(res, 400, 'Cannot sign out', '<h1>Cannot sign out</h1><p>Send this client_id and a logout_uri on this machine (localhost).</p>');
    }
    res.writeHead(302, { location: logoutUri, 'cache-control': 'no-store' }).end();
  }

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    if (!url.pathname.startsWith(`${FAKE_COGNITO_PREFIX}/`)) return false;
    const path = url.pathname.slice(FAKE_COGNITO_PREFIX.length);
    const route = `${req.method} ${path}`;
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'access-control-allow-origin': '*',
        'access-control-allow-methods': 'GET,POST,OPTIONS',
        'access-control-allow-headers': 'content-type,authorization',
        'access-control-max-age': '3600',
      });
      res.end();
      return true;
    }
    const { issuer } = settings();
    if (route === 'GET /.well-known/openid-configuration') {
      sendOpenJson(res, 200, {
        issuer,
        authorization_endpoint: `${issuer}/oauth2/authorize`,
        token_endpoint: `${issuer}/oauth2/token`,
        jwks_uri: `${issuer}/.well-known/jwks.json`,
        response_types_supported: ['code'],
        grant_types_supported: ['authorization_code'],
        code_challenge_methods_supported: ['S256'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['none'],
        scopes_supported: ['openid', 'email', 'profile'],
      });
    } else if (route === 'GET /.well-known/jwks.json') {
      sendOpenJson(res, 200, jwks, 'max-age=300');
    } else if (route === 'GET /oauth2/authorize') {
      authorizePage(res, url.searchParams);
    } else if (route === 'POST /oauth2/authorize') {
      await choose(req, res);
    } else if (route === 'POST /oauth2/token') {
      await token(req, res);
    } else if (route === 'GET /logout') {
      logout(res, url.searchParams);
    } else {
      oauthError(res, 404, 'not_found', `the fake Cognito has no ${req.method} ${path}`);
    }
    return true;
  }

  return { handle };
}
