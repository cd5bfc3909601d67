import { describe, expect, it } from 'vitest';
import { catalogue } from '#catalogue/index';
import type { Contact } from '#domain/contact';
import { emergencyAdviceTemplate, renderMessage } from '#domain/messages';
import { ASK_CONFIDENCE, HANDOFF_CONFIDENCE, route, UnknownServiceError } from '#domain/routing';

function contact(text: string, serviceId?: string): Contact {
  return {
    id: 'c-1',
    channel: 'sms',
    providerId: 'SM123',
    receivedAt: '2026-11-02T10:00:00Z',
    text,
    resident: { phone: '+447700900123' },
    ...(serviceId ? { serviceId } : {}),
  };
}

describe('route: a chosen service', () => {
  it('hands off to the service the resident chose', () => {
    const decision = route(contact('anything', 'pothole'), catalogue);
    expect(decision).toMatchObject({ kind: 'handoff', serviceId: 'pothole', teamId: 'highways', confidence: 1 });
  });

  it('refuses a service we do not offer', () => {
    expect(() => route(contact('x', 'moon-landing'), catalogue)).toThrow(UnknownServiceError);
  });
});

describe('route: free text', () => {
  it('hands off a clear report to the owning team', () => {
    const decision = route(contact('there is a dead fox in the middle of the road'), catalogue);
    expect(decision).toMatchObject({ kind: 'handoff', serviceId: 'dead-animal', teamId: 'street-scene' });
    expect(decision.confidence).toBeGreaterThanOrEqual(HANDOFF_CONFIDENCE);
    expect(decision.explanation.join(' ')).toMatch(/Report a dead animal/);
  });

  it('resolves at first contact when the service can be answered, looked up or done online', () => {
    expect(route(contact('when is my bin day?'), catalogue)).toMatchObject({ kind: 'resolve', serviceId: 'bin-day' });
    expect(route(contact('how do I pay my council tax'), catalogue)).toMatchObject({ kind: 'resolve', serviceId: 'pay-council-tax' });
    expect(route(contact('what time does the customer service centre open'), catalogue)).toMatchObject({
      kind: 'resolve',
      serviceId: 'council-opening-hours',
    });
  });

  it('puts an emergency first, on the team that takes it, with what to do now', () => {
    const gas = route(contact('I can smell gas'), catalogue);
    expect(gas).toMatchObject({ kind: 'emergency', serviceId: 'emergency-incident', teamId: 'emergency-planning', confidence: 1 });
    expect(gas.emergencyKind).toBe('gas');
    expect(renderMessage(catalogue, emergencyAdviceTemplate(gas.emergencyKind!), 'sms', {})).toMatch(/0800 111 999/);

    const child = route(contact("my neighbour's child is being hurt"), catalogue);
    expect(child).toMatchObject({ kind: 'emergency', serviceId: 'child-safeguarding', teamId: 'childrens-services' });

    const flood = route(contact('water is pouring into my living room'), catalogue);
    expect(flood).toMatchObject({ kind: 'emergency', serviceId: 'flooding', teamId: 'drainage-flooding' });
  });

  it('an emergency outranks an ordinary match in the same text', () => {
    const decision = route(contact('the bins were missed and now I can smell gas in the street'), catalogue);
    expect(decision.kind).toBe('emergency');
  });

  it('asks, with the best few options, or takes the first problem and notes the other, when the text fits more than one team', () => {
    for (const text of ['the grass and the bins', 'water']) {
      const decision = route(contact(text), catalogue);
      if (decision.kind === 'ask') {
        expect(decision.options!.length, text).toBeGreaterThanOrEqual(2);
        expect(decision.options!.length, text).toBeLessThanOrEqual(3);
        expect(new Set(decision.options!.map((o) => o.serviceId)).size, text).toBe(decision.options!.length);
      } else {
        expect(decision.kind, text).toBe('handoff');
        expect(decision.explanation.join(' '), text).toMatch(/may also be about/);
      }
    }
    // One word names a thing, not which problem with it.
    expect(route(contact('water'), catalogue).kind).toBe('ask');
  });

  it('passes to an adviser when nothing matches well', () => {
    for (const text of ['hello', 'I would like to speak to Sandra please', 'qwzx vbnm']) {
      const decision = route(contact(text), catalogue);
      expect(['adviser', 'ask'], text).toContain(decision.kind);
      expect(decision.kind === 'adviser' || decision.confidence < HANDOFF_CONFIDENCE).toBe(true);
    }
    expect(route(contact('qwzx vbnm'), catalogue)).toMatchObject({ kind: 'adviser', serviceId: 'general-enquiry', teamId: 'customer-services' });
    // Asking for a person is a request for an adviser, not a hand-off to a queue.
    expect(route(contact('can I speak to someone please'), catalogue).kind).toBe('adviser');
  });

  it('keeps its thresholds in order', () => {
    expect(ASK_CONFIDENCE).toBeLessThan(HANDOFF_CONFIDENCE);
  });

  it.each([
    ['empty', ''],
    ['whitespace', ' \n\t '],
    ['control characters', '\u0000\u0008\u001b\u007f\u200b'],
    ['10,000 characters', 'x'.repeat(10_000)],
    ['10,000 characters of words', 'the and of '.repeat(910)],
  ])('is safe with %s text: ask or adviser, never an exception', (_name, text) => {
    const decision = route(contact(text), catalogue);
    expect(['ask', 'adviser']).toContain(decision.kind);
    expect(catalogue.service(decision.serviceId)).toBeDefined();
  });

  it('never hands off on a text with no words a service uses', () => {
    const decision = route(contact('!!!???...'), catalogue);
    expect(decision.kind).toBe('adviser');
  });
});

describe('route: an emergency behind a chosen service', () => {
  const chosen = (serviceId: string, text: string, takenBy?: Contact['takenBy']): Contact => ({
    id: 'c', channel: 'web', providerId: 'p', receivedAt: '2026-11-26T10:15:00.000Z', text, serviceId, resident: {},
    ...(takenBy ? { takenBy } : {}),
  });

  it('treats a resident who chose a service but describes a gas smell as an emergency', () => {
    const decision = route(chosen('pothole', 'Pothole by number 4 and I can smell gas in the street'), catalogue);
    expect(decision).toMatchObject({ kind: 'emergency', serviceId: 'emergency-incident' });
    expect(decision.emergencyKind).toBe('gas');
    expect(renderMessage(catalogue, emergencyAdviceTemplate(decision.emergencyKind!), 'sms', {})).toMatch(/0800 111 999/);
  });

  it("keeps an adviser's choice: they have heard the whole story", () => {
    const decision = route(chosen('complaint', 'Cadent fixed the gas leak I reported yesterday; complaint about the delay', { adviserId: 'a' }), catalogue);
    expect(decision).toMatchObject({ kind: 'handoff', serviceId: 'complaint' });
  });
});
