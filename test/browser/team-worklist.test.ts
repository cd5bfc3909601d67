// A member of a service team signs in, lands on their team's worklist, opens a case a resident
// reported on the web, accepts it and resolves it with a message, and the resident gets that
// message by SMS (through the outbox, to the fake Twilio). A member of another team opening that
// team's case is refused by the API and told so in words.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleUrl, launchChromium, newPage, seriousViolations } from './support/browser.ts';
import { SignInPage, TeamActionsPanel, WorklistPage } from './support/pages.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** A resident's report through the council website's form: the case's reference. */
async function reportOnTheWeb(body: Record<string, string>): Promise<string> {
  const response = await fetch(`${consoleUrl}/api/contacts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const answer = (await response.json()) as { reference?: string };
  if (response.status !== 201 || !answer.reference) throw new Error(`the web form answered ${response.status}: ${JSON.stringify(answer)}`);
  return answer.reference;
}

/** The texts the fake Twilio was asked to send to a number. */
async function textsTo(e164: string): Promise<string[]> {
  const response = await fetch(`${consoleUrl}/_local/twilio/messages?to=${encodeURIComponent(e164)}`);
  return ((await response.json()) as { messages: Array<{ body: string }> }).messages.map((m) => m.body);
}

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, deadlineMs = 30_000): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe("a service team's worklist", () => {
  it("a team member resolves a case from their worklist and the resident's SMS appears in the fake Twilio", async () => {
    // Prepare: a missed bin reported on the web with a mobile number.
    const reference = await reportOnTheWeb({ description: 'Our black bin was not emptied this morning', service: 'missed-bin', phone: '07700 900612' });
    const { context, page, problems } = await newPage(browser);
    try {
      // A member of a team only: the console opens on their worklist.
      await page.goto('/');
      await new SignInPage(page).signInAs('Priya Shah');
      const worklist = new WorklistPage(page);
      await worklist.isShown();
      expect(new URL(page.url()).pathname).toBe('/worklist');
      expect(await page.locator('.govuk-caption-l').innerText()).toBe('Waste and Recycling');
      expect(await worklist.references()).toContain(reference);
      expect(await page.title()).toBe('Worklist: Waste and Recycling – Contact console – Example Council');

      // Act: open it, accept it, resolve it with a message to the resident.
      await worklist.open(reference);
      const actions = new TeamActionsPanel(page);
      expect(await actions.choices()).toEqual([
        'Accept it',
        'Add a note',
        'Wait for the resident',
        'Resolve it',
        'Send it to another service',
        'Return it to the Customer Service Network',
      ]);
      // Only the team's actions: none of the advisers'.
      expect(await page.getByRole('radio', { name: 'Record a further contact' }).count()).toBe(0);
      await actions.choose('Accept it');
      await actions.send('Accept the case');
      await actions.confirmation('You accepted the case.');
      await page.getByRole('heading', { level: 3, name: 'Accepted by the team' }).waitFor();
      expect(await actions.choices()).not.toContain('Accept it');

      await actions.choose('Resolve it');
      // Checked before it is sent, in words.
      await actions.send('Resolve the case');
      const summary = page.locator('.govuk-error-summary');
      await summary.waitFor();
      expect(await summary.innerText()).toContain('Enter the message to the resident');
      expect(await page.locator('#team-message-hint').innerText()).toBe('We will text this to the resident (07... ending 612), and ask them by text how we did.');
      await actions.fill('What was done', 'Crew went back the same afternoon and emptied it');
      const message = 'We have now emptied your black bin. Sorry it was missed this morning.';
      await actions.fill('Message to the resident', message);
      expect(await page.locator('.govuk-character-count__status').innerText()).toBe(`You have ${600 - message.length} characters remaining`);
      await actions.send('Resolve the case');
      expect(await actions.confirmation('The case is resolved.')).toContain('The resident will be sent your message by text.');

      // Assess: the case is resolved, in its history as Priya for her team, and the resident's text went out.
      await page.getByRole('heading', { level: 3, name: 'Resolved' }).waitFor();
      expect(await page.locator('.moj-timeline__byline').first().innerText()).toBe('by priya.shah (Waste services)');
      expect(await seriousViolations(page)).toEqual([]);
      const texts = await eventually(
        () => textsTo('+447700900612'),
        (bodies) => bodies.some((body) => body.includes(message)),
      );
      expect(texts).toContain(`Update on your report ${reference}: ${message}`);

      // Back on the worklist, the case is gone.
      await page.getByRole('link', { name: 'Worklist' }).click();
      await worklist.isShown();
      expect(await worklist.references()).not.toContain(reference);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("a member of one team is refused another team's case", async () => {
    // Prepare: a pothole, Highways' case.
    const reference = await reportOnTheWeb({ description: 'Deep pothole outside the school gates on Mill Road', service: 'pothole' });
    const { context, page } = await newPage(browser);
    try {
      await page.goto('/');
      await new SignInPage(page).signInAs('Priya Shah');
      await new WorklistPage(page).isShown();

      // Act
      const answer = page.waitForResponse((response) => response.url().endsWith(`/api/console/cases/${reference}`));
      await page.goto(`/cases/${reference}`);

      // Assess: the API refused it, and the page says so in words.
      expect((await answer).status()).toBe(403);
      await page.getByRole('heading', { level: 1, name: 'You cannot use this page' }).waitFor();
      const words = await page.locator('#main-content').innerText();
      expect(words).toContain('You are signed in as priya.shah, who may not open this case.');
      expect(words).toContain(`Case ${reference} is with Highways, not your team: you can open the cases of Waste and Recycling`);
      expect(words).not.toContain('Deep pothole');
      expect(await page.getByTestId('team-actions').count()).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
