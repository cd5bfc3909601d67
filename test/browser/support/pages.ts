// Page objects: what a person sees and does on each page, so a test reads as their journey.
import type { Page } from 'playwright-core';

/** The fake Cognito's authorize page: choose who to sign in as. */
export class SignInPage {
  constructor(private readonly page: Page) {}

  async signInAs(name: string): Promise<void> {
    await this.page.getByRole('heading', { name: 'Sign in (local)' }).waitFor();
    await this.page.getByRole('button', { name }).click();
  }
}

export class NewContactPage {
  constructor(private readonly page: Page) {}

  async isShown(): Promise<void> {
    await this.page.getByRole('heading', { level: 1, name: 'New contact' }).waitFor();
  }

  async faceToFace(centre: string): Promise<void> {
    await this.page.getByRole('radio', { name: 'Face to face' }).check();
    await this.page.getByLabel('Customer Service Centre').fill(centre);
  }

  async resident(details: { name?: string; phone?: string; email?: string; address?: string }): Promise<void> {
    if (details.name) await this.page.getByLabel('Name', { exact: true }).fill(details.name);
    if (details.phone) await this.page.getByLabel('Phone number').fill(details.phone);
    if (details.email) await this.page.getByLabel('Email address').fill(details.email);
    if (details.address) await this.page.getByLabel('Address or postcode').fill(details.address);
  }

  async describe(words: string): Promise<void> {
    await this.page.getByLabel('In the resident’s words').fill(words);
  }

  /** The suggestion's heading once routing has answered. */
  async suggestion(): Promise<string> {
    const heading = this.page.locator('#suggestion h2');
    await heading.waitFor();
    return (await heading.innerText()).trim();
  }

  async chooseService(name: string): Promise<void> {
    await this.page.getByLabel('Service', { exact: true }).selectOption({ label: name });
  }

  /** Answers a choice the chosen service needs (a radio by its label). */
  async answerChoice(question: string, answer: string): Promise<void> {
    await this.page.getByRole('group', { name: question }).getByRole('radio', { name: answer }).check();
  }

  async handOff(): Promise<void> {
    await this.page.getByRole('radio', { name: /^Hand off to the team/ }).check();
  }

  async record(): Promise<void> {
    await this.page.getByRole('button', { name: 'Record contact' }).click();
  }
}

export class ConfirmationPage {
  constructor(private readonly page: Page) {}

  async heading(): Promise<string> {
    const h1 = this.page.locator('.govuk-panel__title');
    await h1.waitFor();
    return (await h1.innerText()).trim();
  }

  async reference(): Promise<string> {
    return (await this.page.getByTestId('reference').innerText()).trim();
  }

  async commitment(): Promise<string> {
    return (await this.page.getByTestId('commitment').innerText()).trim();
  }

  async readOut(): Promise<string> {
    return (await this.page.locator('#read-out').innerText()).trim();
  }
}

/** A service team's worklist: its open cases, soonest due first. */
export class WorklistPage {
  constructor(private readonly page: Page) {}

  async isShown(): Promise<void> {
    await this.page.getByRole('heading', { level: 1, name: 'Worklist' }).waitFor();
    await this.page.getByRole('table').or(this.page.getByText(/has no open cases/)).first().waitFor();
  }

  /** The references in the table, top to bottom. */
  async references(): Promise<string[]> {
    return (await this.page.getByRole('table').getByRole('link').allInnerTexts()).map((text) => text.trim());
  }

  async open(reference: string): Promise<void> {
    await this.page.getByRole('table').getByRole('link', { name: reference, exact: true }).click();
    await this.page.getByRole('heading', { level: 1, name: reference }).waitFor();
  }
}

/** Service levels: the cases at risk and in breach, counted per team, with filters in the address. */
export class ServiceLevelsPage {
  constructor(private readonly page: Page) {}

  async open(query = ''): Promise<void> {
    await this.page.goto(`/service-levels${query}`);
    await this.isShown();
  }

  /** The view has read the service levels (the table, or the words that say there is nothing late). */
  async isShown(): Promise<void> {
    await this.page.getByRole('heading', { level: 1, name: 'Service levels' }).waitFor();
    await this.page.getByRole('table').or(this.page.getByTestId('no-late-cases')).first().waitFor();
  }

  /** A case's row in the table, by its reference. */
  row(reference: string) {
    return this.page.getByRole('row').filter({ has: this.page.getByRole('link', { name: reference, exact: true }) });
  }

  /** Each team's line of counts, e.g. "Street Scene 1 breached". */
  async teamCounts(): Promise<string[]> {
    return (await this.page.getByTestId('team-counts').getByRole('listitem').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
  }

  async filterBy(label: 'Team' | 'Service' | 'Channel' | 'Priority', option: string): Promise<void> {
    await this.page.getByLabel(label, { exact: true }).selectOption({ label: option });
  }

  async applyFilters(): Promise<void> {
    await this.page.getByRole('button', { name: 'Apply filters' }).click();
  }

  async openCase(reference: string): Promise<void> {
    await this.row(reference).getByRole('link', { name: reference, exact: true }).click();
    await this.page.getByRole('heading', { level: 1, name: reference }).waitFor();
  }
}

/** The case page's "What your team can do": choose an action, fill it in, send it, read the confirmation. */
export class TeamActionsPanel {
  constructor(private readonly page: Page) {}

  private get panel() {
    return this.page.getByTestId('team-actions');
  }

  async choices(): Promise<string[]> {
    await this.panel.waitFor();
    return (await this.panel.getByRole('group', { name: 'Choose what to do' }).locator('.govuk-radios__label').allInnerTexts()).map((t) => t.trim());
  }

  async choose(label: string): Promise<void> {
    await this.panel.getByRole('radio', { name: label, exact: true }).check();
  }

  async fill(label: string, text: string): Promise<void> {
    await this.panel.getByLabel(label, { exact: true }).fill(text);
  }

  async send(button: string): Promise<void> {
    await this.panel.getByRole('button', { name: button }).click();
  }

  /** The success banner's words once the action is done. */
  async confirmation(contains: string): Promise<string> {
    const banner = this.page.locator('.govuk-notification-banner--success').filter({ hasText: contains });
    await banner.waitFor();
    return (await banner.innerText()).trim();
  }
}

/** The banner on a case page that says who else has it open. */
export class PresenceBanner {
  constructor(private readonly page: Page) {}

  /** The banner's sentence once it names `username` (it follows the heartbeat, every 20 seconds). */
  async waitForLooker(username: string, timeout = 30_000): Promise<string> {
    const banner = this.page.getByTestId('others-looking').filter({ hasText: username });
    await banner.waitFor({ timeout });
    return (await banner.innerText()).trim();
  }

  async waitUntilNobodyElse(timeout = 30_000): Promise<void> {
    await this.page.getByTestId('others-looking').waitFor({ state: 'detached', timeout });
  }

  /** What the polite status message last said. */
  async announcement(): Promise<string> {
    return (await this.page.getByTestId('presence-announcement').innerText()).trim();
  }
}

/** The managers' performance view: its filters, headline figures, charts and their tables. */
export class PerformancePage {
  constructor(private readonly page: Page) {}

  async open(query = ''): Promise<void> {
    await this.page.goto(`/performance${query ? `?${query}` : ''}`);
    await this.page.getByRole('heading', { level: 1, name: 'Performance' }).waitFor();
  }

  /** Waits until every chart is drawn (an SVG in each drawing). */
  async chartsDrawn(): Promise<number> {
    await this.page.getByText('Loading the measures…').waitFor({ state: 'detached' });
    const charts = this.page.locator('.app-chart');
    await charts.first().waitFor();
    await this.page.getByText('Drawing the chart…').first().waitFor({ state: 'detached' });
    const count = await charts.count();
    // Runs in the page (the tests' TypeScript has no DOM types).
    await this.page.waitForFunction(
      (n) => (globalThis as any).document.querySelectorAll('.app-chart__drawing [role="img"]').length >= n,
      count,
    );
    return count;
  }

  /** The headline figure card with this label: its value and detail. */
  async figure(label: string): Promise<{ value: string; detail: string }> {
    const card = this.page.getByTestId('headline-figures').locator('li').filter({ has: this.page.getByText(label, { exact: true }) });
    return { value: (await card.locator('.app-figure__value').innerText()).trim(), detail: (await card.locator('.app-figure__detail').innerText()).trim() };
  }

  /** A table by its caption: its headings and its rows' cells, as on screen. */
  table(caption: string | RegExp) {
    return this.page.locator('table').filter({ has: this.page.locator('caption', { hasText: caption }) });
  }

  async cells(table: ReturnType<PerformancePage['table']>): Promise<{ headings: string[]; rows: string[][] }> {
    // Runs in the page (the tests' TypeScript has no DOM types).
    return table.evaluate((element: any) => ({
      headings: [...element.querySelectorAll('thead th')].map((th: any) => th.innerText.trim()),
      rows: [...element.querySelectorAll('tbody tr')].map((tr: any) => [...tr.querySelectorAll('td')].map((td: any) => td.innerText.trim())),
    }));
  }

  /** The error summary's messages. */
  async problems(): Promise<string[]> {
    const summary = this.page.locator('.govuk-error-summary');
    await summary.waitFor();
    return (await summary.locator('li').allInnerTexts()).map((text) => text.trim());
  }

  async apply(): Promise<void> {
    await this.page.getByRole('button', { name: 'Apply' }).click();
  }
}

/** Now: the latest contacts, each with its failure demand and, for an adviser, the form to mark it. */
export class NowPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/now');
    await this.page.getByRole('heading', { level: 1, name: 'Now' }).waitFor();
  }

  /** The table row of the contact whose words start so (read again until it shows: the feed refreshes). */
  row(words: string) {
    return this.page.getByRole('row').filter({ hasText: words });
  }

  /** Marks that contact with the keyboard alone: open the disclosure, choose the kind, save. */
  async markWithKeyboard(words: string, kind: string): Promise<string> {
    const row = this.row(words);
    await row.waitFor();
    await row.locator('summary', { hasText: 'Mark as failure demand' }).focus();
    await this.page.keyboard.press('Enter');
    const choice = row.getByRole('radio', { name: kind, exact: true });
    await choice.waitFor();
    // Tab into the radios (the first is focused), then arrows move and choose, as in any radio group.
    await this.page.keyboard.press('Tab');
    for (let i = 0; i < 4 && !(await choice.isChecked()); i++) await this.page.keyboard.press('ArrowDown');
    await this.page.keyboard.press('Tab');
    await this.page.keyboard.press('Enter');
    const status = row.getByRole('status');
    await status.filter({ hasText: /\S/ }).waitFor();
    return (await status.innerText()).trim();
  }
}

/** Demand (managers): value and failure demand over time, the top services and their examples. */
export class DemandPage {
  constructor(private readonly page: Page) {}

  async open(query = ''): Promise<void> {
    await this.page.goto(`/demand${query ? `?${query}` : ''}`);
    await this.page.getByRole('heading', { level: 1 }).waitFor();
  }

  /** A figure of the summary list under "Value and failure demand" (e.g. "Failure demand" -> "3 (20%)"). */
  async figure(name: string): Promise<string> {
    const row = this.page.locator('.govuk-summary-list__row').filter({ has: this.page.locator('dt', { hasText: new RegExp(`^${name}$`) }) });
    await row.waitFor();
    return (await row.locator('dd').innerText()).trim();
  }

  /** The cells of a service's row in "Services by failure demand", by column heading. */
  async serviceRow(name: string): Promise<Record<string, string> | undefined> {
    const table = this.page.getByRole('table', { name: 'Services by failure demand' });
    if (!(await table.count())) return undefined;
    const headings = (await table.locator('thead th').allInnerTexts()).map((h) => h.trim());
    const row = table.locator('tbody tr').filter({ has: this.page.getByRole('link', { name, exact: true }) });
    if (!(await row.count())) return undefined;
    const cells = (await row.locator('td').allInnerTexts()).map((c) => c.trim());
    return Object.fromEntries(headings.map((h, i) => [h, cells[i] ?? '']));
  }

  /** The examples shown for a service: each as its words and the line under them. */
  async examples(service: string): Promise<Array<{ words: string; about: string }>> {
    const section = this.page.getByRole('region', { name: service, exact: true });
    const insets = section.locator('.govuk-inset-text');
    const found: Array<{ words: string; about: string }> = [];
    for (const inset of await insets.all()) {
      const [words = '', about = ''] = (await inset.locator('p').allInnerTexts()).map((t) => t.trim());
      found.push({ words, about });
    }
    return found;
  }
}
