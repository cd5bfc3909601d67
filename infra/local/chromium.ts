// Debian's Chromium driven by playwright-core, which downloads no browser: one way to start it and
// one accessibility check, for the browser tests, `npm run screenshots` and the bench.
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's package puts it here; CHROMIUM_PATH names another Chromium or Chrome (README prerequisites). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless, and none of Chromium's own calls home: this machine's network is closed. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** WCAG 2.2 A and AA, as issue 9 asks. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export interface AxeFindings {
  /** Serious and critical violations, as "impact rule: what (where)" lines. */
  serious: string[];
  /** The rest, as "impact rule". */
  minor: string[];
}

/** axe's findings on the page as it is now. */
export async function axeFindings(page: Page): Promise<AxeFindings> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const isSerious = (impact: string | null | undefined) => impact === 'serious' || impact === 'critical';
  return {
    serious: results.violations
      .filter((v) => isSerious(v.impact))
      .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
    minor: results.violations.filter((v) => !isSerious(v.impact)).map((v) => `${v.impact} ${v.id}`),
  };
}
