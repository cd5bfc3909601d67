// The console web app on the local gateway: `npm start` builds it with Vite (console/vite.config.ts)
// and the gateway serves console/dist for every GET or HEAD that is not an API route nor a local
// fake, with the same security headers as CloudFront (infra/web-headers.ts). Page paths get
// index.html (a single-page app); /config.json tells the app where to sign in.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { API_PATH_PREFIXES } from '../registry.ts';
import { contentSecurityPolicy, SECURITY_HEADERS } from '../web-headers.ts';
import { sendJson } from './http-io.ts';

export const CONSOLE_DIR = 'console';
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** What the app reads at start: on AWS a file in the console's bucket, written by the CDK stack. */
export interface ConsoleRuntimeConfig {
  authority: string;
  clientId: string;
  simulator: boolean;
}

/** Builds the app into console/dist with Vite, as `npm run build:console` does. */
export async function buildConsole(repoRoot: string): Promise<string> {
  const { build } = await import('vite');
  await build({ configFile: join(repoRoot, CONSOLE_DIR, 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
  return join(repoRoot, CONSOLE_DIR, 'dist');
}

/** True for a path the app may serve: not the API's, not a local fake's. */
export function isConsolePath(pathname: string): boolean {
  return !API_PATH_PREFIXES.some((prefix) => pathname.startsWith(prefix)) && !pathname.startsWith('/_local/') && pathname !== '/_local';
}

/**
 * The file a path asks for inside `root`, or undefined when the path leaves it. `page` is true
 * for the app's own routes (anything but a file the build makes): index.html answers those when
 * no file has the name. The build's files are under /assets/ or at the top level with an extension
 * (/index.html, /config.json); every other path is a page, even one that ends like a file name (a
 * resident's email: /residents/EMAIL%23a%40b.com). CloudFront's page rewrite (infra/stack.ts
 * CONSOLE_PAGE_REWRITE) draws the same line.
 */
export function fileFor(root: string, pathname: string): { file: string; page: boolean } | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const file = normalize(join(root, decoded));
  if (file !== root && !file.startsWith(root.endsWith(sep) ? root : root + sep)) return undefined;
  const topLevelFile = decoded.lastIndexOf('/') === 0 && decoded.includes('.');
  return { file, page: !pathname.startsWith('/assets/') && !topLevelFile };
}

export function consoleHeaders(): Record<string, string> {
  // Locally the fake Cognito is on the gateway's own origin: connect-src 'self' is enough.
  return { 'content-security-policy': contentSecurityPolicy({ connect: [] }), ...SECURITY_HEADERS };
}

export function createConsoleServer(options: { distDir: string; config: () => ConsoleRuntimeConfig }) {
  const root = normalize(options.distDir);

  async function sendFile(req: IncomingMessage, res: ServerResponse, file: string, cacheControl: string): Promise<boolean> {
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) return false;
    res.writeHead(200, {
      ...consoleHeaders(),
      'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': String(info.size),
      'cache-control': cacheControl,
    });
    if (req.method === 'HEAD') {
      res.end();
      return true;
    }
    await new Promise<void>((resolve, reject) => createReadStream(file).on('error', reject).on('end', resolve).pipe(res));
    return true;
  }

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    if (!isConsolePath(url.pathname)) return false;
    if (url.pathname === '/config.json') {
      sendJson(res, 200, options.config(), { ...consoleHeaders(), 'cache-control': 'no-store' });
      return true;
    }
    const target = fileFor(root, url.pathname);
    if (!target) {
      sendJson(res, 404, { error: `there is nothing at ${url.pathname}` });
      return true;
    }
    // Vite names what it builds under assets/ by content hash: cache those for good, not the page.
    const hashed = url.pathname.startsWith('/assets/');
    if (await sendFile(req, res, target.file, hashed ? 'public, max-age=31536000, immutable' : 'no-cache')) return true;
    if (target.page && (await sendFile(req, res, join(root, 'index.html'), 'no-cache'))) return true;
    sendJson(res, 404, { error: `there is nothing at ${url.pathname}` });
    return true;
  }

  return { handle };
}
