// The signed-in person as the console's pages see them: their access token, when it expires, and
// their username, kept in this tab's sessionStorage. Reading it needs no library, so the adviser
// views load without the sign-in code (auth.ts, with oidc-client-ts), which loads only to sign in,
// to finish signing in, or to sign out.
import { SIGNED_IN_PATH, safeReturnPath } from './return-path.ts';

export { SIGNED_IN_PATH, safeReturnPath };

const KEY = 'frontdoor.session';
/** A token this close to expiry is treated as expired: a call made with it could arrive too late. */
const MARGIN_MS = 15_000;

export interface Session {
  accessToken: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
  username: string;
  /** Milliseconds since the epoch. */
  signedInAt: number;
}

export function readSession(now = Date.now()): Session | null {
  try {
    const raw = window.sessionStorage.getItem(KEY);
    if (!raw) return null;
    const session = JSON.parse(raw) as Partial<Session>;
    if (typeof session.accessToken !== 'string' || typeof session.expiresAt !== 'number' || typeof session.username !== 'string') return null;
    session.signedInAt ??= 0;
    return session.expiresAt - MARGIN_MS > now ? (session as Session) : null;
  } catch {
    return null;
  }
}

export function saveSession(session: Session): void {
  window.sessionStorage.setItem(KEY, JSON.stringify(session));
}

export function forgetSession(): void {
  window.sessionStorage.removeItem(KEY);
}

/** Goes to sign in, and comes back to `returnTo` (this page by default). */
export async function goToSignIn(returnTo?: string): Promise<never> {
  forgetSession();
  const { signIn } = await import('./auth.ts');
  return signIn(returnTo);
}

export async function goToSignOut(): Promise<void> {
  const { signOut } = await import('./auth.ts');
  await signOut();
}
