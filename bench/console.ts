// The console API calls each adviser view makes, through the local stack with a real access token
// (signed in at the fake Cognito and verified as on AWS), each against the bare one-write handler
// measured in the same run, interleaved: New contact (the suggestion as the adviser types,
// recording the contact), Resident (search by phone and by name, the timeline), Case (the case
// with its clock and history, and the presence heartbeat it sends every 20 seconds), Now (the
// feed) and Service levels (every team's open cases read by due time, the late ones listed with
// who is looking at them).
import { performance } from 'node:perf_hooks';
import { platform } from '#infra/registry';
import { signInLocally } from '../infra/local/sign-in.ts';
import { startLocalStack } from '../infra/local/stack.ts';
import { fmt, summarise } from './stats.ts';

const SURNAMES = ['Okafor', 'Hughes', 'Shah', 'Evans', 'Nowak', 'Begum', 'Murphy', 'Kowalski', 'Adeyemi', 'Wright'];
const GIVEN = ['Grace', 'Ada', 'Tom', 'Priya', 'Sam', 'Ruth', 'Omar', 'Lena', 'Kofi', 'Ivy'];
const DESCRIPTIONS = [
  ['Our bin was not collected this morning', 'missed-bin'],
  ['Someone has dumped a fridge in the alley', 'fly-tipping'],
  ['The street light outside number 4 is out', 'street-light-fault'],
  ['There is a deep pothole on the high street', 'pothole'],
  ['Graffiti on the bus shelter', 'graffiti'],
] as const;

export async function benchConsole(): Promise<void> {
  const residents = Number(process.env.BENCH_CONSOLE_RESIDENTS ?? 200);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 200);
  process.env.LOG_LEVEL ??= 'ERROR';
  const stack = await startLocalStack({
    port: 0,
    platform: {
      ...platform,
      // The request path only, as the channels' request-only run: no stream, queue or schedule.
      functions: [
        ...platform.functions.filter((fn) => !(fn.tableStream || fn.queue || fn.schedule)),
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
    },
  });
  try {
    const { accessToken } = await signInLocally(stack.url, 'amara.okafor');
    const call = async (method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown, expect = method === 'POST' ? 201 : 200) => {
      const start = performance.now();
      const response = await fetch(`${stack.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${accessToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      if (response.status !== expect) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
      return { ms: performance.now() - start, body: text };
    };

    // Seed: residents known by phone and name, each with a few contacts and cases (a day's work).
    const phone = (i: number) => `+447700${String(900_000 + (i % 100_000)).padStart(6, '0')}`;
    const nameOf = (i: number) => `${GIVEN[i % GIVEN.length]} ${SURNAMES[Math.floor(i / GIVEN.length) % SURNAMES.length]}`;
    const references: string[] = [];
    for (let i = 0; i < residents; i++) {
      for (let j = 0; j < 3; j++) {
        const [description, service] = DESCRIPTIONS[(i + j) % DESCRIPTIONS.length]!;
        const { body } = await call('POST', '/api/console/contacts', {
          channel: j % 2 ? 'phone' : 'face_to_face',
          description,
          service,
          resident: { name: nameOf(i), phone: phone(i) },
        });
        const reference = (JSON.parse(body) as { outcome: { reference?: string } }).outcome.reference;
        if (reference && j === 0) references.push(reference);
      }
    }

    // Cases late now, for the service levels to list: opened three days ago by the application's own
    // code against the stack's table (a 4-hour target, so in breach whatever the calendar).
    const late = Number(process.env.BENCH_LATE_CASES ?? 50);
    const { acceptContact } = await import('#app/contacts');
    const { contactDeps } = await import('#adapters/wiring');
    const { fixedClock } = await import('#domain/clock');
    const threeDaysAgo = new Date(Date.now() - 3 * 86_400_000);
    for (let i = 0; i < late; i++) {
      const id = `bench-late-${i}-${Date.now()}`;
      await acceptContact(
        { id, channel: 'web', providerId: id, receivedAt: threeDaysAgo.toISOString(), text: 'Needles left by the bins', serviceId: 'discarded-needles', resident: {} },
        { ...contactDeps, clock: fixedClock(threeDaysAgo) },
      );
    }

    const views: Record<string, (i: number) => Promise<number>> = {
      'baseline (one write)': async () => {
        const start = performance.now();
        const response = await fetch(`${stack.url}/bench/baseline`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
        await response.arrayBuffer();
        if (response.status !== 201) throw new Error(`baseline answered ${response.status}`);
        return performance.now() - start;
      },
      'suggestion (route)': async (i) => (await call('POST', '/api/console/route', { description: DESCRIPTIONS[i % DESCRIPTIONS.length]![0] }, 200)).ms,
      'record a contact': async (i) =>
        (await call('POST', '/api/console/contacts', { channel: 'phone', description: 'What are your opening hours?', resident: { name: nameOf(i), phone: phone(50_000 + i) } })).ms,
      'residents by phone': async (i) => (await call('GET', `/api/console/residents?q=${encodeURIComponent(`0${phone(i % residents).slice(3)}`)}`)).ms,
      'residents by name': async (i) => (await call('GET', `/api/console/residents?q=${encodeURIComponent(nameOf(i % residents))}`)).ms,
      'timeline': async (i) => (await call('GET', `/api/console/residents/${encodeURIComponent(`PHONE#${phone(i % residents)}`)}/timeline`)).ms,
      'case': async (i) => (await call('GET', `/api/console/cases/${references[i % references.length]}`)).ms,
      'feed (50)': async () => (await call('GET', '/api/console/feed')).ms,
      'presence heartbeat': async (i) => (await call('PUT', `/api/console/cases/${references[i % references.length]}/presence`, undefined, 200)).ms,
      'service levels': async () => (await call('GET', '/api/console/service-levels')).ms,
    };
    const names = Object.keys(views);
    for (let i = 0; i < 20; i++) for (const name of names) await views[name]!(i); // warm-up
    const samples = new Map<string, number[]>(names.map((name) => [name, []]));
    for (let i = 0; i < rounds; i++) {
      // Interleaved, so every call sees the same machine and emulator state.
      for (const name of names) samples.get(name)!.push(await views[name]!(i));
    }

    const baseline = summarise(samples.get('baseline (one write)')!);
    console.log(
      `\nThe console API, each adviser view's calls through the local stack with a real access token ` +
        `(${rounds} each, interleaved; ${residents} residents seeded with 3 contacts each, and ${late} cases in breach; request path only)`,
    );
    for (const name of names) {
      const s = summarise(samples.get(name)!);
      const ratio = name.startsWith('baseline') ? '' : `   vs one write: p50 ${(s.p50 / baseline.p50).toFixed(2)}x p99 ${(s.p99 / baseline.p99).toFixed(2)}x`;
      console.log(`  ${name.padEnd(22)} p50 ${fmt(s.p50).padStart(9)}  p99 ${fmt(s.p99).padStart(9)}${ratio}`);
    }
  } finally {
    await stack.stop();
  }
}
