import { describe, expect, it } from 'vitest';
import * as z from '#domain/schema';
import { describeIssues } from '#domain/schema';

const ReportSchema = z.strictObject({
  description: z.string(),
  count: z.number(),
  location: z.optional(z.strictObject({ lat: z.number(), lng: z.number() })),
  photos: z.optional(z.array(z.strictObject({ url: z.string() }))),
});

function problemsWith(schema: z.ZodMiniType, data: unknown) {
  const parsed = schema.safeParse(data);
  if (parsed.success) throw new Error('expected the data to be refused');
  return describeIssues(parsed.error);
}

describe('describeIssues', () => {
  it('says a missing field is required', () => {
    // Act
    const problems = problemsWith(ReportSchema, { count: 1 });

    // Assess
    expect(problems).toEqual([{ field: 'description', message: 'is required' }]);
  });

  it('names a missing nested field by its dotted path', () => {
    // Act
    const problems = problemsWith(ReportSchema, { description: 'x', count: 1, location: { lat: 51.5 } });

    // Assess
    expect(problems).toEqual([{ field: 'location.lng', message: 'is required' }]);
  });

  it('names each unknown key at the top level as a field we do not accept', () => {
    // Act
    const problems = problemsWith(ReportSchema, { description: 'x', count: 1, colour: 'red', size: 3 });

    // Assess
    expect(problems).toEqual([
      { field: 'colour', message: "'colour' is not a field we accept" },
      { field: 'size', message: "'size' is not a field we accept" },
    ]);
  });

  it('names an unknown nested key with its full path, including array indexes', () => {
    // Act
    const problems = problemsWith(ReportSchema, {
      description: 'x',
      count: 1,
      location: { lat: 51.5, lng: -0.1, altitude: 20 },
      photos: [{ url: 'a' }, { url: 'b', caption: 'c' }],
    });

    // Assess
    expect(problems).toEqual([
      { field: 'location.altitude', message: "'altitude' is not a field we accept" },
      { field: 'photos.1.caption', message: "'caption' is not a field we accept" },
    ]);
  });

  it("passes on zod's English message for a value of the wrong type", () => {
    // Act
    const problems = problemsWith(ReportSchema, { description: 42, count: 'three' });

    // Assess
    expect(problems).toEqual([
      { field: 'description', message: 'Invalid input: expected string, received number' },
      { field: 'count', message: 'Invalid input: expected number, received string' },
    ]);
  });

  it('treats null as a wrong type, not a missing field', () => {
    // Act
    const problems = problemsWith(ReportSchema, { description: null, count: 1 });

    // Assess
    expect(problems).toEqual([{ field: 'description', message: 'Invalid input: expected string, received null' }]);
  });

  it('calls the whole body "(body)" when the problem is at the top', () => {
    // Act
    const missing = problemsWith(ReportSchema, undefined);
    const wrongType = problemsWith(ReportSchema, ['not', 'an', 'object']);

    // Assess
    expect(missing).toEqual([{ field: '(body)', message: 'is required' }]);
    expect(wrongType).toEqual([{ field: '(body)', message: 'Invalid input: expected object, received array' }]);
  });

  it('passes on the message of a failed check', () => {
    // Prepare
    const schema = z.strictObject({ postcode: z.string().check(z.refine((v) => v.length > 4, 'is not a postcode')) });

    // Act
    const problems = problemsWith(schema, { postcode: 'AB1' });

    // Assess
    expect(problems).toEqual([{ field: 'postcode', message: 'is not a postcode' }]);
  });
});
