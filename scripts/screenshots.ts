// `npm run screenshots`: a picture of each view of the console, at a desk (1280 px) and on a
// tablet (768 px), for the README: docs/screenshots/<view>.png and <view>-tablet.png. Starts the
// local stack with the console and the demo month `npm start` seeds (in memory), records a few
// contacts more the way residents and advisers would (a web form, texts and a call through the
// resident simulator, a walk-in through the console), signs in through the fake Cognito, and
// visits each view (an adviser's, a manager's, then a service team member's). It also runs axe (WCAG 2.2 A
// and AA) on each view and prints what it finds; the exit code is 1 if a view failed to show or
// has a serious or critical violation.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { axeFindings, launchChromium } from '../infra/local/chromium.ts';
import { REPO_ROOT, startLocalStack, type LocalStack } from '../infra/local/stack.ts';

const OUT = join(REPO_ROOT, 'docs', 'screenshots');
const WIDTHS = [
  { suffix: '', width: 1280, height: 900 },
  { suffix: '-tablet', width: 768, height: 1024 },
];
const RESIDENT_PHONE = '07700 900456';
/** A resident of the demo month who came by phone, by text and to the desk (README). */
const SEEDED_RESIDENT = 'Margaret Lloyd';

async function post(stack: LocalStack, path: string, body: unknown): Promise<Record<string, any>> {
  const response = await fetch(`${stack.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const answer = (await response.json()) as Record<string, any>;
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${JSON.stringify(answer)}`);
  return answer;
}

/** A few days' worth of contacts on every channel, through the channels' own routes. */
async function recordContacts(stack: LocalStack): Promise<void> {
  const web = [
    { description: 'The street light outside number 14 has been out for a week', name: 'Sam Patel', phone: RESIDENT_PHONE },
    { description: 'Someone has dumped a fridge and mattresses in the alley behind the shops', email: 'jo.bloggs@example.org' },
    { description: 'There is a deep pothole by the bus stop on Mill Road', phone: '07700 900789' },
    { description: 'What are your opening hours on Saturday?' },
  ];
  for (const contact of web) await post(stack, '/api/contacts', contact);
  for (const body of ['My bin was not collected today', '14 Mill Road, CB1 2AB', 'recycling', 'YES']) {
    await post(stack, '/_local/simulator/sms', { from: RESIDENT_PHONE, body });
  }
  const call = await post(stack, '/_local/simulator/calls', { from: '07700 900321' });
  await post(stack, `/_local/simulator/calls/${call.callId}`, { speech: 'there is graffiti all over the bus shelter on the high street' });
}

async function signIn(page: Page, name: string): Promise<void> {
  await page.goto('/');
  await page.getByRole('heading', { name: 'Sign in (local)' }).waitFor();
  await page.getByRole('button', { name }).click();
  await page.getByRole('heading', { level: 1, name: 'New contact' }).waitFor();
}

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
}

/**
 * Opens the service levels, and the first case on it as Amara Okafor in another browser context, so
 * the view shows who is looking; returns that context, to close after the picture.
 */
async function serviceLevelsWithALooker(browser: Browser, stack: LocalStack, page: Page): Promise<{ close(): Promise<void> }> {
  await page.goto('/service-levels');
  await page.getByRole('heading', { level: 1, name: 'Service levels' }).waitFor();
  const first = page.getByRole('table').getByRole('link').first();
  await first.waitFor();
  const reference = (await first.innerText()).trim();
  const other = await browser.newContext({ baseURL: stack.url });
  const looking = await other.newPage();
  await looking.goto(`/cases/${encodeURIComponent(reference)}`);
  await looking.getByRole('button', { name: 'Amara Okafor' }).click();
  await looking.getByTestId('sla-clock').waitFor();
  await page.reload();
  await page.getByRole('table').getByText('amara.okafor').waitFor();
  return { close: () => other.close() };
}

interface Finding {
  view: string;
  problems: string[];
}

/** `maxHeight`: only the top of a long page (its first screens), to keep the picture readable. */
async function capture(page: Page, view: string, suffix: string, findings: Finding[], maxHeight?: number): Promise<void> {
  await settle(page);
  const height = maxHeight && (await page.evaluate('document.documentElement.scrollHeight')) as number;
  const clip = height && maxHeight && height > maxHeight ? { clip: { x: 0, y: 0, width: page.viewportSize()!.width, height: maxHeight } } : {};
  await page.screenshot({ path: join(OUT, `${view}${suffix}.png`), fullPage: true, ...clip });
  if (suffix) return;
  const { serious: problems, minor } = await axeFindings(page);
  findings.push({ view, problems });
  console.log(`  ${view}: axe ${problems.length ? `${problems.length} serious/critical` : 'no serious or critical violations'}${minor.length ? `; minor: ${minor.join(', ')}` : ''}`);
  for (const problem of problems) console.log(`    ${problem}`);
}

/** One part of a page (a chart with its table), as it shows. */
async function captureSection(page: Page, section: ReturnType<Page['locator']>, view: string, suffix: string): Promise<void> {
  await settle(page);
  await section.screenshot({ path: join(OUT, `${view}${suffix}.png`) });
}

/** Every view, in the order an adviser meets them. */
async function visitViews(browser: Browser, stack: LocalStack, width: (typeof WIDTHS)[number], findings: Finding[]): Promise<void> {
  const context = await browser.newContext({ viewport: { width: width.width, height: width.height }, baseURL: stack.url });
  const page = await context.newPage();
  page.on('pageerror', (error) => findings.push({ view: page.url(), problems: [`script error: ${error.message}`] }));
  const shot = (view: string, maxHeight?: number) => capture(page, view, width.suffix, width.suffix ? [] : findings, maxHeight);
  try {
    await page.goto('/');
    await page.getByRole('heading', { name: 'Sign in (local)' }).waitFor();
    await shot('sign-in');
    await page.getByRole('button', { name: 'Amara Okafor' }).click();
    await page.getByRole('heading', { level: 1, name: 'New contact' }).waitFor();

    // New contact, half filled, with the suggestion showing.
    await page.getByRole('radio', { name: 'Face to face' }).check();
    await page.getByLabel('Customer Service Centre').fill('Town Hall');
    await page.getByLabel('Name', { exact: true }).fill('Sam Patel');
    await page.getByLabel('Phone number').fill(RESIDENT_PHONE);
    await page.getByLabel('Address or postcode').fill('14 Mill Road, CB1 2AB');
    await page.getByLabel('In the resident’s words').fill('They missed our recycling again, it is the third time this month');
    await page.locator('#suggestion h2').waitFor();
    await shot('new-contact');
    const binType = page.getByRole('group', { name: 'Which bin was missed?' });
    if (await binType.count()) await binType.getByRole('radio', { name: 'Recycling' }).check();
    await page.getByRole('button', { name: 'Record contact' }).click();
    await page.locator('.govuk-panel__title').waitFor();
    await shot('confirmation');
    const reference = (await page.getByTestId('reference').count()) ? (await page.getByTestId('reference').innerText()).trim() : undefined;

    await page.goto(`/residents?q=${encodeURIComponent(SEEDED_RESIDENT)}`);
    await page.getByRole('table').or(page.getByText(/No residents found/)).first().waitFor();
    await shot('residents');
    const first = page.getByRole('table').getByRole('link').first();
    if (await first.count()) {
      await first.click();
      await page.locator('.moj-timeline').or(page.getByText('No contacts recorded yet.')).first().waitFor();
      await shot('resident');
      // The form to mark a contact as failure demand, open on the resident's latest repeat or mark.
      const mark = page.locator('.moj-timeline summary', { hasText: /kind of failure demand|Change the failure demand mark/ }).first();
      if (await mark.count()) {
        await mark.click();
        await shot('failure-demand');
      }
    }
    if (reference) {
      await page.goto(`/cases/${encodeURIComponent(reference)}`);
      await page.getByTestId('sla-clock').waitFor();
      await shot('case');
    }
    await page.goto('/now');
    await page.getByRole('table').waitFor();
    await shot('now');
    await page.goto('/help');
    await shot('help');
    await page.goto('/performance');
    await page.getByRole('heading', { level: 1, name: 'You cannot use this page' }).waitFor();
    await shot('forbidden');

    await page.goto('/simulator');
    await page.locator('.app-thread__message').first().waitFor();
    await shot('simulator');
    await page.goto('/simulator/call');
    await page.getByRole('button', { name: 'Call the council' }).click();
    await page.locator('.app-call__turn').first().waitFor();
    await page.getByLabel('Say something').fill('when is my bin day');
    await page.getByRole('button', { name: 'Say it' }).click();
    await page.getByText('You: when is my bin day').waitFor();
    await page.waitForTimeout(500);
    await shot('simulator-call');

    // A manager's view, as a manager.
    await page.evaluate('window.sessionStorage.clear()');
    await signIn(page, 'David Hughes');
    // The last four weeks of the demo month day by day: the headline figures and the first charts.
    await page.goto('/performance');
    await page.getByRole('heading', { level: 1, name: 'Performance' }).waitFor();
    await page.getByText('Loading the measures…').waitFor({ state: 'detached' });
    await page.locator('.app-chart__drawing [role="img"]').first().waitFor();
    await shot('performance', 2600);
    // Routing corrected by service, week by week: the chart's lines and its table (the view is the one above; axe ran on it).
    await page.goto('/performance?interval=week&by=service');
    await page.getByText('Loading the measures…').waitFor({ state: 'detached' });
    const routing = page.locator('section.app-chart').filter({ has: page.getByRole('heading', { name: 'Routing corrected by service' }) });
    await routing.locator('.app-chart__drawing [role="img"]').waitFor();
    await captureSection(page, routing, 'routing-quality', width.suffix);
    // Demand, still as the manager (a team member may not see it).
    await page.goto('/demand');
    await page.getByRole('heading', { level: 1, name: 'Demand' }).waitFor();
    await page.getByText('Loading the demand figures…').waitFor({ state: 'detached' });
    await page.locator('.app-chart svg').first().waitFor();
    await shot('demand');

    // Service levels: the seeded month's cases at risk and in breach, one of them open elsewhere.
    const lateCase = await serviceLevelsWithALooker(browser, stack, page);
    await shot('service-levels');
    await lateCase.close();

    // A service team's member: their worklist, and one of their cases with the team's actions
    // (the resolve form, part typed, with its character count).
    await page.evaluate('window.sessionStorage.clear()');
    await page.goto('/');
    await page.getByRole('heading', { name: 'Sign in (local)' }).waitFor();
    await page.getByRole('button', { name: 'Priya Shah' }).click();
    await page.getByRole('heading', { level: 1, name: 'Worklist' }).waitFor();
    await page.getByRole('table').waitFor();
    await shot('worklist');
    const open = page.getByRole('row').filter({ hasText: 'Open' }).getByRole('link');
    await ((await open.count()) ? open.first() : page.getByRole('table').getByRole('link').first()).click();
    await page.getByTestId('team-actions').waitFor();
    await page.getByRole('radio', { name: 'Resolve it' }).check();
    await page.getByLabel('What was done').fill('Crew went back the same afternoon and emptied it');
    await page.getByLabel('Message to the resident').fill('We have now emptied your bin. Sorry it was missed.');
    await page.evaluate('document.activeElement.blur()');
    await shot('team-case');
  } catch (error) {
    findings.push({ view: `${page.url()} at ${width.width} px`, problems: [`did not show: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`] });
    await page.screenshot({ path: join(OUT, `failed${width.suffix}.png`), fullPage: true }).catch(() => undefined);
  } finally {
    await context.close();
  }
}

process.env.LOG_LEVEL ??= 'ERROR';
mkdirSync(OUT, { recursive: true });
console.log('Starting the local stack with the console and the demo month (in memory; seeding takes a while)...');
const stack = await startLocalStack({ port: 0, console: true, seed: true });
let failed = false;
try {
  await recordContacts(stack);
  const browser = await launchChromium();
  try {
    const findings: Finding[] = [];
    for (const width of WIDTHS) {
      console.log(`At ${width.width} px:`);
      await visitViews(browser, stack, width, findings);
    }
    const bad = findings.filter((f) => f.problems.length);
    for (const finding of bad) console.log(`PROBLEM ${finding.view}: ${finding.problems.join('; ')}`);
    failed = bad.length > 0;
    console.log(`Screenshots in ${OUT}`);
  } finally {
    await browser.close();
  }
} finally {
  await stack.stop();
}
process.exit(failed ? 1 : 0);
