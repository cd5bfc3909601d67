// What the registry promises about its routes, checked on the definition itself.
import { describe, expect, it } from 'vitest';
import { API_PATH_PREFIXES, functions, secrets } from '#infra/registry';

describe('the registry', () => {
  it("keeps every API route under an API prefix, so no page path of the console can collide with one", () => {
    const routes = functions.flatMap((fn) => (fn.routes ?? []).map((route) => `${route.method} ${route.path}`));
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.filter((route) => !API_PATH_PREFIXES.some((prefix) => route.split(' ')[1]!.startsWith(prefix)))).toEqual([]);
  });

  it("serves the advisers' console API under /api/console/", () => {
    const consoleApi = functions.find((fn) => fn.name === 'console-api')!;
    expect(consoleApi.routes!.every((route) => route.path.startsWith('/api/console/'))).toBe(true);
  });

  it("verifies people's sign-in on the console, with no shared secret: the issuer and client are settings", () => {
    const consoleApi = functions.find((fn) => fn.name === 'console-api')!;
    expect(consoleApi.settings).toEqual(['AUTH_ISSUER', 'AUTH_CLIENT_ID']);
    expect(consoleApi.secrets ?? []).toEqual([]);
    expect(secrets.map((secret) => secret.env)).not.toContain('ADVISER_TOKENS');
  });
});
