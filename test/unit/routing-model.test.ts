// The learned routing model's parts: features, the model file, training and the combined decision.
import { describe, expect, it } from 'vitest';
import { catalogue, shippedRoutingModel } from '#catalogue/index';
import { SERVICE_AREAS } from '#domain/catalogue';
import type { Contact } from '#domain/contact';
import { route, RULES_VERSION } from '#domain/routing';
import { areaScores, loadModel, softmax, wordsFor, type RoutingModelData } from '#domain/routing-model';
import { featuresOf, hash32, wordsOf } from '#domain/text-features';
import { publicExamples, trainRouter, wilson, type TrainingExample } from '../../scripts/routing/train.ts';

const contact = (text: string): Contact => ({ id: 'c', channel: 'web', providerId: 'p', receivedAt: '2026-11-20T10:00:00Z', text, resident: {} });

describe('featuresOf', () => {
  it('reads words in lower case without accents or punctuation, with digits folded', () => {
    expect(wordsOf("Bin NOT emptied at 5102 Café Street, isn't it?")).toEqual(['bin', 'not', 'emptied', 'at', '0000', 'cafe', 'street', 'isnt', 'it']);
  });

  it('hashes each word, word pair and character n-gram into a signed bucket, weighted and scaled to unit length', () => {
    const bits = 13;
    const f = featuresOf('bin bin missed', bits);
    // The reference: the same features counted the slow way, from the strings.
    const expected = new Map<number, number>();
    const put = (key: string, weight: number) => {
      const h = hash32(key);
      const bucket = h & ((1 << bits) - 1);
      expected.set(bucket, (expected.get(bucket) ?? 0) + (h & 0x80000000 ? -weight : weight));
    };
    const words = ['bin', 'bin', 'missed'];
    words.forEach((word, i) => {
      put(`w ${word}`, 1);
      if (i > 0) put(`b ${words[i - 1]} ${word}`, 1);
      const padded = ` ${word} `;
      for (const n of [3, 4, 5]) for (let at = 0; at + n <= padded.length; at++) put(`c ${padded.slice(at, at + n)}`, 0.5);
    });
    const raw = [...expected.entries()].sort((a, b) => a[0] - b[0]).map(([bucket, c]) => [bucket, Math.sign(c) * Math.log1p(Math.abs(c))] as const);
    const norm = Math.sqrt(raw.reduce((sum, [, v]) => sum + v * v, 0));
    expect([...f.indices]).toEqual(raw.map(([bucket]) => bucket));
    [...f.values].forEach((v, j) => expect(v).toBeCloseTo(raw[j]![1] / norm, 6));
    expect(Math.hypot(...f.values)).toBeCloseTo(1, 5);
  });

  it('counts an American word as its British counterpart too, so what is learnt from one serves the other', () => {
    const trash = featuresOf('trash', 13);
    const rubbish = featuresOf('rubbish', 13);
    const shared = [...trash.indices].filter((i) => rubbish.indices.includes(i));
    expect(shared.length).toBeGreaterThan(0);
  });

  it('weighs words after the opening less: residents say what is wrong first and where after', () => {
    const early = featuresOf('pothole a b c d e f g h i', 13);
    const late = featuresOf('a b c d e f g h i pothole', 13);
    const bucket = hash32('w pothole') & 8191;
    const at = (f: ReturnType<typeof featuresOf>) => Math.abs(f.values[[...f.indices].indexOf(bucket)]!);
    expect(at(late)).toBeLessThan(at(early));
  });

  it('gives nothing for text with no letters or digits, and the same features on every call', () => {
    expect(featuresOf('🙂🙂 !!! …', 13).indices.length).toBe(0);
    expect(featuresOf('', 13).indices.length).toBe(0);
    const a = featuresOf('street light out', 13);
    featuresOf('something else entirely to dirty the scratch space', 13);
    const b = featuresOf('street light out', 13);
    expect([...b.indices]).toEqual([...a.indices]);
    expect([...b.values]).toEqual([...a.values]);
  });
});

describe('the shipped model', () => {
  it('loads: an area per class, weights for every bucket, thresholds in order', () => {
    const model = loadModel(shippedRoutingModel);
    expect(shippedRoutingModel.areas).toEqual([...SERVICE_AREAS]);
    expect(model.weights.length).toBe((1 << shippedRoutingModel.bits) * SERVICE_AREAS.length);
    const { handoff, ask } = shippedRoutingModel.thresholds;
    expect(ask).toBeLessThanOrEqual(handoff);
    expect(shippedRoutingModel.version).toMatch(/^\d{4}-\d{2}-\d{2}\.[0-9a-f]{6}$/);
  });

  it('refuses a model file whose parts disagree, saying what is wrong', () => {
    const broken = (over: Partial<RoutingModelData>) => () => loadModel({ ...shippedRoutingModel, ...over });
    expect(broken({ bias: [0] })).toThrow(/areas, bias and scales disagree/);
    expect(broken({ areas: ['waste', 'moon', ...SERVICE_AREAS.slice(2)] as never })).toThrow(/unknown area 'moon'/);
    expect(broken({ weights: 'AAAA' })).toThrow(/3 weights, expected/);
  });

  it('gives calibrated confidences that sum to 1, and names the words that decided, never a function word', () => {
    const model = loadModel(shippedRoutingModel);
    const { probabilities, features } = areaScores(model, 'the street light outside my house is out', new Map());
    expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    const top = [...probabilities.keys()].sort((a, b) => probabilities[b]! - probabilities[a]!)[0]!;
    expect(shippedRoutingModel.areas[top]).toBe('street-lighting');
    const words = wordsFor(model, features, top);
    expect(words).toContain('light');
    expect(words).not.toContain('the');
    expect(words).not.toContain('my');
  });

  it('softmax is stable for large scores', () => {
    expect([...softmax([1000, 1000])]).toEqual([0.5, 0.5]);
  });
});

describe('route with the model', () => {
  it('records the version that decided, for words and for a chosen service alike; the rules alone have their own', () => {
    const version = shippedRoutingModel.version;
    expect(route(contact('my bin was not emptied'), catalogue).modelVersion).toBe(version);
    expect(route({ ...contact('anything'), serviceId: 'missed-bin' }, catalogue).modelVersion).toBe(version);
    expect(route(contact('I can smell gas in the street'), catalogue)).toMatchObject({ kind: 'emergency', modelVersion: version });
    expect(route(contact('my bin was not emptied'), catalogue, null).modelVersion).toBe(RULES_VERSION);
  });

  it('explains a hand-off in words: how sure, about what, and which of the resident\'s words decided', () => {
    const decision = route(contact('Huge pothole on the High Street, nearly came off my bike'), catalogue);
    expect(decision).toMatchObject({ kind: 'handoff', serviceId: 'pothole' });
    expect(decision.explanation.join(' ')).toMatch(/pothole/i);
    expect(decision.confidence).toBeGreaterThanOrEqual(shippedRoutingModel.thresholds.handoff);
  });

  it('routes text the catalogue has no words for by what the public requests taught it', () => {
    // US wording the catalogue does not use: "cart" for a wheelie bin.
    const cart = route(contact('96 GALLON CART WAS NOT PICKED UP ON MONDAY'), catalogue);
    expect(catalogue.service(cart.serviceId)!.area).toBe('waste');
  });

  it('never guesses a safeguarding or care team: vague words about people go to an adviser', () => {
    for (const text of ['I need support', 'I need help', 'need help asap', 'my neighbour']) {
      const decision = route(contact(text), catalogue);
      expect(['ask', 'adviser'], text).toContain(decision.kind);
      expect(['child-safeguarding', 'adult-safeguarding', 'family-support', 'adult-care-assessment'], text).not.toContain(decision.serviceId);
    }
    // The catalogue's own words still send a clear request there, and a child at risk is an emergency.
    expect(route(contact('my elderly mum needs help with washing and dressing'), catalogue)).toMatchObject({ kind: 'handoff', serviceId: 'adult-care-assessment' });
    expect(route(contact('the children next door are left alone all day'), catalogue)).toMatchObject({ kind: 'emergency', serviceId: 'child-safeguarding' });
  });

  it('passes Welsh to an adviser who speaks it, and words with no letters to an adviser', () => {
    expect(route(contact("Mae'r biniau heb eu casglu ers dydd Llun, diolch"), catalogue)).toMatchObject({ kind: 'adviser' });
    expect(route(contact("Mae'r biniau heb eu casglu ers dydd Llun, diolch"), catalogue).explanation.join(' ')).toMatch(/Welsh/);
    expect(route(contact('🗑️🗑️😡'), catalogue)).toMatchObject({ kind: 'adviser', serviceId: 'general-enquiry' });
    expect(route(contact('12345'), catalogue)).toMatchObject({ kind: 'adviser' });
  });
});

describe('training', () => {
  it('reads the vendored public data: MC311 requests, FixMyStreet names mapped to areas, the catalogue\'s words', () => {
    const examples = publicExamples(catalogue);
    const by = (source: string) => examples.filter((e) => e.source === source);
    expect(by('mc311')).toHaveLength(1018);
    expect(by('fixmystreet').length).toBeGreaterThan(1000);
    expect(by('catalogue').length).toBeGreaterThan(catalogue.services.length);
    expect(examples.every((e) => (SERVICE_AREAS as readonly string[]).includes(e.area))).toBe(true);
    // A sanitation request may be a bin or a street-cleaning job, as the benchmark labels it.
    expect(by('mc311').filter((e) => e.alsoRight?.includes('street-cleansing')).length).toBeGreaterThan(300);
  });

  it('learns a small labelled set, and its cross-validated report counts the rows and judges only real requests', () => {
    const made: TrainingExample[] = [];
    const kinds: Array<[TrainingExample['area'], string[]]> = [
      ['street-lighting', ['lamp post dark', 'street lamp not working', 'light flickering all night', 'lamp out by the school', 'street light broken again']],
      ['roads', ['hole in the road', 'pothole by the shop', 'road surface broken', 'deep pothole on my street', 'cracked road near the junction']],
      ['waste', ['bin not emptied', 'missed my collection', 'recycling left behind', 'bin men skipped us', 'rubbish not collected this week']],
    ];
    for (const [area, texts] of kinds) for (const [i, text] of texts.entries()) made.push({ text, area, source: 'mc311', id: `${area}-${i}` });
    const { model, report } = trainRouter(made, catalogue, { now: new Date('2026-11-29T12:00:00Z') });
    expect(report.rows.total).toBe(15);
    expect(report.rows.bySource).toEqual({ mc311: 15 });
    expect(report.crossValidated.n).toBe(15);
    expect(model.version).toMatch(/^2026-11-29\.[0-9a-f]{6}$/);
    expect(catalogue.service(route(contact('the lamp post is dark'), catalogue, model).serviceId)!.area).toBe('street-lighting');
    // The same data train the same model.
    expect(trainRouter(made, catalogue, { now: new Date('2026-11-29T12:00:00Z') }).model.weights).toBe(model.weights);
  }, 60_000);

  it('wilson gives the 95% interval of a proportion', () => {
    const [lo, hi] = wilson(129, 150);
    expect(lo).toBeCloseTo(0.795, 2);
    expect(hi).toBeCloseTo(0.907, 2);
    expect(wilson(0, 0)).toEqual([0, 1]);
  });
});
