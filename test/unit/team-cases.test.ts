// A service team's members in the console, with fakes of the case store and a fake clock: whose
// worklist a person gets, what a case shows each role (the team's actions for its members, the
// advisers' for advisers), and a member's action recorded as them, refused for anyone else.
import { describe, expect, it } from 'vitest';
import { catalogue } from '#catalogue/index';
import { StaleCaseError, type CaseChange, type CaseDeps, type CaseStore } from '#app/cases';
import { assertMayWorkForCaseTeam, NotYourTeamsCaseError, rolesOf } from '#channels/adviser/access';
import { actAsTeamMember, caseForPerson, NotInTeamError, worklistForMember, worklistTeam, WorklistQueryError } from '#channels/adviser/team-cases';
import { openCase, type Case } from '#domain/case';
import { CaseActionError } from '#domain/case-lifecycle';

// Thursday 26 November 2026, 11:00: the council is open.
const NOW = new Date('2026-11-26T11:00:00.000Z');
const clock = { now: () => NOW };

function missedBin(reference = 'K7MD-Q9PX', receivedAt = '2026-11-26T10:15:00.000Z'): Case {
  return openCase(
    reference,
    { id: 'c', channel: 'phone', providerId: 'p', receivedAt, text: 'bin missed', serviceId: 'missed-bin', resident: { phone: '+447700900123' } },
    { kind: 'handoff', serviceId: 'missed-bin', teamId: 'waste-services', confidence: 1, explanation: [], modelVersion: 'test' },
    catalogue,
  );
}

function fakeCases(cases: Case[]) {
  const saved: CaseChange[] = [];
  const asked: Array<{ teamId: string; limit: number }> = [];
  const store: CaseStore = {
    getCase: async (reference) => cases.find((c) => c.reference === reference),
    events: async () => [],
    worklist: async (teamId, limit) => {
      asked.push({ teamId, limit });
      return cases.filter((c) => c.teamId === teamId);
    },
    saveChange: async (change) => {
      saved.push(change);
      return 'saved';
    },
    dueForSlaCheck: async () => [],
    findContact: async () => undefined,
  };
  const deps: CaseDeps = { store, catalogue, clock };
  return { deps, saved, asked };
}

const person = (username: string, groups: string[]) => ({ username, roles: rolesOf(groups, catalogue) });
const priya = person('priya.shah', ['waste-services']);
const owen = person('owen.price', ['highways', 'street-lighting']);
const amara = person('amara.okafor', ['advisers']);

describe('whose worklist', () => {
  it("is the person's only team, or the team they ask for when they are in it", () => {
    expect(worklistTeam(undefined, priya, catalogue)).toBe('waste-services');
    expect(worklistTeam('', priya, catalogue)).toBe('waste-services');
    expect(worklistTeam('street-lighting', owen, catalogue)).toBe('street-lighting');
  });

  it('asks a member of several teams to choose, naming them (400)', () => {
    expect(() => worklistTeam(undefined, owen, catalogue)).toThrow(
      new WorklistQueryError("you are in more than one team: choose one with 'team', one of Highways (highways), Street Lighting (street-lighting)"),
    );
  });

  it("refuses another team's worklist, and anyone in no team (403), in words", () => {
    expect(() => worklistTeam('highways', priya, catalogue)).toThrow(
      new NotInTeamError("priya.shah is not in Highways: a team's worklist is for its members (yours: Waste and Recycling (waste-services))"),
    );
    expect(() => worklistTeam(undefined, amara, catalogue)).toThrow(new NotInTeamError('amara.okafor is not in a service team, so has no team worklist'));
    expect(() => worklistTeam('highways', amara, catalogue)).toThrow(NotInTeamError);
    expect(() => worklistTeam('moon-base', priya, catalogue)).toThrow(new WorklistQueryError("'moon-base' is not one of the council's service teams"));
  });

  it("answers the team's cases as the store gives them (soonest due first), those waiting for the resident last, each with its clock, in one query", async () => {
    const late = missedBin('LATE-0001', '2026-11-23T10:15:00.000Z');
    const fresh = missedBin('NEWW-0001');
    // Due first by the index, but its clock is paused: not due while the team waits.
    const waiting = { ...missedBin('WAIT-0001', '2026-11-20T10:15:00.000Z'), status: 'awaiting-resident' as const };
    waiting.sla = { ...waiting.sla, pausedAt: '2026-11-20T11:00:00.000Z' };
    const { deps, asked } = fakeCases([waiting, late, fresh]);
    const lookedUp: string[][] = [];
    const lookersOf = async (references: readonly string[]) => {
      lookedUp.push([...references]);
      return new Map([['NEWW-0001', [{ username: 'owen.price', since: '2026-11-23T10:00:00.000Z' }]]]);
    };
    const worklist = await worklistForMember(undefined, priya, { ...deps, lookersOf });
    expect(asked).toEqual([{ teamId: 'waste-services', limit: 200 }]);
    // Who is looking: one read for every case on the list.
    expect(lookedUp).toEqual([['WAIT-0001', 'LATE-0001', 'NEWW-0001']]);
    expect(worklist).toMatchObject({
      team: { id: 'waste-services', name: 'Waste and Recycling' },
      memberOf: [{ id: 'waste-services', name: 'Waste and Recycling' }],
      asOf: NOW.toISOString(),
      limit: 200,
    });
    expect(worklist.cases.map((c) => c.reference)).toEqual(['LATE-0001', 'NEWW-0001', 'WAIT-0001']);
    expect(worklist.cases[2]).toMatchObject({ slaState: 'paused', clock: { state: 'paused', paused: true } });
    expect(worklist.cases[0]).toMatchObject({ slaState: 'breached', clock: { state: 'breached' }, createdAt: late.createdAt, lookers: [], version: 1 });
    expect(worklist.cases[0]!.clock.workingMinutesLeft).toBeLessThan(0);
    expect(worklist.cases[1]).toMatchObject({
      slaState: 'on-track',
      clock: { state: 'on-track', paused: false },
      service: { id: 'missed-bin' },
      lookers: [{ username: 'owen.price', since: '2026-11-23T10:00:00.000Z' }],
    });
  });
});

describe('a case as each person sees it', () => {
  it("offers a member of the case's team the team's actions and not the advisers'", async () => {
    const view = await caseForPerson('K7MD-Q9PX', priya.roles, fakeCases([missedBin()]).deps);
    expect(view.teamActions).toEqual(['accept', 'note', 'await-resident', 'resolve', 'reroute', 'return-to-csn']);
    expect(view.allowedActions).toEqual([]);
  });

  it("offers an adviser the advisers' actions and not the team's, and one who is in the team both", async () => {
    const { deps } = fakeCases([missedBin()]);
    expect(await caseForPerson('K7MD-Q9PX', amara.roles, deps)).toMatchObject({ allowedActions: ['note', 'further-contact'], teamActions: [] });
    const both = rolesOf(['advisers', 'waste-services'], catalogue);
    expect(await caseForPerson('K7MD-Q9PX', both, deps)).toMatchObject({ allowedActions: ['note', 'further-contact'], teamActions: ['accept', 'note', 'await-resident', 'resolve', 'reroute', 'return-to-csn'] });
  });

  it("refuses a member of another team, in words, once it knows the case's team", async () => {
    const refused = await caseForPerson('K7MD-Q9PX', owen.roles, fakeCases([missedBin()]).deps).catch((e: unknown) => e);
    expect(refused).toEqual(new NotYourTeamsCaseError('case K7MD-Q9PX is with Waste and Recycling, not your team: you can open the cases of Highways and Street Lighting'));
  });
});

describe("a member's action", () => {
  it('is recorded as the person, for the case\'s team', async () => {
    const { deps, saved } = fakeCases([missedBin()]);
    const { event } = await actAsTeamMember('K7MD-Q9PX', { version: 1, action: 'accept' }, priya, deps);
    expect(event).toMatchObject({ by: 'priya.shah', team: 'waste-services', action: 'accept', fromStatus: 'open', toStatus: 'accepted', version: 2 });
    expect(saved).toHaveLength(1);
  });

  it('is refused, writing nothing, for another team, an adviser outside the team, a stale version and a status that does not allow it', async () => {
    const { deps, saved } = fakeCases([missedBin()]);
    const refusal = (p: typeof priya, body: Parameters<typeof actAsTeamMember>[1]) => actAsTeamMember('K7MD-Q9PX', body, p, deps).catch((e: unknown) => e);
    expect(await refusal(owen, { version: 1, action: 'accept' })).toBeInstanceOf(NotYourTeamsCaseError);
    expect(await refusal(amara, { version: 1, action: 'accept' })).toEqual(
      new NotYourTeamsCaseError('case K7MD-Q9PX is with Waste and Recycling: only its members can take the team\'s actions on it'),
    );
    expect(await refusal(priya, { version: 4, action: 'accept' })).toEqual(new StaleCaseError(1));
    expect(await refusal(priya, { version: 1, action: 'resume' })).toBeInstanceOf(CaseActionError);
    expect(saved).toEqual([]);
  });

  it('lets a member of several teams act on either team\'s case, and nobody outside the team', () => {
    const kase = { reference: 'FD-TEST-0001', teamId: 'street-lighting' };
    expect(() => assertMayWorkForCaseTeam(owen.roles, kase, catalogue)).not.toThrow();
    expect(() => assertMayWorkForCaseTeam(priya.roles, kase, catalogue)).toThrow('case FD-TEST-0001 is with Street Lighting, not your team: you can open the cases of Waste and Recycling');
    expect(() => assertMayWorkForCaseTeam(rolesOf(['managers'], catalogue), kase, catalogue)).toThrow(NotYourTeamsCaseError);
  });
});
