// An expired session goes back to sign in and returns to the same page with the half-filled form
// as it was; an adviser opening a manager's view is told, in words, that they may not.
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

/** Makes the tab's session run out, as an hour's wait would (the token's expiry is in the past). */
const EXPIRE_SESSION = `(() => {
  const session = JSON.parse(sessionStorage.getItem('frontdoor.session'));
  session.expiresAt = Date.now() - 1000;
  sessionStorage.setItem('frontdoor.session', JSON.stringify(session));
})()`;

describe('sessions', () => {
  it('keeps a half-filled form through signing in again', async () => {
    const { context, page, problems } = await newPage(browser);
    try {
      await page.goto('/');
      await new SignInPage(page).signInAs('Amara Okafor');
      const form = new NewContactPage(page);
      await form.isShown();
      await form.faceToFace('Town Hall');
      await form.resident({ name: 'Ann Other', phone: '07700 900111' });

      await page.evaluate(EXPIRE_SESSION);
      // The next call the page makes (the suggestion) finds the session gone: off to sign in.
      await form.describe('The street light outside my house is broken');
      await new SignInPage(page).signInAs('Amara Okafor');

      await form.isShown();
      expect(new URL(page.url()).pathname).toBe('/');
      expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Ann Other');
      expect(await page.getByLabel('Phone number').inputValue()).toBe('07700 900111');
      expect(await page.getByLabel('Customer Service Centre').inputValue()).toBe('Town Hall');
      expect(await page.getByLabel('In the resident’s words').inputValue()).toBe('The street light outside my house is broken');
      expect(await form.suggestion()).toMatch(/street light/i);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("tells an adviser, in words, that the managers' measures are not theirs", async () => {
    const { context, page } = await newPage(browser);
    try {
      await page.goto('/performance');
      await new SignInPage(page).signInAs('Amara Okafor');
      await page.getByRole('heading', { level: 1, name: 'You cannot use this page' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/performance');
      const words = await page.locator('#main-content').innerText();
      expect(words).toContain('You are signed in as amara.okafor, who may not see the managers’ measures.');
      expect(words).not.toMatch(/[{}]|"error"/);
      expect(await page.title()).toBe('You cannot use this page – Contact console – Example Council');
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
