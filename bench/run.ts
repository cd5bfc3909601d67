// `npm run bench`: medians and p99s, each against a baseline measured in the same run.
// 1. Routing in-process over the seed catalogue, with the learned model and by the rules alone,
//    on short and long texts, against tokenising the same text (bench/routing.ts).
// 2. Each channel's main path (web, SMS first message, voice gather, Open311 POST) through the
//    local stack, against a bare handler doing one DynamoDB write, and round trips per outcome.
// 3. Each Lambda bundle's size and cold import time, against a bare handler's; the routing model's
//    bytes in each, and the import against the same bundle without the model.
// 4. The SLA monitor over many open cases, against a full scan; the worklist query.
// 5. The console API calls each adviser view makes, with a real access token, against the same
//    one-write baseline.
// 6. The console web app's JavaScript at first load, gzip, against its 100 KB budget.
// 7. The console in Chromium: from a keystroke to the routing suggestion shown.
// 8. The managers' performance view's call, 92 days by service, against one day, on the seeded month.
// 9. Training the routing model, against reading and featurising its examples once (last: it keeps
//    both cores busy for a minute or two; BENCH_TRAIN_RUNS=0 leaves it out).
import { performance } from 'node:perf_hooks';
import { platform } from '#infra/registry';
import webhooks from 'twilio/lib/webhooks/webhooks.js';
import { dynamo } from '#adapters/aws';
import { startLocalStack } from '../infra/local/stack.ts';
import { benchBundles } from './bundles.ts';
import { benchConsole } from './console.ts';
import { benchConsoleBundle } from './console-bundle.ts';
import { benchConsoleSuggestion } from './console-suggestion.ts';
import { benchMeasures } from './measures.ts';
import { benchRouting, benchTraining } from './routing.ts';
import { benchSlaMonitor } from './sla-monitor.ts';
import { fmt, summarise } from './stats.ts';
import { TEXTS } from './texts.ts';

/** With `requestOnly`, the stream and queue consumers are left out: in this one Node process they
 * compete with the request for the CPU and DynamoDB Local, which on AWS run apart. */
async function benchHttp(requestOnly: boolean) {
  const benchPlatform = {
    ...platform,
    functions: [
      ...platform.functions.filter((fn) => !requestOnly || !(fn.tableStream || fn.queue || fn.schedule)),
      {
        name: 'bench-baseline',
        description: 'bench baseline: one DynamoDB write',
        entry: 'bench/baseline-handler.ts',
        memoryMb: 256,
        timeoutSeconds: 5,
        routes: [{ method: 'POST' as const, path: '/bench/baseline' }],
        permissions: { table: 'write' as const },
      },
      {
        name: 'bench-baseline-transaction',
        description: "bench baseline: a hand-off's one three-item transaction",
        entry: 'bench/baseline-transaction-handler.ts',
        memoryMb: 256,
        timeoutSeconds: 5,
        routes: [{ method: 'POST' as const, path: '/bench/baseline-transaction' }],
        permissions: { table: 'write' as const },
      },
    ],
  };
  process.env.LOG_LEVEL ??= 'ERROR';
  const stack = await startLocalStack({ port: 0, platform: benchPlatform });
  const calls: string[] = [];
  dynamo().middlewareStack.add(
    (next, context) => async (args) => {
      // The measures' own transactions run in the background in this process: not the request's.
      const input = args.input as { TransactItems?: Array<{ Put?: { Item?: { pk?: string } } }> };
      const background = input.TransactItems?.[0]?.Put?.Item?.pk?.startsWith('MEASURES#');
      if (!background) calls.push(context.commandName ?? 'unknown');
      return next(args);
    },
    { step: 'initialize', name: 'benchCountCalls' },
  );
  try {
    const timed = async (path: string, init: RequestInit, expect: number) => {
      const start = performance.now();
      const response = await fetch(`${stack.url}${path}`, { method: 'POST', ...init });
      await response.arrayBuffer();
      if (response.status !== expect) throw new Error(`${path} answered ${response.status}`);
      return performance.now() - start;
    };
    const json = (body: unknown): RequestInit => ({ headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const signed = (path: string, params: Record<string, string>): RequestInit => ({
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': webhooks.getExpectedTwilioSignature('dev-twilio-auth-token', `${stack.url}${path}`, params),
      },
      body: new URLSearchParams(params).toString(),
    });
    // A different resident each time, as on a real day: no request is a repeat of the one before.
    const phone = (i: number) => `+4477009${String(i % 100_000).padStart(5, '0')}`;
    const hex = (i: number, prefix: string) => `${prefix}${String(i).padStart(32, '0')}`;
    const channels: Record<string, (i: number) => Promise<number>> = {
      'baseline (one write)': () => timed('/bench/baseline', json({}), 201),
      'baseline (3-item tx)': () => timed('/bench/baseline-transaction', json({}), 201),
      'web POST /api/contacts': (i) => timed('/api/contacts', json({ description: TEXTS[i % TEXTS.length], phone: phone(i) }), 201),
      'SMS first message': (i) =>
        timed('/twilio/sms', signed('/twilio/sms', { MessageSid: hex(i, 'SM'), From: phone(20_000 + i), To: '+441632960000', Body: TEXTS[i % TEXTS.length]! }), 200),
      'voice gather': (i) =>
        timed(
          '/twilio/voice/gather?attempt=1',
          signed('/twilio/voice/gather?attempt=1', { CallSid: hex(i, 'CA'), From: phone(40_000 + i), To: '+441632960000', SpeechResult: TEXTS[i % TEXTS.length]! }),
          200,
        ),
      'Open311 POST requests': (i) =>
        timed(
          '/open311/v2/requests.json',
          {
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({
              api_key: 'dev-open311-key',
              service_code: 'pothole',
              lat: '52.2053',
              long: '0.1218',
              description: 'A deep pothole by the bus stop',
              email: `bench-${i}@example.org`,
              'attribute[fixmystreet_id]': String(100_000 + i),
            }).toString(),
          },
          200,
        ),
    };
    const names = Object.keys(channels);
    for (let i = 0; i < 30; i++) for (const name of names) await channels[name]!(90_000 + i); // warm-up
    const samples = new Map<string, number[]>(names.map((name) => [name, []]));
    const rounds = Number(process.env.BENCH_ROUNDS ?? 200);
    calls.length = 0;
    for (let i = 0; i < rounds; i++) {
      // Interleaved, so every channel sees the same machine and emulator state.
      for (const name of names) samples.get(name)!.push(await channels[name]!(i));
    }
    const b = summarise(samples.get('baseline (one write)')!);
    const tx = summarise(samples.get('baseline (3-item tx)')!);
    console.log(
      `\nEach channel's main path through the local stack (${rounds} requests each, interleaved; ` +
        `${requestOnly ? 'request path only: no stream, queue or scheduled consumers running' : 'the whole platform running'})`,
    );
    for (const name of names) {
      const s = summarise(samples.get(name)!);
      const ratio = name.startsWith('baseline')
        ? ''
        : `   vs one write: p50 ${(s.p50 / b.p50).toFixed(2)}x p99 ${(s.p99 / b.p99).toFixed(2)}x;` +
          ` vs the tx: p50 ${(s.p50 / tx.p50).toFixed(2)}x p99 ${(s.p99 / tx.p99).toFixed(2)}x`;
      console.log(`  ${name.padEnd(24)} p50 ${fmt(s.p50).padStart(9)}  p99 ${fmt(s.p99).padStart(9)}${ratio}`);
    }

    if (requestOnly) return;
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
await benchHttp(false);
await benchHttp(true);
await benchBundles();
await benchSlaMonitor();
await benchConsole();
await benchConsoleBundle();
await benchConsoleSuggestion();
await benchMeasures();
benchTraining();
