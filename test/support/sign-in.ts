// Signs in as one of the fake Cognito's seeded people through the real flow, as the console will:
// the authorize page, choosing the person, the redirect with the code, and the token endpoint with
// PKCE. For tests that need a person's access token.
import { createHash, randomBytes } from 'node:crypto';
import { FAKE_COGNITO_PREFIX, LOCAL_CLIENT_ID } from '../../infra/local/fake-cognito.ts';
import { stack } from './stack.ts';

export const ISSUER = `${stack.url}${FAKE_COGNITO_PREFIX}`;
export const CLIENT_ID = LOCAL_CLIENT_ID;
export const REDIRECT_URI = 'http://localhost:5173/signed-in';

export function pkcePair() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function authorizeUrl(params: { state: string; challenge: string; redirectUri?: string }): string {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: CLIENT_ID,
    redirect_uri: params.redirectUri ?? REDIRECT_URI,
    state: params.state,
    scope: 'openid email profile',
    code_challenge: params.challenge,
    code_challenge_method: 'S256',
  });
  return `${ISSUER}/oauth2/authorize?${query}`;
}

/** Opens the authorize page and chooses `username`; returns where the fake redirected to. */
export async function chooseOnAuthorizePage(authorize: string, username: string): Promise<URL> {
  const page = await fetch(authorize);
  if (page.status !== 200) throw new Error(`the authorize page answered ${page.status}: ${await page.text()}`);
  const html = await page.text();
  const request = /name="request" value="([^"]+)"/.exec(html)?.[1];
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  if (!request || !action) throw new Error('the authorize page has no sign-in form');
  const chosen = await fetch(new URL(action, stack.url), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ request, username }),
    redirect: 'manual',
  });
  const location = chosen.headers.get('location');
  if (chosen.status !== 302 || !location) throw new Error(`choosing ${username} answered ${chosen.status}`);
  return new URL(location);
}

export async function exchangeCode(form: Record<string, string>) {
  const response = await fetch(`${ISSUER}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: CLIENT_ID, redirect_uri: REDIRECT_URI, ...form }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

/** The tokens of a seeded person (see SEEDED_PEOPLE in infra/local/fake-cognito.ts), through the whole flow. */
export async function signInAs(username: string): Promise<{ accessToken: string; idToken: string }> {
  const { verifier, challenge } = pkcePair();
  const redirected = await chooseOnAuthorizePage(authorizeUrl({ state: randomBytes(8).toString('hex'), challenge }), username);
  const code = redirected.searchParams.get('code');
  if (!code) throw new Error(`signing in as ${username} gave no code`);
  const { status, body } = await exchangeCode({ code, code_verifier: verifier });
  if (status !== 200) throw new Error(`the token endpoint answered ${status}: ${JSON.stringify(body)}`);
  return { accessToken: body.access_token, idToken: body.id_token };
}
