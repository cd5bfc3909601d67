// The pure parts of people's sign-in: the PKCE check, the shape of the fake Cognito's tokens,
// escaping on its page, and refusing a person without the right group.
import { createHash, generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HttpError } from '#adapters/http';
import { peopleAuthConfigFromEnv, peopleVerifierFromEnv, requireGroup } from '#adapters/people-auth';
import {
  accessTokenClaims,
  escapeHtml,
  idTokenClaims,
  isLoopbackRedirect,
  pkceMatches,
  SEEDED_PEOPLE,
  signJwt,
} from '../../infra/local/fake-cognito.ts';

// RFC 7636, appendix B.
const RFC_VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const RFC_CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

describe('PKCE (S256)', () => {
  it('accepts the verifier that hashes to the challenge', () => {
    expect(pkceMatches(RFC_VERIFIER, RFC_CHALLENGE)).toBe(true);
  });
  it('refuses another verifier, the challenge itself, or a verifier too short or with other characters', () => {
    expect(pkceMatches(`${RFC_VERIFIER.slice(0, -1)}l`, RFC_CHALLENGE)).toBe(false);
    expect(pkceMatches(RFC_CHALLENGE, RFC_CHALLENGE)).toBe(false);
    const short = 'abc';
    expect(pkceMatches(short, createHash('sha256').update(short).digest('base64url'))).toBe(false);
    const spaced = `${'a'.repeat(42)} `;
    expect(pkceMatches(spaced, createHash('sha256').update(spaced).digest('base64url'))).toBe(false);
  });
});

describe("the fake Cognito's tokens", () => {
  const [adviser] = SEEDED_PEOPLE;
  const context = { issuer: 'http://localhost:3000/_local/cognito', clientId: 'client-1', scope: 'openid', authTime: 1000, now: 2000 };

  it('seeds an adviser, a manager, a member of a service team and a member of two', () => {
    expect(SEEDED_PEOPLE.map((p) => p.groups)).toEqual([['advisers'], ['managers'], ['waste-services'], ['highways', 'street-lighting']]);
  });

  it('shapes an access token as Cognito does', () => {
    const claims = accessTokenClaims(adviser!, context);
    expect(claims).toMatchObject({
      iss: context.issuer,
      sub: adviser!.sub,
      token_use: 'access',
      client_id: 'client-1',
      username: adviser!.username,
      'cognito:groups': ['advisers'],
      scope: 'openid',
      auth_time: 1000,
      iat: 2000,
      exp: 5600,
      jti: expect.any(String),
    });
    expect(claims).not.toHaveProperty('aud');
    expect(claims).not.toHaveProperty('email');
  });

  it('shapes an id token with the audience and the person', () => {
    expect(idTokenClaims(adviser!, { ...context, nonce: 'n-1' })).toMatchObject({
      token_use: 'id',
      aud: 'client-1',
      email: adviser!.email,
      name: adviser!.name,
      'cognito:groups': ['advisers'],
      'cognito:username': adviser!.username,
      nonce: 'n-1',
    });
  });

  it('signs RS256 with the key id in the header', () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwt = signJwt({ sub: 'x' }, privateKey, 'key-1');
    const [header, payload, signature] = jwt.split('.');
    expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toEqual({ kid: 'key-1', alg: 'RS256' });
    expect(verify('sha256', Buffer.from(`${header}.${payload}`), publicKey, Buffer.from(signature!, 'base64url'))).toBe(true);
  });

  it('escapes what its page echoes, and redirects only to this machine', () => {
    expect(escapeHtml(`"><script>alert('x')</script>&`)).toBe('&#34;&#62;&#60;script&#62;alert(&#39;x&#39;)&#60;/script&#62;&#38;');
    expect(isLoopbackRedirect('http://localhost:5173/signed-in')).toBe(true);
    expect(isLoopbackRedirect('http://127.0.0.1:3000/')).toBe(true);
    expect(isLoopbackRedirect('https://evil.example/')).toBe(false);
    expect(isLoopbackRedirect('javascript:alert(1)')).toBe(false);
    expect(isLoopbackRedirect('http://localhost.evil.example/')).toBe(false);
  });
});

describe('requireGroup', () => {
  const person = { username: 'amara.okafor', groups: ['advisers'] };
  it('lets in a person in one of the groups', () => {
    expect(requireGroup(person, ['managers', 'advisers'])).toBe(person);
  });
  it('refuses anyone else with a 403 that names the groups needed', () => {
    expect(() => requireGroup(person, ['managers'])).toThrow(HttpError);
    expect(() => requireGroup(person, ['managers'])).toThrow(/needs one of the groups managers/);
    expect(() => requireGroup({ username: 'x', groups: [] }, ['advisers'])).toThrowError(expect.objectContaining({ statusCode: 403 }));
  });
});

describe('peopleAuthConfigFromEnv', () => {
  it('reads AUTH_ISSUER and AUTH_CLIENT_ID, and refuses to run without them', () => {
    expect(peopleAuthConfigFromEnv({ AUTH_ISSUER: 'https://issuer', AUTH_CLIENT_ID: 'c' })).toEqual({ issuer: 'https://issuer', clientId: 'c' });
    expect(() => peopleAuthConfigFromEnv({ AUTH_ISSUER: '', AUTH_CLIENT_ID: 'c' })).toThrow(/AUTH_ISSUER and AUTH_CLIENT_ID/);
  });
  it('makes the verifier once per container (its keys cached with it), and again only when the settings change', () => {
    const env = { AUTH_ISSUER: 'https://issuer.example', AUTH_CLIENT_ID: 'c' };
    const first = peopleVerifierFromEnv(env);
    expect(peopleVerifierFromEnv({ ...env })).toBe(first);
    expect(peopleVerifierFromEnv({ ...env, AUTH_ISSUER: 'https://another.example' })).not.toBe(first);
    expect(() => peopleVerifierFromEnv({})).toThrow(/AUTH_ISSUER and AUTH_CLIENT_ID/);
  });
});
