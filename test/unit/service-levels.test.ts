// The service-levels view, pure: its filters, which cases it lists (at risk or in breach now, a
// case paused after its due time as breached), most overdue first, the counts per team across the
// team filter, and how it reads the teams (a few at a time, every team whatever the filter).
import { describe, expect, it } from 'vitest';
import { catalogue } from '#catalogue/index';
import { inBatches, OPEN_CASES_READ_PER_TEAM, serviceLevels, type ServiceLevelDeps } from '#app/service-levels';
import { fixedClock } from '#domain/clock';
import {
  lateStateAt,
  NO_FILTERS,
  parseServiceLevelFilters,
  ServiceLevelFilterError,
  serviceLevelsNow,
  type OpenCaseSummary,
  type TeamOpenCases,
} from '#domain/service-levels';
import { startSla, pauseSla } from '#domain/sla';

const NOW = new Date('2026-11-25T12:00:00Z'); // a Wednesday, the council open
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000);

/** A case on a 4-hour elapsed target (at risk from 3 h), opened `openedHoursAgo` hours before NOW. */
function openCase(reference: string, openedHoursAgo: number, overrides: Partial<OpenCaseSummary> = {}): OpenCaseSummary {
  const startedAt = hoursAgo(openedHoursAgo);
  return {
    reference,
    serviceId: 'discarded-needles',
    serviceName: 'Discarded needles',
    teamId: 'street-scene',
    channel: 'web',
    priority: 'high',
    status: 'open',
    createdAt: startedAt.toISOString(),
    sla: startSla({ amount: 4, unit: 'elapsed-hours' }, catalogue.calendar, startedAt),
    ...overrides,
  };
}

describe('the filters', () => {
  it('reads each filter, empty or absent meaning any', () => {
    expect(parseServiceLevelFilters({}, catalogue)).toEqual(NO_FILTERS);
    expect(parseServiceLevelFilters({ team: '', service: ' ', channel: undefined }, catalogue)).toEqual(NO_FILTERS);
    expect(parseServiceLevelFilters({ team: 'highways', service: 'pothole', channel: 'sms', priority: 'urgent' }, catalogue)).toEqual({
      team: 'highways',
      service: 'pothole',
      channel: 'sms',
      priority: 'urgent',
    });
  });

  it('refuses an unknown team, service, channel or priority in words that say what is allowed', () => {
    const refusal = (query: Record<string, string>) => {
      try {
        parseServiceLevelFilters(query, catalogue);
      } catch (error) {
        expect(error).toBeInstanceOf(ServiceLevelFilterError);
        return (error as Error).message;
      }
      throw new Error('not refused');
    };
    expect(refusal({ team: 'bins' })).toMatch(/^team 'bins' is not one of the council's teams: use one of waste-services, street-scene, highways, /);
    expect(refusal({ service: 'moon-landing' })).toBe("service 'moon-landing' is not a service we offer: use a service id from GET /api/console/services");
    expect(refusal({ channel: 'fax' })).toBe("channel 'fax' is not a channel: use one of web, phone, sms, face_to_face, open311");
    expect(refusal({ priority: 'low' })).toBe("priority 'low' is not a priority: use one of normal, high, urgent");
    expect(refusal({ serivce: 'pothole' })).toBe("'serivce' is not a filter: filter by team, service, channel, priority");
  });
});

describe('which cases are late', () => {
  it('is at risk from the warning time, breached after the due time, and neither before', () => {
    expect(lateStateAt(openCase('A', 1), NOW)).toBeUndefined();
    expect(lateStateAt(openCase('A', 3.5), NOW)).toBe('at-risk');
    expect(lateStateAt(openCase('A', 5), NOW)).toBe('breached');
  });

  it('counts a case paused after its due time as breached, and one paused before it as neither', () => {
    const pausedLate = openCase('A', 6);
    pausedLate.sla = pauseSla(pausedLate.sla, hoursAgo(1)); // due 2 h ago, paused 1 h ago
    const pausedInTime = openCase('B', 6);
    pausedInTime.sla = pauseSla(pausedInTime.sla, hoursAgo(3)); // paused while at risk, before the due time
    expect(lateStateAt(pausedLate, NOW)).toBe('breached');
    expect(lateStateAt(pausedInTime, NOW)).toBeUndefined();
  });

  it('leaves out a resolved case whatever its clock says', () => {
    expect(lateStateAt(openCase('A', 9, { status: 'resolved' }), NOW)).toBeUndefined();
  });
});

/** Three teams' open cases as read: Street Scene's and Highways' with cases late, Parks and Trees' none. */
const read: TeamOpenCases[] = [
  {
    teamId: 'street-scene',
    truncated: false,
    cases: [openCase('SS-LATE', 9), openCase('SS-RISK', 3.2, { channel: 'sms' }), openCase('SS-FINE', 0.5)],
  },
  {
    teamId: 'highways',
    truncated: false,
    cases: [
      openCase('HW-LATEST', 20, { teamId: 'highways', serviceId: 'pothole', serviceName: 'Report a pothole', priority: 'normal' }),
      openCase('HW-RISK', 3.9, { teamId: 'highways', serviceId: 'pothole', serviceName: 'Report a pothole', priority: 'normal' }),
    ],
  },
  { teamId: 'parks-trees', truncated: false, cases: [openCase('PT-FINE', 1, { teamId: 'parks-trees' })] },
];

describe('the view', () => {

  it('lists the cases at risk or in breach, most overdue first, with their clocks; teams with any, by name', () => {
    // Act
    const view = serviceLevelsNow(read, NO_FILTERS, catalogue, NOW);

    // Assess
    expect(view.cases.map((c) => [c.reference, c.slaState])).toEqual([
      ['HW-LATEST', 'breached'],
      ['SS-LATE', 'breached'],
      ['HW-RISK', 'at-risk'],
      ['SS-RISK', 'at-risk'],
    ]);
    expect(view.teams).toEqual([
      { teamId: 'highways', name: 'Highways', atRisk: 1, breached: 1 },
      { teamId: 'street-scene', name: 'Street Scene', atRisk: 1, breached: 1 },
    ]);
    const late = view.cases[1]!;
    expect(late).toMatchObject({ teamName: 'Street Scene', service: { id: 'discarded-needles', name: 'Discarded needles' }, dueAt: hoursAgo(5).toISOString() });
    expect(late.clock).toMatchObject({ state: 'breached', workingMinutesLeft: -300, asOf: NOW.toISOString(), paused: false });
    expect(view.cases[3]!.clock.workingMinutesLeft).toBe(48);
    expect(view).toMatchObject({ asOf: NOW.toISOString(), truncated: false, filters: NO_FILTERS });
  });

  it('counts every team across the team filter, and lists only that team’s cases', () => {
    const view = serviceLevelsNow(read, { ...NO_FILTERS, team: 'street-scene' }, catalogue, NOW);
    expect(view.cases.map((c) => c.reference)).toEqual(['SS-LATE', 'SS-RISK']);
    expect(view.teams.map((t) => t.teamId)).toEqual(['highways', 'street-scene']);
  });

  it('applies the service, channel and priority filters to the counts and the cases alike', () => {
    const bySms = serviceLevelsNow(read, { ...NO_FILTERS, channel: 'sms' }, catalogue, NOW);
    expect(bySms.cases.map((c) => c.reference)).toEqual(['SS-RISK']);
    expect(bySms.teams).toEqual([{ teamId: 'street-scene', name: 'Street Scene', atRisk: 1, breached: 0 }]);
    const byService = serviceLevelsNow(read, { ...NO_FILTERS, service: 'pothole' }, catalogue, NOW);
    expect(byService.cases.map((c) => c.reference)).toEqual(['HW-LATEST', 'HW-RISK']);
    const byPriority = serviceLevelsNow(read, { ...NO_FILTERS, priority: 'high' }, catalogue, NOW);
    expect(byPriority.cases.map((c) => c.reference)).toEqual(['SS-LATE', 'SS-RISK']);
    expect(byPriority.teams.map((t) => t.teamId)).toEqual(['street-scene']);
  });

  it('says when a team had more open cases than were read, even with none late among them', () => {
    const view = serviceLevelsNow([{ teamId: 'parks-trees', truncated: true, cases: [openCase('PT-FINE', 1, { teamId: 'parks-trees' })] }], NO_FILTERS, catalogue, NOW);
    expect(view.truncated).toBe(true);
    expect(view.teams).toEqual([{ teamId: 'parks-trees', name: 'Parks, Trees and Open Spaces', atRisk: 0, breached: 0, truncated: true }]);
  });
});

describe('reading the teams', () => {
  it('runs at most the given number of reads at once, keeping the order of the answers', async () => {
    let running = 0;
    let most = 0;
    const answers = await inBatches([5, 1, 4, 2, 3, 0, 6], 3, async (n) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, n * 2));
      running -= 1;
      return n * 10;
    });
    expect(answers).toEqual([50, 10, 40, 20, 30, 0, 60]);
    expect(most).toBe(3);
  });

  it('reads every team (whatever the team filter) with the limit, and asks who is looking once, for the cases shown', async () => {
    // Prepare: a fake store and presence, recording what was asked.
    const asked: Array<{ teamId: string; limit: number }> = [];
    const lookedUp: string[][] = [];
    const deps: ServiceLevelDeps = {
      catalogue,
      clock: fixedClock(NOW),
      store: {
        async openCasesOf(teamId, _now, limit) {
          asked.push({ teamId, limit });
          return { cases: read.find((r) => r.teamId === teamId)?.cases ?? [], truncated: false };
        },
      },
      async lookersOf(references) {
        lookedUp.push([...references]);
        return new Map([['SS-LATE', [{ username: 'priya.shah', since: NOW.toISOString() }]]]);
      },
    };

    // Act
    const answer = await serviceLevels({ team: 'street-scene' }, deps);

    // Assess
    expect(asked.map((a) => a.teamId).sort()).toEqual(catalogue.teams.map((t) => t.id).sort());
    expect(new Set(asked.map((a) => a.limit))).toEqual(new Set([OPEN_CASES_READ_PER_TEAM]));
    expect(lookedUp).toEqual([['SS-LATE', 'SS-RISK']]);
    expect(answer.cases.map((c) => [c.reference, c.lookers])).toEqual([
      ['SS-LATE', [{ username: 'priya.shah', since: NOW.toISOString() }]],
      ['SS-RISK', []],
    ]);
    expect(answer.openCasesReadPerTeam).toBe(OPEN_CASES_READ_PER_TEAM);
    expect(answer.teamChoices).toHaveLength(catalogue.teams.length);
    expect(answer.teamChoices[0]).toEqual({ teamId: 'adult-social-care', name: 'Adult Social Care' });
    await expect(serviceLevels({ channel: 'fax' }, deps)).rejects.toBeInstanceOf(ServiceLevelFilterError);
  });
});
