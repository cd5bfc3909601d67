// The phone channel's pure parts: voice.json and its load checks, how a turn of the call is read,
// what the caller hears after each outcome, and the TwiML it renders to.
import { describe, expect, it } from 'vitest';
import { catalogue } from '#catalogue/index';
import { voiceScript } from '#channels/voice/script';
import { openCase } from '#domain/case';
import { CatalogueError } from '#domain/catalogue';
import type { Contact } from '#domain/contact';
import { spokenReference } from '#domain/messages';
import type { ContactOutcome } from '#domain/outcome';
import { canText } from '#domain/resident';
import { route } from '#domain/routing';
import {
  buildVoiceScript,
  choiceOf,
  decideTurn,
  gatherAction,
  greetCaller,
  joinSpelledOut,
  MAX_ATTEMPTS,
  menuWords,
  readCallStatus,
  readCaller,
  readConfirmReference,
  readGatherStep,
  readTransfer,
  replyAfterTransfer,
  replyToOutcome,
  sayWithReference,
  shortReply,
  textConfirmation,
  turnProviderId,
  wantsText,
  type CallReply,
  type CallVerb,
  type GatherStep,
  type OutcomeContext,
} from '#channels/voice/call-flow';
import { renderTwiml } from '../../shared/channels/voice/twiml.ts';
import voiceJson from '../../shared/catalogue/voice.json' with { type: 'json' };

const CALL_SID = `CA${'0123456789abcdef'.repeat(2)}`;
const MOBILE = '+447700900123';
const REFERENCE = 'K7MD-Q9PX';

function script(change: (data: any) => void = () => undefined) {
  const data = structuredClone(voiceJson) as any;
  change(data);
  return () => buildVoiceScript(data, catalogue, 'shared/catalogue/voice.json');
}

const turn = (step: GatherStep, input: { speech?: string; digits?: string }) =>
  decideTurn(voiceScript, step, { speech: input.speech ?? '', digits: input.digits ?? '' }, catalogue);

const gatherOf = (reply: CallReply) => reply.find((v): v is Extract<CallVerb, { verb: 'gather' }> => v.verb === 'gather');
const spokenIn = (verbs: readonly CallVerb[]): string =>
  verbs.map((v) => (v.verb === 'say' ? v.text : v.verb === 'gather' ? spokenIn(v.says) : '')).join(' ');

function outcome(partial: Partial<ContactOutcome> & Pick<ContactOutcome, 'decision' | 'message'>): ContactOutcome {
  return {
    contactId: 'c-1',
    firstContactResolved: partial.decision === 'resolve',
    service: { id: 'missed-bin', name: 'Report a missed bin collection' },
    teamId: 'waste-services',
    ...partial,
  };
}

const context = (over: Partial<OutcomeContext> = {}): OutcomeContext => ({
  attempt: 1,
  caller: { callSid: CALL_SID, phone: MOBILE },
  adviserOpen: true,
  adviserNumber: '+441632960001',
  ...over,
});

describe('voice.json', () => {
  it('loads with the shipped catalogue: every keypad digit goes to a service or an adviser', () => {
    expect(voiceScript.speaker).toEqual({ voice: 'Polly.Amy', language: 'en-GB' });
    for (const entry of voiceScript.menu.entries) {
      expect(entry.to === 'adviser' || catalogue.service(entry.to) !== undefined, entry.digit).toBe(true);
    }
    expect(voiceScript.menu.entries.find((e) => e.digit === '0')?.to).toBe('adviser');
  });

  it('reads the keypad menu as one sentence', () => {
    expect(menuWords(voiceScript)).toBe(
      'Or use your keypad: press 1 to report a missed bin, 2 for your bin collection day, 3 to check on a report you have already made, 4 for council tax, 5 for our opening hours, or 0 to speak to an adviser.',
    );
  });

  it("records an adviser request in words that the routing layer passes to an adviser", () => {
    const contact: Contact = { id: 'x', channel: 'phone', providerId: 'p', receivedAt: '2026-11-24T10:00:00Z', text: voiceScript.adviserRequest, resident: {} };
    expect(route(contact, catalogue).kind).toBe('adviser');
  });

  it('never says a web address, & or /', () => {
    const everything = JSON.stringify(voiceJson);
    expect(everything).not.toMatch(/https?:|www\.|&|\//);
  });

  const mistakes: Array<[string, (data: any) => void, string]> = [
    [
      'a digit to a service that does not exist',
      (d) => (d.menu.entries[1].to = 'bin-days'),
      "shared/catalogue/voice.json: menu.entries[1] (digit '2') field to: no service 'bin-days' (or use 'adviser')",
    ],
    ['a digit used twice', (d) => (d.menu.entries[2].digit = '1'), "shared/catalogue/voice.json: menu.entries[2] (digit '1') field digit: '1' is used twice"],
    ['a digit that is not a key', (d) => (d.menu.entries[0].digit = '12'), "menu.entries[0] (digit '12') field digit: must be one keypad digit, 0 to 9"],
    ['a web address read aloud', (d) => (d.prompts.offerText = 'See www.council.example.gov.uk'), "shared/catalogue/voice.json: prompts field offerText: is read aloud: say 'our website'"],
    ["an '&' read aloud", (d) => (d.menu.entries[0].say = 'for bins & recycling'), "menu.entries[0] (digit '1') field say: is read aloud: write 'and' or 'or'"],
    ['a missing prompt', (d) => delete d.prompts.goodbye, 'shared/catalogue/voice.json: prompts field goodbye:'],
    ['an unknown field', (d) => (d.menu.entries[0].colour = 'green'), "menu.entries[0] (digit '1') field colour: 'colour' is not a field we accept"],
    ['an adviser entry that asks something', (d) => (d.menu.entries[5].prompt = 'Why?'), "menu.entries[5] (digit '0') field prompt: an adviser entry puts the caller through"],
    ['a word that is both yes and no', (d) => d.noWords.push('Yeah'), "shared/catalogue/voice.json: noWords[12]: 'Yeah' is already in yesWords"],
    ['a language that is not a tag', (d) => (d.speaker.language = 'English'), 'speaker field language: must be a language tag like en-GB'],
  ];
  for (const [what, change, message] of mistakes) {
    it(`stops the load on ${what}, naming the file, entry and field`, () => {
      expect(script(change)).toThrow(CatalogueError);
      expect(script(change)).toThrow(message);
    });
  }
});

describe('the incoming call', () => {
  it('greets, reads the keypad menu, and listens for speech or one key, re-prompting when nothing is heard', () => {
    const [gather] = greetCaller(voiceScript);
    expect(gather).toMatchObject({ verb: 'gather', action: '/twilio/voice/gather?attempt=1', numDigits: 1, actionOnEmptyResult: true });
    expect(spokenIn([gather!])).toContain(voiceScript.greeting);
    expect(spokenIn([gather!])).toContain('press 1 to report a missed bin');
  });

  it('renders as TwiML with a British voice and a speech and keypad Gather', () => {
    const xml = renderTwiml(greetCaller(voiceScript), voiceScript.speaker);
    expect(xml).toContain(
      '<Gather input="speech dtmf" action="/twilio/voice/gather?attempt=1" method="POST" language="en-GB" speechTimeout="auto" numDigits="1" actionOnEmptyResult="true">',
    );
    expect(xml).toContain('<Say voice="Polly.Amy" language="en-GB">Hello, you are through to the council.');
  });

  it('reads who is calling, and nothing from a request without CallSid or From', () => {
    expect(readCaller({ CallSid: CALL_SID, From: '+447700900123' })).toEqual({ callSid: CALL_SID, phone: MOBILE });
    expect(readCaller({ CallSid: CALL_SID, From: 'anonymous' })).toEqual({ callSid: CALL_SID });
    expect(readCaller({ CallSid: CALL_SID, From: '+266696687' })).toEqual({ callSid: CALL_SID });
    expect(readCaller({ From: MOBILE })).toBeUndefined();
    expect(readCaller({ CallSid: CALL_SID })).toBeUndefined();
    expect(readCaller({ CallSid: 'CA-not-a-sid', From: MOBILE })).toBeUndefined();
  });

  it('offers texts only to numbers that can take one', () => {
    expect(canText(MOBILE)).toBe(true);
    expect(canText('+441632960123')).toBe(false); // a landline
    expect(canText('+33612345678')).toBe(true);
    expect(canText(undefined)).toBe(false);
  });
});

describe('the state of the call travels in the gather URL', () => {
  it('round-trips the turn, the options offered and the chosen service', () => {
    const step: GatherStep = { attempt: 3, options: ['bin-day', 'recycling-advice', 'missed-bin'], asked: 2, silence: true };
    const action = gatherAction(step);
    expect(action).toBe('/twilio/voice/gather?attempt=3&options=bin-day.recycling-advice.missed-bin&asked=2&silence=1');
    expect(readGatherStep(Object.fromEntries(new URL(action, 'https://x').searchParams))).toEqual(step);
    expect(readGatherStep({ attempt: '2', service: 'bin-day' })).toEqual({ attempt: 2, service: 'bin-day' });
  });

  it('refuses a query it did not write', () => {
    expect(readGatherStep({})).toBeUndefined();
    expect(readGatherStep({ attempt: '0' })).toBeUndefined();
    expect(readGatherStep({ attempt: '1', service: 'Bin Day' })).toBeUndefined();
    expect(readConfirmReference({ reference: 'k7md q9px' })).toBe(REFERENCE);
    expect(readConfirmReference({ reference: 'hello' })).toBeUndefined();
  });

  it('keys each turn of a call as its own contact', () => {
    expect(turnProviderId(CALL_SID, 2)).toBe(`${CALL_SID}#gather#2`);
  });
});

describe('a turn of the call', () => {
  it('routes what the caller said', () => {
    expect(turn({ attempt: 1 }, { speech: 'My bin was not collected today.' })).toEqual({ kind: 'contact', text: 'My bin was not collected today.' });
  });

  it('asks again once when nothing was heard, then passes the caller to an adviser', () => {
    const first = turn({ attempt: 1 }, {});
    expect(first.kind).toBe('reply');
    const gather = gatherOf((first as { reply: CallReply }).reply)!;
    expect(gather.action).toBe('/twilio/voice/gather?attempt=2&silence=1');
    expect(spokenIn(gather.says)).toMatch(/^Sorry, I didn't catch that\. Please tell me in a few words/);
    expect(turn({ attempt: 2, silence: true }, {})).toEqual({ kind: 'contact', text: voiceScript.adviserRequest });
  });

  it('follows the keypad menu: a question first where the service needs words, else straight through', () => {
    const binDay = turn({ attempt: 1 }, { digits: '2' });
    expect(gatherOf((binDay as { reply: CallReply }).reply)).toMatchObject({
      action: '/twilio/voice/gather?attempt=2&service=bin-day',
      says: [{ verb: 'say', text: 'Please tell me your postcode.' }],
    });
    expect(turn({ attempt: 1 }, { digits: '5' })).toEqual({
      kind: 'contact',
      serviceId: 'council-opening-hours',
      text: 'Keypad 5: for our opening hours',
    });
    expect(turn({ attempt: 1 }, { digits: '0' })).toEqual({ kind: 'contact', text: voiceScript.adviserRequest });
    const wrong = turn({ attempt: 1 }, { digits: '8' }) as { reply: CallReply };
    expect(spokenIn(wrong.reply)).toMatch(/^Sorry, that is not one of the options\. Or use your keypad/);
    expect(gatherOf(wrong.reply)?.action).toBe('/twilio/voice/gather?attempt=2');
  });

  it('routes the words given for a chosen service to that service, postcodes spelled out run together', () => {
    expect(turn({ attempt: 2, service: 'bin-day' }, { speech: 'N N 1 4 T Q' })).toEqual({ kind: 'contact', serviceId: 'bin-day', text: 'NN14TQ' });
  });

  it('maps a key or a spoken number to the options offered, with the words they were offered for', () => {
    const step: GatherStep = { attempt: 2, options: ['bin-day', 'recycling-advice', 'missed-bin'], asked: 1 };
    expect(turn(step, { digits: '3' })).toEqual({ kind: 'contact', serviceId: 'missed-bin', text: '', wordsOfTurn: 1 });
    expect(turn(step, { speech: 'The second one.' })).toMatchObject({ serviceId: 'recycling-advice' });
    expect(turn(step, { speech: 'Number 1' })).toMatchObject({ serviceId: 'bin-day' });
    // New words describe the request afresh; a key that is not an option hears the options again.
    expect(turn(step, { speech: 'a fox is in my bin' })).toEqual({ kind: 'contact', text: 'a fox is in my bin' });
    const again = turn(step, { digits: '7' }) as { reply: CallReply };
    expect(gatherOf(again.reply)?.action).toBe('/twilio/voice/gather?attempt=3&options=bin-day.recycling-advice.missed-bin&asked=1');
    expect(spokenIn(again.reply)).toContain('Say or press one for Find your bin collection day');
  });

  it('after "anything else?": no or thanks ends the call, yes asks what, anything else is a new request', () => {
    const more: GatherStep = { attempt: 3, step: 'more' };
    for (const speech of ['No.', 'No, thank you.', "That's all, thanks", 'Thank you']) {
      expect(turn(more, { speech }), speech).toMatchObject({ kind: 'reply', reply: [{ verb: 'say', text: voiceScript.prompts.goodbye }, { verb: 'hangup' }] });
    }
    const yes = turn(more, { speech: 'Yes please' }) as { reply: CallReply };
    expect(gatherOf(yes.reply)).toMatchObject({ action: '/twilio/voice/gather?attempt=4', says: [{ text: voiceScript.prompts.whatElse }] });
    expect(turn(more, { speech: 'There is a pothole on Mill Lane' })).toEqual({ kind: 'contact', text: 'There is a pothole on Mill Lane' });
  });

  it('passes a caller who has gone round too many times to an adviser', () => {
    expect(turn({ attempt: MAX_ATTEMPTS + 1 }, { speech: 'bins' })).toEqual({ kind: 'contact', text: voiceScript.adviserRequest });
  });
});

describe('words on a call', () => {
  it.each([
    ['1', undefined, 3, 0],
    ['4', undefined, 3, undefined],
    [undefined, 'two', 3, 1],
    [undefined, 'Third.', 3, 2],
    [undefined, 'option 2 please', 3, 1],
    [undefined, 'one', 2, 0],
    [undefined, 'report a pothole', 3, undefined],
    [undefined, 'one or two', 3, undefined],
  ])('digits %s / speech %s of %i options -> %s', (digits, speech, count, expected) => {
    expect(choiceOf({ ...(digits ? { digits } : {}), ...(speech ? { speech } : {}) }, count)).toBe(expected);
  });

  it.each([
    ['Yes.', 'yes'],
    ['Yeah, go on.', 'yes'],
    ['No thanks.', 'no'],
    ["That's everything, thank you", 'no'],
    ['Thanks', 'courtesy'],
    ['yes no', undefined],
    ['my bin', undefined],
    ['', undefined],
  ])('%j is a short reply: %s', (speech, expected) => {
    expect(shortReply(speech, voiceScript)).toBe(expected);
  });

  it('runs letters and numbers spoken one by one together', () => {
    expect(joinSpelledOut('my postcode is N N 1 4 T Q thanks')).toBe('my postcode is NN14TQ thanks');
    expect(joinSpelledOut('reference K 7 M D Q 9 P X.')).toBe('reference K7MDQ9PX');
    expect(joinSpelledOut('NN1 4TQ')).toBe('NN14TQ');
    expect(joinSpelledOut('I live at 12 High Street')).toBe('I live at 12 High Street');
  });

  it('says yes to a text on 1 or a spoken yes only', () => {
    expect(wantsText({ digits: '1', speech: '' }, voiceScript)).toBe(true);
    expect(wantsText({ digits: '2', speech: '' }, voiceScript)).toBe(false);
    expect(wantsText({ digits: '', speech: 'Yes please.' }, voiceScript)).toBe(true);
    expect(wantsText({ digits: '', speech: 'no' }, voiceScript)).toBe(false);
  });
});

describe('what the caller hears after the routing layer', () => {
  const spoken = spokenReference(REFERENCE);
  const handoffMessage = `Thank you. I have passed this to our Waste Services team, who aim to deal with it by 5pm on Thursday 26 November. Your reference is ${spoken}. I will say that again: ${spoken}.`;

  it('reads a reference slowly, with a pause after it', () => {
    expect(sayWithReference(`Your reference is ${spoken}. Goodbye.`, REFERENCE)).toEqual([
      { verb: 'say', text: 'Your reference is' },
      { verb: 'say', text: spoken, slow: true },
      { verb: 'pause', seconds: 1 },
      { verb: 'say', text: 'Goodbye.' },
    ]);
  });

  it('says an emergency first, and again, with nothing else', () => {
    const message = `Leave the building and call the gas emergency line now. Your reference is ${spoken}.`;
    const reply = replyToOutcome(voiceScript, outcome({ decision: 'emergency', message, reference: REFERENCE }), context());
    expect(reply[0]).toEqual({ verb: 'say', text: 'Leave the building and call the gas emergency line now. Your reference is' });
    expect(reply.some((v) => v.verb === 'gather')).toBe(false);
    expect(reply[reply.length - 1]).toEqual({ verb: 'hangup' });
  });

  it('reads a hand-off and offers to text the reference to a mobile', () => {
    const reply = replyToOutcome(voiceScript, outcome({ decision: 'handoff', message: handoffMessage, reference: REFERENCE }), context());
    expect(reply.filter((v) => v.verb === 'say' && v.slow)).toHaveLength(2);
    expect(gatherOf(reply)).toEqual({
      verb: 'gather',
      action: `/twilio/voice/confirm?reference=${REFERENCE}`,
      numDigits: 1,
      actionOnEmptyResult: false,
      says: [{ verb: 'say', text: voiceScript.prompts.offerText }],
    });
    const xml = renderTwiml(reply, voiceScript.speaker);
    expect(xml).toContain(`<Say voice="Polly.Amy" language="en-GB"><prosody rate="slow">${spoken}</prosody></Say><Pause length="1"/>`);
    expect(xml).not.toContain('<Pause length="1"/><Pause length="1"/>');
    expect(xml).toMatch(/<\/Gather><Say [^>]*>Thank you for calling\. Goodbye\.<\/Say><Hangup\/><\/Response>$/);
  });

  it('asks "anything else?" instead when the caller cannot take a text', () => {
    const reply = replyToOutcome(
      voiceScript,
      outcome({ decision: 'handoff', message: handoffMessage, reference: REFERENCE }),
      context({ caller: { callSid: CALL_SID } }),
    );
    expect(gatherOf(reply)?.action).toBe('/twilio/voice/gather?attempt=2&step=more');
  });

  it('answers, then asks whether there is anything else', () => {
    const reply = replyToOutcome(voiceScript, outcome({ decision: 'resolve', message: 'We are open 8:30am to 5pm.' }), context({ attempt: 4 }));
    expect(reply[0]).toEqual({ verb: 'say', text: 'We are open 8:30am to 5pm.' });
    expect(gatherOf(reply)).toMatchObject({ action: '/twilio/voice/gather?attempt=5&step=more', actionOnEmptyResult: false });
  });

  it('offers the options as a keypad choice, remembering which turn they were for', () => {
    const options = [
      { serviceId: 'bin-day', name: 'Find your bin collection day' },
      { serviceId: 'missed-bin', name: 'Report a missed bin collection' },
    ];
    const reply = replyToOutcome(voiceScript, outcome({ decision: 'ask', message: 'Say or press one for ...', options }), context({ attempt: 2 }));
    expect(gatherOf(reply)).toMatchObject({ action: '/twilio/voice/gather?attempt=3&options=bin-day.missed-bin&asked=2', numDigits: 1 });
  });

  it('sends the next words to the service when it needs a detail (a postcode)', () => {
    const reply = replyToOutcome(
      voiceScript,
      outcome({ decision: 'ask', message: 'What is your postcode?', service: { id: 'bin-day', name: 'Find your bin collection day' } }),
      context(),
    );
    expect(gatherOf(reply)?.action).toBe('/twilio/voice/gather?attempt=2&service=bin-day');
  });

  it('puts the caller through to an adviser in opening hours, and reads the hours otherwise', () => {
    const open = replyToOutcome(voiceScript, outcome({ decision: 'adviser', message: 'Please hold.' }), context());
    expect(open[open.length - 1]).toEqual({ verb: 'dial', number: '+441632960001', action: '/twilio/voice/queue', timeoutSeconds: 30 });
    expect(renderTwiml(open, voiceScript.speaker)).toContain('<Dial action="/twilio/voice/queue" method="POST" timeout="30">+441632960001</Dial>');
    const closed = replyToOutcome(voiceScript, outcome({ decision: 'adviser', message: 'Our opening hours are ...' }), context({ adviserOpen: false }));
    expect(closed.some((v) => v.verb === 'dial')).toBe(false);
    expect(closed.slice(-2)).toEqual([{ verb: 'say', text: voiceScript.prompts.goodbye }, { verb: 'hangup' }]);
    const nobody = replyToOutcome(voiceScript, outcome({ decision: 'adviser', message: 'Please hold.' }), context({ adviserNumber: undefined }));
    expect(spokenIn(nobody)).toContain(voiceScript.prompts.adviserUnavailable);
  });
});

describe('the text confirming a hand-off', () => {
  const now = new Date('2026-11-24T10:00:00Z');
  const contact: Contact = {
    id: 'c-1',
    channel: 'phone',
    providerId: `${CALL_SID}#gather#1`,
    receivedAt: now.toISOString(),
    text: 'my bin was not collected today',
    resident: { phone: MOBILE },
  };
  const kase = openCase(REFERENCE, contact, route(contact, catalogue), catalogue);

  it('is the SMS wording of the hand-off confirmation, once per case', () => {
    const text = textConfirmation(kase, MOBILE, catalogue, now)!;
    expect(text).toMatchObject({ dedupKey: `${REFERENCE}#voice-confirmation`, to: MOBILE, reason: 'confirmation', caseReference: REFERENCE, channel: 'sms' });
    expect(text.body).toContain(`Your reference is ${REFERENCE}.`);
    expect(text.body).toContain('Report a missed bin collection');
  });

  it('goes only to the number the case was reported from', () => {
    expect(textConfirmation(kase, '+447700900999', catalogue, now)).toBeUndefined();
  });
});

describe("what Twilio reports about a call", () => {
  it('reads a status callback', () => {
    expect(readCallStatus({ CallSid: CALL_SID, From: MOBILE, CallStatus: 'completed', CallDuration: '42' })).toEqual({
      callSid: CALL_SID,
      status: 'completed',
      durationSeconds: 42,
    });
    expect(readCallStatus({ CallSid: CALL_SID, From: MOBILE, CallStatus: 'exploded' })).toBeUndefined();
    expect(readCallStatus({ From: MOBILE, CallStatus: 'completed' })).toBeUndefined();
  });

  it('reads how a transfer ended, from <Enqueue> or <Dial>', () => {
    expect(readTransfer({ CallSid: CALL_SID, From: MOBILE, QueueResult: 'hangup', QueueTime: '95' })).toEqual({
      callSid: CALL_SID,
      via: 'queue',
      result: 'hangup',
      outcome: 'abandoned',
      waitSeconds: 95,
    });
    expect(readTransfer({ CallSid: CALL_SID, From: MOBILE, DialCallStatus: 'no-answer' })).toMatchObject({ via: 'dial', outcome: 'not-answered' });
    expect(readTransfer({ CallSid: CALL_SID, From: MOBILE })).toBeUndefined();
  });

  it('apologises when no adviser answered, and says nothing more when one did', () => {
    expect(replyAfterTransfer(voiceScript, readTransfer({ CallSid: CALL_SID, From: MOBILE, DialCallStatus: 'completed' })!)).toEqual([{ verb: 'hangup' }]);
    expect(spokenIn(replyAfterTransfer(voiceScript, readTransfer({ CallSid: CALL_SID, From: MOBILE, DialCallStatus: 'busy' })!))).toContain(
      voiceScript.prompts.adviserUnavailable,
    );
  });

  it('renders an empty answer as an empty Response', () => {
    expect(renderTwiml([], voiceScript.speaker)).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
  });
});
