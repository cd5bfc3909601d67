import { describe, expect, it } from 'vitest';
import { catalogue } from '#catalogue/index';
import { smsSegments } from '#domain/messages';
import type { ContactOutcome } from '#domain/outcome';
import {
  answerTo,
  chosenOption,
  conversationAfter,
  detailFromText,
  keywordOf,
  nextSmsAction,
  phoneForReading,
  placeIn,
  ratingIn,
  type Conversation,
  type SmsAction,
} from '#channels/sms/conversation';

const ctx = { catalogue, councilNumber: '+441632960000' };
const LOCATION_QUESTION = 'Where is it? Send the street and a nearby house number or landmark.';
const WRITTEN_OPENING_HOURS = catalogue.calendar.describeOpeningHours('written');

/** Runs texts through the state machine from no conversation, as the app would between webhooks. */
function converse(...texts: string[]): { actions: SmsAction[]; conversation: Conversation | null } {
  let conversation: Conversation | null = null;
  const actions: SmsAction[] = [];
  for (const text of texts) {
    const action = nextSmsAction(conversation, text, ctx);
    actions.push(action);
    const next = action.kind === 'reply' || action.kind === 'accept' ? action.next : 'end';
    if (next === 'end') conversation = null;
    else if (next !== 'keep') conversation = next;
  }
  return { actions, conversation };
}

const last = <T>(list: T[]): T => list[list.length - 1]!;
const messageOf = (action: SmsAction) => (action.kind === 'accept' ? undefined : action.message);

function outcome(overrides: Partial<ContactOutcome>): ContactOutcome {
  return {
    contactId: 'c-1',
    decision: 'resolve',
    firstContactResolved: true,
    service: { id: 'bin-day', name: 'Find your bin collection day' },
    teamId: 'waste-services',
    message: 'a reply',
    ...overrides,
  };
}

describe('a report that needs a location', () => {
  it('asks where it is when the text does not say, then asks to confirm, then YES records it with the details', () => {
    // Act
    const { actions, conversation } = converse('there is dog poo everywhere', 'outside 12 Mill Lane, by the school', 'YES');

    // Assess
    expect(messageOf(actions[0]!)).toBe(`Thanks. ${LOCATION_QUESTION}`);
    expect(messageOf(actions[1]!)).toBe('Thank you. Reply YES to send this to our Street Scene team (Report dog fouling), or NO to cancel.');
    expect(actions[2]).toEqual({
      kind: 'accept',
      contact: {
        serviceId: 'dog-fouling',
        text: 'there is dog poo everywhere\noutside 12 Mill Lane, by the school',
        details: { location: 'outside 12 Mill Lane, by the school' },
      },
      // The first text's routing, made once, is what gets recorded: no second routing pass.
      decision: expect.objectContaining({ kind: 'handoff', serviceId: 'dog-fouling', explanation: expect.arrayContaining(['The resident confirmed it by text.']) }),
      next: 'end',
    });
    expect(conversation).toBeNull();
  });

  it('goes straight to the confirmation when the text names the street, keeping it as the location', () => {
    const action = nextSmsAction(null, 'dog poo on Mill Lane', ctx);
    expect(action).toMatchObject({
      kind: 'reply',
      next: { step: 'confirming', serviceId: 'dog-fouling', details: { location: 'Mill Lane' } },
    });
  });

  it('asks for each missing detail in turn: a choice as numbered options, again when the answer does not fit', () => {
    // Act
    const { actions, conversation } = converse('There is a big pothole in the road', 'Mill Lane near the post office', 'purple', '2');

    // Assess
    expect(messageOf(actions[1]!)).toBe(
      'Thanks. How big is it?\n1. smaller than a dinner plate\n2. bigger than a dinner plate\n3. deeper than a brick',
    );
    expect(messageOf(actions[2]!)).toMatch(/^Sorry, we did not understand that\. How big is it\?\n1\. smaller/);
    expect(conversation).toEqual({
      step: 'confirming',
      serviceId: 'pothole',
      decision: expect.objectContaining({ kind: 'handoff', serviceId: 'pothole' }),
      texts: ['There is a big pothole in the road', 'Mill Lane near the post office', '2'],
      details: { location: 'Mill Lane near the post office', size: 'bigger than a dinner plate' },
    });
  });

  it('takes from the first text what it already says (which bin, which day) and asks only for the rest', () => {
    const action = nextSmsAction(null, 'My recycling bin was not collected today', ctx);
    expect(action).toMatchObject({
      kind: 'reply',
      message: 'Thanks. What is the address, with the postcode?',
      next: { step: 'collecting', serviceId: 'missed-bin', details: { 'bin-type': 'recycling', 'collection-day': 'today' }, remaining: ['address'] },
    });
  });

  it('asks a yes/no detail as YES or NO and understands either', () => {
    const { actions, conversation } = converse('graffiti on the wall of 3 Station Road', 'yes');
    expect(messageOf(actions[0]!)).toBe('Thanks. Is the graffiti offensive or racist? Reply YES or NO.');
    expect(conversation).toMatchObject({ step: 'confirming', details: { location: '3 Station Road', offensive: 'yes' } });
  });

  it('cancels on NO at the confirmation, and asks again for anything but YES or NO', () => {
    const again = converse('dog poo on Mill Lane', 'maybe later');
    expect(messageOf(last(again.actions))).toMatch(/^Thank you\. Reply YES to send this/);
    expect(again.conversation).toMatchObject({ step: 'confirming' });

    const cancelled = converse('dog poo on Mill Lane', 'no');
    expect(messageOf(last(cancelled.actions))).toBe('OK, we have not sent it. Text us again at any time if you need us.');
    expect(cancelled.conversation).toBeNull();
  });
});

describe('an ask: the resident chooses from numbered options', () => {
  it('offers the options, then a number continues with that service', () => {
    // Act
    const { actions, conversation } = converse('water', '2');

    // Assess
    expect(messageOf(actions[0]!)).toBe(
      'Sorry, we want to get this right. Which of these is it? Reply with the number.\n1. Report flooding\n2. Report a blocked drain or gully\n3. Report sewage or a bad smell from drains',
    );
    expect(messageOf(actions[1]!)).toBe(`Thanks. ${LOCATION_QUESTION}`);
    expect(conversation).toMatchObject({ step: 'collecting', serviceId: 'blocked-drain', texts: ['water'] });
  });

  it('understands the service by name, offers the options again for anything else, and stops on NO', () => {
    expect(converse('water', 'report flooding').conversation).toMatchObject({ serviceId: 'flooding' });
    const unclear = converse('water', 'banana');
    expect(messageOf(last(unclear.actions))).toMatch(/^Sorry, we did not understand that\. Please reply with the number of one of these, or NO to stop:\n1\. Report flooding/);
    expect(unclear.conversation).toMatchObject({ step: 'choosing' });
    expect(converse('water', 'no').conversation).toBeNull();
  });

  it('records a chosen answer or look-up through the routing layer at once', () => {
    const { actions } = converse('bin', '1');
    expect(last(actions)).toEqual({ kind: 'accept', contact: { text: 'bin', serviceId: 'bin-day' }, next: 'end' });
  });

  it('chosenOption: a number in range, or words of one name; nothing for a number out of range or unclear words', () => {
    const options = [
      { serviceId: 'a', name: 'Report flooding' },
      { serviceId: 'b', name: 'Report a blocked drain or gully' },
    ];
    expect(chosenOption(options, ' 2. ')?.serviceId).toBe('b');
    expect(chosenOption(options, '3')).toBeUndefined();
    expect(chosenOption(options, 'blocked drain')?.serviceId).toBe('b'); // inside one name only
    expect(chosenOption(options, 'Report a blocked drain or gully.')?.serviceId).toBe('b');
    expect(chosenOption(options, 'it is a drain')).toBeUndefined();
    expect(chosenOption(options, 'report')).toBeUndefined(); // both names have it
  });
});

describe('answered at once', () => {
  it('routes an answer, an adviser request and an emergency through the routing layer, with no conversation', () => {
    for (const [text, kind] of [['what are your opening hours', 'resolve'], ['I can smell gas in my kitchen', 'emergency']] as const) {
      // The routing decision goes with the contact, so it is recorded without routing again.
      expect(nextSmsAction(null, text, ctx)).toEqual({ kind: 'accept', contact: { text }, decision: expect.objectContaining({ kind }), next: 'end' });
    }
  });

  it('never holds an emergency for the question it was asking', () => {
    const collecting = converse('There is a big pothole in the road').conversation;
    expect(nextSmsAction(collecting, 'water is pouring into my house', ctx)).toEqual({
      kind: 'accept',
      contact: { text: 'water is pouring into my house' },
      decision: expect.objectContaining({ kind: 'emergency' }),
      next: 'end',
    });
  });

  it('raises an emergency that the texts show only together, when the resident confirms', () => {
    // Prepare: neither text alone shows the danger; the two together do (live cables).
    const { actions } = converse('Street light on Mill Lane is damaged and leaning, the cables', 'are hanging down', 'yes');

    // Assess
    expect(actions.at(-1)).toMatchObject({ kind: 'accept', decision: { kind: 'emergency' }, next: 'end' });
  });

  it('answers "where is my case" for any reference, at any point, and keeps the conversation going', () => {
    expect(nextSmsAction(null, 'where is my case k7md q9px?', ctx)).toEqual({
      kind: 'accept',
      contact: { text: 'where is my case k7md q9px?', serviceId: 'case-status' },
      next: 'keep',
    });
    const collecting = converse('there is dog poo everywhere').conversation;
    expect(nextSmsAction(collecting, 'K7MD-Q9PX', ctx)).toMatchObject({ kind: 'accept', contact: { serviceId: 'case-status' }, next: 'keep' });
  });

  it('takes a reference-like answer as the answer when the question asks for a reference', () => {
    const { conversation } = converse('council tax bill is wrong', 'K7MD-Q9PX');
    expect(conversation).toMatchObject({ step: 'confirming', serviceId: 'council-tax', details: { 'account-number': 'K7MD-Q9PX' } });
  });
});

describe('a look-up that needs a postcode', () => {
  it('waits for the postcode when the routing layer asked for one, then looks it up with it', () => {
    // Prepare
    const accept = nextSmsAction(null, 'when is my bin day', ctx);
    if (accept.kind !== 'accept') throw new Error('expected the bin-day look-up to be accepted');

    // Act
    const waiting = conversationAfter(accept, outcome({ decision: 'ask', firstContactResolved: false }), catalogue);
    const answered = nextSmsAction(waiting === 'keep' || waiting === 'end' ? null : waiting, 'nn1 4tq', ctx);

    // Assess
    expect(waiting).toEqual({ step: 'awaiting-postcode', serviceId: 'bin-day', text: 'when is my bin day' });
    expect(answered).toEqual({ kind: 'accept', contact: { text: 'when is my bin day\nnn1 4tq', serviceId: 'bin-day' }, next: 'end' });
  });

  it('ends when the look-up answered, and treats a text without a postcode as a new request', () => {
    const accept = nextSmsAction(null, 'when is my bin day nn1 4tq', ctx) as Extract<SmsAction, { kind: 'accept' }>;
    expect(conversationAfter(accept, outcome({}), catalogue)).toBe('end');
    const waiting: Conversation = { step: 'awaiting-postcode', serviceId: 'bin-day', text: 'when is my bin day' };
    expect(nextSmsAction(waiting, 'there is dog poo everywhere', ctx)).toMatchObject({ next: { step: 'collecting', serviceId: 'dog-fouling' } });
  });
});

describe('keywords', () => {
  it('opts out on the whole text STOP, STOPALL, UNSUBSCRIBE, CANCEL, END or QUIT, in any case, at any point', () => {
    const collecting = converse('there is dog poo everywhere').conversation;
    for (const word of ['STOP', 'stop', 'Stop.', 'STOPALL', 'unsubscribe', 'Cancel', 'END', 'quit ']) {
      expect(nextSmsAction(collecting, word, ctx), word).toEqual({
        kind: 'opt-out',
        message: 'You will get no more texts from us. Reply START to get them again.',
      });
    }
    expect(keywordOf('please stop the noise')).toBeUndefined();
  });

  it('opts back in on START or UNSTOP', () => {
    for (const word of ['START', 'unstop']) {
      expect(nextSmsAction(null, word, ctx)).toEqual({ kind: 'opt-in', message: 'You will get texts from us again. Reply STOP to stop them.' });
    }
  });

  it('answers HELP with the number to call and the opening hours, in 2 segments, keeping the conversation', () => {
    const action = nextSmsAction(converse('dog poo on Mill Lane').conversation, 'help', ctx);
    expect(action).toMatchObject({ kind: 'reply', next: 'keep' });
    const message = messageOf(action)!;
    expect(message).toContain('call 01632 960000');
    expect(message).toContain(WRITTEN_OPENING_HOURS);
    expect(message).toContain('Reply STOP');
    expect(smsSegments(message)).toBeLessThanOrEqual(2);
  });
});

describe('what a text already tells us', () => {
  it('placeIn finds a postcode or a named street with its house number, and not "the street light" or "my road"', () => {
    expect(placeIn('pothole on Mill Lane')).toBe('Mill Lane');
    expect(placeIn('outside 12 High Street')).toBe('12 High Street');
    expect(placeIn('12a Old Park Road has a pothole')).toBe('12a Old Park Road');
    expect(placeIn('bins everywhere in nn1 4tq')).toBe('NN1 4TQ');
    for (const text of ['the street light is out', 'down my road', 'on the road', 'outside number 8', 'big pothole road']) {
      expect(placeIn(text), text).toBeUndefined();
    }
  });

  it('detailFromText: one option named, a day, a description of four words or more; never yes/no from a description', () => {
    const missedBin = catalogue.service('missed-bin')!.requiredDetails;
    const [address, binType, day] = missedBin;
    expect(detailFromText(binType!, 'food waste and recycling not taken')).toBeUndefined(); // two options: ask
    expect(detailFromText(binType!, 'garden waste bin missed')).toEqual({ value: 'garden waste' });
    expect(detailFromText(day!, 'not collected on Monday')).toEqual({ value: 'monday' });
    expect(detailFromText(address!, 'my bin')).toBeUndefined();
    const offensive = catalogue.service('graffiti')!.requiredDetails.find((d) => d.id === 'offensive')!;
    expect(detailFromText(offensive, 'graffiti, no one has cleaned it')).toBeUndefined();
    const description = catalogue.service('fly-tipping')!.requiredDetails.find((d) => d.id === 'description')!;
    expect(detailFromText(description, 'mattress dumped by the garages')).toEqual({});
    expect(detailFromText(description, 'fly tipping')).toBeUndefined();
  });

  it('answerTo: an option by number, by name or yes/no; free words for other questions; nothing for an empty reply', () => {
    const size = catalogue.service('pothole')!.requiredDetails.find((d) => d.id === 'size')!;
    expect(answerTo(size, '3')).toBe('deeper than a brick');
    expect(answerTo(size, '4')).toBeUndefined();
    expect(answerTo(size, 'Bigger than a dinner plate!')).toBe('bigger than a dinner plate');
    const offensive = catalogue.service('graffiti')!.requiredDetails.find((d) => d.id === 'offensive')!;
    expect(answerTo(offensive, 'Nope')).toBe('no');
    const location = catalogue.service('pothole')!.requiredDetails.find((d) => d.id === 'location')!;
    expect(answerTo(location, '  by the church  ')).toBe('by the church');
    expect(answerTo(location, '   ')).toBeUndefined();
    expect(answerTo(location, 'x'.repeat(900))).toHaveLength(500);
  });

  it('phoneForReading writes UK numbers as people do', () => {
    expect(phoneForReading('+441632960000')).toBe('01632 960000');
    expect(phoneForReading('+442079460000')).toBe('020 7946 0000');
    expect(phoneForReading('+443001234567')).toBe('0300 123 4567');
    expect(phoneForReading('+447700900123')).toBe('07700 900123');
    expect(phoneForReading('+14155550100')).toBe('+14155550100');
  });
});

describe('replies', () => {
  it('every reply of a long conversation fits in 3 SMS segments', () => {
    const { actions } = converse('My recycling bin was not collected today', '12 High Street, NN1 4TQ', 'help', 'yes');
    const replies = actions.map(messageOf).filter((m): m is string => m !== undefined);
    expect(replies.length).toBeGreaterThanOrEqual(3);
    for (const reply of replies) expect(smsSegments(reply), reply).toBeLessThanOrEqual(3);
  });
});

describe('a rating after a resolved case', () => {
  const asked = { ...ctx, ratingAsked: { reference: 'K7MD-Q9PX' } };

  it.each([['4', 4], ['5 stars', 5], [' 3/5 ', 3], ['2 out of 5', 2], ['1!', 1]])('reads %j as %i', (text, rating) => {
    expect(ratingIn(text)).toBe(rating);
    expect(nextSmsAction(null, text, asked)).toMatchObject({ kind: 'rate', rating, reference: 'K7MD-Q9PX' });
  });

  it('is not a rating without a request, out of range, or inside a conversation', () => {
    expect(ratingIn('6')).toBeUndefined();
    expect(ratingIn('0')).toBeUndefined();
    expect(ratingIn('my bin 4')).toBeUndefined();
    expect(nextSmsAction(null, '4', ctx).kind).not.toBe('rate');
    const choosing = { step: 'choosing' as const, text: 'rubbish', options: [{ serviceId: 'missed-bin', name: 'Missed bin' }, { serviceId: 'fly-tipping', name: 'Fly-tipping' }] };
    expect(nextSmsAction(choosing, '2', asked).kind).not.toBe('rate');
  });
});
