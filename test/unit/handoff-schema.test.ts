import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { handoffJsonSchema } from '#domain/handoff';

describe('docs/handoff-message.schema.json', () => {
  it('is the schema the code enforces (regenerate with npm run docs:schema)', () => {
    const published = JSON.parse(readFileSync(new URL('../../docs/handoff-message.schema.json', import.meta.url), 'utf8'));
    expect(published).toEqual(handoffJsonSchema());
  });

  it('requires the case, the team, the SLA times, the routing explanation and the catalogue version', () => {
    const schema = handoffJsonSchema() as { required: string[]; properties: Record<string, { required?: string[] }> };
    expect(schema.required).toEqual(
      expect.arrayContaining(['schemaVersion', 'dedupKey', 'caseReference', 'teamId', 'sla', 'routing', 'catalogueVersion']),
    );
    expect(schema.properties.sla!.required).toEqual(expect.arrayContaining(['startedAt', 'warnAt', 'dueAt']));
  });
});
