import { describe, expect, it } from 'vitest';
import { catalogue } from '#catalogue/index';
import { describeCollections, nextCollections } from '#domain/bin-day';
import { CASE_STATUSES } from '#domain/case';
import { buildCatalogue, CatalogueError, EMERGENCY_KINDS } from '#domain/catalogue';
import { CHANNELS, type Channel } from '#domain/contact';
import {
  answerText,
  describeStatus,
  EMAIL_TEMPLATE_IDS,
  emergencyAdviceTemplate,
  formatOptions,
  MessageError,
  renderEmail,
  renderMessage,
  smsSegments,
  spokenReference,
  styleFor,
  TEMPLATE_IDS,
  type TemplateId,
  wordingStyleOf,
} from '#domain/messages';
import { describeCommitment } from '#domain/sla';
import answers from '../../shared/catalogue/answers.json' with { type: 'json' };
import binRounds from '../../shared/catalogue/bin-rounds.json' with { type: 'json' };
import calendar from '../../shared/catalogue/calendar.json' with { type: 'json' };
import lookups from '../../shared/catalogue/lookups.json' with { type: 'json' };
import services from '../../shared/catalogue/services.json' with { type: 'json' };
import teams from '../../shared/catalogue/teams.json' with { type: 'json' };
import templates from '../../shared/catalogue/templates.json' with { type: 'json' };

function seed() {
  return structuredClone({
    version: 'test', defaultServiceId: 'general-enquiry', teams, services, answers, lookups, templates, binRounds, calendar,
  });
}

// Wednesday 25 November 2026, 10:15 GMT: the Customer Service Centre is open.
const NOW = new Date('2026-11-25T10:15:00Z');
const longest = (names: string[]) => names.reduce((a, b) => (b.length > a.length ? b : a));
const LONGEST_SERVICE = longest(catalogue.services.map((s) => s.name));
const LONGEST_TEAM = longest(catalogue.teams.map((t) => t.name));
const GAS_ADVICE =
  'If you can smell gas: open doors and windows, do not use switches or flames, leave the building and call the National Gas Emergency Service on 0800 111 999 now.';

/** Values as the platform would give them, the longest realistic ones, in the channel's style. */
function realisticValues(templateId: TemplateId, channel: Channel): Record<string, string> {
  const style = styleFor(channel);
  const words = wordingStyleOf(style);
  const commitment = describeCommitment(new Date('2026-12-02T17:00:00Z'), catalogue.calendar, channel, NOW);
  const round = catalogue.binRounds('NN1 4TQ')!;
  const all: Record<string, string> = {
    reference: 'K7MD-Q9PX',
    service: LONGEST_SERVICE,
    team: LONGEST_TEAM,
    commitment,
    due: commitment,
    advice: GAS_ADVICE,
    options: formatOptions(['Report a missed bin collection', 'Request a new, replacement or repaired bin', 'Report fly-tipping', 'Something else'], style),
    openingHours: catalogue.calendar.describeOpeningHours(words),
    nextOpening: catalogue.calendar.nextOpeningInWords(new Date('2026-11-27T18:00:00Z'), words),
    status: describeStatus('awaiting-resident'),
    priority: 'urgent',
    address: `${round.streets.join(', ')}, ${round.postcode}`,
    update: 'We have collected the fly-tipped mattress and cleaned the area. Thank you for telling us about it, and please let us know if it happens again.',
    collections: describeCollections(nextCollections(round, NOW, catalogue.calendar), NOW, words),
    postcode: 'NN9 9ZZ',
    question: `${catalogue.service('pothole')!.requiredDetails[1]!.question}\n${formatOptions(['smaller than a dinner plate', 'bigger than a dinner plate', 'deeper than a brick'], style)}`,
    phone: '01632 960000',
    url: 'https://www.council.example.gov.uk/environmental-health/pest-control',
    text: answerText(catalogue, 'recycling-guide', channel, NOW),
  };
  return Object.fromEntries(catalogue.template(templateId)!.placeholders.map((name) => [name, all[name]!]));
}

describe('the shipped templates', () => {
  it('include every template the platform sends, with the placeholders it fills', () => {
    const expected: Record<TemplateId, string[]> = {
      'handoff-confirmation': ['reference', 'service', 'team', 'commitment'],
      emergency: ['advice', 'reference'],
      'emergency-advice-gas': [],
      'emergency-advice-fire': [],
      'emergency-advice-danger-to-life': [],
      'emergency-advice-child-at-risk': [],
      'emergency-advice-adult-at-risk': [],
      'emergency-advice-flooding-home': [],
      'emergency-advice-dangerous-structure': [],
      'emergency-advice-live-electrics': [],
      'ask-options': ['options'],
      'adviser-open': [],
      'adviser-closed': ['openingHours', 'nextOpening'],
      'adviser-web': ['reference', 'commitment'],
      'case-status': ['reference', 'service', 'status', 'due'],
      'case-status-resolved': ['reference', 'service'],
      'case-status-not-yours': ['reference'],
      'case-not-found': ['reference'],
      'needs-reference': [],
      'repeat-contact': ['reference', 'service', 'status', 'commitment'],
      'needs-postcode': [],
      'bin-day': ['address', 'collections'],
      'bin-day-unknown': ['postcode'],
      'self-service': ['service', 'url'],
      answer: ['text'],
      'case-update': ['reference', 'update'],
      'case-rerouted': ['reference', 'team', 'service', 'commitment'],
      'sla-at-risk': ['reference', 'service', 'team', 'priority', 'due', 'status'],
      'sla-breached': ['reference', 'service', 'team', 'priority', 'due', 'status'],
      'rating-request': ['reference'],
      'sms-rating-thanks': ['reference'],
      'sms-ask-location': [],
      'sms-ask-detail': ['question'],
      'sms-ask-again': ['question'],
      'sms-choose': ['options'],
      'sms-confirm': ['service', 'team'],
      'sms-cancelled': [],
      'sms-opted-out': [],
      'sms-opted-in': [],
      'sms-help': ['phone', 'openingHours'],
      'sms-didnt-catch': [],
      'sms-try-again': [],
    };
    for (const id of [...TEMPLATE_IDS, ...EMAIL_TEMPLATE_IDS]) expect(catalogue.template(id)?.placeholders.toSorted(), id).toEqual(expected[id].toSorted());
  });

  it('have the advice for every kind of emergency the platform recognises, naming a number to call', () => {
    for (const kind of EMERGENCY_KINDS) {
      for (const channel of CHANNELS) expect(renderMessage(catalogue, emergencyAdviceTemplate(kind), channel, {}), `${kind} ${channel}`).toMatch(/999|105/);
    }
  });

  describe.each(EMAIL_TEMPLATE_IDS)('%s by email', (templateId) => {
    it('has a one-line subject and a body with every placeholder filled', () => {
      const { subject, body } = renderEmail(catalogue, templateId, realisticValues(templateId, 'web'));
      expect(subject).not.toMatch(/[{}\n]/);
      expect(subject.length).toBeLessThanOrEqual(200);
      expect(body.length).toBeGreaterThan(20);
      expect(body).not.toMatch(/[{}]/);
    });
  });

  describe.each(TEMPLATE_IDS)('%s', (templateId) => {
    it.each(CHANNELS)('renders for %s with realistic values, every placeholder filled', (channel) => {
      // Prepare
      const values = realisticValues(templateId, channel);

      // Act
      const message = renderMessage(catalogue, templateId, channel, values);

      // Assess
      expect(message.length).toBeGreaterThan(20);
      expect(message).not.toMatch(/[{}]/);
      expect(message).toBe(message.trim());
    });

    it('fits in 3 SMS segments without cutting anything off', () => {
      const values = realisticValues(templateId, 'sms');
      const message = renderMessage(catalogue, templateId, 'sms', values);
      expect(smsSegments(message)).toBeLessThanOrEqual(3);
      expect(message).not.toMatch(/\.\.\.$/);
      const template = catalogue.template(templateId)!;
      for (const name of (template.sms ?? template.text)!.match(/\{(\w+)\}/g) ?? []) {
        const value = values[name.slice(1, -1)]!.replace(/\s+/g, ' ');
        expect(message.replace(/\s+/g, ' '), name).toContain(value);
      }
    });

    it('reads aloud well: no web address, no "&" or "/"', () => {
      const message = renderMessage(catalogue, templateId, 'phone', realisticValues(templateId, 'phone'));
      expect(message).not.toMatch(/http|www\.|\.gov\.uk/i);
      expect(message).not.toMatch(/[&/\n]/);
    });
  });

  it('says "visit our website" on a call instead of reading the link', () => {
    const values = { service: 'Pay your council tax', url: 'https://www.council.example.gov.uk/council-tax/pay' };
    expect(renderMessage(catalogue, 'self-service', 'phone', values)).toMatch(/visit our website/);
    expect(renderMessage(catalogue, 'self-service', 'web', values)).toContain(values.url);
    expect(renderMessage(catalogue, 'self-service', 'sms', values)).toContain(values.url);
  });

  it('reads a reference and a postcode out character by character on a call, and leaves them as written elsewhere', () => {
    const values = { reference: 'K7MD-Q9PX', commitment: 'by five p m tomorrow' };
    expect(renderMessage(catalogue, 'adviser-web', 'phone', values)).toContain('Your reference is K, 7, M, D, then Q, 9, P, X.');
    expect(renderMessage(catalogue, 'adviser-web', 'web', values)).toContain('Your reference is K7MD-Q9PX.');
    expect(renderMessage(catalogue, 'bin-day-unknown', 'phone', { postcode: 'nn9 9zz' })).toContain('postcode N, N, 9, then 9, Z, Z.');
    // A caller that has already spelled it out is not spelled again.
    const spelled = { ...values, reference: spokenReference('K7MD-Q9PX') };
    expect(renderMessage(catalogue, 'adviser-web', 'phone', spelled)).toContain('Your reference is K, 7, M, D, then Q, 9, P, X.');
  });
});

describe('renderMessage', () => {
  it('throws a MessageError naming the template and the missing placeholder', () => {
    const render = () => renderMessage(catalogue, 'handoff-confirmation', 'sms', { reference: 'K7MD-Q9PX', service: 'Pothole', team: 'Highways' });
    expect(render).toThrow(MessageError);
    expect(render).toThrow("message template 'handoff-confirmation' needs a value for {commitment}");
    try {
      render();
    } catch (error) {
      expect(error).toMatchObject({ templateId: 'handoff-confirmation', placeholder: 'commitment' });
    }
  });

  it('needs every declared value even when this channel does not use it, so a caller works on every channel', () => {
    // The voice wording of self-service does not read the url out; the caller must still give it.
    expect(() => renderMessage(catalogue, 'self-service', 'phone', { service: 'Pay your council tax' })).toThrow(/needs a value for \{url\}/);
  });

  it('throws a MessageError for a wording the template does not have', () => {
    expect(() => renderMessage(catalogue, 'sla-at-risk', 'sms', { reference: 'K7MD-Q9PX', service: 's', team: 't', priority: 'high', due: 'd', status: 'open' })).toThrow(
      "message template 'sla-at-risk' has no sms wording",
    );
    expect(() => renderEmail(catalogue, 'rating-request', { reference: 'K7MD-Q9PX' })).toThrow("message template 'rating-request' has no email wording");
  });

  it('throws a MessageError for a template the catalogue does not have', () => {
    expect(() => renderMessage(catalogue, 'no-such-template', 'web', {})).toThrow(MessageError);
    expect(() => renderMessage(catalogue, 'no-such-template', 'web', {})).toThrow("no message template 'no-such-template'");
  });

  it('fills a value once: braces inside a value are not read as placeholders', () => {
    expect(renderMessage(catalogue, 'answer', 'web', { text: 'Say {reference} to us.' })).toBe('Say {reference} to us.');
  });

  it('collapses spaces in an SMS and straightens typographic quotes and dashes so it stays in GSM characters', () => {
    const message = renderMessage(catalogue, 'answer', 'sms', { text: '  We\u2019re   open \u2013 come  in.\n\n\n  \u201cThanks\u201d ' });
    expect(message).toBe('We\'re open - come in.\n"Thanks"');
    expect(smsSegments(message)).toBe(1);
  });

  it('keeps an SMS to 3 segments when a value is far too long, ending at a whole sentence', () => {
    const sentence = 'This sentence is forty-eight characters long ok. ';
    const message = renderMessage(catalogue, 'answer', 'sms', { text: sentence.repeat(20) });
    expect(smsSegments(message)).toBe(3);
    expect(message.length).toBeLessThanOrEqual(459);
    expect(message.endsWith('long ok.')).toBe(true);
  });

  it('chooses the variant by channel', () => {
    expect(styleFor('sms')).toBe('sms');
    expect(styleFor('phone')).toBe('voice');
    expect(styleFor('web')).toBe('web');
    expect(styleFor('open311')).toBe('web');
    expect(styleFor('face_to_face')).toBe('web');
    const template = catalogue.template('adviser-open')!;
    expect(renderMessage(catalogue, 'adviser-open', 'phone', {})).toBe(template.voice);
    expect(renderMessage(catalogue, 'adviser-open', 'face_to_face', {})).toBe(template.web);
  });
});

describe('smsSegments', () => {
  it('counts GSM segments of 160, then 153; extension characters twice; UCS-2 at 70, then 67', () => {
    expect(smsSegments('a'.repeat(160))).toBe(1);
    expect(smsSegments('a'.repeat(161))).toBe(2);
    expect(smsSegments('a'.repeat(459))).toBe(3);
    expect(smsSegments('a'.repeat(460))).toBe(4);
    expect(smsSegments(`${'a'.repeat(159)}€`)).toBe(2);
    expect(smsSegments(`£${'a'.repeat(159)}`)).toBe(1);
    expect(smsSegments(`${'a'.repeat(69)}\u2019`)).toBe(1);
    expect(smsSegments(`${'a'.repeat(70)}\u2019`)).toBe(2);
  });
});

describe('spokenReference', () => {
  it('pauses after each character and says "then" between the groups', () => {
    expect(spokenReference('K7MD-Q9PX')).toBe('K, 7, M, D, then Q, 9, P, X');
    expect(spokenReference('k7md q9px')).toBe('K, 7, M, D, then Q, 9, P, X');
    expect(spokenReference('NN1 4TQ')).toBe('N, N, 1, then 4, T, Q');
  });
});

describe('formatOptions', () => {
  const names = ['Report a missed bin collection', 'Report fly-tipping', 'Something else'];

  it('numbers the options, one a line, for SMS and web', () => {
    expect(formatOptions(names, 'sms')).toBe('1. Report a missed bin collection\n2. Report fly-tipping\n3. Something else');
    expect(formatOptions(names, 'web')).toBe(formatOptions(names, 'sms'));
  });

  it('says the numbers on a call, keypad as well as speech', () => {
    expect(formatOptions(names, 'voice')).toBe(
      'Say or press one for Report a missed bin collection, two for Report fly-tipping, or three for Something else',
    );
    expect(formatOptions(['Report a pothole'], 'voice')).toBe('Say or press one for Report a pothole');
    expect(formatOptions(Array.from({ length: 10 }, (_, i) => `Option ${i + 1}`), 'voice')).toMatch(/^Say one for .*, or ten for Option 10$/);
  });

  it('refuses an empty list', () => {
    expect(() => formatOptions([], 'sms')).toThrow(MessageError);
  });
});

describe('describeStatus', () => {
  it('tells each case status in the resident\'s words', () => {
    expect(Object.fromEntries(CASE_STATUSES.map((s) => [s, describeStatus(s)]))).toEqual({
      open: 'with the team',
      accepted: 'being worked on',
      'awaiting-resident': 'waiting for information from you',
      resolved: 'resolved',
      'returned-to-csn': 'with our customer service team',
    });
  });
});

describe('answerText', () => {
  it('gives the opening hours from calendar.json, not from a fixed sentence', () => {
    const text = answerText(catalogue, 'opening-hours', 'web', NOW);
    expect(text).toContain(
      'open Monday to Thursday 8:30am to 12:30pm and 1:30pm to 5pm; Friday 8:30am to 4:30pm; closed at weekends and on bank holidays.',
    );
    expect(text).toContain(catalogue.calendar.describeOpeningHours('written'));
    expect(text).not.toMatch(/9am to 5pm|Monday to Friday/);
  });

  it('says whether we are open now: open on Wednesday morning, closed on Saturday', () => {
    expect(answerText(catalogue, 'opening-hours', 'web', NOW)).toContain("We're open now until 12:30pm today.");
    const saturday = new Date('2026-11-28T11:00:00Z');
    expect(answerText(catalogue, 'opening-hours', 'sms', saturday)).toContain(
      "We're closed now and open again at 8:30am on Monday 30 November.",
    );
  });

  it('changes when the calendar data changes', () => {
    // Prepare: a council open 9 to 5, Monday to Friday, and Saturday mornings.
    const data = seed();
    const nineToFive = [{ opens: '09:00', closes: '17:00' }];
    const openingHours = {
      monday: nineToFive, tuesday: nineToFive, wednesday: nineToFive, thursday: nineToFive, friday: nineToFive,
      saturday: [{ opens: '09:00', closes: '12:00' }], sunday: [],
    };
    const changed = buildCatalogue({ ...data, calendar: { ...data.calendar, openingHours } });

    // Act
    const text = answerText(changed, 'opening-hours', 'web', new Date('2026-11-28T11:00:00Z'));

    // Assess
    expect(text).toContain('open Monday to Friday 9am to 5pm; Saturday 9am to 12 noon; closed on Sundays and on bank holidays.');
    expect(text).toContain("We're open now until 12 noon today.");
  });

  it('speaks the hours on a call and leaves out the web address', () => {
    const text = answerText(catalogue, 'opening-hours', 'phone', NOW);
    expect(text).toContain('Monday to Thursday eight thirty a m to twelve thirty p m and one thirty p m to five p m');
    expect(text).toContain('on our website');
    expect(text).not.toMatch(/http|www|\//);
    expect(answerText(catalogue, 'recycling-guide', 'phone', NOW)).not.toMatch(/http|www|\//);
    expect(answerText(catalogue, 'recycling-guide', 'web', NOW)).toContain('https://www.council.example.gov.uk/bins/what-goes-where');
  });

  it('fits every answer in 3 SMS segments', () => {
    for (const answer of catalogue.answers) {
      expect(smsSegments(answerText(catalogue, answer.id, 'sms', NOW)), answer.id).toBeLessThanOrEqual(3);
    }
  });

  it('throws a MessageError for an answer the catalogue does not have', () => {
    expect(() => answerText(catalogue, 'parking-hours', 'web', NOW)).toThrow(MessageError);
  });
});

describe('a catalogue with broken wording', () => {
  const source = { default: 'catalogue', templates: 'templates.json', answers: 'answers.json' };
  const templateIndex = (data: ReturnType<typeof seed>, id: string) => data.templates.findIndex((t) => t.id === id);

  it('stops at a template that uses a placeholder it does not declare, naming file, entry and field', () => {
    const data = seed();
    const i = templateIndex(data, 'emergency');
    data.templates[i]!.sms = '{advice} Your reference is {refrence}.';
    expect(() => buildCatalogue(data, source)).toThrow(CatalogueError);
    expect(() => buildCatalogue(data, source)).toThrow(
      `templates.json: templates[${i}] (id 'emergency') field sms: {refrence} is not a placeholder this wording can use; it can use one of {advice}, {reference}`,
    );
  });

  it('stops at a web address or a symbol in voice wording', () => {
    const data = seed();
    const i = templateIndex(data, 'self-service');
    data.templates[i]!.voice = 'Visit {url} for {service}.';
    expect(() => buildCatalogue(data, source)).toThrow(/templates\[\d+\] \(id 'self-service'\) field voice: is read aloud: say 'visit our website' instead of a web address or \{url\}/);
    data.templates[i]!.voice = 'Visit www.council.example.gov.uk for {service}.';
    expect(() => buildCatalogue(data, source)).toThrow(/field voice: is read aloud: say 'visit our website'/);
    data.templates[i]!.voice = 'Visit our website for {service} & more.';
    expect(() => buildCatalogue(data, source)).toThrow(/field voice: is read aloud: write 'and' or 'or'/);
  });

  it('stops at a stray brace, a placeholder no wording uses, and a missing variant', () => {
    const stray = seed();
    stray.templates[templateIndex(stray, 'case-not-found')]!.web = 'No report {reference}} found.';
    expect(() => buildCatalogue(stray, source)).toThrow(/\(id 'case-not-found'\) field web: has a '\{' or '\}' that is not part of a placeholder/);

    const unused = seed();
    unused.templates[templateIndex(unused, 'adviser-open')]!.placeholders = ['team'];
    expect(() => buildCatalogue(unused, source)).toThrow(/\(id 'adviser-open'\) field placeholders\[0\]: 'team' is not used in any wording/);

    const missing = seed();
    delete (missing.templates[0] as { voice?: string }).voice;
    expect(() => buildCatalogue(missing, source)).toThrow(/templates\.json: templates\[0\] \(id 'handoff-confirmation'\) field voice/);
  });

  it('stops at an email wording with an unknown placeholder, a template with only some channel wordings, and one with no wording', () => {
    const email = seed();
    const i = templateIndex(email, 'sla-breached');
    (email.templates[i] as { email?: { subject: string } }).email!.subject = 'SLA breached: {ref}';
    expect(() => buildCatalogue(email, source)).toThrow(
      /templates\.json: templates\[\d+\] \(id 'sla-breached'\) field email\.subject: \{ref\} is not a placeholder this wording can use/,
    );

    const some = seed();
    delete (some.templates[templateIndex(some, 'case-update')] as { web?: string }).web;
    expect(() => buildCatalogue(some, source)).toThrow(/\(id 'case-update'\) field web: is required: a template with sms and voice wording needs sms, voice and web, or a text for the others/);

    const none = seed();
    delete (none.templates[templateIndex(none, 'sla-at-risk')] as { email?: unknown }).email;
    expect(() => buildCatalogue(none, source)).toThrow(/\(id 'sla-at-risk'\) field text: is required: give a text \(or sms, voice and web wordings\), or an email wording/);
  });

  it('reads one text aloud too, when a template has no voice wording of its own', () => {
    const data = seed();
    const i = templateIndex(data, 'emergency-advice-gas');
    (data.templates[i] as { text?: string }).text = 'Leave the building and see www.nationalgas.com/gas-emergency.';
    expect(() => buildCatalogue(data, source)).toThrow(/\(id 'emergency-advice-gas'\) field text: is read aloud/);
    (data.templates[i] as { voice?: string }).voice = 'Leave the building and call the gas emergency line.';
    const council = buildCatalogue(data, source);
    expect(renderMessage(council, 'emergency-advice-gas', 'sms', {})).toBe('Leave the building and see www.nationalgas.com/gas-emergency.');
    expect(renderMessage(council, 'emergency-advice-gas', 'phone', {})).toBe('Leave the building and call the gas emergency line.');
  });

  it('stops at an answer with an unknown placeholder, or a web address and no voice wording', () => {
    const data = seed();
    data.answers[1]!.text = 'We are open {openingTimes}.';
    expect(() => buildCatalogue(data, source)).toThrow(
      "answers.json: answers[1] (id 'opening-hours') field text: {openingTimes} is not a placeholder this wording can use; it can use one of {openingHours}, {nextOpening}",
    );
    const noVoice = seed();
    delete (noVoice.answers[0] as { voice?: string }).voice;
    expect(() => buildCatalogue(noVoice, source)).toThrow(/answers\[0\] \(id 'recycling-guide'\) field voice: is needed/);
  });
});
