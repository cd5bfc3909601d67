// `npm start` itself: the CLI serves the API, prints what it serves, and stops cleanly on Ctrl-C;
// without Java it says how to install it and exits non-zero.
import { spawn } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../infra/local/ports.ts';
import { REPO_ROOT } from '../../infra/local/stack.ts';

// As `npm start` runs it: one Node process with tsx as a loader, so Ctrl-C reaches our handler.
// Without demo data (--empty): seeding a month is test/integration/seed.test.ts's to check.
function startCli(env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/start.ts', '--in-memory', '--empty'], { cwd: REPO_ROOT, env });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  // Building the console comes first, and takes 20-30 s on a 2-core machine busy with other builds.
  const waitFor = async (pattern: RegExp, deadlineMs = 90_000) => {
    const deadline = Date.now() + deadlineMs;
    while (!pattern.test(output)) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`never printed ${pattern}:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return pattern.exec(output)!;
  };
  return { child, exited, waitFor, output: () => output };
}

describe('npm start', () => {
  it('serves POST /api/contacts, lists its routes, and stops cleanly on Ctrl-C', { timeout: 120_000 }, async () => {
    // Prepare
    const [port, dynamoDbPort, sqsPort] = [await freePort(), await freePort(), await freePort()];
    const cli = startCli({ ...process.env, PORT: String(port), DYNAMODB_PORT: String(dynamoDbPort), SQS_PORT: String(sqsPort) });
    await cli.waitFor(/Press Ctrl-C to stop/);

    // Act
    const response = await fetch(`http://localhost:${port}/api/contacts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ description: 'My bin was missed', service: 'missed-bin' }),
    });
    const body = (await response.json()) as { reference?: string };
    cli.child.kill('SIGINT');

    // Assess
    expect(response.status).toBe(201);
    expect(body.reference).toMatch(/^\w{4}-\w{4}$/);
    expect(cli.output()).toContain(`POST   http://localhost:${port}/api/contacts`);
    expect(cli.output()).toContain(`GET    http://localhost:${port}/api/cases/{reference}`);
    expect(cli.output()).toContain(`Resident simulator: http://localhost:${port}/simulator`);
    expect(cli.output()).toContain('Demo data: none (--empty)');
    expect(await cli.exited).toBe(0);
    expect(cli.output()).toContain('stopped.');
  });

  it('without Java, says how to install it and exits non-zero', async () => {
    // Prepare: a PATH that has node but no java.
    const bin = mkdtempSync(join(tmpdir(), 'frontdoor-no-java-'));
    symlinkSync(process.execPath, join(bin, 'node'));

    // Act
    const cli = startCli({ PATH: bin, HOME: process.env.HOME });

    // Assess
    expect(await cli.exited).toBe(1);
    expect(cli.output()).toContain('DynamoDB Local needs Java 17+');
    expect(cli.output()).toContain('openjdk-17-jre-headless');
  });
});
