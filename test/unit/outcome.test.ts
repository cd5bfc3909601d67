import { describe, expect, it } from 'vitest';
import { catalogue } from '#catalogue/index';
import { openCase, type Case } from '#domain/case';
import type { Channel, Contact } from '#domain/contact';
import { buildCatalogue } from '#domain/catalogue';
import { renderMessage, spokenReference } from '#domain/messages';
import { planContact, readsFor, type PlanContext } from '#domain/outcome';
import type { Decision, DecisionKind } from '#domain/routing';
import answers from '../../shared/catalogue/answers.json' with { type: 'json' };
import binRounds from '../../shared/catalogue/bin-rounds.json' with { type: 'json' };
import calendar from '../../shared/catalogue/calendar.json' with { type: 'json' };
import lookups from '../../shared/catalogue/lookups.json' with { type: 'json' };
import services from '../../shared/catalogue/services.json' with { type: 'json' };
import teams from '../../shared/catalogue/teams.json' with { type: 'json' };
import seedTemplates from '../../shared/catalogue/templates.json' with { type: 'json' };

const seed = { version: 'test', defaultServiceId: 'general-enquiry', teams, services, answers, lookups, templates: seedTemplates, binRounds, calendar };

// Thursday 26 November 2026, 10:15 GMT: the Customer Service Centre is open (Mon-Thu 8:30-12:30, 13:30-17:00).
const THURSDAY_MORNING = '2026-11-26T10:15:00.000Z';
// Friday 27 November 2026, 5:30pm: an hour after Friday's 4:30pm closing; next open Monday 30 November.
const FRIDAY_EVENING = '2026-11-27T17:30:00.000Z';
// Christmas Eve 2026: inside the Christmas closure (24 December to 1 January); next open Monday 4 January 2027.
const CHRISTMAS_EVE = '2026-12-24T10:15:00.000Z';

const REFERENCE = 'K7MD-Q9PX';
const SPOKEN_REFERENCE = 'K, 7, M, D, then Q, 9, P, X';
const JO = { name: 'Jo Bloggs', email: 'jo.bloggs@example.com' };
const WRITTEN_OPENING_HOURS = 'Monday to Thursday 8:30am to 12:30pm and 1:30pm to 5pm; Friday 8:30am to 4:30pm; closed at weekends and on bank holidays';

function contactOn(channel: Channel, receivedAt: string, text: string, overrides: Partial<Contact> = {}): Contact {
  return { id: 'contact-1', channel, providerId: 'provider-1', receivedAt, text, resident: JO, ...overrides };
}

function decision(kind: DecisionKind, serviceId: string, overrides: Partial<Decision> = {}): Decision {
  const service = catalogue.service(serviceId);
  if (!service) throw new Error(`test setup: no service '${serviceId}' in the catalogue`);
  return { kind, serviceId, teamId: service.teamId, confidence: 0.9, explanation: ['Chosen by the test.'], modelVersion: 'test', ...overrides };
}

function context(now: string, overrides: Partial<PlanContext> = {}): PlanContext {
  return { catalogue, now: new Date(now), newReference: REFERENCE, openCases: [], ...overrides };
}

/** A case as the store would hold it, opened earlier by `resident` (default Jo). */
function existingCase(reference: string, serviceId: string, overrides: Partial<Case> = {}, resident = JO): Case {
  const reported = contactOn('web', '2026-11-24T09:00:00.000Z', 'reported earlier', { id: `contact-${reference}`, resident });
  return { ...openCase(reference, reported, decision('handoff', serviceId), catalogue), ...overrides };
}

describe('planContact: a hand-off to a service team', () => {
  it('opens a case on the web and tells the resident the reference, the team and a written commitment', () => {
    // Prepare
    const contact = contactOn('web', THURSDAY_MORNING, 'My black bin was not emptied on Tuesday');

    // Act
    const plan = planContact(contact, decision('handoff', 'missed-bin'), context(THURSDAY_MORNING));

    // Assess: 2 working days from Thursday morning is close of business on Monday
    expect(plan.write).toBe('case');
    if (plan.write !== 'case') return;
    expect(plan.case).toMatchObject({
      reference: REFERENCE,
      status: 'open',
      serviceId: 'missed-bin',
      teamId: 'waste-services',
      customerKey: 'EMAIL#jo.bloggs@example.com',
      priority: 'normal',
      repeatContacts: 0,
      sla: { startedAt: THURSDAY_MORNING, dueAt: '2026-11-30T17:00:00.000Z' },
    });
    expect(plan.outcome).toMatchObject({
      contactId: 'contact-1',
      decision: 'handoff',
      firstContactResolved: false,
      service: { id: 'missed-bin', name: 'Report a missed bin collection' },
      teamId: 'waste-services',
      reference: REFERENCE,
      priority: 'normal',
      dueAt: '2026-11-30T17:00:00.000Z',
      commitment: 'by 5pm on Monday 30 November',
    });
    expect(plan.outcome.repeatOf).toBeUndefined();
    expect(plan.outcome.message).toContain(`Your reference is ${REFERENCE}.`);
    expect(plan.outcome.message).toContain('Waste and Recycling');
    expect(plan.outcome.message).toContain('by 5pm on Monday 30 November');
  });

  it('says the commitment in the spoken style on the phone and reads the reference out character by character', () => {
    // Prepare
    const contact = contactOn('phone', THURSDAY_MORNING, 'My black bin was not emptied on Tuesday');

    // Act
    const plan = planContact(contact, decision('handoff', 'missed-bin'), context(THURSDAY_MORNING));

    // Assess
    expect(plan.write).toBe('case');
    expect(plan.outcome.reference).toBe(REFERENCE);
    expect(plan.outcome.commitment).toBe('by five p m on Monday the thirtieth of November');
    expect(plan.outcome.message).toContain('by five p m on Monday the thirtieth of November');
    expect(plan.outcome.message).toContain(SPOKEN_REFERENCE);
    expect(plan.outcome.message).not.toContain(REFERENCE);
    expect(spokenReference(REFERENCE)).toBe(SPOKEN_REFERENCE);
  });

  it('keeps the written reference and commitment in a text message', () => {
    // Prepare
    const contact = contactOn('sms', THURSDAY_MORNING, 'bin not emptied', { resident: { phone: '+447700900123' } });

    // Act
    const plan = planContact(contact, decision('handoff', 'missed-bin'), context(THURSDAY_MORNING));

    // Assess
    expect(plan.outcome.commitment).toBe('by 5pm on Monday 30 November');
    expect(plan.outcome.message).toContain(REFERENCE);
    expect(plan.outcome.message).toContain('by 5pm on Monday 30 November');
    expect(plan.write === 'case' && plan.case.customerKey).toBe('PHONE#+447700900123');
  });

  it('counts the SLA from the first working day after the Christmas closure', () => {
    // Prepare
    const contact = contactOn('web', CHRISTMAS_EVE, 'My black bin was not emptied');

    // Act
    const plan = planContact(contact, decision('handoff', 'missed-bin'), context(CHRISTMAS_EVE));

    // Assess: open again Monday 4 January; 2 working days later is Wednesday 6 January, with the year said
    expect(plan.outcome.dueAt).toBe('2027-01-06T17:00:00.000Z');
    expect(plan.outcome.commitment).toBe('by 5pm on Wednesday 6 January 2027');
    expect(plan.outcome.message).toContain('by 5pm on Wednesday 6 January 2027');
  });

  it('raises the priority and shortens the target when the description meets a priority rule', () => {
    // Prepare: missed-bin's "repeat" rule: high, 1 working day
    const contact = contactOn('web', THURSDAY_MORNING, 'They missed my bin again');

    // Act
    const plan = planContact(contact, decision('handoff', 'missed-bin'), context(THURSDAY_MORNING));

    // Assess: Friday closes at 4:30pm
    expect(plan.outcome.priority).toBe('high');
    expect(plan.outcome.dueAt).toBe('2026-11-27T16:30:00.000Z');
    expect(plan.outcome.commitment).toBe('by 4:30pm on Friday 27 November');
    expect(plan.write === 'case' && plan.case.routing.explanation).toContain('Priority high: repeat ("again").');
  });

  it("links a hand-off to the resident's open case for the same service instead of opening another", () => {
    // Prepare
    const earlier = existingCase('HJKM-NPQR', 'missed-bin', { status: 'accepted' });
    const contact = contactOn('web', THURSDAY_MORNING, 'Still waiting for my bin to be emptied');

    // Act
    const plan = planContact(contact, decision('handoff', 'missed-bin'), context(THURSDAY_MORNING, { openCases: [earlier] }));

    // Assess
    expect(plan).toMatchObject({ write: 'repeat', reference: 'HJKM-NPQR' });
    expect(plan.outcome).toMatchObject({
      decision: 'handoff',
      firstContactResolved: false,
      reference: 'HJKM-NPQR',
      repeatOf: 'HJKM-NPQR',
      dueAt: earlier.sla.dueAt,
      // reported Tuesday 24 November with a 2 working-day target: due at close today
      commitment: 'by 5pm today',
    });
    expect(plan.outcome.message).toContain('HJKM-NPQR');
    expect(plan.outcome.message).toContain('being worked on');
    expect(plan.outcome.message).not.toContain(REFERENCE);
  });

  it('opens a new case when the open case is for another service, or is resolved', () => {
    // Prepare
    const otherService = existingCase('HJKM-NPQR', 'pothole');
    const resolved = existingCase('W4TR-9KXM', 'missed-bin', { status: 'resolved' });
    const contact = contactOn('web', THURSDAY_MORNING, 'My black bin was not emptied');

    // Act
    const plan = planContact(contact, decision('handoff', 'missed-bin'), context(THURSDAY_MORNING, { openCases: [otherService, resolved] }));

    // Assess
    expect(plan.write).toBe('case');
    expect(plan.outcome.reference).toBe(REFERENCE);
    expect(plan.outcome.repeatOf).toBeUndefined();
  });
});

describe('planContact: emergencies', () => {
  it("opens an urgent case and puts the advice for the decision's kind of emergency first in the message", () => {
    // Prepare
    const advice = renderMessage(catalogue, 'emergency-advice-gas', 'sms', {});
    expect(advice).toContain('call the National Gas Emergency Service on 0800 111 999 now.');
    const contact = contactOn('sms', THURSDAY_MORNING, 'I can smell gas in my kitchen', { resident: { phone: '+447700900123' } });

    // Act
    const plan = planContact(contact, decision('emergency', 'emergency-incident', { confidence: 1, emergencyKind: 'gas' }), context(THURSDAY_MORNING));

    // Assess: the emergency service's target is 1 elapsed hour
    expect(plan.write).toBe('case');
    expect(plan.write === 'case' && plan.case.priority).toBe('urgent');
    expect(plan.outcome).toMatchObject({
      decision: 'emergency',
      priority: 'urgent',
      reference: REFERENCE,
      service: { id: 'emergency-incident' },
      dueAt: '2026-11-26T11:15:00.000Z',
      commitment: 'by 11:15am today',
    });
    expect(plan.outcome.message.startsWith(advice)).toBe(true);
    expect(plan.outcome.message).toContain(REFERENCE);
  });

  it('makes the case urgent even for a service whose own rules would leave it normal', () => {
    // Prepare: nothing in the text meets a pothole priority rule
    const contact = contactOn('web', THURSDAY_MORNING, 'a hole in the road');

    // Act
    const plan = planContact(contact, decision('emergency', 'pothole', { emergencyKind: 'danger-to-life' }), context(THURSDAY_MORNING));

    // Assess
    expect(plan.write === 'case' && plan.case.priority).toBe('urgent');
    expect(plan.outcome.priority).toBe('urgent');
    expect(plan.outcome.message).toContain('call 999 now.');
  });

  it("says the council's own advice: the wording is the catalogue's, in the channel's form", () => {
    // Prepare: a council that words its gas advice differently, and for the phone differently again
    const templates = seed.templates.map((t) =>
      t.id === 'emergency-advice-gas' ? { ...t, sms: 'Leave now and ring 0800 111 999.', voice: 'Leave now and ring the gas emergency line.' } : t,
    );
    const council = buildCatalogue({ ...seed, templates });
    const gas = decision('emergency', 'emergency-incident', { emergencyKind: 'gas' });

    // Act
    const text = planContact(contactOn('sms', THURSDAY_MORNING, 'I can smell gas'), gas, context(THURSDAY_MORNING, { catalogue: council }));
    const call = planContact(contactOn('phone', THURSDAY_MORNING, 'I can smell gas'), gas, context(THURSDAY_MORNING, { catalogue: council }));

    // Assess
    expect(text.outcome.message.startsWith('Leave now and ring 0800 111 999. We have raised an urgent report')).toBe(true);
    expect(call.outcome.message.startsWith('Leave now and ring the gas emergency line.')).toBe(true);
  });
});

describe('planContact: asking which service', () => {
  const options = [
    { serviceId: 'pothole', area: 'roads', confidence: 0.3 },
    { serviceId: 'pavement-defect', area: 'roads', confidence: 0.25 },
  ] as Decision['options'];

  it('lists the options by name as a numbered list on the web, writing only the contact', () => {
    // Prepare
    const contact = contactOn('web', THURSDAY_MORNING, 'broken');

    // Act
    const plan = planContact(contact, decision('ask', 'pothole', { options }), context(THURSDAY_MORNING));

    // Assess
    expect(plan.write).toBe('contact');
    expect(plan.outcome).toMatchObject({
      decision: 'ask',
      firstContactResolved: false,
      options: [
        { serviceId: 'pothole', name: 'Report a pothole' },
        { serviceId: 'pavement-defect', name: 'Report a damaged pavement or kerb' },
      ],
    });
    expect(plan.outcome.reference).toBeUndefined();
    expect(plan.outcome.message).toContain('1. Report a pothole\n2. Report a damaged pavement or kerb');
  });

  it('reads the options out with keypad numbers on the phone', () => {
    // Prepare
    const contact = contactOn('phone', THURSDAY_MORNING, 'broken');

    // Act
    const plan = planContact(contact, decision('ask', 'pothole', { options }), context(THURSDAY_MORNING));

    // Assess
    expect(plan.outcome.message).toContain('Say or press one for Report a pothole, or two for Report a damaged pavement or kerb');
  });
});

describe('planContact: passing to an adviser', () => {
  it.each(['web', 'open311'] as const)('opens a general enquiry case for an adviser on %s, which cannot be transferred live', (channel) => {
    // Prepare
    const contact = contactOn(channel, FRIDAY_EVENING, 'I need some help please');

    // Act
    const plan = planContact(contact, decision('adviser', 'general-enquiry'), context(FRIDAY_EVENING));

    // Assess: 10 working days counted from Monday 30 November
    expect(plan.write).toBe('case');
    expect(plan.write === 'case' && plan.case).toMatchObject({ serviceId: 'general-enquiry', teamId: 'customer-services', reference: REFERENCE });
    expect(plan.outcome).toMatchObject({
      decision: 'adviser',
      reference: REFERENCE,
      dueAt: '2026-12-14T17:00:00.000Z',
      commitment: 'by 5pm on Monday 14 December',
    });
    expect(plan.outcome.message).toContain(REFERENCE);
    expect(plan.outcome.message).toContain('by 5pm on Monday 14 December');
  });

  it('records only the contact on sms while open, saying an adviser will reply', () => {
    // Prepare
    const contact = contactOn('sms', THURSDAY_MORNING, 'I need some help please');

    // Act
    const plan = planContact(contact, decision('adviser', 'general-enquiry'), context(THURSDAY_MORNING));

    // Assess
    expect(plan.write).toBe('contact');
    expect(plan.outcome.reference).toBeUndefined();
    expect(plan.outcome.message).toContain('advisers');
    expect(plan.outcome.message).not.toContain('not available');
  });

  it('puts a caller through on the phone while open', () => {
    // Prepare
    const contact = contactOn('phone', THURSDAY_MORNING, 'can I speak to someone');

    // Act
    const plan = planContact(contact, decision('adviser', 'general-enquiry'), context(THURSDAY_MORNING));

    // Assess
    expect(plan.write).toBe('contact');
    expect(plan.outcome.message).toContain('put you through');
  });

  it('on sms after Friday closing says when the council opens again and its hours, in writing', () => {
    // Prepare
    const contact = contactOn('sms', FRIDAY_EVENING, 'I need some help please');

    // Act
    const plan = planContact(contact, decision('adviser', 'general-enquiry'), context(FRIDAY_EVENING));

    // Assess
    expect(plan.write).toBe('contact');
    expect(plan.outcome.message).toContain('not available right now');
    expect(plan.outcome.message).toContain("We're closed now and open again at 8:30am on Monday 30 November.");
    expect(plan.outcome.message).toContain(WRITTEN_OPENING_HOURS);
  });

  it('on the phone after closing says the same in the spoken style', () => {
    // Prepare
    const contact = contactOn('phone', FRIDAY_EVENING, 'can I speak to someone');

    // Act
    const plan = planContact(contact, decision('adviser', 'general-enquiry'), context(FRIDAY_EVENING));

    // Assess
    expect(plan.outcome.message).toContain('not available right now');
    expect(plan.outcome.message).toContain("We're closed now and open again at eight thirty a m on Monday the thirtieth of November.");
    expect(plan.outcome.message).toContain('Monday to Thursday eight thirty a m to twelve thirty p m and one thirty p m to five p m');
    expect(plan.outcome.message).not.toContain('www.');
  });

  it('during the Christmas closure names the first opening of the new year', () => {
    // Prepare
    const contact = contactOn('sms', CHRISTMAS_EVE, 'I need some help please');

    // Act
    const plan = planContact(contact, decision('adviser', 'general-enquiry'), context(CHRISTMAS_EVE));

    // Assess
    expect(plan.outcome.message).toContain("We're closed now and open again at 8:30am on Monday 4 January 2027.");
  });

  it('in the lunch break on a weekday says it opens again this afternoon', () => {
    // Prepare: Thursday 12:45, between the 12:30 close and the 1:30pm reopening
    const lunchtime = '2026-11-26T12:45:00.000Z';
    const contact = contactOn('sms', lunchtime, 'I need some help please');

    // Act
    const plan = planContact(contact, decision('adviser', 'general-enquiry'), context(lunchtime));

    // Assess
    expect(plan.outcome.message).toContain("We're closed now and open again at 1:30pm today.");
  });
});

describe('planContact: resolving at first contact', () => {
  it('tells the next bin collections for a postcode in the text', () => {
    // Prepare: NN1 4TQ has garden waste on alternate Thursdays (this one), recycling and food waste next Tuesday
    const contact = contactOn('web', THURSDAY_MORNING, 'when is my bin day? nn1 4tq');

    // Act
    const plan = planContact(contact, decision('resolve', 'bin-day'), context(THURSDAY_MORNING));

    // Assess
    expect(plan.write).toBe('contact');
    expect(plan.outcome).toMatchObject({ decision: 'resolve', firstContactResolved: true, service: { id: 'bin-day' } });
    expect(plan.outcome.message).toContain('NN1 4TQ');
    expect(plan.outcome.message).toContain(
      'garden waste: today, Thursday 26 November; recycling and food waste: Tuesday 1 December; general waste: Tuesday 8 December',
    );
  });

  it('takes the postcode from the details when the text has none, and speaks the dates on the phone', () => {
    // Prepare
    const contact = contactOn('phone', THURSDAY_MORNING, 'when is my bin day', { details: { postcode: 'nn14tq' } });

    // Act
    const plan = planContact(contact, decision('resolve', 'bin-day'), context(THURSDAY_MORNING));

    // Assess
    expect(plan.outcome.firstContactResolved).toBe(true);
    expect(plan.outcome.message).toContain(
      'garden waste today, recycling and food waste on Tuesday the first of December, and general waste on Tuesday the eighth of December',
    );
  });

  it('asks for the postcode when there is none, resolving nothing yet', () => {
    // Prepare
    const contact = contactOn('sms', THURSDAY_MORNING, 'when is my bin day');

    // Act
    const plan = planContact(contact, decision('resolve', 'bin-day'), context(THURSDAY_MORNING));

    // Assess
    expect(plan.write).toBe('contact');
    expect(plan.outcome).toMatchObject({ decision: 'ask', firstContactResolved: false });
    expect(plan.outcome.message).toContain('postcode');
  });

  it('says it has no collection days for a postcode with no round', () => {
    // Prepare: a well-formed postcode outside the council's rounds
    const contact = contactOn('web', THURSDAY_MORNING, 'bin day for NN9 9ZZ please');

    // Act
    const plan = planContact(contact, decision('resolve', 'bin-day'), context(THURSDAY_MORNING));

    // Assess
    expect(plan.write).toBe('contact');
    expect(plan.outcome.message).toContain('do not have collection days for NN9 9ZZ');
  });

  it('points to self-service with the web address on the web, and without it on the phone', () => {
    // Prepare
    const web = contactOn('web', THURSDAY_MORNING, 'i need a new recycling box');
    const phone = contactOn('phone', THURSDAY_MORNING, 'i need a new recycling box');

    // Act
    const onWeb = planContact(web, decision('resolve', 'new-bin'), context(THURSDAY_MORNING));
    const onPhone = planContact(phone, decision('resolve', 'new-bin'), context(THURSDAY_MORNING));

    // Assess
    expect(onWeb.write).toBe('contact');
    expect(onWeb.outcome).toMatchObject({ decision: 'resolve', firstContactResolved: true, service: { id: 'new-bin' } });
    expect(onWeb.outcome.message).toContain('Request a new, replacement or repaired bin at https://www.council.example.gov.uk/bins/request-a-bin');
    expect(onPhone.outcome.firstContactResolved).toBe(true);
    expect(onPhone.outcome.message).toContain('Request a new, replacement or repaired bin');
    expect(onPhone.outcome.message).not.toContain('https://');
  });

  it('answers the opening hours from the calendar at the time of asking', () => {
    // Prepare
    const thursday = contactOn('web', THURSDAY_MORNING, 'what are your opening hours');
    const friday = contactOn('phone', FRIDAY_EVENING, 'what are your opening hours');

    // Act
    const open = planContact(thursday, decision('resolve', 'council-opening-hours'), context(THURSDAY_MORNING));
    const closed = planContact(friday, decision('resolve', 'council-opening-hours'), context(FRIDAY_EVENING));

    // Assess
    expect(open.write).toBe('contact');
    expect(open.outcome.firstContactResolved).toBe(true);
    expect(open.outcome.message).toContain(`The Customer Service Centre is open ${WRITTEN_OPENING_HOURS}.`);
    expect(open.outcome.message).toContain("We're open now until 12:30pm today.");
    expect(closed.outcome.message).toContain("We're closed now and open again at eight thirty a m on Monday the thirtieth of November.");
  });
});

describe('planContact: "where is my case"', () => {
  const statusLookup = decision('resolve', 'case-status');

  it("links the owner's enquiry to their open case as a repeat contact, resolved there and then", () => {
    // Prepare
    const quoted = existingCase('HJKM-NPQR', 'pothole');
    const contact = contactOn('web', THURSDAY_MORNING, 'where is my case hjkm npqr?', { resident: { email: JO.email } });

    // Act
    const plan = planContact(contact, statusLookup, context(THURSDAY_MORNING, { quotedCase: quoted }));

    // Assess: reported Tuesday 24 November, 5 working days
    expect(plan).toMatchObject({ write: 'repeat', reference: 'HJKM-NPQR' });
    expect(plan.outcome).toMatchObject({
      decision: 'resolve',
      firstContactResolved: true,
      reference: 'HJKM-NPQR',
      repeatOf: 'HJKM-NPQR',
      service: { id: 'pothole', name: 'Report a pothole' },
      teamId: 'highways',
      dueAt: '2026-12-01T17:00:00.000Z',
      commitment: 'by 5pm on Tuesday 1 December',
    });
    expect(plan.outcome.message).toContain('HJKM-NPQR');
    expect(plan.outcome.message).toContain('with the team');
    expect(plan.outcome.message).toContain('by 5pm on Tuesday 1 December');
  });

  it('tells the owner their case is resolved without linking a repeat contact', () => {
    // Prepare
    const quoted = existingCase('HJKM-NPQR', 'pothole', { status: 'resolved' });
    const contact = contactOn('web', THURSDAY_MORNING, 'where is my case HJKM-NPQR', { resident: { email: JO.email } });

    // Act
    const plan = planContact(contact, statusLookup, context(THURSDAY_MORNING, { quotedCase: quoted }));

    // Assess
    expect(plan.write).toBe('contact');
    expect(plan.outcome.firstContactResolved).toBe(true);
    expect(plan.outcome.repeatOf).toBeUndefined();
    expect(plan.outcome.message).toContain('HJKM-NPQR (Report a pothole) has been resolved');
    // No target to meet any more: nothing about a due time
    expect(plan.outcome.message).not.toContain('target');
    expect(plan.outcome.message).not.toContain('1 December');
  });

  it('gives someone else only the not-yours message, with no status or due time and no repeat', () => {
    // Prepare
    const quoted = existingCase('HJKM-NPQR', 'pothole');
    const contact = contactOn('sms', THURSDAY_MORNING, 'where is my case HJKM-NPQR', { resident: { phone: '+447700900999' } });

    // Act
    const plan = planContact(contact, statusLookup, context(THURSDAY_MORNING, { quotedCase: quoted }));

    // Assess
    expect(plan.write).toBe('contact');
    expect(plan.outcome.firstContactResolved).toBe(true);
    expect(plan.outcome.repeatOf).toBeUndefined();
    expect(plan.outcome.reference).toBeUndefined();
    expect(plan.outcome.message).toContain('only share details of report HJKM-NPQR with the person who reported it');
    expect(plan.outcome.message).not.toContain('with the team');
    expect(plan.outcome.message).not.toContain('1 December');
  });

  it('asks for the reference when the resident gave none, resolving nothing yet', () => {
    // Prepare: readsFor found no reference, so there is no quoted case (undefined, not null)
    const contact = contactOn('sms', THURSDAY_MORNING, 'where is my case?', { resident: { phone: '+447700900123' } });

    // Act
    const plan = planContact(contact, statusLookup, context(THURSDAY_MORNING));

    // Assess
    expect(plan.write).toBe('contact');
    expect(plan.outcome).toMatchObject({ decision: 'ask', firstContactResolved: false });
    expect(plan.outcome.reference).toBeUndefined();
    expect(plan.outcome.message).toContain('your reference');
  });

  it('says a quoted reference was not found, reading it out on the phone', () => {
    // Prepare
    const contact = contactOn('phone', THURSDAY_MORNING, 'where is my case K7MD Q9PX');

    // Act
    const plan = planContact(contact, statusLookup, context(THURSDAY_MORNING, { quotedCase: null }));

    // Assess
    expect(plan.write).toBe('contact');
    expect(plan.outcome).toMatchObject({ decision: 'ask', firstContactResolved: false });
    expect(plan.outcome.message).toContain(`cannot find a report with the reference ${SPOKEN_REFERENCE}`);
  });
});

describe('readsFor', () => {
  it("asks for the resident's open cases on a hand-off, and for no quoted case even if the text has a reference", () => {
    // Prepare
    const contact = contactOn('web', THURSDAY_MORNING, 'the pothole from K7MD-Q9PX is back');

    // Act
    const reads = readsFor(contact, decision('handoff', 'pothole'), catalogue);

    // Assess
    expect(reads).toEqual({ quotedReference: undefined, openCasesOfResident: true });
  });

  it('asks for the quoted case, normalised, on a case-status look-up, and no open cases', () => {
    // Prepare
    const contact = contactOn('sms', THURSDAY_MORNING, 'where is my case k7md q9px?');

    // Act
    const reads = readsFor(contact, decision('resolve', 'case-status'), catalogue);

    // Assess
    expect(reads).toEqual({ quotedReference: REFERENCE, openCasesOfResident: false });
  });

  it('asks for nothing on a case-status look-up with no reference in the text', () => {
    // Prepare
    const contact = contactOn('sms', THURSDAY_MORNING, 'where is my case?');

    // Act
    const reads = readsFor(contact, decision('resolve', 'case-status'), catalogue);

    // Assess
    expect(reads).toEqual({ quotedReference: undefined, openCasesOfResident: false });
  });

  it.each([
    ['resolve', 'bin-day'],
    ['resolve', 'council-opening-hours'],
    ['emergency', 'emergency-incident'],
    ['ask', 'pothole'],
    ['adviser', 'general-enquiry'],
  ] as const)('asks for nothing on %s (%s), even with a reference in the text', (kind, serviceId) => {
    // Prepare
    const contact = contactOn('web', THURSDAY_MORNING, 'about K7MD-Q9PX');

    // Act
    const reads = readsFor(contact, decision(kind, serviceId), catalogue);

    // Assess
    expect(reads).toEqual({ quotedReference: undefined, openCasesOfResident: false });
  });
});
