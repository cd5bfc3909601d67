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
