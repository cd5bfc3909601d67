// People's sign-in through the local stack: the fake Cognito's discovery, authorize page and token
// endpoint (authorization code with PKCE), and people-auth verifying what it issues, as on AWS.
import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HttpError } from '#adapters/http';
import { createPeopleVerifier, requireGroup } from '#adapters/people-auth';
import { signJwt } from '../../infra/local/fake-cognito.ts';
import { authorizeUrl, chooseOnAuthorizePage, CLIENT_ID, exchangeCode, ISSUER, pkcePair, REDIRECT_URI, signInAs } from '../support/sign-in.ts';
import { stack } from '../support/stack.ts';

const decode = (jwt: string, part: 0 | 1) => JSON.parse(Buffer.from(jwt.split('.')[part]!, 'base64url').toString('utf8'));

async function refusal(promise: Promise<unknown>): Promise<HttpError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HttpError);
  return error as HttpError;
}

describe('the fake Cognito', () => {
  it('publishes OpenID discovery and its keys', async () => {
    const discovery = await fetch(`${ISSUER}/.well-known/openid-configuration`);
    expect(discovery.status).toBe(200);
    const config = (await discovery.json()) as Record<string, any>;
    expect(config).toMatchObject({
      issuer: ISSUER,
      authorization_endpoint: `${ISSUER}/oauth2/authorize`,
      token_endpoint: `${ISSUER}/oauth2/token`,
      jwks_uri: `${ISSUER}/.well-known/jwks.json`,
      code_challenge_methods_supported: ['S256'],
    });
    const jwks = (await (await fetch(config.jwks_uri)).json()) as { keys: Array<Record<string, string>> };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', e: 'AQAB' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it('lists the seeded people on the authorize page, and shows a hostile state as text', async () => {
    const hostile = '"><script>alert(1)</script>';
    const page = await fetch(authorizeUrl({ state: hostile, challenge: pkcePair().challenge }));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('<h1>Sign in (local)</h1>');
    for (const name of ['Amara Okafor', 'David Hughes', 'Priya Shah']) expect(html).toMatch(new RegExp(`<button[^>]*>${name}</button>`));
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('alert(1)</script>');
    // It is kept on the server and handed back unchanged in the redirect, never put in the page.
    const redirected = await chooseOnAuthorizePage(authorizeUrl({ state: hostile, challenge: pkcePair().challenge }), 'priya.shah');
    expect(redirected.searchParams.get('state')).toBe(hostile);
  });

  it('refuses an unknown client or a redirect off this machine, without redirecting', async () => {
    const { challenge } = pkcePair();
    const otherClient = await fetch(authorizeUrl({ state: 's', challenge }).replace(`client_id=${CLIENT_ID}`, 'client_id=someone-else'), { redirect: 'manual' });
    expect(otherClient.status).toBe(400);
    const offMachine = await fetch(authorizeUrl({ state: 's', challenge, redirectUri: 'https://evil.example/steal' }), { redirect: 'manual' });
    expect(offMachine.status).toBe(400);
    expect(offMachine.headers.get('location')).toBeNull();
  });

  it('redirects with the code and the same state once a person is chosen', async () => {
    const state = 'a state with spaces & <angles>';
    const redirected = await chooseOnAuthorizePage(authorizeUrl({ state, challenge: pkcePair().challenge }), 'amara.okafor');
    expect(`${redirected.origin}${redirected.pathname}`).toBe(REDIRECT_URI);
    expect(redirected.searchParams.get('state')).toBe(state);
    expect(redirected.searchParams.get('code')).toMatch(/^[\w-]{20,}$/);
  });

  async function freshCode() {
    const pair = pkcePair();
    const redirected = await chooseOnAuthorizePage(authorizeUrl({ state: 'x', challenge: pair.challenge }), 'amara.okafor');
    return { code: redirected.searchParams.get('code')!, verifier: pair.verifier };
  }

  it('refuses a wrong code_verifier, a wrong redirect_uri and a code used twice', async () => {
    const wrongVerifier = await freshCode();
    const byWrongVerifier = await exchangeCode({ code: wrongVerifier.code, code_verifier: pkcePair().verifier });
    expect(byWrongVerifier).toMatchObject({ status: 400, body: { error: 'invalid_grant', error_description: expect.stringMatching(/code_verifier/) } });

    const wrongRedirect = await freshCode();
    const byWrongRedirect = await exchangeCode({ code: wrongRedirect.code, code_verifier: wrongRedirect.verifier, redirect_uri: 'http://localhost:5173/elsewhere' });
    expect(byWrongRedirect).toMatchObject({ status: 400, body: { error: 'invalid_grant', error_description: expect.stringMatching(/redirect_uri/) } });

    const once = await freshCode();
    expect((await exchangeCode({ code: once.code, code_verifier: once.verifier })).status).toBe(200);
    const twice = await exchangeCode({ code: once.code, code_verifier: once.verifier });
    expect(twice).toMatchObject({ status: 400, body: { error: 'invalid_grant', error_description: expect.stringMatching(/already used/) } });
  });

  it('answers Cognito-shaped tokens for the right code and verifier', async () => {
    const { code, verifier } = await freshCode();
    const { status, body } = await exchangeCode({ code, code_verifier: verifier });
    expect(status).toBe(200);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    const jwks = (await (await fetch(`${ISSUER}/.well-known/jwks.json`)).json()) as { keys: Array<{ kid: string }> };
    expect(decode(body.access_token, 0)).toEqual({ kid: jwks.keys[0]!.kid, alg: 'RS256' });
    const access = decode(body.access_token, 1);
    expect(access).toMatchObject({
      iss: ISSUER,
      token_use: 'access',
      client_id: CLIENT_ID,
      username: 'amara.okafor',
      'cognito:groups': ['advisers'],
      scope: 'openid email profile',
    });
    expect(access.exp - access.iat).toBe(3600);
    expect(access).not.toHaveProperty('aud');
    expect(decode(body.id_token, 1)).toMatchObject({
      iss: ISSUER,
      token_use: 'id',
      aud: CLIENT_ID,
      email: 'amara.okafor@council.example.gov.uk',
      name: 'Amara Okafor',
      'cognito:groups': ['advisers'],
    });
  });
});

describe('people-auth against the fake Cognito', () => {
  const verifier = createPeopleVerifier({ issuer: ISSUER, clientId: CLIENT_ID });
  afterEach(() => vi.useRealTimers());

  it('verifies an access token: the username and groups of each seeded person', async () => {
    for (const [username, groups] of [
      ['amara.okafor', ['advisers']],
      ['david.hughes', ['managers']],
      ['priya.shah', ['waste-services']],
      ['owen.price', ['highways', 'street-lighting']],
    ] as const) {
      const { accessToken } = await signInAs(username);
      expect(await verifier.verifyAuthorization(`Bearer ${accessToken}`)).toEqual({ username, groups });
    }
  });

  it('refuses no token, an id token, an expired token, another key and another client with 401', async () => {
    const { accessToken, idToken } = await signInAs('amara.okafor');
    expect((await refusal(verifier.verifyAuthorization(undefined))).statusCode).toBe(401);
    expect((await refusal(verifier.verifyAuthorization('Basic abc'))).statusCode).toBe(401);

    const byIdToken = await refusal(verifier.verify(idToken));
    expect(byIdToken.statusCode).toBe(401);
    expect(byIdToken.message).toMatch(/not an access token/);

    const forOtherClient = await refusal(createPeopleVerifier({ issuer: ISSUER, clientId: 'another-client' }).verify(accessToken));
    expect(forOtherClient).toMatchObject({ statusCode: 401, message: expect.stringMatching(/another client/) });

    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const forged = signJwt(decode(accessToken, 1), privateKey, decode(accessToken, 0).kid);
    expect((await refusal(verifier.verify(forged))).statusCode).toBe(401);

    // Keys that cannot be fetched are the platform's fault, not the caller's: not a 401.
    const unreachable = await createPeopleVerifier({ issuer: `${stack.url}/_local/elsewhere`, clientId: CLIENT_ID })
      .verify(accessToken)
      .catch((e: unknown) => e);
    expect(unreachable).toBeInstanceOf(Error);
    expect(unreachable).not.toBeInstanceOf(HttpError);

    // An hour and a minute later, by the clock the verifier reads.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 61 * 60 * 1000 });
    const expired = await refusal(verifier.verify(accessToken));
    expect(expired).toMatchObject({ statusCode: 401, message: expect.stringMatching(/expired/i) });
  });

  it('lets a person in by group, and refuses a wrong role with 403', async () => {
    const { accessToken } = await signInAs('amara.okafor');
    const adviser = await verifier.verify(accessToken);
    expect(requireGroup(adviser, ['advisers', 'managers'])).toBe(adviser);
    let refused: unknown;
    try {
      requireGroup(adviser, ['managers']);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(HttpError);
    expect(refused).toMatchObject({ statusCode: 403, message: expect.stringMatching(/managers/) });
  });
});
