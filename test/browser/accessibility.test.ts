// axe-core (WCAG 2.2 A and AA) on every view a signed-in person can open, at a desk and on a
// tablet: no serious or critical violation. The journeys' own tests check the pages that need a
// record first (the confirmation, a resident, a case, a refused view).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, newPage, seriousViolations } from './support/browser.ts';
import { NewContactPage, SignInPage } from './support/pages.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** Each view by its path and the main heading it shows. */
const VIEWS = [
  { path: '/', heading: 'New contact' },
  { path: '/residents', heading: 'Find a resident' },
  { path: '/residents?q=Lloyd', heading: 'Find a resident' },
  { path: '/now', heading: 'Now' },
  { path: '/performance', heading: 'Performance' },
  { path: '/demand', heading: 'Demand' },
  { path: '/help', heading: 'Help and keyboard shortcuts' },
  { path: '/simulator', heading: 'Resident simulator' },
];

describe('accessibility', () => {
  for (const viewport of [
    { width: 1280, height: 900 },
    { width: 768, height: 1024 },
  ]) {
    it(`has no serious or critical axe violation on any view at ${viewport.width} px`, async () => {
      const { context, page, problems } = await newPage(browser, viewport);
      try {
        // A manager may open every view, the measures too.
        await page.goto('/');
        await new SignInPage(page).signInAs('David Hughes');
        await new NewContactPage(page).isShown();
        const found: Record<string, string[]> = {};
        for (const view of VIEWS) {
          await page.goto(view.path);
          await page.getByRole('heading', { level: 1, name: view.heading, exact: false }).first().waitFor();
          await page.waitForLoadState('networkidle');
          found[view.path] = await seriousViolations(page);
        }
        expect(found).toEqual(Object.fromEntries(VIEWS.map((v) => [v.path, []])));
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});
