// Writes docs/handoff-message.schema.json from the zod schema, so the published contract is the
// one the code enforces. `npm run docs:schema`; test/unit/handoff-schema.test.ts checks it is current.
import { writeFileSync } from 'node:fs';
import { handoffJsonSchema } from '#domain/handoff';

const target = new URL('../docs/handoff-message.schema.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(handoffJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
