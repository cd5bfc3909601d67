// Where sign-in sends the browser back to: the callback path, then the page the person was on,
// which must be a path on this site (never another site's address).

/** The app client's callback URL path. */
export const SIGNED_IN_PATH = '/signed-in';

/** Only a path on this site: a return address must never take the adviser elsewhere. */
export function safeReturnPath(path: unknown): string {
  if (typeof path !== 'string' || !path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return '/';
  return path.startsWith(SIGNED_IN_PATH) ? '/' : path;
}
