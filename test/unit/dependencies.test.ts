// The house's dependency rules, checked on the import graph of the sources (docs/architecture.md):
// the core knows no channel, channels use the core and never each other, and nothing pure talks
// to AWS, Twilio or the network. Each rule names the files that break it, so a failure says
// exactly which import to move.
import { describe, expect, it } from 'vitest';
import { importGraph, isChannelAdapter, layerOf, type Edge } from '../support/import-graph.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const graph = importGraph(ROOT, ['shared', 'functions', 'infra', 'scripts', 'bench', 'test']);

/** The edges that break a rule, as "from -> to" lines. */
function offenders(broken: (edge: Edge) => boolean): string[] {
  return graph.filter(broken).map((edge) => `${edge.from} -> ${edge.to}`);
}

/** Packages and Node modules that talk to AWS, Twilio's API or the network. */
const OUTSIDE = /^(aws-lambda$|@aws-sdk\/|@aws-lambda-powertools\/(idempotency|parameters|batch)|twilio(\/|$)(?!lib\/twiml\/)|node:(http|https|net|dgram|tls)$)/;

describe('dependency rules', () => {
  it('reads the graph (a guard against a check that silently sees nothing)', () => {
    expect(graph.length).toBeGreaterThan(200);
    expect(graph.some((e) => layerOf(e.from).layer === 'channel')).toBe(true);
  });

  it('the core (domain, app, adapters, catalogue) imports no channel', () => {
    expect(offenders((e) => layerOf(e.from).layer !== 'channel' && layerOf(e.from).layer !== 'function' && layerOf(e.from).layer !== 'other' && layerOf(e.to).layer === 'channel')).toEqual([]);
  });

  it('a channel never imports another channel', () => {
    expect(
      offenders((e) => {
        const from = layerOf(e.from);
        const to = layerOf(e.to);
        return from.layer === 'channel' && to.layer === 'channel' && from.channel !== to.channel;
      }),
    ).toEqual([]);
  });

  it('a function uses at most one channel', () => {
    const channelsOf = new Map<string, Set<string>>();
    for (const e of graph) {
      const from = layerOf(e.from);
      const to = layerOf(e.to);
      if (from.layer === 'function' && to.layer === 'channel') {
        const set = channelsOf.get(e.from) ?? new Set();
        set.add(to.channel!);
        channelsOf.set(e.from, set);
      }
    }
    expect([...channelsOf].filter(([, set]) => set.size > 1).map(([file, set]) => `${file}: ${[...set].join(', ')}`)).toEqual([]);
  });

  it('the domain is pure: no application, adapter, catalogue or channel code, nothing from AWS, Twilio or the network', () => {
    expect(
      offenders((e) => layerOf(e.from).layer === 'domain' && (['app', 'adapters', 'catalogue', 'channel'].includes(layerOf(e.to).layer) || OUTSIDE.test(e.to))),
    ).toEqual([]);
  });

  it('the application layer is written against ports: no adapters, nothing from AWS, Twilio or the network', () => {
    expect(offenders((e) => layerOf(e.from).layer === 'app' && (layerOf(e.to).layer === 'adapters' || OUTSIDE.test(e.to)))).toEqual([]);
  });

  it("a channel's pure part (all but its store, wiring and http edge) imports no adapter and nothing from AWS, Twilio or the network", () => {
    expect(
      offenders((e) => layerOf(e.from).layer === 'channel' && !isChannelAdapter(e.from) && (layerOf(e.to).layer === 'adapters' || isChannelAdapter(e.to) || OUTSIDE.test(e.to))),
    ).toEqual([]);
  });

  it('nothing reads a path outside the repository', () => {
    expect(graph.filter((e) => e.to.startsWith('../')).map((e) => `${e.from} -> ${e.to}`)).toEqual([]);
  });
});
