// `npm run bench`: medians and p99s, each against a baseline measured in the same run.
// 1. Routing in-process over the seed catalogue, against tokenising the same text.
// 2. POST /api/contacts through the local stack, against a bare handler doing one DynamoDB write,
//    and DynamoDB round trips per contact.
import { performance } from 'node:perf_hooks';
import { catalogue } from '#catalogue/index';
import type { Contact } from '#domain/contact';
import { route } from '#domain/routing';
import { platform } from '#infra/registry';
import { dynamo } from '#adapters/aws';
import { startLocalStack } from '../infra/local/stack.ts';
import { benchBundles } from './bundles.ts';
import { benchSlaMonitor } from './sla-monitor.ts';
import { fmt, summarise } from './stats.ts';

const TEXTS = [
  'my bin was not collected this morning',
  'there is a massive pothole on the high street',
  'street light outside number 4 is flickering',
  'someone has dumped a fridge in the alley',
  'I need to pay my council tax',
  'the drain on our road is blocked and the road is flooding',
  'noisy neighbours playing music at 3am',
  'car parked on double yellow lines blocking my drive',
  'when is my recycling collected',
  'graffiti on the bus shelter',
];

function timeEach(iterations: number, fn: (i: number) => void): number[] {
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    fn(i);
    samples.push(performance.now() - start);
  }
  return samples;
}

function benchRouting() {
  const contact = (text: string): Contact => ({
    id: 'bench',
    channel: 'sms',
    providerId: 'bench',
    receivedAt: new Date().toISOString(),
    text,
    resident: {},
  });
  const contacts = TEXTS.map(contact);
  timeEach(2_000, (i) => route(contacts[i % contacts.length]!, catalogue)); // warm-up
  const routing = summarise(timeEach(20_000, (i) => route(contacts[i % contacts.length]!, catalogue)));
  const baseline = summarise(timeEach(20_000, (i) => TEXTS[i % TEXTS.length]!.toLowerCase().split(/\W+/)));
  console.log(`\nRouting decision in-process (${catalogue.services.length} services, ${routing.n} decisions)`);
  console.log(`  route():             p50 ${fmt(routing.p50)}  p99 ${fmt(routing.p99)}`);
  console.log(`  baseline (tokenise): p50 ${fmt(baseline.p50)}  p99 ${fmt(baseline.p99)}`);
  console.log(`  ratio at p50: ${(routing.p50 / baseline.p50).toFixed(1)}x   target p99 < 1 ms: ${routing.p99 < 1 ? 'met' : 'NOT met'}`);
}

async function benchHttp() {
  const benchPlatform = {
    ...platform,
    functions: [
      ...platform.functions,
      {
        name: 'bench-baseline',
        description: 'bench baseline: one DynamoDB write',
        entry: 'bench/baseline-handler.ts',
        memoryMb: 256,
        timeoutSeconds: 5,
        routes: [{ method: 'POST' as const, path: '/bench/baseline' }],
        permissions: { table: 'write' as const },
      },
    ],
  };
  process.env.LOG_LEVEL ??= 'ERROR';
  const stack = await startLocalStack({ port: 0, platform: benchPlatform });
  const calls: string[] = [];
  dynamo().middlewareStack.add(
    (next, context) => async (args) => {
      calls.push(context.commandName ?? 'unknown');
      return next(args);
    },
    { step: 'initialize', name: 'benchCountCalls' },
  );
  try {
    const post = async (path: string, body: unknown) => {
      const start = performance.now();
      const response = await fetch(`${stack.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      await response.arrayBuffer();
      if (response.status !== 201) throw new Error(`${path} answered ${response.status}`);
      return performance.now() - start;
    };
    // A different resident each time, as on a real day: no request is a repeat of the one before.
    const contactBody = (i: number) => ({ description: TEXTS[i % TEXTS.length], phone: `07700 9${String(i).padStart(5, '0')}` });
    for (let i = 0; i < 50; i++) {
      await post('/bench/baseline', {});
      await post('/api/contacts', contactBody(i));
    }
    const web: number[] = [];
    const baseline: number[] = [];
    const rounds = 300;
    calls.length = 0;
    for (let i = 0; i < rounds; i++) {
      // Interleaved, so both see the same machine and emulator state.
      web.push(await post('/api/contacts', contactBody(i)));
      baseline.push(await post('/bench/baseline', {}));
    }
    const counts = new Map<string, number>();
    for (const name of calls) counts.set(name, (counts.get(name) ?? 0) + 1);
    const w = summarise(web);
    const b = summarise(baseline);
    console.log(`\nPOST /api/contacts through the local stack (${rounds} requests each, interleaved)`);
    console.log(`  web contact:            p50 ${fmt(w.p50)}  p99 ${fmt(w.p99)}`);
    console.log(`  baseline (one write):   p50 ${fmt(b.p50)}  p99 ${fmt(b.p99)}`);
    console.log(`  ratio: p50 ${(w.p50 / b.p50).toFixed(2)}x  p99 ${(w.p99 / b.p99).toFixed(2)}x`);
    console.log('  DynamoDB round trips per web contact (the baseline\'s PutItem excluded):');
    for (const [name, count] of counts) {
      if (name !== 'PutItemCommand') console.log(`    ${name}: ${(count / rounds).toFixed(2)}`);
    }

    // Round trips by kind of outcome: a resolved contact, a new hand-off, a repeat contact.
    const kinds: Array<[string, unknown]> = [
      ['resolved at first contact (opening hours)', { description: 'What are your opening hours?' }],
      ['new hand-off, anonymous', { description: 'pothole outside the school', service: 'pothole' }],
      ['new hand-off, resident known by phone', { description: 'graffiti on the wall', service: 'graffiti', phone: '07700 900999' }],
      ['repeat contact about that open case', { description: 'graffiti still there', service: 'graffiti', phone: '07700 900999' }],
    ];
    console.log('  DynamoDB round trips by outcome:');
    for (const [label, body] of kinds) {
      calls.length = 0;
      const response = await fetch(`${stack.url}/api/contacts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      await response.arrayBuffer();
      const reads = calls.filter((c) => /^(Get|Query|BatchGet)/.test(c)).length;
      const writes = calls.length - reads;
      console.log(`    ${label}: ${writes} write call(s) [${calls.filter((c) => !/^(Get|Query)/.test(c)).join(', ')}], ${reads} read(s)`);
    }
  } finally {
    await stack.stop();
  }
}

benchRouting();
await benchHttp();
await benchBundles();
await benchSlaMonitor();
