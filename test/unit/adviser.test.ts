// The adviser channel's own decisions, with fakes of its ports and a fake clock: who a person's
// groups make them, the services for the picker, the answer to read out, the case as an adviser
// sees it, an adviser's action at a stale version, and texting the reference.
import { describe, expect, it } from 'vitest';
import { catalogue } from '#catalogue/index';
import { StaleCaseError, type CaseChange, type CaseDeps, type CaseStore } from '#app/cases';
import { assertMayOpenCase, NotYourTeamsCaseError, rolesOf } from '#channels/adviser/access';
import { actAsAdviser, caseForAdviser, OptedOutError, textConfirmation, type AdviserCaseDeps } from '#channels/adviser/cases';
import { ConsoleInputError, servicesForAdvisers, suggestRoute } from '#channels/adviser/contacts';
import { openCase, type Case } from '#domain/case';
import { contactPreferenceOf } from '#domain/case-notifications';
import type { Notification } from '#domain/notification';

// Thursday 26 November 2026, 11:00: the council is open.
const NOW = new Date('2026-11-26T11:00:00.000Z');
const clock = { now: () => NOW };

function missedBin(resident: Case['resident'] = { phone: '+447700900123' }): Case {
  return openCase(
    'K7MD-Q9PX',
    { id: 'c', channel: 'phone', providerId: 'p', receivedAt: '2026-11-26T10:15:00.000Z', text: 'bin missed', serviceId: 'missed-bin', resident },
    { kind: 'handoff', serviceId: 'missed-bin', teamId: 'waste-services', confidence: 1, explanation: [], modelVersion: 'test' },
    catalogue,
  );
}

function fakeCases(kase: Case | undefined, saveAnswer: 'saved' | 'stale' = 'saved') {
  const saved: CaseChange[] = [];
  const store: CaseStore = {
    getCase: async () => kase,
    events: async () => [],
    worklist: async () => [],
    saveChange: async (change) => {
      saved.push(change);
      return saveAnswer;
    },
    dueForSlaCheck: async () => [],
    findContact: async () => undefined,
  };
  const cases: CaseDeps = { store, catalogue, clock };
  return { cases, saved };
}

function adviserDeps(kase: Case | undefined, { optedOut = false, queuedBefore = false } = {}) {
  const queued: Notification[] = [];
  const { cases, saved } = fakeCases(kase);
  const deps: AdviserCaseDeps = {
    cases,
    isOptedOut: async () => optedOut,
    queueNotification: async (notification) => {
      queued.push(notification);
      return queuedBefore ? 'already-queued' : 'queued';
    },
    newId: () => 'new-id',
  };
  return { deps, queued, saved };
}

describe('rolesOf', () => {
  it('makes advisers and managers advisers, managers managers, and names the teams among the groups', () => {
    expect(rolesOf(['advisers'], catalogue)).toEqual({ adviser: true, manager: false, teams: [] });
    expect(rolesOf(['managers'], catalogue)).toEqual({ adviser: true, manager: true, teams: [] });
    expect(rolesOf(['waste-services', 'some-other-group'], catalogue)).toEqual({ adviser: false, manager: false, teams: ['waste-services'] });
  });
});

describe('the new-contact view', () => {
  it("lists every service by name with its team, whether it can be resolved now, and the catalogue's details", () => {
    const services = servicesForAdvisers(catalogue);
    expect(services).toHaveLength(catalogue.services.length);
    expect(services.find((s) => s.id === 'bin-day')).toEqual({
      id: 'bin-day',
      name: 'Find your bin collection day',
      teamId: 'waste-services',
      resolvable: true,
      requiredDetails: [{ id: 'postcode', question: 'What is your postcode?', label: 'What is your postcode?', kind: 'location', required: false }],
    });
  });

  it('gives the catalogue answer to read out when it resolves, and none for a hand-off or a look-up', () => {
    expect(suggestRoute('what are your opening hours', { catalogue, clock }).answer).toMatch(/Monday/);
    expect(suggestRoute('how do I pay my council tax', { catalogue, clock }).answer).toBe(
      'You can do this online now, at any time: Pay council tax at https://www.council.example.gov.uk/council-tax/pay',
    );
    expect(suggestRoute('my bin was not emptied', { catalogue, clock }).answer).toBeUndefined();
    expect(suggestRoute('when is my bin day', { catalogue, clock })).toMatchObject({ decision: 'resolve', service: { id: 'bin-day' } });
    expect(suggestRoute('when is my bin day', { catalogue, clock }).answer).toBeUndefined();
  });
});

describe('a case as an adviser sees it', () => {
  it('has its clock, how the resident hears from us (masked) and what the adviser may do', async () => {
    const view = await caseForAdviser('K7MD-Q9PX', fakeCases(missedBin()).cases);
    expect(view.clock).toMatchObject({ state: 'on-track', paused: false, asOf: NOW.toISOString() });
    expect(view.contactPreference).toEqual({ channel: 'sms', to: '07... ending 123' });
    expect(view.allowedActions).toEqual(['note', 'further-contact']);
    await expect(caseForAdviser('K7MD-Q9PX', fakeCases(undefined).cases)).rejects.toThrow('no case has the reference K7MD-Q9PX');
  });

  it('says how a resident with only an email, or with nothing, hears from us', () => {
    expect(contactPreferenceOf({ email: 'grace@example.org' })).toEqual({ channel: 'email', to: 'g...@example.org' });
    expect(contactPreferenceOf({ name: 'Grace' })).toEqual({ channel: 'none' });
  });

  it('refuses an action at a stale version before changing anything, and records a further contact under the new id', async () => {
    const { deps, saved } = adviserDeps(missedBin());
    const stale = await actAsAdviser('K7MD-Q9PX', { version: 3, action: 'note', note: 'x' }, { by: 'amara.okafor' }, deps).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(StaleCaseError);
    expect((stale as StaleCaseError).current).toBe(1);
    expect(saved).toEqual([]);

    await actAsAdviser('K7MD-Q9PX', { version: 1, action: 'further-contact', channel: 'phone', note: 'Chasing' }, { by: 'amara.okafor' }, deps);
    expect(saved[0]?.contact?.contact).toMatchObject({ id: 'new-id', providerId: 'new-id', channel: 'phone' });
    expect(saved[0]?.after.repeatContacts).toBe(1);
  });
});

describe('texting the resident their reference', () => {
  it('writes one SMS with the reference and the commitment, keyed to the case, to the number on it', async () => {
    const { deps, queued } = adviserDeps(missedBin());
    expect(await textConfirmation('K7MD-Q9PX', deps)).toEqual({ sentTo: '07... ending 123', status: 'queued' });
    expect(queued).toEqual([
      expect.objectContaining({ dedupKey: 'K7MD-Q9PX#adviser-confirmation#v1', channel: 'sms', to: '+447700900123', reason: 'confirmation', caseReference: 'K7MD-Q9PX' }),
    ]);
    const team = catalogue.team('waste-services').name;
    expect(queued[0]!.body).toMatch(new RegExp(`^Thank you\\. We have passed your request \\(Report a missed bin collection\\) to our ${team} team, who aim to deal with it by 5pm on .+\\. Your reference is K7MD-Q9PX\\.$`));
  });

  it('says when it had been sent before', async () => {
    const { deps } = adviserDeps(missedBin(), { queuedBefore: true });
    expect(await textConfirmation('K7MD-Q9PX', deps)).toEqual({ sentTo: '07... ending 123', status: 'queued', alreadyQueued: true });
  });

  it('refuses a case with no number, a landline, a resolved case and a resident who sent STOP, sending nothing', async () => {
    const refused = async (kase: Case, options = {}) => {
      const { deps, queued } = adviserDeps(kase, options);
      const error = await textConfirmation('K7MD-Q9PX', deps).catch((e: unknown) => e);
      expect(queued).toEqual([]);
      return error;
    };
    expect(await refused(missedBin({ email: 'grace@example.org' }))).toEqual(
      new ConsoleInputError('case K7MD-Q9PX has no phone number to text; the resident can note the reference down'),
    );
    expect(await refused(missedBin({ phone: '+441632960123' }))).toEqual(
      new ConsoleInputError('the number on case K7MD-Q9PX (01... ending 123) is not a mobile number, so it cannot take texts'),
    );
    expect(await refused({ ...missedBin(), status: 'resolved' })).toBeInstanceOf(ConsoleInputError);
    expect(await refused(missedBin(), { optedOut: true })).toBeInstanceOf(OptedOutError);
  });
});

describe('assertMayOpenCase', () => {
  const kase = { reference: 'FD-TEST-0001', teamId: 'highways' };

  it('lets advisers and managers open any case, and a team its own', () => {
    expect(() => assertMayOpenCase(rolesOf(['advisers'], catalogue), kase, catalogue)).not.toThrow();
    expect(() => assertMayOpenCase(rolesOf(['managers'], catalogue), kase, catalogue)).not.toThrow();
    expect(() => assertMayOpenCase(rolesOf(['highways'], catalogue), kase, catalogue)).not.toThrow();
  });

  it("refuses a member of another team, saying whose case it is and whose they may open", () => {
    const refuse = () => assertMayOpenCase(rolesOf(['waste-services'], catalogue), kase, catalogue);
    expect(refuse).toThrow(NotYourTeamsCaseError);
    expect(refuse).toThrow('case FD-TEST-0001 is with Highways, not your team: you can open the cases of Waste and Recycling');
    expect(() => assertMayOpenCase(rolesOf([], catalogue), kase, catalogue)).toThrow(/not in a service team/);
  });
});
