// The resident simulator (local stack only): texts and calls from a person in a browser, signed on
// the server with the stack's auth token and sent to the real Twilio webhooks, the TwiML answers
// read back as words; the SMS thread joins the resident's texts and replies with what the platform
// sent them later.
import { randomInt } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { actOnCase } from '#app/cases';
import { catalogue } from '#catalogue/index';
import { systemClock } from '#adapters/clock';
import { dynamoCaseStore } from '#adapters/store';
import { spokenReference } from '#domain/messages';
import { db, stack, useStackTable } from '../support/stack.ts';
import { waitFor } from '../support/wait.ts';

const SIMULATOR = `${stack.url}/_local/simulator`;

beforeAll(() => {
  // The test plays the waste team, acting on a case through the application layer.
  useStackTable();
});

/**
 * A mobile number no other test in this run uses (outside Ofcom's drama range, whose 1,000 numbers
 * every test shares), so a reply is never a repeat of another test's case; written as people do.
 */
function newResident(): { typed: string; e164: string } {
  const digits = String(randomInt(0, 100_000_000)).padStart(8, '0');
  return { typed: `079${digits.slice(0, 2)} ${digits.slice(2)}`, e164: `+4479${digits}` };
}

async function call(method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${SIMULATOR}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

const text = (from: string, body: string) => call('POST', '/sms', { from, body });
const thread = async (phone: string) => (await call('GET', `/sms?phone=${encodeURIComponent(phone)}`)).body;
const referenceIn = (words: string | null | undefined) => /\b([0-9A-Z]{4}-[0-9A-Z]{4})\b/.exec(words ?? '')?.[1];

interface Step {
  say: string[];
  gather?: { input: string[]; numDigits?: number };
  transfer?: { to: string };
  ended: boolean;
}

describe('POST /_local/simulator/sms: a resident texts the council', () => {
  it('gets the routing reply, and the thread shows the text and the reply, oldest first', async () => {
    // Prepare
    const resident = newResident();

    // Act
    const sent = await text(resident.typed, 'There is dog poo all over the pavement');
    const shown = await thread(resident.typed);

    // Assess
    expect(sent.status).toBe(200);
    expect(sent.body).toEqual({ reply: 'Thanks. Where is it? Send the street and a nearby house number or landmark.' });
    expect(shown.phone).toBe(resident.e164);
    expect(shown.thread.map((e: any) => [e.direction, e.kind, e.body])).toEqual([
      ['in', 'text', 'There is dog poo all over the pavement'],
      ['out', 'reply', 'Thanks. Where is it? Send the street and a nearby house number or landmark.'],
    ]);
    expect(Date.parse(shown.thread[1].at)).toBeGreaterThanOrEqual(Date.parse(shown.thread[0].at));
  });

  it('a whole conversation ends in a hand-off with a reference, and the team resolving it later shows in the thread', async () => {
    // Prepare
    const resident = newResident();

    // Act
    await text(resident.typed, 'There is dog poo all over the pavement');
    const where = await text(resident.typed, 'Outside 14 Mill Lane, by the bus stop');
    const yes = await text(resident.typed, 'YES');
    const reference = referenceIn(yes.body.reply)!;
    const opened = (await dynamoCaseStore.getCase(reference))!;
    await actOnCase(
      {
        reference,
        teamId: opened.teamId,
        version: opened.version,
        action: { action: 'resolve', outcome: 'Cleared by the street cleansing crew', messageToResident: 'We have cleared the pavement outside 14 Mill Lane.' },
      },
      { store: dynamoCaseStore, catalogue, clock: systemClock },
    );
    const shown = await waitFor(
      () => thread(resident.e164),
      (t) => t.thread.filter((e: any) => e.kind === 'notification').length >= 2,
    );

    // Assess
    expect(where.body.reply).toContain('Reply YES');
    expect(reference).toBeDefined();
    expect(opened).toMatchObject({ channel: 'sms', serviceId: 'dog-fouling', resident: { phone: resident.e164 } });
    const entries = shown.thread as Array<{ direction: string; kind: string; body: string; at: string }>;
    expect(entries.map((e) => e.kind)).toEqual(['text', 'reply', 'text', 'reply', 'text', 'reply', 'notification', 'notification']);
    expect(entries.slice(0, 6).map((e) => e.direction)).toEqual(['in', 'out', 'in', 'out', 'in', 'out']);
    expect(entries[5]!.body).toContain(reference);
    const notifications = entries.filter((e) => e.kind === 'notification');
    expect(notifications.every((e) => e.direction === 'out')).toBe(true);
    expect(notifications.map((e) => e.body).join('\n')).toContain('We have cleared the pavement outside 14 Mill Lane.');
    expect(notifications.some((e) => e.body.startsWith(`How did we do with your report ${reference}?`))).toBe(true);
    const times = entries.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
});

describe('POST /_local/simulator/calls: a resident calls the council', () => {
  it('walks a call through by speech to a hand-off, and a keypress asks for the reference by text', async () => {
    // Prepare
    const resident = newResident();

    // Act
    const started = await call('POST', '/calls', { from: resident.typed });
    const callId = started.body.callId as string;
    const said = await call('POST', `/calls/${callId}`, { speech: 'My bin was not collected today' });
    const contact = await db.send(new GetCommand({ TableName: stack.tableName, Key: { pk: `CONTACT#phone#${callId}#gather#1`, sk: 'CONTACT' } }));
    const reference = contact.Item?.outcome?.reference as string | undefined;
    const pressed = await call('POST', `/calls/${callId}`, { digits: '1' });
    const after = await call('POST', `/calls/${callId}`, { digits: '1' });

    // Assess
    expect(started.status).toBe(201);
    expect(callId).toMatch(/^CA[0-9a-f]{32}$/);
    const greeting = started.body.step as Step;
    expect(greeting.say[0]).toBe('Hello, you are through to the council. In a few words, please tell me what you are calling about.');
    expect(greeting.say[1]).toContain('press 1 to report a missed bin');
    expect(greeting.gather).toEqual({ input: ['speech', 'dtmf'], numDigits: 1 });
    expect(greeting.ended).toBe(false);

    const handedOff = said.body.step as Step;
    const heard = handedOff.say.join(' ');
    expect(heard).toContain('Waste and Recycling');
    expect(reference).toBeDefined();
    expect(heard).toContain(spokenReference(reference!));
    expect(handedOff.say.at(-1)).toContain('Would you like me to text you this reference?');
    expect(handedOff.gather).toMatchObject({ input: ['speech', 'dtmf'], numDigits: 1 });

    const texted = pressed.body.step as Step;
    expect(texted.ended).toBe(true);
    expect(texted.gather).toBeUndefined();
    expect(texted.say.join(' ')).toMatch(/text/i);
    expect(after.status).toBe(409);
    expect(after.body.error).toBe('the call has ended; start a new one');
    const shown = await waitFor(
      () => thread(resident.e164),
      (t) => t.thread.some((e: any) => e.kind === 'notification'),
    );
    expect(shown.thread.find((e: any) => e.kind === 'notification').body).toContain(reference);
  });

  it('follows keys pressed: 2 for the bin day asks for the postcode, which gives the collections; silence then says goodbye', async () => {
    // Prepare
    const { callId } = (await call('POST', '/calls', { from: newResident().typed })).body;

    // Act
    const menu = (await call('POST', `/calls/${callId}`, { digits: '2' })).body.step as Step;
    const days = (await call('POST', `/calls/${callId}`, { speech: 'N N 1 4 T Q' })).body.step as Step;
    const silence = (await call('POST', `/calls/${callId}`, {})).body.step as Step;

    // Assess
    expect(menu.say).toEqual(['Please tell me your postcode.']);
    expect(menu.gather?.input).toEqual(['speech', 'dtmf']);
    expect(days.say.join(' ')).toContain('Abbey Road');
    expect(days.say.at(-1)).toMatch(/anything else/i);
    expect(days.ended).toBe(false);
    expect(silence).toEqual({ say: ['Thank you for calling. Goodbye.'], ended: true });
  });

  it('asks again when nothing is heard at a question that wants to know', async () => {
    // Prepare
    const { callId } = (await call('POST', '/calls', { from: newResident().typed })).body;

    // Act
    const again = (await call('POST', `/calls/${callId}`, {})).body.step as Step;

    // Assess
    expect(again.ended).toBe(false);
    expect(again.gather).toEqual({ input: ['speech', 'dtmf'], numDigits: 1 });
    expect(again.say.at(-1)).toContain('press 1 to report a missed bin');
  });

  it('answers a question there and then, and asking for a person is a transfer to an adviser', async () => {
    // Prepare
    const { callId } = (await call('POST', '/calls', { from: newResident().typed })).body;
    const second = (await call('POST', '/calls', { from: '01632 960123' })).body.callId as string;

    // Act
    const answered = (await call('POST', `/calls/${callId}`, { speech: 'How do I pay my council tax' })).body.step as Step;
    const person = (await call('POST', `/calls/${second}`, { digits: '0' })).body.step as Step;

    // Assess
    expect(answered.say.join(' ')).toMatch(/council tax/i);
    expect(answered.ended).toBe(false);
    // The council is open or not at the moment the test runs: put through, or told the opening hours.
    if (person.transfer) {
      expect(person.transfer).toEqual({ to: '+441632960001' });
    } else {
      expect(person.say.join(' ')).toMatch(/open/i);
    }
    expect(person.ended).toBe(true);
  });
});

describe('the simulator refuses what it cannot send, in words', () => {
  it.each([
    ['a text with no number', '/sms', { body: 'hello' }, /'from' is required/],
    ['a text from a landline', '/sms', { from: '01632 960123', body: 'hello' }, /'from' must be a UK mobile number/],
    ['a text with no words', '/sms', { from: '07700 900123', body: '  ' }, /'body' is required/],
    ['a text over 1,600 characters', '/sms', { from: '07700 900123', body: 'x'.repeat(1601) }, /over 1600 characters/],
    ['an unknown field', '/sms', { from: '07700 900123', body: 'hi', media: 'x' }, /unknown field 'media'/],
    ['a call from no number', '/calls', {}, /'from' is required/],
    ['a call from something that is not a number', '/calls', { from: 'my house' }, /'from' must be a phone number/],
  ])('%s: 400', async (_what, path, body, error) => {
    const answer = await call('POST', path, body);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatch(error);
  });

  it('a body that is not JSON, or not sent as JSON: 400', async () => {
    const broken = await call('POST', '/sms', '{"from": ');
    const form = await fetch(`${SIMULATOR}/sms`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'from=07700900123&body=hi' });
    expect(broken).toEqual({ status: 400, body: { error: 'the body is not valid JSON' } });
    expect(form.status).toBe(400);
    expect(((await form.json()) as { error: string }).error).toMatch(/JSON/);
  });

  it('a turn with both speech and keys, or keys that are not keys: 400', async () => {
    const { callId } = (await call('POST', '/calls', { from: newResident().typed })).body;
    const both = await call('POST', `/calls/${callId}`, { speech: 'bins', digits: '1' });
    const letters = await call('POST', `/calls/${callId}`, { digits: 'one' });
    expect(both.status).toBe(400);
    expect(both.body.error).toMatch(/'speech' or 'digits', not both/);
    expect(letters.status).toBe(400);
    expect(letters.body.error).toMatch(/'digits' must be the keys pressed/);
  });

  it('a thread without a mobile number: 400', async () => {
    const answer = await call('GET', '/sms?phone=nobody');
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatch(/'phone' must be a UK mobile number/);
  });

  it('an unknown call: 404', async () => {
    const answer = await call('POST', `/calls/CA${'0'.repeat(32)}`, { speech: 'hello' });
    expect(answer.status).toBe(404);
    expect(answer.body.error).toMatch(/there is no call 'CA0+'; start one with POST \/_local\/simulator\/calls/);
  });
});
