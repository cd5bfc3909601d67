// A resident texts the council (through the resident simulator) and then walks in; the adviser
// finds them by phone number in another spelling, sees both contacts on one timeline, opens the
// case and reads its service-level clock.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleUrl, launchChromium, newPage, seriousViolations } from './support/browser.ts';
import { NewContactPage, SignInPage } from './support/pages.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function text(from: string, body: string): Promise<void> {
  const response = await fetch(`${consoleUrl}/_local/simulator/sms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from, body }),
  });
  if (!response.ok) throw new Error(`the simulator answered ${response.status}: ${await response.text()}`);
}

describe('a resident across channels', () => {
  it('shows their text and their visit on one timeline, and the case with its clock', async () => {
    // Prepare: a missed bin reported by text, to the end of the conversation.
    for (const body of ['Our recycling was not collected', '3 Orchard Lane, AB1 2CD', 'recycling', 'YES']) await text('07700 900987', body);
    const { context, page, problems } = await newPage(browser);
    try {
      await page.goto('/');
      await new SignInPage(page).signInAs('Amara Okafor');
      const form = new NewContactPage(page);
      await form.isShown();
      await page.getByRole('radio', { name: 'Phone', exact: true }).check();
      await form.resident({ name: 'Rita Moreno', phone: '07700900987' });
      await form.describe('What time does the customer service centre open on Saturday?');
      await form.suggestion();
      await form.record();
      await page.locator('.govuk-panel__title').waitFor();

      // Act: search in another spelling of the number.
      await page.goto('/residents');
      await page.getByLabel('Phone number, email address, name or case reference').fill('+44 7700 900987');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.getByRole('table').getByRole('link').first().click();
      await page.locator('.moj-timeline').waitFor();

      // Assess: both channels on the one timeline, and the case from the text.
      const timeline = await page.locator('.moj-timeline').innerText();
      expect(timeline).toContain('Text message: Report a missed bin collection');
      expect(timeline).toContain('Phone: Council opening hours');
      expect(timeline).toContain('Our recycling was not collected');
      expect(await page.title()).toMatch(/: timeline – Contact console – Example Council$/);
      expect(await seriousViolations(page)).toEqual([]);

      await page.locator('.moj-timeline__title a').first().click();
      const clock = page.getByTestId('sla-clock');
      await clock.waitFor();
      expect(await page.title()).toMatch(/^Case [A-Z0-9]{4}-[A-Z0-9]{4} – Contact console/);
      expect(await clock.innerText()).toMatch(/(working time left|Overdue by)/);
      expect(await clock.getAttribute('aria-live')).toBeNull();
      expect(await page.getByText('Text message to 07').count()).toBeGreaterThan(0);
      expect(await seriousViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
