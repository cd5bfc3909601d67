// The local gateway serves the built console as CloudFront does on AWS: the app for every page
// path, with the Content-Security-Policy and security headers; the API and the fakes untouched.
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, SECURITY_HEADERS } from '../../infra/web-headers.ts';
import { consoleUrl } from './support/browser.ts';

describe('serving the console', () => {
  it('answers page paths with the app, under the CSP and security headers', async () => {
    for (const path of ['/', '/cases/AB12-CD34', '/residents/EMAIL%23jo%40example.com', '/now']) {
      const response = await fetch(`${consoleUrl}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy({ connect: [] }));
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(response.headers.get(name)).toBe(value);
      expect(await response.text()).toContain('<div id="root"></div>');
    }
    const head = await fetch(`${consoleUrl}/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('tells the app where to sign in', async () => {
    const response = await fetch(`${consoleUrl}/config.json`);
    expect(await response.json()).toEqual({ authority: `${consoleUrl}/_local/cognito`, clientId: 'frontdoor-console-local', simulator: true });
  });

  it('caches the hashed assets for good, and answers a missing asset with 404', async () => {
    const html = await (await fetch(`${consoleUrl}/`)).text();
    const script = /<script type="module" crossorigin src="([^"]+)"/.exec(html)?.[1];
    expect(script).toMatch(/^\/assets\/index-[\w-]+\.js$/);
    const asset = await fetch(`${consoleUrl}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${consoleUrl}/assets/nothing-here.js`)).status).toBe(404);
  });

  it('leaves the API and the other methods to the gateway', async () => {
    const api = await fetch(`${consoleUrl}/api/console/nothing`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await fetch(`${consoleUrl}/now`, { method: 'POST' })).status).toBe(404);
  });
});
