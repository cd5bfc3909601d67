// A whole contact with the keyboard alone: sign in, the shortcut to the next empty field, typing,
// Tab between fields, Ctrl+Enter to send, and the confirmation read from the page.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, newPage } from './support/browser.ts';
import { ConfirmationPage } from './support/pages.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** What has focus, as a person would name it: its label, or its text. */
async function focused(page: Page): Promise<string> {
  // A string: this project's TypeScript has no DOM types; the browser runs it.
  return page.evaluate(`(() => {
    const el = document.activeElement;
    if (!el) return '';
    const id = el.getAttribute('id');
    const label = id ? document.querySelector('label[for="' + id + '"]')?.textContent : undefined;
    return (label ?? el.textContent ?? '').trim();
  })()`);
}

async function tabTo(page: Page, name: string | RegExp, most = 40): Promise<void> {
  for (let i = 0; i < most; i++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (typeof name === 'string' ? now === name : name.test(now)) return;
  }
  throw new Error(`Tab never reached '${name}' (last: '${await focused(page)}')`);
}

describe('keyboard only', () => {
  it('records a whole contact without the mouse', async () => {
    const { context, page, problems } = await newPage(browser);
    try {
      await page.goto('/');
      await page.getByRole('heading', { name: 'Sign in (local)' }).waitFor();
      await tabTo(page, 'Amara Okafor');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'New contact' }).waitFor();

      // "f": the first empty field, the channel; the arrow keys choose within the radios.
      await page.keyboard.press('f');
      expect(await focused(page)).toBe('Face to face');
      await page.keyboard.press('Space');
      await page.keyboard.press('Tab');
      expect(await focused(page)).toBe('Customer Service Centre');
      await page.keyboard.type('Central Library');
      await page.keyboard.press('Tab');
      expect(await focused(page)).toBe('Name');
      await page.keyboard.type('Kim Lee');
      await page.keyboard.press('Tab');
      await page.keyboard.type('07700 900654');
      await tabTo(page, 'In the resident’s words');
      await page.keyboard.type('There is a big pothole outside the school on Station Road');
      await page.locator('#suggestion h2').filter({ hasText: 'pothole' }).waitFor();
      // While typing, "n" and "s" are letters, not shortcuts: still on this page, with the words intact.
      expect(await page.locator('#description').inputValue()).toBe('There is a big pothole outside the school on Station Road');

      await page.keyboard.press('Control+Enter');
      const confirmation = new ConfirmationPage(page);
      expect(await confirmation.heading()).toBe('Case opened');
      expect(await confirmation.reference()).toMatch(/^[A-Z0-9]{4}-?[A-Z0-9]{4}$/);
      expect(await focused(page)).toBe('Case opened');

      // "n" for the next contact, from the confirmation.
      await page.keyboard.press('n');
      await page.getByRole('heading', { level: 1, name: 'New contact' }).waitFor();
      expect(await page.locator('#description').inputValue()).toBe('');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
