// Debian's Chromium driven by playwright-core (no browser download): one browser per test file,
// a fresh context (cookies, storage) per test, and axe-core for accessibility.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeFindings } from '../../../infra/local/chromium.ts';
import { inject } from 'vitest';

export { launchChromium } from '../../../infra/local/chromium.ts';

export const consoleUrl = inject('consoleStack').url;

export async function newPage(browser: Browser, viewport = { width: 1280, height: 900 }): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport, baseURL: consoleUrl });
  const page = await context.newPage();
  // Script errors in the app fail the test that caused them.
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  return { context, page, problems };
}

/** axe's serious and critical violations on the page as it is now. */
export async function seriousViolations(page: Page): Promise<string[]> {
  return (await axeFindings(page)).serious;
}
