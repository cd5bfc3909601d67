// axe-core (WCAG 2.2 A and AA) on every view a signed-in person can open, at a desk and on a
// tablet: no serious or critical violation, on a manager's views and on a service team's member's
// (their worklist, and a case of their team's). The journeys' own tests check the other pages that
// need a record first (the confirmation, a resident, a case, a refused view).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleUrl, launchChromium, newPage, seriousViolations } from './support/browser.ts';
import { NewContactPage, SignInPage, TeamActionsPanel, WorklistPage } from './support/pages.ts';

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
  { path: '/service-levels', heading: 'Service levels' },
  { path: '/performance', heading: 'Performance' },
  { path: '/performance?interval=week&by=service', heading: 'Performance' },
  { path: '/performance?interval=month&focus=team%3Awaste-services', heading: 'Performance' },
  { path: '/performance?from=2026-02-30&interval=fortnight', heading: 'Performance' },
  { path: '/demand', heading: 'Demand' },
  { path: '/help', heading: 'Help and keyboard shortcuts' },
  { path: '/simulator', heading: 'Resident simulator' },
];

describe('accessibility', () => {
  for (const viewport of [
    { width: 1280, height: 900 },
    { width: 768, height: 1024 },
  ]) {
    // axe on a dozen views, the performance view's charts and tables among them: minutes on a busy 2-core machine.
    it(`has no serious or critical axe violation on any view at ${viewport.width} px`, { timeout: 180_000 }, async () => {
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

  // A service team's member: their worklist, and a case of their team's with the team's actions
  // (the resolve form, with its character count, open).
  for (const viewport of [
    { width: 1280, height: 900 },
    { width: 768, height: 1024 },
  ]) {
    it(`has no serious or critical axe violation on a team's worklist and case at ${viewport.width} px`, async () => {
      const response = await fetch(`${consoleUrl}/api/contacts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ description: 'The recycling was left behind again', service: 'missed-bin', email: 'axe.resident@example.org' }),
      });
      const { reference } = (await response.json()) as { reference: string };
      const { context, page, problems } = await newPage(browser, viewport);
      try {
        await page.goto('/worklist');
        await new SignInPage(page).signInAs('Priya Shah');
        const worklist = new WorklistPage(page);
        await worklist.isShown();
        await page.waitForLoadState('networkidle');
        const found: Record<string, string[]> = { '/worklist': await seriousViolations(page) };
        await worklist.open(reference);
        const actions = new TeamActionsPanel(page);
        await actions.choose('Resolve it');
        await page.waitForLoadState('networkidle');
        found['/cases/{reference}'] = await seriousViolations(page);
        expect(found).toEqual({ '/worklist': [], '/cases/{reference}': [] });
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});
