// The managers' performance view in Chromium: a manager sees the charts and the tables with the
// figures of contacts this test recorded (routing corrections among them: an adviser's override
// and a team's reroute); every table's CSV download holds the same figures as the table on screen;
// bad filters in the address are named in words (never a blank page); and the printed page leaves
// out the navigation, the filters and the buttons.
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, londonToday, periodLabel } from '../../console/src/performance.ts';
import type { Interval } from '../../console/src/api-types.ts';
import { signInLocally } from '../../infra/local/sign-in.ts';
import { waitFor } from '../support/wait.ts';
import { consoleUrl, launchChromium, newPage } from './support/browser.ts';
import { PerformancePage, SignInPage } from './support/pages.ts';

let browser: Browser;
let managerToken: string;
let adviserToken: string;
let wasteToken: string;
beforeAll(async () => {
  browser = await launchChromium();
  managerToken = (await signInLocally(consoleUrl, 'david.hughes')).accessToken;
  adviserToken = (await signInLocally(consoleUrl, 'amara.okafor')).accessToken;
  wasteToken = (await signInLocally(consoleUrl, 'priya.shah')).accessToken;
});

/** A call to the console API as a signed-in person. */
async function asPerson(token: string, path: string, body: unknown): Promise<Record<string, any>> {
  const response = await fetch(`${consoleUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as Record<string, any>;
  expect(response.status, JSON.stringify(answer)).toBeLessThan(300);
  return answer;
}
afterAll(async () => {
  await browser?.close();
});

type Report = { totals: Record<string, any>; series: Array<{ period: string; totals: Record<string, any> }> };

async function measures(query: string): Promise<Report> {
  const response = await fetch(`${consoleUrl}/api/console/measures?${query}`, { headers: { authorization: `Bearer ${managerToken}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as Report;
}

async function report(body: Record<string, unknown>): Promise<Record<string, any>> {
  const response = await fetch(`${consoleUrl}/api/contacts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(response.status).toBe(201);
  return (await response.json()) as Record<string, any>;
}

async function signedInAsManager(page: Page, query: string): Promise<PerformancePage> {
  await page.goto(`/performance?${query}`);
  await new SignInPage(page).signInAs('David Hughes');
  const view = new PerformancePage(page);
  await page.getByRole('heading', { level: 1, name: 'Performance' }).waitFor();
  return view;
}

/** RFC 4180 text (as console/src/csv.ts writes it) back into rows of cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      (row = []), (cell = ''), i++;
    } else cell += c;
  }
  return rows;
}

/** A CSV cell as the screen says it: a period in words; otherwise the same figure or words. */
function periodOnScreen(csv: string, heading: string, interval: Interval): string {
  if (!['Day', 'Week', 'Month'].includes(heading)) return csv;
  const [from, to = from] = csv.split(' to ');
  return periodLabel({ period: from!, from: from!, to: to! }, interval);
}

/** A cell on screen as its CSV figure: a percentage without its sign, a dash for none as empty. */
const asFigure = (cell: string) => (cell === '–' ? '' : cell.replace(/^(-?\d+(?:\.\d+)?)%$/, '$1'));

/** Downloads every table on the page and compares each file with the table on screen, cell by cell. */
async function everyDownloadMatches(page: Page, view: PerformancePage, interval: Interval, nameHas: string): Promise<number> {
  const buttons = page.getByRole('button', { name: /^Download this table \(CSV\)/ });
  const tables = page.locator('table');
  const count = await buttons.count();
  expect(await tables.count()).toBe(count);
  for (let i = 0; i < count; i++) {
    const [download] = await Promise.all([page.waitForEvent('download'), buttons.nth(i).click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^[a-z0-9-]+-${nameHas}\\.csv$`));
    const text = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '');
    const [headings, ...rows] = parseCsv(text);
    const screen = await view.cells(tables.nth(i));
    expect(headings).toEqual(screen.headings);
    expect(rows.length).toBe(screen.rows.length);
    expect(rows.map((row) => row.map((cell, c) => periodOnScreen(cell, headings![c]!, interval)))).toEqual(screen.rows.map((row) => row.map(asFigure)));
  }
  return count;
}

describe('the performance view', () => {
  it('shows a manager the charts, and tables and headline figures with the contacts this test recorded', { timeout: 90_000 }, async () => {
    // Prepare: graffiti reported on the web, then again by the same resident (a repeat contact).
    const today = londonToday();
    const from = addDays(today, -6);
    const query = `from=${from}&to=${today}&interval=day&focus=service%3Agraffiti`;
    const before = await measures(query);
    const first = await report({ description: 'Graffiti sprayed all over the wall of the library', service: 'graffiti', phone: '07700 900612' });
    const again = await report({ description: 'The graffiti on the library wall is still there', service: 'graffiti', phone: '07700 900612' });
    await report({ description: 'Graffiti on the railway bridge by the station', service: 'graffiti' });
    expect(again.repeatOf).toBe(first.reference);
    const counted = await waitFor(() => measures(query), (r) => r.totals.contacts === before.totals.contacts + 3, 30_000);
    const todayBefore = before.series.at(-1)!.totals;
    const todayAfter = counted.series.at(-1)!.totals;
    expect([todayAfter.contacts, todayAfter.repeatContacts]).toEqual([todayBefore.contacts + 3, todayBefore.repeatContacts + 1]);

    // Act
    const { context, page, problems } = await newPage(browser);
    try {
      const view = await signedInAsManager(page, query);
      const charts = await view.chartsDrawn();

      // Assess: a chart for each measure (no channel mix for one service), each drawn as SVG.
      expect(charts).toBe(6);
      expect(await page.locator('.app-chart__drawing svg').count()).toBeGreaterThanOrEqual(6);
      expect(await page.locator('.app-chart__drawing [role="img"]').first().getAttribute('aria-label')).toMatch(/^First-contact resolution: day by day, /);
      expect(await page.locator('.app-performance-view').innerText()).toContain('for the service “Report graffiti or fly-posting” only');
      // The repeat contacts table: today's row has this test's three contacts and one repeat.
      const repeats = await view.cells(view.table('Repeat contacts, day by day'));
      expect(repeats.headings).toEqual(['Day', 'Contacts', 'Repeat contacts', 'Repeat contacts (%)']);
      expect(repeats.rows).toHaveLength(7);
      const share = Math.round((todayAfter.repeatContacts / todayAfter.contacts) * 1000) / 10;
      expect(repeats.rows.at(-1)).toEqual([periodLabel({ period: today, from: today, to: today }, 'day'), String(todayAfter.contacts), String(todayAfter.repeatContacts), `${share}%`]);
      // The headline figures over the week.
      expect(await view.figure('Resolved at first contact')).toMatchObject({ detail: `of ${counted.totals.contacts} contacts` });
      expect(await view.figure('Repeat contacts')).toEqual({
        value: `${Math.round(counted.totals.repeatContactShare * 1000) / 10}%`,
        detail: `${counted.totals.repeatContacts} about a case already open`,
      });
      expect(await view.figure('Failure demand')).toEqual({
        value: `${Math.round(counted.totals.failureDemandShare * 1000) / 10}%`,
        detail: `${counted.totals.failureDemand} contacts: chasing, repeating, correcting, complaining`,
      });
      expect((await view.figure('Self-service share')).detail).toBe('not counted for one service');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows routing corrections (an adviser’s override, a team’s reroute): the chart, its table, a line per service and the headline figure', { timeout: 90_000 }, async () => {
    // Prepare: an adviser chooses street lights over routing's suggestion for a pothole; Waste
    // Services send a missed bin to fly-tipping.
    const today = londonToday();
    const from = addDays(today, -6);
    const query = `from=${from}&to=${today}&interval=day`;
    const before = await measures(query);
    const words = 'There is a deep pothole in the road outside the school, a car burst its tyre in it';
    const suggested = await asPerson(adviserToken, '/api/console/route', { description: words });
    expect(['handoff', 'resolve']).toContain(suggested.decision);
    expect(suggested.service.id).not.toBe('street-light-fault');
    await asPerson(adviserToken, '/api/console/contacts', {
      channel: 'phone',
      description: words,
      service: 'street-light-fault',
      overrideReason: 'A lamp post was knocked down there: the column is the problem',
    });
    const bin = await report({ description: 'Bin not collected, and someone dumped a sofa next to it', service: 'missed-bin' });
    await asPerson(wasteToken, `/api/console/cases/${bin.reference}/team-actions`, { version: 1, action: 'reroute', serviceId: 'fly-tipping', reason: 'The sofa is fly-tipping' });
    const counted = await waitFor(
      () => measures(query),
      (r) => r.totals.routingOverridden === before.totals.routingOverridden + 1 && r.totals.routingRerouted === before.totals.routingRerouted + 1,
      30_000,
    );
    expect([counted.totals.routingOverridden, counted.totals.routingRerouted]).toEqual([before.totals.routingOverridden + 1, before.totals.routingRerouted + 1]);

    // Act
    const { context, page, problems } = await newPage(browser);
    try {
      const view = await signedInAsManager(page, query);
      await view.chartsDrawn();

      // Assess: the chart drawn, and today's row of its table as the API counted it.
      const chart = page.locator('section.app-chart').filter({ has: page.getByRole('heading', { name: 'Routing corrected', exact: true }) });
      expect(await chart.locator('.app-chart__drawing [role="img"]').getAttribute('aria-label')).toMatch(/^Routing corrected: day by day, /);
      const table = await view.cells(view.table('Routing corrected, day by day'));
      expect(table.headings).toEqual(['Day', 'Contacts as routed', 'Overridden by advisers', 'Rerouted by teams', 'Routing corrected (%)']);
      const day = counted.series.at(-1)!.totals;
      const share = (fraction: number) => `${Math.round(fraction * 1000) / 10}%`;
      expect(table.rows.at(-1)).toEqual([
        periodLabel({ period: today, from: today, to: today }, 'day'),
        String(day.routedContacts),
        String(day.routingOverridden),
        String(day.routingRerouted),
        share(day.routingCorrectionShare),
      ]);
      expect(await view.figure('Routing corrected')).toEqual({
        value: share(counted.totals.routingCorrectionShare),
        detail: `${counted.totals.routingOverridden} overridden by advisers, ${counted.totals.routingRerouted} rerouted by teams`,
      });
      // Every measure's table has the corrections too.
      const every = await view.cells(view.table('Every measure, day by day'));
      expect(every.headings).toEqual(expect.arrayContaining(['Overridden by advisers', 'Rerouted by teams', 'Routing corrected (%)']));

      // By service, week by week: a line for each of the services with the most corrections, and
      // every service in the table, the most corrected first: missed bins among them.
      await view.open(`from=${from}&to=${today}&interval=week&by=service`);
      await view.chartsDrawn();
      const byService = page.locator('section.app-chart').filter({ has: page.getByRole('heading', { name: 'Routing corrected by service' }) });
      expect(await byService.locator('[role="img"]').getAttribute('aria-label')).toMatch(/a line for each of the \d services with the most routing corrections/);
      const corrections = await view.cells(view.table('Routing corrected by service, week by week'));
      expect(corrections.headings.slice(0, 5)).toEqual(['Service', 'Contacts', 'Contacts as routed', 'Corrections', 'Routing corrected (%), whole range']);
      const missedBin = corrections.rows.find((row) => row[0] === 'Report a missed bin collection')!;
      expect(Number(missedBin[3])).toBeGreaterThanOrEqual(1);
      const counts = corrections.rows.map((row) => Number(row[3]));
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
      const everyByService = await view.cells(view.table('Every measure by service, over the whole range'));
      expect(everyByService.headings).toContain('Corrections to it');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('the CSV export downloads and its figures equal the table on screen, for every table, with the filters in its name', { timeout: 120_000 }, async () => {
    const today = londonToday();
    const from = addDays(today, -13);
    const { context, page, problems } = await newPage(browser);
    try {
      // One service alone, day by day: each chart's table and the table of every measure by day.
      const view = await signedInAsManager(page, `from=${from}&to=${today}&interval=day&focus=service%3Agraffiti`);
      await view.chartsDrawn();
      expect(await everyDownloadMatches(page, view, 'day', `${from}-to-${today}-day-service-graffiti`)).toBe(7);

      // Week by week, by service: a row per service and a column per week, and every measure by service.
      await view.open(`from=${from}&to=${today}&interval=week&by=service`);
      await view.chartsDrawn();
      const byService = await view.cells(view.table('Every measure by service, over the whole range'));
      expect(byService.headings).toContain('SLA met (%)');
      expect(byService.rows.some((row) => row[0] === 'Report graffiti or fly-posting')).toBe(true);
      expect(await everyDownloadMatches(page, view, 'week', `${from}-to-${today}-week-by-service`)).toBe(9);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('names bad filters in the address in words, and what the API refused, never a blank page', { timeout: 60_000 }, async () => {
    const { context, page, problems } = await newPage(browser);
    try {
      const view = await signedInAsManager(page, 'from=2026-02-30&interval=fortnight&by=service');
      expect(await view.problems()).toEqual([
        'The start date must be a real date, like 2026-11-01 (the address gave “2026-02-30”)',
        'Show the figures day by day, week by week or month by month (the address gave “fortnight”)',
      ]);
      expect(await page.locator('#interval-error').innerText()).toContain('fortnight');
      expect(await page.locator('.app-chart').count()).toBe(0);

      // A focus the council does not have passes the page's checks; the API's words are shown.
      await view.open('focus=service%3Aunicorns');
      expect(await view.problems()).toEqual(["'focus' names no service 'unicorns' we know."]);

      // Clear goes back to the last four weeks, day by day.
      await page.getByRole('link', { name: 'Clear' }).click();
      await view.chartsDrawn();
      expect(await page.locator('.app-performance-view').innerText()).toMatch(/day by day\.$/);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('applies filters chosen in the form and the quick ranges, and keeps them in the address', { timeout: 60_000 }, async () => {
    const today = londonToday();
    const { context, page, problems } = await newPage(browser);
    try {
      const view = await signedInAsManager(page, '');
      await view.chartsDrawn();
      await page.getByLabel('Periods').selectOption({ label: 'Week by week' });
      await page.getByLabel('Break down by').selectOption({ label: 'Channel' });
      await view.apply();
      await page.waitForURL(/by=channel/);
      await view.chartsDrawn();
      const address = new URL(page.url());
      expect(Object.fromEntries(address.searchParams)).toEqual({ from: addDays(today, -27), to: today, interval: 'week', by: 'channel' });
      expect(await page.getByRole('heading', { name: 'First-contact resolution by channel' }).count()).toBe(1);

      await page.getByRole('link', { name: 'Last 3 months' }).click();
      await page.waitForURL(new RegExp(`from=${addDays(today, -91)}`));
      await view.chartsDrawn();
      expect(await page.getByLabel('From').inputValue()).toBe(addDays(today, -91));
      // The same view after a reload.
      await page.reload();
      await view.chartsDrawn();
      expect(await page.getByLabel('Break down by').inputValue()).toBe('channel');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("loads the charts' code (Observable Plot) only on a manager's view, never at the console's first load", { timeout: 60_000 }, async () => {
    // A message only Observable Plot's code holds (its legends' own error), to know its chunk by.
    const PLOT_MARKER = 'swatches legend requires';
    // The scripts a page loaded, fetched again afterwards (hashed assets: the same files), so a
    // navigation during the load cannot lose a body.
    const scriptsLoaded = (page: Page) => {
      const urls = new Set<string>();
      page.on('response', (response) => {
        if (new URL(response.url()).pathname.endsWith('.js')) urls.add(response.url());
      });
      return async () => {
        const bodies = await Promise.all([...urls].map(async (url) => (await fetch(url)).text()));
        return bodies.filter((body) => body.includes(PLOT_MARKER)).length;
      };
    };
    const adviser = await newPage(browser);
    const manager = await newPage(browser);
    try {
      const plotAtFirstLoad = scriptsLoaded(adviser.page);
      await adviser.page.goto('/');
      await new SignInPage(adviser.page).signInAs('Amara Okafor');
      await adviser.page.getByRole('heading', { level: 1, name: 'New contact' }).waitFor();
      await adviser.page.waitForLoadState('networkidle');
      expect(await plotAtFirstLoad()).toBe(0);

      const plotOnPerformance = scriptsLoaded(manager.page);
      const view = await signedInAsManager(manager.page, 'interval=week');
      await view.chartsDrawn();
      expect(await plotOnPerformance()).toBe(1);
    } finally {
      await adviser.context.close();
      await manager.context.close();
    }
  });

  it('prints the figures, charts and tables without the navigation, the filters or the buttons', { timeout: 60_000 }, async () => {
    const { context, page } = await newPage(browser);
    try {
      const view = await signedInAsManager(page, 'interval=week');
      await view.chartsDrawn();
      await page.emulateMedia({ media: 'print' });

      expect(await page.getByRole('button', { name: 'Apply' }).isVisible()).toBe(false);
      expect(await page.getByRole('button', { name: 'Print this page' }).isVisible()).toBe(false);
      expect(await page.getByRole('button', { name: /^Download this table/ }).first().isVisible()).toBe(false);
      expect(await page.getByRole('navigation', { name: 'Menu' }).isVisible()).toBe(false);
      expect(await page.getByTestId('headline-figures').isVisible()).toBe(true);
      expect(await page.locator('.app-chart__drawing svg').first().isVisible()).toBe(true);
      expect(await view.table('Every measure, week by week').isVisible()).toBe(true);
    } finally {
      await context.close();
    }
  });
});
