// The security headers the console's pages are served with: one definition, used by CloudFront's
// response headers policy on AWS (infra/stack.ts) and by the local gateway (infra/local/), so the
// browser tests run the app under the same Content-Security-Policy as production.

export interface ConsoleOrigins {
  /**
   * Origins the app's scripts may call besides its own: the sign-in service's token and discovery
   * endpoints (Cognito's hosted domain and cognito-idp on AWS; none locally, where the fake Cognito
   * is on the same origin).
   */
  connect: string[];
}

/** The Content-Security-Policy for the console: scripts, styles, fonts and images from its own origin only. */
export function contentSecurityPolicy(origins: ConsoleOrigins): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${["'self'", ...origins.connect].join(' ')}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers besides the CSP; names lower-cased, as HTTP/2 sends them. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
};
