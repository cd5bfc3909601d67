// Failure demand in the console: an adviser records a contact and, from the live feed, marks it as
// failure demand with the keyboard alone; a manager's demand view counts it (the table stream
// counts it a moment later: the view is read again until it does) and shows the resident's words
// with their phone number left out. Anyone else is told, in words, that the view is not theirs.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, newPage, seriousViolations } from './support/browser.ts';
import { DemandPage, NewContactPage, NowPage, SignInPage } from './support/pages.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const SERVICE = 'Report a damaged or missing street name sign';
const SERVICE_ID = 'street-name-plate';
const londonToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
/** "3 (20%)" -> 3 */
const count = (figure: string) => Number(/^\d+/.exec(figure)?.[0] ?? NaN);

describe('failure demand', () => {
  it('an adviser marks a contact as failure demand and the demand view counts it', { timeout: 120_000 }, async () => {
    // Prepare: the manager's figure for the service today, before.
    const manager = await newPage(browser);
    const adviser = await newPage(browser);
    try {
      const today = londonToday();
      const view = `from=${today}&to=${today}&interval=day&service=${SERVICE_ID}`;
      await manager.page.goto('/');
      await new SignInPage(manager.page).signInAs('David Hughes');
      await new NewContactPage(manager.page).isShown();
      const demand = new DemandPage(manager.page);
      await demand.open(view);
      const before = count(await demand.figure('Failure demand'));
      const contactsBefore = count(await demand.figure('Contacts'));

      // The adviser records a walk-in about the sign, then marks it from the feed.
      const words = `The street name sign at the corner of Kiln Lane is still missing, I asked for it in the spring, ring 07700 900111 (${Date.now()})`;
      await adviser.page.goto('/');
      await new SignInPage(adviser.page).signInAs('Amara Okafor');
      const form = new NewContactPage(adviser.page);
      await form.isShown();
      await form.faceToFace('Guildhall Customer Service Centre');
      await form.describe(words);
      await form.suggestion();
      await form.chooseService(SERVICE);
      const why = adviser.page.getByLabel(/^Why /);
      if (await why.count()) await why.fill('The resident says it is the sign itself');
      await form.handOff();
      await form.record();
      await adviser.page.locator('.govuk-panel__title').waitFor();

      // Act
      const now = new NowPage(adviser.page);
      await now.open();
      const said = await now.markWithKeyboard(words.slice(0, 40), 'Chasing');

      // Assess: told in words, and shown on the contact.
      expect(said).toBe('Marked as failure demand: chasing.');
      await expect.poll(async () => (await now.row(words.slice(0, 40)).innerText()).includes('Failure demand: chasing (marked by amara.okafor)')).toBe(true);
      // The manager's view counts it once the stream has: read it again until then.
      await expect
        .poll(
          async () => {
            await demand.open(view);
            return count(await demand.figure('Failure demand'));
          },
          { timeout: 30_000, interval: 1_000 },
        )
        .toBe(before + 1);
      expect(count(await demand.figure('Contacts'))).toBe(contactsBefore + 1);
      const row = await demand.serviceRow(SERVICE);
      expect(row).toMatchObject({ 'Failure demand': String(before + 1), Chasing: expect.stringMatching(/^[1-9]\d*$/) });
      const examples = await demand.examples(SERVICE);
      const ours = examples.find((e) => e.words.includes('Kiln Lane'));
      expect(ours?.words).toMatch(/^“The street name sign at the corner of Kiln Lane is still missing, I asked for it in the spring, ring \[phone\]/);
      expect(ours?.about).toMatch(/^Face to face, .*: chasing$/);
      expect(examples.map((e) => e.words).join(' ')).not.toContain('07700');
      expect([...manager.problems, ...adviser.problems]).toEqual([]);
    } finally {
      await manager.context.close();
      await adviser.context.close();
    }
  });

  it('tells an adviser, in words, that the demand view is for managers; names a bad filter in words; no serious axe violation', async () => {
    const adviser = await newPage(browser);
    const manager = await newPage(browser);
    try {
      await adviser.page.goto('/');
      await new SignInPage(adviser.page).signInAs('Amara Okafor');
      await new NewContactPage(adviser.page).isShown();
      await adviser.page.goto('/demand');
      await adviser.page.getByRole('heading', { level: 1, name: 'You cannot use this page' }).waitFor();
      expect(await adviser.page.locator('main').innerText()).toContain('You are signed in as amara.okafor, who may not see the demand analysis.');

      // A bad filter in the address is named in words, not a blank page (signing in returns to it).
      await manager.page.goto('/demand?from=2026-02-30&interval=fortnight');
      await new SignInPage(manager.page).signInAs('David Hughes');
      await manager.page.getByRole('heading', { level: 1, name: 'Demand' }).waitFor();
      const summary = await manager.page.locator('.govuk-error-summary').innerText();
      expect(summary).toContain('The start date must be a real date (got ‘2026-02-30’)');
      expect(summary).toContain('Show the figures day by day, week by week or month by month');
      expect(await seriousViolations(manager.page)).toEqual([]);
      expect([...adviser.problems, ...manager.problems]).toEqual([]);
    } finally {
      await adviser.context.close();
      await manager.context.close();
    }
  });
});
