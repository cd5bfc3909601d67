// Routes free text from stdin: one JSON line {"text": "..."} in, one JSON line out.
//   echo '{"text":"my bin was not emptied"}' | npm run --silent classify
// A line that is not valid input gets {"error": "..."} and the rest carry on.
import { createInterface } from 'node:readline';
import { catalogue } from '#catalogue/index';
import type { Contact } from '#domain/contact';
import { route } from '#domain/routing';

function routeLine(line: string): Record<string, unknown> {
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch {
    return { error: 'not JSON: send one object per line, like {"text": "my bin was not emptied"}' };
  }
  const text = (input as { text?: unknown } | null)?.text;
  if (typeof input !== 'object' || input === null || Array.isArray(input) || typeof text !== 'string') {
    return { error: 'each line needs a "text" field holding a string' };
  }
  const contact: Contact = {
    id: 'cli',
    channel: 'web',
    providerId: 'cli',
    receivedAt: new Date().toISOString(),
    text,
    resident: {},
  };
  const decision = route(contact, catalogue);
  return {
    decision: decision.kind,
    serviceId: decision.serviceId,
    area: catalogue.service(decision.serviceId)?.area ?? null,
    confidence: decision.confidence,
    ...(decision.options ? { options: decision.options.map((o) => o.serviceId) } : {}),
  };
}

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (line.trim() === '') continue;
  let output: Record<string, unknown>;
  try {
    output = routeLine(line);
  } catch (error) {
    output = { error: error instanceof Error ? error.message : String(error) };
  }
  process.stdout.write(`${JSON.stringify(output)}\n`);
}
