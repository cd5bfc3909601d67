// An adviser signs in through the real sign-in page and records a walk-in that is handed off,
// then reads the reference and the commitment back from the confirmation.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, newPage, seriousViolations } from './support/browser.ts';
import { ConfirmationPage, NewContactPage, SignInPage } from './support/pages.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('new contact', () => {
  it('signs in as an adviser, records a face-to-face contact handed off to the team, and shows the reference and commitment', async () => {
    const { context, page, problems } = await newPage(browser);
    try {
      // Prepare: opening the console without a session goes to sign in, and back.
      await page.goto('/');
      await new SignInPage(page).signInAs('Amara Okafor');
      const form = new NewContactPage(page);
      await form.isShown();
      expect(await page.title()).toBe('New contact – Contact console – Example Council');
      expect(await page.locator('.app-account').innerText()).toContain('Signed in as amara.okafor');

      // Act
      await form.faceToFace('Town Hall');
      await form.resident({ name: 'Jo Bloggs', phone: '07700 900321', address: '12 High Street, AB1 2CD' });
      await form.describe('The bin men did not empty our recycling bin this week');
      expect(await form.suggestion()).toContain('Report a missed bin collection');
      await form.answerChoice('Which bin was missed?', 'Recycling');
      await form.handOff();
      await form.record();

      // Assess
      const confirmation = new ConfirmationPage(page);
      expect(await confirmation.heading()).toBe('Case opened');
      expect(await confirmation.reference()).toMatch(/^[A-Z0-9]{4}-?[A-Z0-9]{4}$/);
      expect(await confirmation.commitment()).toMatch(/^by (\d{1,2}(:\d{2})?[ap]m|midnight|12 noon) (today|on \w+)/);
      expect(await confirmation.readOut()).toContain(await confirmation.reference());
      expect(await page.title()).toBe('Contact recorded – Contact console – Example Council');
      expect(await seriousViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
