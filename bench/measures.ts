// The managers' performance view's API call (GET /api/console/measures) on the seeded month, with a
// manager's real access token: 92 days by service week by week, by day and by channel, and 28 days
// by service day by day, against the same call for one day, interleaved. The measures read
// counter items only (one Query per day of the range and one for the gauges), so the 92-day call
// should cost 93 reads, whatever the number of contacts: the ratio says how far that holds. Also
// the answer's size, plain and gzip.
// Run alone with `npx tsx bench/measures.ts`; `npm run bench` runs it too.
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { dynamo } from '#adapters/aws';
import { addDays, londonTimeOf } from '#domain/calendar';
import { platform } from '#infra/registry';
import { signInLocally } from '../infra/local/sign-in.ts';
import { startLocalStack } from '../infra/local/stack.ts';
import { fmt, summarise } from './stats.ts';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export async function benchMeasures(): Promise<void> {
  const rounds = Number(process.env.BENCH_MEASURES_ROUNDS ?? process.env.BENCH_ROUNDS ?? 100);
  process.env.LOG_LEVEL ??= 'ERROR';
  // The request path and the measures' stream consumer (which counts the seeded month); no
  // schedules or queue consumers, which would compete with the request for this one process.
  const stack = await startLocalStack({
    port: 0,
    seed: true,
    schedules: false,
    platform: { ...platform, functions: platform.functions.filter((fn) => !(fn.queue || fn.schedule)) },
  });
  try {
    const seeded = stack.seeded;
    if (!seeded || seeded === 'not-empty') throw new Error('the bench needs a freshly seeded table');
    const { accessToken } = await signInLocally(stack.url, 'david.hughes');
    const get = async (query: string) => {
      const start = performance.now();
      const response = await fetch(`${stack.url}/api/console/measures?${query}`, { headers: { authorization: `Bearer ${accessToken}` } });
      const body = await response.text();
      if (response.status !== 200) throw new Error(`measures?${query} answered ${response.status}: ${body}`);
      return { ms: performance.now() - start, body };
    };

    const today = londonTimeOf(new Date()).date;
    const from92 = addDays(today, -91);
    // Wait until the stream consumer has counted every seeded contact (a few minutes' work).
    const deadline = Date.now() + 15 * 60_000;
    for (;;) {
      const counted = (JSON.parse((await get(`from=${addDays(today, -40)}&to=${today}`)).body) as { totals: { contacts: number } }).totals.contacts;
      if (counted >= seeded.totalContacts) break;
      if (Date.now() > deadline) throw new Error(`the measures counted ${counted} of ${seeded.totalContacts} seeded contacts in 15 minutes`);
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }

    const calls: Record<string, string> = {
      'one day by service': `from=${today}&to=${today}&by=service`,
      '92 days by service, by week': `from=${from92}&to=${today}&by=service&interval=week`,
      '92 days by day (no breakdown)': `from=${from92}&to=${today}`,
      '92 days by channel, by day': `from=${from92}&to=${today}&by=channel`,
      '28 days by service, by day': `from=${addDays(today, -27)}&to=${today}&by=service`,
    };
    // Day by day, a breakdown by service over 92 days is refused (its answer was 2.9 MB): say so, and its size had it been answered.
    const refused = await fetch(`${stack.url}/api/console/measures?from=${from92}&to=${today}&by=service`, { headers: { authorization: `Bearer ${accessToken}` } });
    const services = (JSON.parse((await get(`from=${from92}&to=${today}&by=service&interval=month`)).body) as { groups: unknown[] }).groups.length;
    const queries: string[] = [];
    dynamo().middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { ExpressionAttributeValues?: Record<string, unknown> };
        const pk = input.ExpressionAttributeValues?.[':pk'];
        if (context.commandName === 'QueryCommand' && typeof pk === 'string' && pk.startsWith('MEASURES#')) queries.push(pk);
        return next(args);
      },
      { step: 'initialize', name: 'benchCountMeasuresQueries' },
    );
    const names = Object.keys(calls);
    const sizes = new Map<string, { bytes: number; gzip: number; queries: number }>();
    for (const name of names) {
      queries.length = 0;
      const { body } = await get(calls[name]!);
      sizes.set(name, { bytes: Buffer.byteLength(body), gzip: gzipSync(body).length, queries: new Set(queries).size });
    }
    for (let i = 0; i < 5; i++) for (const name of names) await get(calls[name]!); // warm-up
    const samples = new Map<string, number[]>(names.map((name) => [name, []]));
    for (let i = 0; i < rounds; i++) for (const name of names) samples.get(name)!.push((await get(calls[name]!)).ms);

    const one = summarise(samples.get(names[0]!)!);
    console.log(
      `\n92 days by service day by day: ${refused.status} (${services} services seen in the 92 days; ` +
        `${(await refused.json() as { error?: string }).error ?? 'answered'})`,
    );
    console.log(
      `\nThe performance view's call, GET /api/console/measures, on the seeded month (${seeded.totalContacts} contacts, ` +
        `${rounds} calls each, interleaved; a manager's token; request path and the measures' stream consumer only)`,
    );
    for (const name of names) {
      const s = summarise(samples.get(name)!);
      const size = sizes.get(name)!;
      const ratio = name === names[0] ? '' : `   vs one day: p50 ${(s.p50 / one.p50).toFixed(1)}x p99 ${(s.p99 / one.p99).toFixed(1)}x`;
      console.log(
        `  ${name.padEnd(31)} p50 ${fmt(s.p50).padStart(9)}  p99 ${fmt(s.p99).padStart(9)}  ` +
          `${String(size.queries).padStart(3)} queries  answer ${kb(size.bytes).padStart(9)} (gzip ${kb(size.gzip)})${ratio}`,
      );
    }
  } finally {
    await stack.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await benchMeasures();
