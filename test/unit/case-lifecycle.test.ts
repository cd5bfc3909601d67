// Service teams' actions, CSN advisers' actions and the SLA monitor's marks, as pure state changes on a fake clock.
import { describe, expect, it } from 'vitest';
import { catalogue } from '#catalogue/index';
import { openCase, type Case } from '#domain/case';
import {
  adviserActionsAllowed,
  applyAction,
  caseActionsAllowed,
  applyAdviserAction,
  CaseActionError,
  marksDue,
  type AdviserCaseAction,
  type CaseAction,
} from '#domain/case-lifecycle';
import { nextSlaCheck } from '#domain/sla-monitor';

// Thursday 26 November 2026, 10:15: a missed bin (2 working days, warned at half).
const RECEIVED = '2026-11-26T10:15:00.000Z';
const at = (iso: string) => new Date(iso);

function missedBin(): Case {
  return openCase(
    'K7MD-Q9PX',
    { id: 'c', channel: 'sms', providerId: 'p', receivedAt: RECEIVED, text: 'bin missed', serviceId: 'missed-bin', resident: { phone: '+447700900123' } },
    { kind: 'handoff', serviceId: 'missed-bin', teamId: 'waste-services', confidence: 1, explanation: [], modelVersion: 'test' },
    catalogue,
  );
}

const act = (c: Case, action: CaseAction, now = '2026-11-26T11:00:00.000Z') =>
  applyAction(c, action, { now: at(now), by: c.teamId, catalogue });

describe('applyAction', () => {
  it('accepts an open case once, adding a version and an event', () => {
    const { case: accepted, event, effects } = act(missedBin(), { action: 'accept' });
    expect(accepted).toMatchObject({ status: 'accepted', version: 2, updatedAt: '2026-11-26T11:00:00.000Z' });
    expect(event).toMatchObject({ action: 'accept', fromStatus: 'open', toStatus: 'accepted', version: 2, by: 'waste-services' });
    expect(effects).toEqual([]);
    expect(() => act(accepted, { action: 'accept' })).toThrow(CaseActionError);
  });

  it('pauses the SLA clock while waiting on the resident and moves the due time out on resume', () => {
    const waiting = act(missedBin(), { action: 'await-resident', note: 'Which bin?' }, '2026-11-26T11:00:00.000Z').case;
    expect(waiting.sla.pausedAt).toBe('2026-11-26T11:00:00.000Z');
    expect(nextSlaCheck(waiting)).toBeUndefined();
    const resumed = act(waiting, { action: 'resume' }, '2026-11-27T11:00:00.000Z').case;
    expect(resumed.sla.pausedAt).toBeUndefined();
    expect(Date.parse(resumed.sla.dueAt)).toBeGreaterThan(Date.parse(missedBin().sla.dueAt));
    expect(resumed.status).toBe('accepted');
  });

  it('resolves with whether the SLA was met and a message for the resident, and then allows nothing more', () => {
    const { case: resolved, effects } = act(missedBin(), { action: 'resolve', outcome: 'Collected', messageToResident: 'We collected it.' });
    expect(resolved).toMatchObject({ status: 'resolved', slaMet: true, resolvedAt: '2026-11-26T11:00:00.000Z' });
    expect(effects.map((e) => e.kind)).toEqual(['tell-resident', 'ask-rating']);
    const [told, rating] = effects.map((e) => (e.kind === 'handoff' ? undefined : e.notification));
    expect(told).toMatchObject({ reason: 'case-update', channel: 'sms', to: '+447700900123', dedupKey: 'K7MD-Q9PX#v2', caseReference: 'K7MD-Q9PX' });
    expect(told?.body).toBe('Update on your report K7MD-Q9PX: We collected it.');
    expect(rating).toMatchObject({ reason: 'rating-request', channel: 'sms', to: '+447700900123', dedupKey: 'K7MD-Q9PX#rating-request' });
    expect(effects[1]).toMatchObject({ asked: { phone: '+447700900123', reference: 'K7MD-Q9PX', serviceId: 'missed-bin', teamId: 'waste-services' } });
    expect(nextSlaCheck(resolved)).toBeUndefined();
    for (const action of [{ action: 'accept' }, { action: 'note', note: 'x' }, { action: 'reroute', serviceId: 'pothole', reason: 'x' }] as CaseAction[]) {
      expect(() => act(resolved, action)).toThrow('already resolved');
    }
  });

  it('records a resolve after the due time as not met', () => {
    const late = act(missedBin(), { action: 'resolve', outcome: 'x', messageToResident: 'y' }, '2026-12-01T09:00:00.000Z').case;
    expect(late.slaMet).toBe(false);
  });

  it('reroutes to another team with its own SLA from now and a new hand-off, and back again after a return to CSN', () => {
    const rerouted = act(missedBin(), { action: 'reroute', serviceId: 'fly-tipping', reason: 'It was dumped waste' });
    expect(rerouted.case).toMatchObject({ serviceId: 'fly-tipping', teamId: 'street-scene', status: 'open', version: 2 });
    expect(rerouted.case.sla.startedAt).toBe('2026-11-26T11:00:00.000Z');
    expect(rerouted.effects.map((e) => e.kind)).toEqual(['handoff', 'tell-resident']);
    expect(() => act(missedBin(), { action: 'reroute', serviceId: 'missed-bin', reason: 'x' })).toThrow("already with 'missed-bin'");
    expect(() => act(missedBin(), { action: 'reroute', serviceId: 'moon', reason: 'x' })).toThrow(/not a service we offer/);

    const returned = act(missedBin(), { action: 'return-to-csn', reason: 'Needs a call' }).case;
    expect(returned).toMatchObject({ status: 'returned-to-csn', teamId: 'customer-services', serviceId: 'missed-bin' });
    const back = act(returned, { action: 'reroute', serviceId: 'missed-bin', reason: 'Confirmed with the resident' }).case;
    expect(back).toMatchObject({ teamId: 'waste-services', status: 'open' });
  });

  it('keeps the first reroute to another service on the case, through any later one (the measures count a misrouted case once)', () => {
    // Act: Waste Services send the missed bin to fly-tipping; Street Scene send it on to potholes a day later.
    const first = act(missedBin(), { action: 'reroute', serviceId: 'fly-tipping', reason: 'It was dumped waste' }).case;
    const second = act({ ...first, status: 'accepted' }, { action: 'reroute', serviceId: 'pothole', reason: 'It is in the road' }, '2026-11-27T11:00:00.000Z').case;

    // Assess: the first says when and where from; the second keeps it.
    expect(missedBin().firstReroute).toBeUndefined();
    expect(first.firstReroute).toEqual({ at: '2026-11-26T11:00:00.000Z', fromServiceId: 'missed-bin', fromTeamId: 'waste-services' });
    expect(second).toMatchObject({ serviceId: 'pothole', firstReroute: first.firstReroute });
  });

  it('names the service routing chose and its own team, not customer services, when a returned case goes to another service', () => {
    const returned = act(missedBin(), { action: 'return-to-csn', reason: 'Not ours' }).case;
    // Back to its own service's team is no reroute; to another service is.
    expect(act(returned, { action: 'reroute', serviceId: 'missed-bin', reason: 'It is ours after all' }).case.firstReroute).toBeUndefined();
    expect(act(returned, { action: 'reroute', serviceId: 'fly-tipping', reason: 'Dumped waste' }).case.firstReroute).toEqual({
      at: '2026-11-26T11:00:00.000Z',
      fromServiceId: 'missed-bin',
      fromTeamId: 'waste-services',
    });
    expect(returned.firstReroute).toBeUndefined();
    expect(act(missedBin(), { action: 'note', note: 'x' }).case.firstReroute).toBeUndefined();
  });
});

describe('the effects of an action, ready to write', () => {
  const withResident = (resident: Case['resident']): Case => ({ ...missedBin(), resident });

  it("tells the resident of a reroute in the catalogue's words, with the new team and its target, and hands the case to that team", () => {
    const { case: rerouted, effects } = act(missedBin(), { action: 'reroute', serviceId: 'fly-tipping', reason: 'It was dumped waste' });
    const [handoff, told] = effects;
    expect(handoff).toMatchObject({ kind: 'handoff', message: { dedupKey: 'K7MD-Q9PX#2', teamId: 'street-scene', caseVersion: 2, handedOffAt: '2026-11-26T11:00:00.000Z' } });
    expect(told?.kind === 'tell-resident' && told.notification).toMatchObject({ channel: 'sms', reason: 'case-update', dedupKey: 'K7MD-Q9PX#v2' });
    expect(told?.kind === 'tell-resident' && told.notification.body).toBe(
      `Update on your report K7MD-Q9PX: we have passed it to our ${catalogue.team('street-scene').name} team (${rerouted.serviceName}), who aim to deal with it by 4:30pm on Friday 27 November.`,
    );
  });

  it('emails a resident who gave only an email address, asks no rating of them, and tells no one who gave neither', () => {
    const resolve: CaseAction = { action: 'resolve', outcome: 'Collected', messageToResident: 'We collected it.' };
    const byEmail = act(withResident({ email: 'jo@example.com' }), resolve).effects;
    expect(byEmail).toEqual([
      {
        kind: 'tell-resident',
        notification: {
          schemaVersion: '1',
          dedupKey: 'K7MD-Q9PX#v2',
          channel: 'email',
          to: 'jo@example.com',
          subject: 'Your report K7MD-Q9PX',
          body: 'Update on your report K7MD-Q9PX: We collected it.',
          reason: 'case-update',
          caseReference: 'K7MD-Q9PX',
          createdAt: '2026-11-26T11:00:00.000Z',
        },
      },
    ]);
    expect(act(withResident({ name: 'Jo' }), resolve).effects).toEqual([]);
  });

  it("escalates each SLA mark by email to the team's escalation contact, in the catalogue's words", () => {
    const kase = missedBin();
    const { effects } = marksDue(kase, at('2026-12-02T09:00:00.000Z'), catalogue);
    const team = catalogue.team('waste-services');
    expect(effects.map((e) => e.kind)).toEqual(['escalate', 'escalate']);
    const [warned, breached] = effects.map((e) => (e.kind === 'escalate' ? e.notification : undefined));
    expect(warned).toMatchObject({ channel: 'email', to: team.escalationContact, reason: 'escalation', dedupKey: 'K7MD-Q9PX#warned#v2' });
    expect(warned?.subject).toBe(`SLA at risk: K7MD-Q9PX (${kase.serviceName})`);
    expect(breached?.subject).toBe(`SLA breached: K7MD-Q9PX (${kase.serviceName})`);
    expect(breached?.body).toBe(
      `Case K7MD-Q9PX (${kase.serviceName}, normal priority) for ${team.name} has passed its due time, 5pm on Monday 30 November. Status: open.`,
    );
  });
});

/** A case opened from a web report for the service the resident chose (teams as the catalogue has them). */
function reported(text: string, serviceId: string, { reference = 'K7MD-Q9PX', receivedAt = RECEIVED } = {}): Case {
  const service = catalogue.service(serviceId)!;
  return openCase(
    reference,
    { id: 'c', channel: 'web', providerId: 'p', receivedAt, text, serviceId, resident: {} },
    { kind: 'handoff', serviceId, teamId: service.teamId, confidence: 1, explanation: [], modelVersion: 'test' },
    catalogue,
  );
}

describe('a reroute keeps to the priority rules', () => {
  it("assesses the case for its new service: a deep pothole that threw a cyclist is urgent when rerouted to potholes", () => {
    // Prepare: reported as a road obstruction (normal), then rerouted to potholes
    const obstruction = reported('deep pothole, a cyclist fell off', 'road-obstruction');
    expect(obstruction.priority).toBe('normal');

    // Act
    const rerouted = act(obstruction, { action: 'reroute', serviceId: 'pothole', reason: 'It is a pothole' }, '2026-11-26T11:00:00.000Z').case;

    // Assess: the pothole "deep" rule: urgent, 24 elapsed hours, as if it had come to potholes first
    const direct = reported('deep pothole, a cyclist fell off', 'pothole', { reference: 'K7MD-Q9PY', receivedAt: '2026-11-26T11:00:00.000Z' });
    expect(direct.priority).toBe('urgent');
    expect(rerouted.priority).toBe('urgent');
    expect(rerouted.sla).toEqual(direct.sla);
    expect(rerouted.sla.dueAt).toBe('2026-11-27T11:00:00.000Z');
    expect(rerouted.routing.explanation).toContain('Priority urgent: hazard ("deep").');
  });

  it('keeps an emergency urgent when it is rerouted to the service that takes that kind of emergency', () => {
    const words = 'water is pouring into my living room';
    const misrouted = reported(words, 'blocked-drain');
    expect(act(misrouted, { action: 'reroute', serviceId: 'flooding', reason: 'Flooding a home' }).case.priority).toBe('urgent');
  });

  it('keeps an emergency urgent wherever it is rerouted, even to a service that takes no emergencies', () => {
    const emergency = openCase(
      'K7MD-Q9PX',
      { id: 'c', channel: 'sms', providerId: 'p', receivedAt: RECEIVED, text: 'I can smell gas outside number 4', resident: {} },
      { kind: 'emergency', serviceId: 'emergency-incident', teamId: 'emergency-planning', confidence: 1, explanation: [], modelVersion: 'test' },
      catalogue,
    );
    expect(emergency.priority).toBe('urgent');
    expect(act(emergency, { action: 'reroute', serviceId: 'pothole', reason: 'The smell is from a road works pit' }).case.priority).toBe('urgent');
  });

  it('drops a priority the new service does not give: a repeat missed bin rerouted to fly-tipping is normal', () => {
    const again = reported('they missed my bin again', 'missed-bin');
    expect(again.priority).toBe('high');
    const rerouted = act(again, { action: 'reroute', serviceId: 'fly-tipping', reason: 'Dumped waste' }).case;
    expect(rerouted.priority).toBe('normal');
    expect(rerouted.sla.policy).toEqual(catalogue.service('fly-tipping')!.sla);
    expect(again.routing.explanation).toContain('Priority high: repeat ("again").');
    expect(rerouted.routing.explanation).not.toContain('Priority high: repeat ("again").');
  });
});

describe('the SLA monitor marks', () => {
  it('marks at risk once after the warning point, and in breach once after the due time', () => {
    const kase = missedBin();
    expect(nextSlaCheck(kase)).toBe(kase.sla.warnAt);
    expect(marksDue(kase, at('2026-11-27T13:00:00.000Z'), catalogue).marks).toEqual([]);

    const warned = marksDue(kase, at('2026-11-27T13:30:00.000Z'), catalogue);
    expect(warned.marks).toEqual(['warned']);
    expect(warned.case.version).toBe(kase.version + 1);
    expect(nextSlaCheck(warned.case)).toBe(kase.sla.dueAt);
    expect(marksDue(warned.case, at('2026-11-27T14:00:00.000Z'), catalogue).marks).toEqual([]);

    // "By 5pm" is met at 5pm: in breach only after.
    expect(marksDue(warned.case, at(kase.sla.dueAt), catalogue).marks).toEqual([]);
    const breached = marksDue(warned.case, at('2026-11-30T17:00:01.000Z'), catalogue);
    expect(breached.marks).toEqual(['breached']);
    expect(breached.events.map((e) => e.action)).toEqual(['breached']);
    expect(nextSlaCheck(breached.case)).toBeUndefined();
  });

  it('marks both at once when the monitor was down past the due time, and nothing while paused', () => {
    const kase = missedBin();
    expect(marksDue(kase, at('2026-12-02T09:00:00.000Z'), catalogue).marks).toEqual(['warned', 'breached']);
    const paused = act(kase, { action: 'await-resident', note: 'x' }).case;
    expect(marksDue(paused, at('2026-12-02T09:00:00.000Z'), catalogue).marks).toEqual([]);
  });
});

describe('applyAdviserAction', () => {
  const advise = (c: Case, action: AdviserCaseAction, now = '2026-11-26T11:00:00.000Z') =>
    applyAdviserAction(c, action, { now: at(now), by: 'amara.okafor', catalogue, contact: { id: 'contact-2', providerId: 'key-2' } });
  const returnedToCsn = () => act(missedBin(), { action: 'return-to-csn', reason: 'No address' }).case;

  it('adds a note on any open case, as the adviser', () => {
    const { case: noted, event, effects } = advise(missedBin(), { action: 'note', note: 'Resident rang to add the bin number' });
    expect(noted).toMatchObject({ status: 'open', version: 2, teamId: 'waste-services' });
    expect(event).toMatchObject({ action: 'note', by: 'amara.okafor', version: 2, fromStatus: 'open', toStatus: 'open', detail: { note: 'Resident rang to add the bin number' } });
    expect(effects).toEqual([]);
  });

  it("records a further contact as a repeat of the case: the adviser's contact, linked to the case, and one more repeat", () => {
    const { case: chased, event, contact } = advise(missedBin(), { action: 'further-contact', channel: 'face_to_face', note: 'Still not collected' });
    expect(chased).toMatchObject({ repeatContacts: 1, version: 2, status: 'open' });
    expect(event).toMatchObject({ action: 'further-contact', by: 'amara.okafor', detail: { note: 'Still not collected', channel: 'face_to_face', contactId: 'contact-2' } });
    expect(contact?.contact).toEqual({
      id: 'contact-2',
      channel: 'face_to_face',
      providerId: 'key-2',
      receivedAt: '2026-11-26T11:00:00.000Z',
      text: 'Still not collected',
      serviceId: 'missed-bin',
      resident: { phone: '+447700900123' },
      takenBy: { adviserId: 'amara.okafor' },
    });
    expect(contact?.outcome).toMatchObject({
      contactId: 'contact-2',
      decision: 'handoff',
      firstContactResolved: false,
      repeatOf: 'K7MD-Q9PX',
      reference: 'K7MD-Q9PX',
      service: { id: 'missed-bin' },
      teamId: 'waste-services',
      dueAt: missedBin().sla.dueAt,
    });
    expect(contact?.outcome.message).toContain('We already have a report about this');
  });

  it('returns a case to its own team only from customer services, with the clock it had and a new hand-off', () => {
    expect(() => advise(missedBin(), { action: 'return-to-team', reason: 'x' })).toThrow(
      'case K7MD-Q9PX is open, with its team already: it can be returned to a team only after the team has returned it to customer services',
    );
    const returned = returnedToCsn();
    const { case: back, event, effects } = advise(returned, { action: 'return-to-team', reason: 'Address is 4 Mill Lane' });
    expect(back).toMatchObject({ status: 'open', teamId: 'waste-services', serviceId: 'missed-bin', version: 3 });
    expect(back.sla).toEqual(returned.sla);
    expect(event).toMatchObject({ action: 'return-to-team', by: 'amara.okafor', fromStatus: 'returned-to-csn', toStatus: 'open', detail: { fromTeam: 'customer-services', toTeam: 'waste-services' } });
    expect(effects).toEqual([{ kind: 'handoff', message: expect.objectContaining({ caseReference: 'K7MD-Q9PX', caseVersion: 3, teamId: 'waste-services' }) }]);
  });

  it('returns a case to another service as a reroute would: its priority, a clock from now, the resident told', () => {
    const { case: moved, event, effects } = advise(returnedToCsn(), { action: 'return-to-team', serviceId: 'fly-tipping', reason: 'It is dumped waste' }, '2026-11-27T09:00:00.000Z');
    expect(moved).toMatchObject({ serviceId: 'fly-tipping', teamId: 'street-scene', status: 'open' });
    expect(moved.sla.startedAt).toBe('2026-11-27T09:00:00.000Z');
    expect(event).toMatchObject({ action: 'return-to-team', detail: { toService: 'fly-tipping', toTeam: 'street-scene' } });
    expect(moved.firstReroute).toEqual({ at: '2026-11-27T09:00:00.000Z', fromServiceId: 'missed-bin', fromTeamId: 'waste-services' });
    expect(effects.map((e) => e.kind)).toEqual(['handoff', 'tell-resident']);
    expect(() => advise(returnedToCsn(), { action: 'return-to-team', serviceId: 'moon', reason: 'x' })).toThrow(/not a service we offer/);
  });

  it('allows nothing on a resolved case, and says which actions each status allows', () => {
    const resolved = act(missedBin(), { action: 'resolve', outcome: 'x', messageToResident: 'y' }).case;
    expect(() => advise(resolved, { action: 'note', note: 'x' })).toThrow('already resolved');
    expect(() => advise(resolved, { action: 'further-contact', channel: 'phone', note: 'x' })).toThrow('already resolved');
    expect(adviserActionsAllowed('open')).toEqual(['note', 'further-contact']);
    expect(adviserActionsAllowed('awaiting-resident')).toEqual(['note', 'further-contact']);
    expect(adviserActionsAllowed('returned-to-csn')).toEqual(['note', 'further-contact', 'return-to-team']);
    expect(adviserActionsAllowed('resolved')).toEqual([]);
  });
});

describe("a team's actions by status, and by whom", () => {
  it('says which of its actions a team may take in each status', () => {
    expect(caseActionsAllowed('open')).toEqual(['accept', 'note', 'await-resident', 'resolve', 'reroute', 'return-to-csn']);
    expect(caseActionsAllowed('accepted')).toEqual(['note', 'await-resident', 'resolve', 'reroute', 'return-to-csn']);
    expect(caseActionsAllowed('awaiting-resident')).toEqual(['note', 'resume', 'resolve', 'reroute', 'return-to-csn']);
    expect(caseActionsAllowed('returned-to-csn')).toEqual(['note', 'resolve', 'reroute']);
    expect(caseActionsAllowed('resolved')).toEqual([]);
    // What it offers, applyAction takes; what it leaves out, applyAction refuses.
    const accepted = act(missedBin(), { action: 'accept' }).case;
    expect(() => act(accepted, { action: 'resume' })).toThrow(CaseActionError);
    expect(act(accepted, { action: 'await-resident', note: 'Which bin?' }).case.status).toBe('awaiting-resident');
  });

  it("records a member's action as the person, for the team, and the team's system's as the team", () => {
    const byMember = applyAction(missedBin(), { action: 'accept' }, { now: at('2026-11-26T11:00:00.000Z'), by: 'priya.shah', team: 'waste-services', catalogue });
    expect(byMember.event).toMatchObject({ by: 'priya.shah', team: 'waste-services', action: 'accept' });
    const bySystem = act(missedBin(), { action: 'accept' });
    expect(bySystem.event.by).toBe('waste-services');
    expect(bySystem.event).not.toHaveProperty('team');
  });
});
