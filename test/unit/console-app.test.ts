// The console web app's pure parts: where sign-in may send the browser back to, the words for a
// failed API call, working time and the service-level clock in words, and which paths the local
// gateway serves the app on.
import { describe, expect, it } from 'vitest';
import { firstLoadScripts } from '../../bench/console-bundle.ts';
import { describeFailure } from '../../console/src/words.ts';
import { clockInWords, workingTime } from '../../console/src/format.ts';
import { safeReturnPath } from '../../console/src/return-path.ts';
import { fileFor, isConsolePath } from '../../infra/local/console.ts';

describe('safeReturnPath', () => {
  it('keeps a path on this site, with its query', () => {
    expect(safeReturnPath('/cases/AB12-CD34')).toBe('/cases/AB12-CD34');
    expect(safeReturnPath('/residents?q=07700%20900123')).toBe('/residents?q=07700%20900123');
  });

  it('never sends the browser to another site or back into the sign-in callback', () => {
    for (const unsafe of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', '', undefined, 42, '/signed-in?code=x']) {
      expect(safeReturnPath(unsafe)).toBe('/');
    }
  });
});

describe('describeFailure', () => {
  it("uses the API's own words, as a sentence", () => {
    expect(describeFailure(400, { error: 'the description is empty' })).toBe('The description is empty.');
    expect(describeFailure(403, { error: 'amara.okafor may not do this: managers only.' })).toBe('amara.okafor may not do this: managers only.');
  });

  it('says what a status means when the body has no words (an HTML error page, nothing)', () => {
    expect(describeFailure(502, undefined)).toMatch(/could not answer \(error 502\)\. Try again/);
    expect(describeFailure(404, '<html>')).toMatch(/^That was not found/);
    expect(describeFailure(403, {})).toBe('You may not use this part of the console.');
  });
});

describe('working time in words', () => {
  it('says hours and minutes', () => {
    expect(workingTime(125)).toBe('2 hours 5 minutes');
    expect(workingTime(60)).toBe('1 hour');
    expect(workingTime(1)).toBe('1 minute');
    expect(workingTime(0)).toBe('0 minutes');
    expect(workingTime(-90)).toBe('1 hour 30 minutes');
  });

  it('says whether the clock is running, overdue, paused or done', () => {
    expect(clockInWords({ state: 'on-track', workingMinutesLeft: 200, paused: false })).toBe('3 hours 20 minutes of working time left.');
    expect(clockInWords({ state: 'at-risk', workingMinutesLeft: 30, paused: false })).toBe('30 minutes of working time left.');
    expect(clockInWords({ state: 'breached', workingMinutesLeft: -75, paused: false })).toBe('Overdue by 1 hour 15 minutes of working time.');
    expect(clockInWords({ state: 'paused', workingMinutesLeft: 600, paused: true })).toMatch(/^Paused while we wait for the resident/);
    expect(clockInWords({ state: 'met', workingMinutesLeft: 10, paused: false })).toBe('Resolved within its service level.');
  });
});

describe('the local gateway serving the app', () => {
  it('leaves the API, the webhooks and the local fakes alone', () => {
    for (const path of ['/api/console/me', '/twilio/sms', '/open311/v2/services.json', '/service/worklist', '/_local/cognito/oauth2/authorize', '/_local']) {
      expect(isConsolePath(path)).toBe(false);
    }
    for (const path of ['/', '/residents', '/cases/AB12-CD34', '/assets/index.js', '/config.json', '/apiary']) {
      expect(isConsolePath(path)).toBe(true);
    }
  });

  it("answers page paths with the app, files with themselves, and nothing outside the build's folder", () => {
    const root = '/srv/console/dist';
    expect(fileFor(root, '/assets/index-abc.js')).toEqual({ file: '/srv/console/dist/assets/index-abc.js', page: false });
    expect(fileFor(root, '/cases/AB12-CD34')).toEqual({ file: '/srv/console/dist/cases/AB12-CD34', page: true });
    // A resident's key may end like a file name; it is still a page.
    expect(fileFor(root, '/residents/EMAIL%23jo%40example.com')?.page).toBe(true);
    expect(fileFor(root, '/residents/EMAIL%23jo%40example.json')?.page).toBe(true);
    expect(fileFor(root, '/config.json')?.page).toBe(false);
    expect(fileFor(root, '/assets/missing.png')?.page).toBe(false);
    for (const escape of ['/../secret.txt', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2fpackage.json', '/%00', '/%E0%A4%A']) {
      const found = fileFor(root, escape);
      expect(found === undefined || found.file.startsWith(`${root}/`)).toBe(true);
    }
    expect(fileFor(root, '/%2e%2e/%2e%2e/etc/passwd')).toBeUndefined();
  });
});

describe('the first-load bench', () => {
  it("counts index.html's module script and its preloads, once each", () => {
    const html =
      '<script type="module" crossorigin src="/assets/index-a.js"></script>' +
      '<link rel="modulepreload" crossorigin href="/assets/react-b.js"><link rel="modulepreload" crossorigin href="/assets/index-a.js">' +
      '<link rel="stylesheet" href="/assets/index-c.css">';
    expect(firstLoadScripts(html)).toEqual(['/assets/index-a.js', '/assets/react-b.js']);
  });
});
