// Learning from the council, end to end: an adviser records contacts through the console API
// choosing another service than routing suggested (with reasons) and resolves one under another
// service; a case is rerouted by two teams through team-actions. The labels are read back from
// the stack's DynamoDB table and the router is retrained in this process (the real trainer, about
// 20 s to a few minutes on a busy machine): the report counts exactly those rows by source, the
// held-back slice stays out of training, and reading them again holds back the same labels.
// Nothing is promoted into the repository (promotion writes to a temporary folder).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogue } from '#catalogue/index';
import { isHeldBack, LABEL_SOURCES, readCouncilLabels, splitLabels, type LabelSource, type LabelStore } from '#app/routing-labels';
import { retrainRouting, routingTrainer, type Trainer, type TrainingExample } from '../../scripts/retrain-routing.ts';

import { signInAs } from '../support/sign-in.ts';
import { stack, useStackTable } from '../support/stack.ts';

type Who = 'adviser' | 'waste' | 'highways';
const USERNAMES: Record<Who, string> = { adviser: 'amara.okafor', waste: 'priya.shah', highways: 'owen.price' };
const tokens = {} as Record<Who, string>;
let labelStore: LabelStore;
let out: string;
const since = new Date().toISOString();

beforeAll(async () => {
  for (const [who, username] of Object.entries(USERNAMES)) tokens[who as Who] = (await signInAs(username)).accessToken;
  useStackTable();
  const { dynamoLabelStore } = await import('../../shared/adapters/routing-label-store.ts');
  labelStore = dynamoLabelStore();
  out = await mkdtemp(join(tmpdir(), 'routing-train-'));
});

afterAll(async () => {
  if (out) await rm(out, { recursive: true, force: true });
});

async function api(path: string, as: Who, body?: unknown) {
  const response = await fetch(`${stack.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${tokens[as]}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const answer = { status: response.status, body: (await response.json()) as Record<string, any> };
  if (response.status >= 300) throw new Error(`${path}: ${response.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

const areaOf = (serviceId: string) => catalogue.service(serviceId)!.area;
/** A service of another area than the one routing suggested: what the adviser heard it was really about. */
const anotherAreaThan = (serviceId: string) => ['noise', 'pothole', 'missed-bin', 'graffiti'].find((id) => areaOf(id) !== areaOf(serviceId))!;

// Residents' words (no personal data). A made-up place name shows that no word reaches the model file.
const WORDS = [
  'the path by Quillingford green is covered in something',
  'there is a problem at the end of Quillingford lane again',
  'something wrong outside the Quillingford shops',
  'they left it all over Quillingford road',
  'it has been like this for weeks on Quillingford close',
  'can someone look at the mess by the Quillingford bus stop',
];

/** What the test recorded: the label each should give. */
const expected = new Map<string, { source: LabelSource; serviceId: string }>();

describe('learning from the council', () => {
  it('counts advisers’ overrides, a resolution under another service and a twice-rerouted case as training rows, holding back the same slice each time', { timeout: 400_000 }, async () => {
    // Prepare: an adviser's overrides, until some are held back and some are not (the slice is a hash of each id).
    for (let i = 0; i < 40; i++) {
      const description = `${WORDS[i % WORDS.length]}, near number ${i + 3}`;
      const suggestion = await api('/api/console/route', 'adviser', { description });
      const service = anotherAreaThan(suggestion.service.id);
      const { outcome } = await api('/api/console/contacts', 'adviser', { channel: 'phone', description, service, overrideReason: 'The caller explained what it really is' });
      expected.set(`contact:${outcome.contactId}`, { source: 'adviser-override', serviceId: service });
      const ids = [...expected.keys()];
      if (i >= 5 && ids.filter((id) => isHeldBack(id)).length >= 1 && ids.filter((id) => !isHeldBack(id)).length >= 3) break;
    }
    // ... one they resolved there and then under another service than the suggestion;
    const asked = 'I want to know when the Quillingford tip opens on Sunday';
    const resolvedUnder = anotherAreaThan((await api('/api/console/route', 'adviser', { description: asked })).service.id);
    const resolved = await api('/api/console/contacts', 'adviser', { channel: 'face_to_face', description: asked, service: resolvedUnder, resolvedNote: 'Gave them the opening times' });
    expected.set(`contact:${resolved.outcome.contactId}`, { source: 'adviser-resolved', serviceId: resolvedUnder });
    // ... and a case opened for the waste team, rerouted by it to highways, and by highways to street lighting.
    const leaning = 'the lamp post by the Quillingford bins is leaning over the road';
    const opened = await api('/api/console/contacts', 'adviser', { channel: 'phone', description: leaning, service: 'missed-bin', overrideReason: 'The caller says the bin lorry hit it' });
    const reference: string = opened.outcome.reference;
    await api(`/api/console/cases/${reference}/team-actions`, 'waste', { version: 1, action: 'reroute', serviceId: 'pothole', reason: 'Not a bin: the road' });
    await api(`/api/console/cases/${reference}/team-actions`, 'highways', { version: 2, action: 'reroute', serviceId: 'lighting-column-damage', reason: 'A lighting column, not the road' });
    expected.set(`case:${reference}`, { source: 'team-reroute', serviceId: 'lighting-column-damage' });

    // Act: read the labels from the table and retrain with them.
    const read = await readCouncilLabels(labelStore, catalogue, { since });
    const taught: TrainingExample[][] = [];
    const watched: Trainer = {
      ...routingTrainer,
      trainRouter(examples, cat, options) {
        taught.push(examples);
        return routingTrainer.trainRouter(examples, cat, options);
      },
    };
    const promotion = { modelFile: join(out, 'promoted-model.json'), reportFile: join(out, 'promoted-report.md') };
    const first = await retrainRouting({ labels: read, catalogue, trainer: watched, outDir: out, promotion });
    // A second run reads the labels again and splits them as retrainRouting does (training again would
    // add a minute or two to the suite and decide nothing more: the slice is chosen before training).
    const again = await readCouncilLabels(labelStore, catalogue, { since });
    const second = { split: splitLabels(again.labels) };

    // Assess: exactly the labels recorded, each with its source, service and area.
    expect(read.labels.map((l) => ({ id: l.id, source: l.source, serviceId: l.serviceId, area: l.area })).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      [...expected].map(([id, label]) => ({ id, ...label, area: areaOf(label.serviceId) })).sort((a, b) => a.id.localeCompare(b.id)),
    );
    // The case's opening contact (an override too) is one example with its reroute.
    expect(read.skipped.duplicate).toBeGreaterThanOrEqual(1);

    // The report counts exactly those rows, trained on and held back, by source.
    const heldBack = [...expected.keys()].filter((id) => isHeldBack(id));
    const trainedOn = [...expected.keys()].filter((id) => !isHeldBack(id));
    const count = (ids: string[], source: LabelSource) => ids.filter((id) => expected.get(id)!.source === source).length;
    for (const source of LABEL_SOURCES) {
      expect(first.report.rows.bySource[source] ?? 0).toBe(count(trainedOn, source));
      expect(first.report.council.trainedOn[source]).toBe(count(trainedOn, source));
      expect(first.report.council.heldBack[source]).toBe(count(heldBack, source));
    }
    expect(first.report.council.total).toBe(expected.size);
    // Every public row and the council's rows not held back, nothing else.
    expect(first.report.rows.total).toBe(routingTrainer.publicExamples(catalogue).filter((e) => e.text.trim() !== '').length + trainedOn.length);

    // The held-back slice was not trained on; the rest was.
    const councilTaught = taught[0]!.filter((e) => (LABEL_SOURCES as readonly string[]).includes(e.source)).map((e) => e.id!);
    expect(councilTaught.sort()).toEqual(trainedOn.sort());
    expect(first.split.heldBack.map((l) => l.id).sort()).toEqual(heldBack.sort());
    expect(first.report.comparison?.candidate.n).toBe(heldBack.length);

    // A second run holds back the same labels.
    expect(second.split.heldBack.map((l) => l.id).sort()).toEqual(first.split.heldBack.map((l) => l.id).sort());
    expect(second.split.training.map((l) => l.id).sort()).toEqual(first.split.training.map((l) => l.id).sort());

    // The files: the new version's model and reports, without residents' words; nothing promoted (no --promote).
    const model = await readFile(join(first.dir, 'model.json'), 'utf8');
    const report = await readFile(join(first.dir, 'report.md'), 'utf8');
    const json = await readFile(join(first.dir, 'report.json'), 'utf8');
    for (const file of [model, report, json]) expect(file.toLowerCase()).not.toContain('quillingford');
    expect(report).toContain("## The council's labels");
    expect(first.report.promotion.promoted).toBe(false);
    await expect(readFile(promotion.modelFile)).rejects.toThrow();
  });
});
