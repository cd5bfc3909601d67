import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogue } from '#catalogue/index';
import { CalendarError } from '#domain/calendar';
import { buildCatalogue, CatalogueError, EMERGENCY_KINDS, SERVICE_AREAS } from '#domain/catalogue';
import answers from '../../shared/catalogue/answers.json' with { type: 'json' };
import calendar from '../../shared/catalogue/calendar.json' with { type: 'json' };
import lookups from '../../shared/catalogue/lookups.json' with { type: 'json' };
import services from '../../shared/catalogue/services.json' with { type: 'json' };
import teams from '../../shared/catalogue/teams.json' with { type: 'json' };

// The LGA's Local Government Service List, in the repository (data/lgsl_services.csv, data/README.md).
function lgslCodes(): Set<number> {
  const csv = readFileSync(new URL('../../data/lgsl_services.csv', import.meta.url), 'utf8');
  const codes = new Set<number>();
  for (const line of csv.split('\n')) {
    const match = /^(\d+),/.exec(line);
    if (match) codes.add(Number(match[1]));
  }
  return codes;
}

function seed() {
  return structuredClone({ version: 'test', defaultServiceId: 'general-enquiry', teams, services, answers, lookups, calendar });
}

describe('the shipped catalogue', () => {
  it('validates and offers at least 40 services', () => {
    expect(catalogue.services.length).toBeGreaterThanOrEqual(40);
    expect(catalogue.service('missed-bin')?.teamId).toBe('waste-services');
    for (const id of ['fly-tipping', 'pothole', 'general-enquiry']) expect(catalogue.service(id)).toBeDefined();
  });

  it('covers every service area', () => {
    const covered = new Set(catalogue.services.map((s) => s.area));
    expect([...SERVICE_AREAS].filter((area) => !covered.has(area))).toEqual([]);
  });

  it("gives every service a team that exists, and teams ids usable as queue names", () => {
    for (const service of catalogue.services) expect(() => catalogue.team(service.teamId)).not.toThrow();
    for (const team of catalogue.teams) expect(team.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    for (const id of ['waste-services', 'street-scene', 'highways', 'customer-services']) {
      expect(catalogue.team(id).id).toBe(id);
    }
  });

  it('tags every service with a code from the Local Government Service List', () => {
    const codes = lgslCodes();
    expect(codes.size).toBeGreaterThan(1000);
    const unknown = catalogue.services.filter((s) => !codes.has(s.lgsl)).map((s) => `${s.id}: ${s.lgsl}`);
    expect(unknown).toEqual([]);
  });

  it('gives every service words, examples, a service level and a way to resolve it', () => {
    for (const service of catalogue.services) {
      expect(service.words.length, service.id).toBeGreaterThan(0);
      expect(service.examples.length, service.id).toBeGreaterThan(0);
      expect(service.sla.amount, service.id).toBeGreaterThan(0);
      expect(['handoff', 'answer', 'lookup', 'self-service']).toContain(service.resolution.mode);
    }
  });

  it('uses the published service levels for the headline services', () => {
    expect(catalogue.service('missed-bin')?.sla).toMatchObject({ amount: 2, unit: 'working-days' });
    expect(catalogue.service('fly-tipping')?.sla).toMatchObject({ amount: 1, unit: 'working-days' });
    expect(catalogue.service('dead-animal')?.sla).toMatchObject({ amount: 1, unit: 'elapsed-hours' });
    expect(catalogue.service('pothole')?.sla).toMatchObject({ amount: 5, unit: 'working-days' });
    expect(catalogue.service('graffiti')?.sla).toMatchObject({ amount: 5, unit: 'working-days' });
    expect(catalogue.service('housing-repair')?.sla).toMatchObject({ amount: 20, unit: 'working-days' });
    expect(catalogue.service('complaint')?.sla).toMatchObject({ amount: 10, unit: 'working-days' });
  });

  it('has a service for every kind of emergency', () => {
    for (const kind of EMERGENCY_KINDS) expect(catalogue.emergencyService(kind), kind).toBeDefined();
    expect(catalogue.emergencyService('child-at-risk')?.area).toBe('social-care');
  });

  it('resolves answers and look-ups by id', () => {
    const binDay = catalogue.service('bin-day')!;
    expect(binDay.resolution).toEqual({ mode: 'lookup', lookupId: 'bin-day' });
    expect(catalogue.lookup('bin-day')?.needs).toContain('postcode');
    expect(catalogue.answer('opening-hours')?.text).toContain('{openingHours}');
  });
});

describe('a broken catalogue', () => {
  it('stops at a bad calendar, naming its file and field', () => {
    const data = seed();
    (data.calendar.openingHours.monday[0] as { opens: string }).opens = '25:00';
    const source = { default: 'catalogue', calendar: 'calendar.json' };
    expect(() => buildCatalogue(data, source)).toThrow(CalendarError);
    expect(() => buildCatalogue(data, source)).toThrow(/calendar\.json.*openingHours\.monday/);
  });

  it('has the business calendar', () => {
    expect(catalogue.calendar.isWorkingDay('2026-12-25')).toBe(false);
    expect(catalogue.calendar.isWorkingDay('2026-12-23')).toBe(true);
  });

  it('names the file, the entry and the field of a bad value', () => {
    const data = seed();
    (data.services[3] as { lgsl: unknown }).lgsl = 'five';
    const source = { default: 'catalogue', services: 'services.json' };
    expect(() => buildCatalogue(data, source)).toThrow(CatalogueError);
    expect(() => buildCatalogue(data, source)).toThrow(`services.json: services[3] (id '${data.services[3]!.id}') field lgsl`);
  });

  it('names nested fields with dots', () => {
    const data = seed();
    (data.services[0]!.sla as { amount: number }).amount = -2;
    expect(() => buildCatalogue(data)).toThrow(/services\[0\] \(id 'missed-bin'\) field sla\.amount/);
  });

  it('rejects a service whose team does not exist', () => {
    const data = seed();
    data.services[1]!.teamId = 'no-such-team';
    expect(() => buildCatalogue(data)).toThrow(/services\[1\] \(id '[a-z-]+'\) field teamId: no team 'no-such-team'/);
  });

  it('rejects a duplicate service id', () => {
    const data = seed();
    data.services.push(structuredClone(data.services[0]!));
    expect(() => buildCatalogue(data)).toThrow(
      new RegExp(`services\\[${data.services.length - 1}\\] \\(id 'missed-bin'\\) field id: 'missed-bin' is defined twice`),
    );
  });

  it('rejects a duplicate team id', () => {
    const data = seed();
    data.teams.push({ ...data.teams[0]! });
    expect(() => buildCatalogue(data)).toThrow(/teams\[\d+\] \(id 'waste-services'\) field id/);
  });

  it('rejects a resolution that names an answer or look-up that does not exist', () => {
    const data = seed();
    const index = data.services.findIndex((s) => s.id === 'bin-day');
    (data.services[index] as { resolution: unknown }).resolution = { mode: 'lookup', lookupId: 'bin-week' };
    expect(() => buildCatalogue(data)).toThrow(/\(id 'bin-day'\) field resolution\.lookupId: no lookup 'bin-week'/);
  });

  it('rejects an unknown field and an sla in unknown units', () => {
    const data = seed();
    (data.services[2] as Record<string, unknown>).colour = 'blue';
    expect(() => buildCatalogue(data)).toThrow(/services\[2\] \(id '[a-z-]+'\) field colour/);
    const other = seed();
    (other.services[2]!.sla as { unit: string }).unit = 'weeks';
    expect(() => buildCatalogue(other)).toThrow(/field sla\.unit/);
  });

  it('rejects two services claiming the same emergency', () => {
    const data = seed();
    (data.services[0] as { emergencyKinds?: string[] }).emergencyKinds = ['gas'];
    expect(() => buildCatalogue(data)).toThrow(/field emergencyKinds: 'gas' is already taken by 'missed-bin'/);
  });

  it('fills defaults for a minimal service', () => {
    const built = buildCatalogue({
      version: '1',
      defaultServiceId: 'general-enquiry',
      teams: [{ id: 'customer-services', name: 'CS', directorate: 'R', escalationContact: 'cs@council.example.gov.uk' }],
      services: [
        {
          id: 'general-enquiry', name: 'General', lgsl: 1300, area: 'general', teamId: 'customer-services',
          words: ['question'], examples: ['a question'], sla: { amount: 10, unit: 'working-days' },
        },
      ],
      calendar,
    });
    expect(built.service('general-enquiry')).toMatchObject({ requiredDetails: [], resolution: { mode: 'handoff' }, priorityRules: [] });
  });
});
