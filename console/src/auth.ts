// Signing in with the authorization code flow and PKCE (oidc-client-ts) against the issuer in
// /config.json: Cognito on AWS, the fake Cognito locally. Loaded only when needed (see session.ts).
// After sign-in the person goes back to the page they were on, whose half-filled forms were kept
// as drafts (drafts.ts).
import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import { currentConfig } from './config.ts';
import { clearAllDrafts } from './drafts.ts';
import { forgetSession, safeReturnPath, saveSession, SIGNED_IN_PATH } from './session.ts';

let manager: UserManager | undefined;

function userManager(): UserManager {
  if (manager) return manager;
  const config = currentConfig();
  const origin = window.location.origin;
  manager = new UserManager({
    authority: config.authority,
    client_id: config.clientId,
    redirect_uri: `${origin}${SIGNED_IN_PATH}`,
    post_logout_redirect_uri: `${origin}/`,
    response_type: 'code',
    scope: 'openid email profile',
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
    // No hidden iframes: Cognito has no session check endpoint, and the CSP forbids framing.
    automaticSilentRenew: false,
    monitorSession: false,
    loadUserInfo: false,
  });
  return manager;
}

/** Goes to the sign-in page; after it, back to `returnTo` (the page the person was on). */
export async function signIn(returnTo = `${window.location.pathname}${window.location.search}`): Promise<never> {
  forgetSession();
  await userManager().removeUser();
  await userManager().signinRedirect({ state: { returnTo: safeReturnPath(returnTo) } });
  // The browser is leaving the page: nothing after this runs.
  return new Promise<never>(() => undefined);
}

/** On /signed-in: trades the code for tokens, keeps the session, and answers where to go back to. */
export async function completeSignIn(): Promise<string> {
  const user = await userManager().signinRedirectCallback();
  await userManager().clearStaleState();
  saveSession({
    accessToken: user.access_token,
    expiresAt: (user.expires_at ?? 0) * 1000,
    username: String(user.profile['cognito:username'] ?? user.profile.preferred_username ?? user.profile.sub),
    signedInAt: Date.now(),
  });
  return safeReturnPath((user.state as { returnTo?: unknown } | undefined)?.returnTo);
}

/**
 * Signs out: forgets the tokens and the drafts (a counter's computer is shared), then ends the
 * session at the sign-in service too, so the next person has to sign in as themselves. Cognito
 * has no end_session_endpoint in its discovery document; its logout endpoint sits beside the
 * authorize endpoint (/logout?client_id&logout_uri), as in the local fake.
 */
export async function signOut(): Promise<void> {
  const settings = userManager().settings;
  clearAllDrafts();
  forgetSession();
  await userManager().removeUser();
  const metadata = await userManager().metadataService.getMetadata();
  if (metadata.end_session_endpoint) {
    await userManager().signoutRedirect();
    return;
  }
  const authorize = metadata.authorization_endpoint;
  if (authorize?.endsWith('/oauth2/authorize')) {
    const logout = new URL(authorize.replace(/\/oauth2\/authorize$/, '/logout'));
    logout.searchParams.set('client_id', settings.client_id);
    logout.searchParams.set('logout_uri', settings.post_logout_redirect_uri ?? `${window.location.origin}/`);
    window.location.assign(logout.toString());
    return;
  }
  window.location.assign('/');
}
