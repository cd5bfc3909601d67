// Signs in to the local fake Cognito as one of its seeded people through the real flow, as the
// console does: the authorize page, choosing the person, the redirect with the code, and the token
// endpoint with PKCE. For the tests, the bench and `npm run token`; never for anything shipped.
import { createHash, randomBytes } from 'node:crypto';
import { FAKE_COGNITO_PREFIX, LOCAL_CLIENT_ID } from './fake-cognito.ts';

/** Where the flow sends the browser back to; the fake accepts any localhost URL. */
export const LOCAL_REDIRECT_URI = 'http://localhost:5173/signed-in';

export const issuerOf = (gatewayUrl: string) => `${gatewayUrl}${FAKE_COGNITO_PREFIX}`;

export function pkcePair() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function authorizeUrl(
  gatewayUrl: string,
  params: { state: string; challenge: string; redirectUri?: string; clientId?: string },
): string {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: params.clientId ?? LOCAL_CLIENT_ID,
    redirect_uri: params.redirectUri ?? LOCAL_REDIRECT_URI,
    state: params.state,
    scope: 'openid email profile',
    code_challenge: params.challenge,
    code_challenge_method: 'S256',
  });
  return `${issuerOf(gatewayUrl)}/oauth2/authorize?${query}`;
}

/** Opens the authorize page and chooses `username`; returns where the fake redirected to. */
export async function chooseOnAuthorizePage(gatewayUrl: string, authorize: string, username: string): Promise<URL> {
  const page = await fetch(authorize);
  if (page.status !== 200) throw new Error(`the authorize page answered ${page.status}: ${await page.text()}`);
  const html = await page.text();
  const request = /name="request" value="([^"]+)"/.exec(html)?.[1];
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  if (!request || !action) throw new Error('the authorize page has no sign-in form');
  const chosen = await fetch(new URL(action, gatewayUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ request, username }),
    redirect: 'manual',
  });
  const location = chosen.headers.get('location');
  if (chosen.status !== 302 || !location) throw new Error(`choosing ${username} answered ${chosen.status}`);
  return new URL(location);
}

export async function exchangeCode(gatewayUrl: string, form: Record<string, string>, clientId = LOCAL_CLIENT_ID) {
  const response = await fetch(`${issuerOf(gatewayUrl)}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: clientId, redirect_uri: LOCAL_REDIRECT_URI, ...form }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

/** The tokens of a seeded person (SEEDED_PEOPLE in fake-cognito.ts) from the local stack at `gatewayUrl`, through the whole flow. */
export async function signInLocally(gatewayUrl: string, username: string): Promise<{ accessToken: string; idToken: string }> {
  const { verifier, challenge } = pkcePair();
  const redirected = await chooseOnAuthorizePage(gatewayUrl, authorizeUrl(gatewayUrl, { state: randomBytes(8).toString('hex'), challenge }), username);
  const code = redirected.searchParams.get('code');
  if (!code) throw new Error(`signing in as ${username} gave no code`);
  const { status, body } = await exchangeCode(gatewayUrl, { code, code_verifier: verifier });
  if (status !== 200) throw new Error(`the token endpoint answered ${status}: ${JSON.stringify(body)}`);
  return { accessToken: body.access_token, idToken: body.id_token };
}
