// Service levels and who else is looking, in the console: a manager finds a case in breach (opened
// days ago through the web channel's own code, support/past.ts), narrows the view by team (kept in
// the address, across a reload), takes the table as CSV with the figures on screen, and opens the
// case; two people open one case and each sees the other in the banner, until one leaves.
import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, newPage, seriousViolations } from './support/browser.ts';
import { NewContactPage, PresenceBanner, ServiceLevelsPage, SignInPage } from './support/pages.ts';
import { webContactDaysAgo } from './support/past.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** Discarded needles: 4 hours of real time (at risk from 2), so a report three days old is in breach whatever the calendar. */
async function breachedCase(words: string): Promise<string> {
  const outcome = await webContactDaysAgo(3, { description: words, service: 'discarded-needles' });
  if (!outcome.reference) throw new Error('the web form opened no case');
  return outcome.reference;
}

describe('service levels', () => {
  it('shows a manager a breached case, filtered by team in the address, as CSV, and opens it', async () => {
    // Prepare
    const reference = await breachedCase('Needles left in the bus shelter on Mill Road');
    const { context, page, problems } = await newPage(browser);
    try {
      await page.goto('/');
      await new SignInPage(page).signInAs('David Hughes');
      await new NewContactPage(page).isShown();

      // Act: the menu leads to the view.
      await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Service levels' }).click();
      const levels = new ServiceLevelsPage(page);
      await levels.isShown();

      // Assess: the case, breached, most overdue first among Street Scene's; the team's badge counts it.
      const row = levels.row(reference);
      await row.waitFor();
      const cells = (await row.getByRole('cell').allTextContents()).map((t) => t.trim());
      expect(cells.slice(1, 7)).toEqual(['Report discarded needles or syringes', 'Street Scene', 'Web form', cells[4], 'Open', cells[6]]);
      expect(cells[7]).toMatch(/^Breached\s*\d+ hours?( \d+ minutes?)? overdue$/);
      expect(await levels.teamCounts()).toContainEqual(expect.stringMatching(/^Street Scene .*\d+ breached$/));
      expect(await seriousViolations(page)).toEqual([]);

      // Act: Street Scene only, and a reload: the filter is in the address and stays.
      await levels.filterBy('Team', 'Street Scene');
      await levels.applyFilters();
      await page.waitForURL(/\/service-levels\?team=street-scene$/);
      await page.reload();
      await levels.isShown();
      expect(await page.getByLabel('Team', { exact: true }).inputValue()).toBe('street-scene');
      await levels.row(reference).waitFor();
      expect(await page.getByRole('table').getByRole('row').count()).toBeGreaterThan(1);
      const teams = await page.getByRole('table').locator('tbody tr td:nth-child(3)').allInnerTexts();
      expect(new Set(teams)).toEqual(new Set(['Street Scene']));

      // Act: the table as CSV.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /^Download this table \(CSV\)/ }).click()]);
      const csv = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '');

      // Assess: one line per row on screen, with the due time and the working minutes as figures.
      const [heading, ...lines] = csv.trim().split('\r\n');
      expect(heading).toBe('Case,Service,Team,Channel,Priority,Status,Due,Service level,Looking now');
      const onScreen = await page.getByRole('table').locator('tbody tr td:first-child').allTextContents();
      expect(lines.map((l) => l.split(',')[0])).toEqual(onScreen.map((t) => t.trim()));
      const line = lines.find((l) => l.startsWith(`${reference},`))!.split(',');
      expect(line[6]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      // The service level as working minutes left: negative, overdue by more than two days of real time.
      expect(Number(line[7])).toBeLessThan(-60 * 48);
      expect(download.suggestedFilename()).toMatch(/^service-levels-\d{4}-\d{2}-\d{2}-street-scene\.csv$/);

      // Act: clear the filters, then open the case from its row.
      await page.getByRole('link', { name: 'Clear filters' }).click();
      await page.waitForURL(/\/service-levels$/);
      await levels.openCase(reference);

      // Assess
      expect(await page.getByTestId('sla-clock').innerText()).toMatch(/Overdue by/);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('says in words that a team’s member may not use it', async () => {
    const { context, page, problems } = await newPage(browser);
    try {
      await page.goto('/service-levels');
      await new SignInPage(page).signInAs('Priya Shah');
      await page.getByRole('heading', { level: 1, name: 'You cannot use this page' }).waitFor();
      expect(await page.locator('main').innerText()).toContain('priya.shah, who may not see the service levels');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('who else is looking', () => {
  it('shows each of two people on one case the other, politely, and forgets the one who leaves', { timeout: 120_000 }, async () => {
    // Prepare
    const reference = await breachedCase('Needles by the swings in the park');
    const amara = await newPage(browser);
    const david = await newPage(browser);
    try {
      for (const [{ page }, name] of [[amara, 'Amara Okafor'], [david, 'David Hughes']] as const) {
        await page.goto(`/cases/${reference}`);
        await new SignInPage(page).signInAs(name);
        await page.getByTestId('sla-clock').waitFor();
      }

      // Assess: the second to arrive sees the first at once; the first sees the second by the next heartbeat.
      const davidSees = new PresenceBanner(david.page);
      expect(await davidSees.waitForLooker('amara.okafor')).toBe('amara.okafor is also looking at this case.');
      expect(await davidSees.announcement()).toBe('amara.okafor is also looking at this case.');
      const amaraSees = new PresenceBanner(amara.page);
      expect(await amaraSees.waitForLooker('david.hughes')).toBe('david.hughes is also looking at this case.');
      expect(await seriousViolations(amara.page)).toEqual([]);

      // Act: David closes his tab.
      await david.page.close({ runBeforeUnload: true });

      // Assess: Amara's banner goes at the next heartbeat, and she is told once.
      await amaraSees.waitUntilNobodyElse();
      expect(await amaraSees.announcement()).toBe('Nobody else is looking at this case now.');
      expect(amara.problems).toEqual([]);
      expect(david.problems).toEqual([]);
    } finally {
      await amara.context.close();
      await david.context.close();
    }
  });
});
