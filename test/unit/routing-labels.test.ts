// The council's labels for the router: which records are labels (an adviser's different choice,
// an adviser's resolution under another service, a case's last reroute), which are skipped and
// counted (empty words, emergencies, services gone from the catalogue, duplicates), and the
// held-back slice, decided by the label's id alone.
import { describe, expect, it } from 'vitest';
import { catalogue } from '#catalogue/index';
import { councilLabels, isHeldBack, readCouncilLabels, splitLabels, type CouncilLabel, type LabelRecord } from '#app/routing-labels';
import type { DecisionKind } from '#domain/routing';

const AT = '2026-11-26T10:00:00.000Z';

function adviserContact(
  id: string,
  text: string,
  chosen: string,
  suggested: { serviceId: string; kind?: DecisionKind } | undefined,
  over: { overrideReason?: string; resolvedNote?: string; at?: string; kind?: DecisionKind } = {},
): LabelRecord {
  return {
    kind: 'adviser-contact',
    contact: {
      id,
      text,
      receivedAt: over.at ?? AT,
      takenBy: {
        adviserId: 'amara.okafor',
        ...(over.overrideReason ? { overrideReason: over.overrideReason } : {}),
        ...(over.resolvedNote ? { resolvedNote: over.resolvedNote } : {}),
      },
    },
    routing: {
      modelVersion: 'rules-1',
      kind: over.kind ?? 'handoff',
      serviceId: chosen,
      confidence: 1,
      ...(suggested ? { suggested: { kind: suggested.kind ?? 'handoff', serviceId: suggested.serviceId, confidence: 0.6 } } : {}),
    },
  };
}

function reroute(reference: string, toService: string, at: string, over: { fromService?: string; action?: 'reroute' | 'return-to-team'; version?: number; reason?: string } = {}): LabelRecord {
  return {
    kind: 'case-event',
    event: {
      reference,
      version: over.version ?? 2,
      at,
      action: over.action ?? 'reroute',
      detail: {
        reason: over.reason ?? 'not ours',
        ...(over.fromService === undefined && over.action === 'return-to-team' ? {} : { fromService: over.fromService ?? 'missed-bin' }),
        toService,
        fromTeam: 'waste-services',
        toTeam: 'somewhere',
      },
    },
  };
}

const kase = (reference: string, description: string, contactId = `contact-of-${reference}`): LabelRecord => ({
  kind: 'case',
  case: { reference, description, contactId },
});

const labelsOf = (records: LabelRecord[], options?: { since?: string }) => councilLabels(records, catalogue, options);
const brief = (labels: CouncilLabel[]) => labels.map(({ id, serviceId, area, source }) => ({ id, serviceId, area, source }));

describe("an adviser's contact", () => {
  it('is a label when the adviser chose another service than routing suggested, with their reason and the area from the catalogue', () => {
    // Prepare: the words suggested a missed bin; the adviser heard it was fly-tipping.
    const records = [adviserContact('c1', 'someone dumped a sofa by the bins', 'fly-tipping', { serviceId: 'missed-bin' }, { overrideReason: 'dumped, not missed' })];

    // Act
    const { labels } = labelsOf(records);

    // Assess
    expect(labels).toEqual([
      { id: 'contact:c1', text: 'someone dumped a sofa by the bins', serviceId: 'fly-tipping', area: 'street-cleansing', source: 'adviser-override', at: AT, reason: 'dumped, not missed' },
    ]);
  });

  it('is a label when the adviser settled a deferral (ask or adviser), whatever the suggestion was', () => {
    const records = [
      adviserContact('c1', 'the thing on the corner is broken again', 'street-furniture', { serviceId: 'street-light-fault', kind: 'ask' }),
      adviserContact('c2', 'I need help with something', 'housing-repair', { serviceId: 'general-enquiry', kind: 'adviser' }),
    ];
    expect(brief(labelsOf(records).labels)).toEqual([
      { id: 'contact:c1', serviceId: 'street-furniture', area: 'roads', source: 'adviser-override' },
      { id: 'contact:c2', serviceId: 'housing-repair', area: 'housing', source: 'adviser-override' },
    ]);
  });

  it('is an adviser-resolved label when the adviser resolved it there and then under another service', () => {
    const records = [adviserContact('c1', 'when is my council tax due', 'pay-council-tax', { serviceId: 'council-tax' }, { resolvedNote: 'told them the dates' })];
    expect(brief(labelsOf(records).labels)).toEqual([{ id: 'contact:c1', serviceId: 'pay-council-tax', area: 'council-tax-benefits', source: 'adviser-resolved' }]);
  });

  it('is no label when the adviser took the suggestion (resolved or not), or when routing suggested nothing (older records)', () => {
    const records = [
      adviserContact('c1', 'my bin was missed', 'missed-bin', { serviceId: 'missed-bin' }),
      adviserContact('c2', 'my bin was missed again', 'missed-bin', { serviceId: 'missed-bin' }, { resolvedNote: 'rebooked it' }),
      adviserContact('c3', 'pothole on the high street', 'pothole', undefined),
    ];
    expect(labelsOf(records)).toEqual({ labels: [], skipped: { emptyText: 0, emergency: 0, unknownService: 0, duplicate: 0, beforeSince: 0, caseMissing: 0 } });
  });
});

describe('a rerouted case', () => {
  it("is one label: its words with the service it was LAST rerouted to, whatever order the events come in", () => {
    // Prepare: rerouted to parks, then (later) to street cleansing; the store may read them in any order.
    const records = [
      reroute('K7MD-Q9PX', 'street-cleaning', '2026-11-27T09:00:00.000Z', { fromService: 'tree-problem', version: 3, reason: 'leaves on the path' }),
      kase('K7MD-Q9PX', 'branches and leaves all over the pavement'),
      reroute('K7MD-Q9PX', 'tree-problem', '2026-11-26T15:00:00.000Z', { version: 2 }),
    ];

    // Act
    const { labels, skipped } = labelsOf(records);

    // Assess
    expect(labels).toEqual([
      {
        id: 'case:K7MD-Q9PX',
        text: 'branches and leaves all over the pavement',
        serviceId: 'street-cleaning',
        area: 'street-cleansing',
        source: 'team-reroute',
        at: '2026-11-27T09:00:00.000Z',
        reason: 'leaves on the path',
      },
    ]);
    expect(skipped.duplicate).toBe(1);
  });

  it("counts an adviser's return to a team under another service as a reroute, but not a return to the case's own service", () => {
    const records = [
      reroute('AAAA-1111', 'pothole', AT, { action: 'return-to-team', fromService: 'street-light-fault' }),
      kase('AAAA-1111', 'a hole in the road by the lamp post'),
      reroute('BBBB-2222', 'missed-bin', AT, { action: 'return-to-team' }),
      kase('BBBB-2222', 'bin missed twice'),
    ];
    expect(brief(labelsOf(records).labels)).toEqual([{ id: 'case:AAAA-1111', serviceId: 'pothole', area: 'roads', source: 'team-reroute' }]);
  });

  it("stands for the adviser's contact that opened it: one example, the reroute's", () => {
    const records = [
      adviserContact('c1', 'rubbish all over the lane', 'missed-bin', { serviceId: 'litter' }, { overrideReason: 'their bin was not taken' }),
      reroute('CCCC-3333', 'fly-tipping', '2026-11-26T12:00:00.000Z'),
      kase('CCCC-3333', 'rubbish all over the lane', 'c1'),
    ];
    const { labels, skipped } = labelsOf(records);
    expect(brief(labels)).toEqual([{ id: 'case:CCCC-3333', serviceId: 'fly-tipping', area: 'street-cleansing', source: 'team-reroute' }]);
    expect(skipped.duplicate).toBe(1);
  });

  it('is skipped, and counted, when its case is not found', () => {
    const { labels, skipped } = labelsOf([reroute('DDDD-4444', 'pothole', AT)]);
    expect(labels).toEqual([]);
    expect(skipped.caseMissing).toBe(1);
  });
});

describe('what is skipped', () => {
  it('skips empty words, emergencies and services no longer in the catalogue, counting each', () => {
    const records = [
      adviserContact('empty', '  ', 'pothole', { serviceId: 'litter' }),
      adviserContact('punctuation', '?!', 'pothole', { serviceId: 'litter' }),
      adviserContact('gas', 'I can smell gas in the kitchen', 'emergency-incident', { serviceId: 'general-enquiry', kind: 'adviser' }),
      adviserContact('decided', 'the boiler thing again', 'housing-repair', { serviceId: 'emergency-incident', kind: 'emergency' }),
      adviserContact('gone', 'the old kiosk service', 'phone-kiosk-repair', { serviceId: 'litter' }),
      reroute('EEEE-5555', 'flooding', AT),
      kase('EEEE-5555', 'water is pouring into my house through the ceiling'),
      adviserContact('kept', 'lamp post flickering all night', 'street-light-fault', { serviceId: 'traffic-lights' }),
    ];
    const { labels, skipped } = labelsOf(records);
    expect(labels.map((l) => l.id)).toEqual(['contact:kept']);
    expect(skipped).toEqual({ emptyText: 2, emergency: 3, unknownService: 1, duplicate: 0, beforeSince: 0, caseMissing: 0 });
  });

  it('keeps one example of the same words (case and spacing aside): the latest', () => {
    const records = [
      adviserContact('c1', 'Dog mess on the  path', 'street-cleaning', { serviceId: 'litter' }, { at: '2026-11-26T10:00:00.000Z' }),
      adviserContact('c2', 'dog mess on the path!', 'dog-fouling', { serviceId: 'litter' }, { at: '2026-11-27T10:00:00.000Z' }),
      adviserContact('c3', 'dog mess on the path', 'street-cleaning', { serviceId: 'litter' }, { at: '2026-11-25T10:00:00.000Z' }),
    ];
    const { labels, skipped } = labelsOf(records);
    expect(brief(labels)).toEqual([{ id: 'contact:c2', serviceId: 'dog-fouling', area: 'street-cleansing', source: 'adviser-override' }]);
    expect(skipped.duplicate).toBe(2);
  });

  it('keeps the labels given from `since` on, counting the earlier ones', () => {
    const records = [
      adviserContact('old', 'graffiti on the bus shelter', 'graffiti', { serviceId: 'street-furniture' }, { at: '2026-10-01T10:00:00.000Z' }),
      adviserContact('new', 'tags sprayed on the wall', 'graffiti', { serviceId: 'street-furniture' }, { at: '2026-11-01T10:00:00.000Z' }),
    ];
    const { labels, skipped } = labelsOf(records, { since: '2026-10-15T00:00:00.000Z' });
    expect(labels.map((l) => l.id)).toEqual(['contact:new']);
    expect(skipped.beforeSince).toBe(1);
  });
});

describe('reading and holding back', () => {
  it('reads every record the store gives, as the pure extraction does', async () => {
    const records = [adviserContact('c1', 'loud music every night next door', 'noise', { serviceId: 'anti-social-behaviour' })];
    const store = {
      async *labelRecords() {
        yield* records;
      },
    };
    expect(await readCouncilLabels(store, catalogue)).toEqual(labelsOf(records));
  });

  it('holds back about a fifth of the labels, by their id alone: the same slice every time', () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => `contact:${i}`);
    const held = ids.filter((id) => isHeldBack(id));
    expect(held.length / ids.length).toBeGreaterThan(0.18);
    expect(held.length / ids.length).toBeLessThan(0.22);
    expect(ids.filter((id) => isHeldBack(id))).toEqual(held);
  });

  it('splits labels into training and held back, each label in one of them, whatever else is in the list', () => {
    const labels = Array.from({ length: 50 }, (_, i): CouncilLabel => ({ id: `case:R${i}`, text: `words ${i}`, serviceId: 'pothole', area: 'roads', source: 'team-reroute', at: AT }));
    const { training, heldBack } = splitLabels(labels);
    expect(training.length + heldBack.length).toBe(50);
    expect(heldBack.length).toBeGreaterThan(0);
    expect(training.some((label) => heldBack.includes(label))).toBe(false);
    // Fewer labels around them: the same ones held back.
    const fewer = splitLabels(labels.filter((_, i) => i % 2 === 0));
    expect(fewer.heldBack).toEqual(heldBack.filter((label) => labels.indexOf(label) % 2 === 0));
  });
});
