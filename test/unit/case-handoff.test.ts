import { describe, expect, it } from 'vitest';
import { catalogue } from '#catalogue/index';
import { openCase, summariseCase, type Case } from '#domain/case';
import type { Contact } from '#domain/contact';
import { HANDOFF_SCHEMA_VERSION, HandoffMessageSchema, handoffFor } from '#domain/handoff';
import type { Decision } from '#domain/routing';

const resident = { name: 'Jo Bloggs', phone: '+447700900123', email: 'jo.bloggs@example.com', address: '1 High Street, Anytown' };

function contact(overrides: Partial<Contact> = {}): Contact {
  return {
    id: 'contact-1',
    channel: 'web',
    providerId: 'idem-1',
    receivedAt: '2026-11-26T10:15:00.000Z',
    text: 'My black bin was not emptied on Tuesday at 1 High Street',
    serviceId: 'missed-bin',
    resident,
    ...overrides,
  };
}

const decision: Decision = {
  kind: 'handoff',
  serviceId: 'missed-bin',
  teamId: 'waste-services',
  confidence: 1,
  explanation: ["The resident chose the service 'Report a missed bin collection'."],
  modelVersion: 'test',
};

describe('openCase', () => {
  it('opens version 1 of a case for the service and team the catalogue names', () => {
    // Act
    const kase = openCase('K7MD-Q9PX', contact(), decision, catalogue);

    // Assess
    expect(kase).toEqual({
      reference: 'K7MD-Q9PX',
      status: 'open',
      version: 1,
      serviceId: 'missed-bin',
      serviceName: catalogue.service('missed-bin')!.name,
      teamId: 'waste-services',
      channel: 'web',
      contactId: 'contact-1',
      description: 'My black bin was not emptied on Tuesday at 1 High Street',
      resident,
      customerKey: 'PHONE#+447700900123',
      details: {},
      priority: 'normal',
      // Missed bin: 2 working days, warned at half. Thursday 10:15 -> close of Monday 30 November
      // (17:00 GMT); half of the 21h15m open time between is 10h37m30s -> Friday 13:22:30.
      sla: {
        policy: { amount: 2, unit: 'working-days', warnAtFraction: 0.5 },
        startedAt: '2026-11-26T10:15:00.000Z',
        dueAt: '2026-11-30T17:00:00.000Z',
        warnAt: '2026-11-27T13:22:30.000Z',
        pausedMillis: 0,
        pauses: [],
      },
      routing: { confidence: 1, explanation: decision.explanation, modelVersion: 'test' },
      repeatContacts: 0,
      catalogueVersion: catalogue.version,
      createdAt: '2026-11-26T10:15:00.000Z',
      updatedAt: '2026-11-26T10:15:00.000Z',
    });
    expect(kase).not.toHaveProperty('location');
  });

  it('keeps the location when the contact has one', () => {
    // Act
    const kase = openCase('K7MD-Q9PX', contact({ location: { lat: 51.5, lng: -0.12 } }), decision, catalogue);

    // Assess
    expect(kase.location).toEqual({ lat: 51.5, lng: -0.12 });
  });

  it("gives each priority reason its own rule's priority, not the case's overall one", () => {
    // Prepare: housing repairs: "no heating" is a hazard (urgent), "elderly" a vulnerable resident (high)
    const words = 'No heating since Friday and my elderly mother lives with me';
    const repair: Decision = { ...decision, serviceId: 'housing-repair', teamId: 'housing-repairs' };

    // Act
    const kase = openCase('K7MD-Q9PX', contact({ serviceId: 'housing-repair', text: words }), repair, catalogue);

    // Assess
    expect(kase.priority).toBe('urgent');
    expect(kase.routing.explanation).toContain('Priority urgent: hazard ("no heating").');
    expect(kase.routing.explanation).toContain('Priority high: vulnerable ("elderly").');
    expect(kase.routing.explanation).not.toContain('Priority urgent: vulnerable ("elderly").');
  });

  it('refuses a decision for a service the catalogue does not have', () => {
    // Prepare
    const unknown: Decision = { ...decision, serviceId: 'moon-landing' };

    // Act / Assess
    expect(() => openCase('K7MD-Q9PX', contact(), unknown, catalogue)).toThrow("decision names unknown service 'moon-landing'");
  });
});

describe('summariseCase', () => {
  it('shows the reference, status, service, team and times, and no personal data', () => {
    // Prepare
    const kase = openCase('K7MD-Q9PX', contact({ location: { lat: 51.5, lng: -0.12 } }), decision, catalogue);

    // Act
    const summary = summariseCase(kase);

    // Assess
    expect(summary).toEqual({
      reference: 'K7MD-Q9PX',
      status: 'open',
      service: { id: 'missed-bin', name: catalogue.service('missed-bin')!.name },
      teamId: 'waste-services',
      priority: 'normal',
      dueAt: '2026-11-30T17:00:00.000Z',
      createdAt: '2026-11-26T10:15:00.000Z',
      updatedAt: '2026-11-26T10:15:00.000Z',
    });
    const published = JSON.stringify(summary);
    for (const personal of [...Object.values(resident), 'High Street', 'emptied', '51.5', 'contact-1']) {
      expect(published).not.toContain(personal);
    }
  });
});

describe('handoffFor', () => {
  it('builds a message that passes the published schema', () => {
    // Prepare
    const kase = openCase('K7MD-Q9PX', contact(), decision, catalogue);

    // Act
    const message = handoffFor(kase, '2026-11-26T10:15:01.000Z');

    // Assess
    expect(HandoffMessageSchema.safeParse(message).success).toBe(true);
    expect(message).toEqual({
      schemaVersion: HANDOFF_SCHEMA_VERSION,
      dedupKey: 'K7MD-Q9PX#1',
      caseReference: 'K7MD-Q9PX',
      caseVersion: 1,
      teamId: 'waste-services',
      service: { id: 'missed-bin', name: catalogue.service('missed-bin')!.name },
      channel: 'web',
      description: kase.description,
      resident,
      details: {},
      priority: 'normal',
      sla: {
        target: { amount: 2, unit: 'working-days' },
        startedAt: '2026-11-26T10:15:00.000Z',
        warnAt: '2026-11-27T13:22:30.000Z',
        dueAt: '2026-11-30T17:00:00.000Z',
      },
      routing: kase.routing,
      catalogueVersion: catalogue.version,
      createdAt: '2026-11-26T10:15:00.000Z',
      handedOffAt: '2026-11-26T10:15:01.000Z',
    });
  });

  it('keys de-duplication on reference and version, so a later hand-off of the same case is a new message', () => {
    // Prepare
    const kase: Case = { ...openCase('K7MD-Q9PX', contact(), decision, catalogue), version: 3, status: 'returned-to-csn' };

    // Act
    const message = handoffFor(kase, '2026-11-27T09:00:00.000Z');

    // Assess
    expect(message.dedupKey).toBe(`${kase.reference}#${kase.version}`);
    expect(message.dedupKey).toBe('K7MD-Q9PX#3');
    expect(message.caseVersion).toBe(3);
  });

  it('carries the location only when the case has one, and still passes the schema', () => {
    // Prepare
    const located = openCase('K7MD-Q9PX', contact({ location: { lat: 51.5, lng: -0.12 } }), decision, catalogue);
    const unlocated = openCase('K7MD-Q9PY', contact(), decision, catalogue);

    // Act
    const withLocation = handoffFor(located, '2026-11-26T10:15:01.000Z');
    const without = handoffFor(unlocated, '2026-11-26T10:15:01.000Z');

    // Assess
    expect(withLocation.location).toEqual({ lat: 51.5, lng: -0.12 });
    expect(without).not.toHaveProperty('location');
    expect(HandoffMessageSchema.safeParse(withLocation).success).toBe(true);
    expect(HandoffMessageSchema.safeParse(without).success).toBe(true);
  });
});

describe('HandoffMessageSchema', () => {
  const valid = handoffFor(openCase('K7MD-Q9PX', contact(), decision, catalogue), '2026-11-26T10:15:01.000Z');

  it('rejects a field the contract does not define, at the top or nested', () => {
    // Act
    const topLevel = HandoffMessageSchema.safeParse({ ...valid, severity: 'urgent' });
    const inResident = HandoffMessageSchema.safeParse({ ...valid, resident: { ...valid.resident, dateOfBirth: '1970-01-01' } });
    const inService = HandoffMessageSchema.safeParse({ ...valid, service: { ...valid.service, area: 'waste' } });

    // Assess
    expect(topLevel.success).toBe(false);
    expect(topLevel.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['severity'] });
    expect(inResident.success).toBe(false);
    expect(inResident.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['dateOfBirth'], path: ['resident'] });
    expect(inService.success).toBe(false);
  });

  it('rejects another schema version, a fractional case version and a time that is not ISO 8601', () => {
    // Act / Assess
    expect(HandoffMessageSchema.safeParse({ ...valid, schemaVersion: '2' }).success).toBe(false);
    expect(HandoffMessageSchema.safeParse({ ...valid, caseVersion: 1.5 }).success).toBe(false);
    expect(HandoffMessageSchema.safeParse({ ...valid, handedOffAt: '26/11/2026 10:15' }).success).toBe(false);
  });

  it('rejects a message with a required field missing', () => {
    // Prepare
    const { dedupKey: _dropped, ...withoutKey } = valid;

    // Act
    const parsed = HandoffMessageSchema.safeParse(withoutKey);

    // Assess
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['dedupKey']);
  });
});
