// Routes free text from stdin: one JSON line {"text": "..."} in, one JSON line out, in order.
//   echo '{"text":"my bin was not emptied"}' | npm run --silent classify
// Every input line gets exactly one output line, so the two files line up: a decision
// {"line", "kind", "serviceId", "service", "area", "confidence", "modelVersion", "explanation"
// (and "options" for an ask)}, or {"line", "error"} in words for a line that is blank, not JSON,
// not an object, has no string "text", or is longer than MAX_LINE_CHARS. An "id" given in the
// input (a string or a number) is given back. The command carries on after an error line and
// exits 0; the input's words are never echoed.
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { catalogue } from '#catalogue/index';
import type { Contact } from '#domain/contact';
import { route } from '#domain/routing';

/** The longest line read: far above any channel's limit (a web description is at most 5,000 characters). */
const MAX_LINE_CHARS = 100_000;

const EXAMPLE = '{"text": "my bin was not emptied"}';

function classifyLine(line: string, number: number): Record<string, unknown> {
  const error = (why: string, echo: { id?: unknown } = {}) => ({ line: number, ...echo, error: `line ${number}: ${why}` });
  if (line.length > MAX_LINE_CHARS) return error(`${line.length} characters is too long; send at most ${MAX_LINE_CHARS} characters a line`);
  if (line.trim() === '') return error(`the line is blank; send one JSON object a line, like ${EXAMPLE}`);
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch {
    return error(`not JSON; send one JSON object a line, like ${EXAMPLE}`);
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return error(`${input === null ? 'null' : Array.isArray(input) ? 'a list' : `a ${typeof input}`} is not an object; send an object like ${EXAMPLE}`);
  }
  const { text, id } = input as { text?: unknown; id?: unknown };
  const echo = typeof id === 'string' || typeof id === 'number' ? { id } : {};
  if (text === undefined) return error(`the object has no "text"; send the description as "text", like ${EXAMPLE}`, echo);
  if (typeof text !== 'string') return error(`"text" is ${text === null ? 'null' : `a ${typeof text}`}, not a string of words`, echo);
  const contact: Contact = { id: 'cli', channel: 'web', providerId: 'cli', receivedAt: new Date().toISOString(), text, resident: {} };
  const decision = route(contact, catalogue);
  const service = catalogue.service(decision.serviceId);
  return {
    line: number,
    ...echo,
    kind: decision.kind,
    serviceId: decision.serviceId,
    service: service?.name ?? null,
    area: service?.area ?? null,
    confidence: decision.confidence,
    modelVersion: decision.modelVersion,
    explanation: decision.explanation,
    ...(decision.emergencyKind ? { emergencyKind: decision.emergencyKind } : {}),
    ...(decision.options ? { options: decision.options.map((o) => o.serviceId) } : {}),
  };
}

async function main(): Promise<void> {
  if (process.stdin.isTTY) console.error(`Type one JSON object a line, like ${EXAMPLE}; Ctrl-D to end.`);
  // A reader that stops early (| head) is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') console.error(`classify: could not write the output (${error.message})`);
    process.exit(error.code === 'EPIPE' ? 0 : 1);
  });
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let number = 0;
  for await (const line of lines) {
    number++;
    let output: Record<string, unknown>;
    try {
      // A file saved with a byte-order mark starts with one; it is not part of the JSON.
      output = classifyLine(number === 1 ? line.replace(/^\uFEFF/, '') : line, number);
    } catch (error) {
      // Routing never throws on text; if it ever did, the line still gets its answer, in words.
      output = { line: number, error: `line ${number}: could not be routed (${error instanceof Error ? error.message : String(error)})` };
    }
    if (!process.stdout.write(`${JSON.stringify(output)}\n`)) await once(process.stdout, 'drain');
  }
}

await main();
