// The SLA monitor over many open cases (BENCH_OPEN_CASES, default 100,000) in DynamoDB Local:
// its time and the items it reads per run, against a baseline that scans every open case, and
// the worklist query's p50/p99. Items read are counted from DynamoDB's own responses.
import { performance } from 'node:perf_hooks';
import { BatchWriteCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { platform } from '#infra/registry';
import { startLocalStack } from '../infra/local/stack.ts';
import { fmt, summarise } from './stats.ts';

export async function benchSlaMonitor(): Promise<void> {
  const total = Number(process.env.BENCH_OPEN_CASES ?? 100_000);
  const dueNow = 200;
  // The table only: no stream consumers, so seeding measures nothing but the seeding.
  const stack = await startLocalStack({ port: 0, platform: { ...platform, functions: [] } });
  try {
    // The application code reads its environment when it runs, as a Lambda does.
    const { dynamo } = await import('#adapters/aws');
    const { caseItem, dynamoCaseStore } = await import('#adapters/store');
    const { runSlaMonitor, teamWorklist } = await import('#app/cases');
    const { catalogue } = await import('#catalogue/index');
    const { fixedClock } = await import('#domain/clock');
    const { openCase } = await import('#domain/case');

    let itemsRead = 0;
    dynamo().middlewareStack.add(
      (next) => async (args) => {
        const result = await next(args);
        const output = (result.output ?? {}) as { Count?: number; ScannedCount?: number; Item?: unknown };
        itemsRead += output.ScannedCount ?? output.Count ?? (output.Item ? 1 : 0);
        return result;
      },
      { step: 'initialize', name: 'benchCountItemsRead' },
    );

    const now = new Date('2026-11-26T12:00:00Z');
    const services = catalogue.services.filter((s) => s.resolution.mode === 'handoff');
    const started = performance.now();
    for (let i = 0; i < total; i += 25) {
      const items = [];
      for (let j = i; j < Math.min(total, i + 25); j++) {
        const service = services[j % services.length]!;
        // The first `dueNow` cases were received long ago, so their warning point has passed.
        const receivedAt = j < dueNow ? '2026-10-01T09:00:00.000Z' : now.toISOString();
        const kase = openCase(
          `B${String(j).padStart(7, '0')}`,
          { id: `c${j}`, channel: 'web', providerId: `p${j}`, receivedAt, text: 'bench', serviceId: service.id, resident: {} },
          { kind: 'handoff', serviceId: service.id, teamId: service.teamId, confidence: 1, explanation: [], modelVersion: 'test' },
          catalogue,
        );
        items.push({ PutRequest: { Item: caseItem(kase) } });
      }
      let request: Record<string, unknown[]> | undefined = { [stack.tableName]: items };
      while (request && Object.keys(request).length) {
        const { UnprocessedItems } = await dynamo().send(new BatchWriteCommand({ RequestItems: request as never }));
        request = UnprocessedItems as Record<string, unknown[]> | undefined;
      }
    }
    console.log(`\nSLA monitor over ${total.toLocaleString()} open cases (${dueNow} past their warning point); seeded in ${((performance.now() - started) / 1000).toFixed(0)} s`);

    const deps = { store: dynamoCaseStore, catalogue, clock: fixedClock(now) };
    itemsRead = 0;
    let t = performance.now();
    const report = await runSlaMonitor(deps, 1000);
    const monitorMs = performance.now() - t;
    const monitorReads = itemsRead;
    itemsRead = 0;
    t = performance.now();
    const again = await runSlaMonitor(deps, 1000);
    const secondMs = performance.now() - t;
    const secondReads = itemsRead;

    // Baseline: what a monitor without the sparse index would do, scan every open case.
    itemsRead = 0;
    t = performance.now();
    let start: Record<string, unknown> | undefined;
    do {
      const page = await dynamo().send(
        new ScanCommand({
          TableName: stack.tableName,
          FilterExpression: 'entity = :case AND #s <> :resolved',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':case': 'case', ':resolved': 'resolved' },
          ExclusiveStartKey: start,
        }),
      );
      start = page.LastEvaluatedKey;
    } while (start);
    const scanMs = performance.now() - t;
    const scanReads = itemsRead;

    console.log(`  monitor run:        ${fmt(monitorMs)}, ${monitorReads} items read, ${report.marked.length} cases marked`);
    console.log(`  next run (nothing): ${fmt(secondMs)}, ${secondReads} items read, ${again.marked.length} marked`);
    console.log(`  baseline full scan: ${fmt(scanMs)}, ${scanReads} items read`);
    console.log(
      `  reads: ${(scanReads / Math.max(1, monitorReads)).toFixed(0)}x fewer than the scan (proportional to cases that change state); ` +
        `a run with nothing to mark: ${(secondMs / scanMs).toFixed(3)}x the scan's time (the marking run's time is its ${report.marked.length} transactions)`,
    );

    const team = services[0]!.teamId;
    const samples: number[] = [];
    for (let i = 0; i < 200; i++) {
      const s = performance.now();
      await teamWorklist(team, deps, 100);
      samples.push(performance.now() - s);
    }
    const w = summarise(samples);
    console.log(`  worklist (${team}, 100 soonest due of ~${Math.round(total / new Set(services.map((s) => s.teamId)).size).toLocaleString()}): p50 ${fmt(w.p50)}  p99 ${fmt(w.p99)}`);
  } finally {
    await stack.stop();
  }
}
