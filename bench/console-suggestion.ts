// Time from a keystroke to the routing suggestion shown, measured in the browser (Debian's
// Chromium) on the New contact page against the local stack: from the adviser's last keystroke to
// the suggestion for those words on the screen. It includes the 300 ms the page waits for the
// adviser to pause (the debounce), so it is also given with that taken off: the call and the render.
// Run alone with `npx tsx bench/console-suggestion.ts`; `npm run bench` runs it after the bundle.
import { pathToFileURL } from 'node:url';
import { launchChromium } from '../infra/local/chromium.ts';
import { TEXTS } from './texts.ts';
import { startLocalStack } from '../infra/local/stack.ts';
import { fmt, summarise } from './stats.ts';

const DEBOUNCE_MS = 300;

/** Runs in the page: resolves with ms from the last keydown in the description to the suggestion for `words` shown. */
const WAIT_FOR_SUGGESTION = `(words) => new Promise((resolve) => {
  const field = document.getElementById('description');
  let last = performance.now();
  const onKey = () => { last = performance.now(); };
  field.addEventListener('keydown', onKey);
  const panel = document.getElementById('suggestion');
  const done = () => {
    const heading = panel.querySelector('h2');
    if (heading && panel.getAttribute('aria-busy') === 'false' && field.value.trim() === words) {
      const shown = performance.now();
      observer.disconnect();
      field.removeEventListener('keydown', onKey);
      resolve(shown - last);
    }
  };
  const observer = new MutationObserver(done);
  observer.observe(panel, { subtree: true, childList: true, characterData: true, attributes: true });
})`;

export async function benchConsoleSuggestion(): Promise<void> {
  const rounds = Number(process.env.BENCH_SUGGESTIONS ?? 40);
  process.env.LOG_LEVEL ??= 'ERROR';
  const stack = await startLocalStack({ port: 0, console: true });
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, baseURL: stack.url });
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('button', { name: 'Amara Okafor' }).click();
    await page.getByRole('heading', { level: 1, name: 'New contact' }).waitFor();
    const description = page.locator('#description');
    const samples: number[] = [];
    for (let i = 0; i < rounds + 5; i++) {
      // A different text each round, so no answer comes from the page's cache of suggestions.
      const words = `${TEXTS[i % TEXTS.length]} ${i}`;
      await description.fill('');
      await page.getByText('The routing suggestion appears here as you type.').waitFor();
      await description.focus();
      const shown = page.evaluate(`(${WAIT_FOR_SUGGESTION})(${JSON.stringify(words)})`) as Promise<number>;
      await page.keyboard.type(words, { delay: 20 });
      const ms = await shown;
      if (i >= 5) samples.push(ms); // the first few warm the stack and the browser up
    }
    const all = summarise(samples);
    const after = summarise(samples.map((ms) => ms - DEBOUNCE_MS));
    console.log(`\nThe console: from the last keystroke to the routing suggestion shown, in Chromium (${all.n} descriptions typed)`);
    console.log(`  with the ${DEBOUNCE_MS} ms pause it waits for: p50 ${fmt(all.p50)}  p99 ${fmt(all.p99)}`);
    console.log(`  after the pause (the API call and the render): p50 ${fmt(after.p50)}  p99 ${fmt(after.p99)}`);
    await context.close();
  } finally {
    await browser.close();
    await stack.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await benchConsoleSuggestion();
