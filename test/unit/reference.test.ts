import { describe, expect, it } from 'vitest';
import { REFERENCE_ALPHABET, normaliseReference, referenceFromRandom } from '#domain/reference';

/** A byte source that plays back exactly these bytes, and fails the test if asked for more. */
function scripted(bytes: number[]): { nextByte: () => number; used: () => number } {
  let i = 0;
  return {
    nextByte: () => {
      if (i >= bytes.length) throw new Error(`asked for byte ${i + 1} of a script of ${bytes.length}`);
      return bytes[i++]!;
    },
    used: () => i,
  };
}

const LOOK_ALIKES = ['0', 'O', '1', 'I', 'L', '5', 'S', '2', 'Z', '8', 'B'];

describe('REFERENCE_ALPHABET', () => {
  it('has 25 distinct characters and none that can be misread for another', () => {
    // Act
    const characters = [...REFERENCE_ALPHABET];

    // Assess
    expect(new Set(characters).size).toBe(25);
    for (const ch of LOOK_ALIKES) expect(characters).not.toContain(ch);
  });
});

describe('referenceFromRandom', () => {
  it('maps each byte to the alphabet by remainder and formats two groups of four', () => {
    // Prepare: 0 -> '3', 1 -> '4', 9 -> 'F', 24 -> 'Y', 25 -> '3' again, 49 -> 'Y', 100 -> '3', 137 -> 137 % 25 = 12 -> 'J'
    const bytes = scripted([0, 1, 9, 24, 25, 49, 100, 137]);

    // Act
    const reference = referenceFromRandom(bytes.nextByte);

    // Assess
    expect(reference).toBe('34FY-3Y3J');
    expect(bytes.used()).toBe(8);
  });

  it('skips bytes at or above 250 (the largest multiple of 25) so every character is equally likely', () => {
    // Prepare: 249 is the last byte used ('Y'); 250..255 would over-weight the first six characters
    const bytes = scripted([250, 249, 255, 251, 0, 252, 253, 254, 1, 2, 3, 4, 5, 6]);

    // Act
    const reference = referenceFromRandom(bytes.nextByte);

    // Assess
    expect(reference).toBe('Y346-79AC');
    expect(bytes.used()).toBe(14);
  });

  it('uses every character exactly ten times over the 250 accepted byte values', () => {
    // Prepare
    const counts = new Map<string, number>();
    const all = Array.from({ length: 256 }, (_, b) => b);
    const bytes = scripted([...all, ...all.slice(0, 6)]);

    // Act: 32 references of 8 characters read 256 bytes of which 250 are accepted, then 6 more
    const references = Array.from({ length: 32 }, () => referenceFromRandom(bytes.nextByte));
    for (const ch of references.join('').replaceAll('-', '').slice(0, 250)) counts.set(ch, (counts.get(ch) ?? 0) + 1);

    // Assess
    expect(bytes.used()).toBe(262);
    expect([...counts.keys()].sort()).toEqual([...REFERENCE_ALPHABET].sort());
    expect(new Set(counts.values())).toEqual(new Set([10]));
  });

  it('always produces XXXX-XXXX from the alphabet, whatever the bytes', () => {
    // Prepare: a deterministic pseudo-random source (linear congruential) over all byte values
    let state = 12345;
    const nextByte = () => {
      state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
      return (state >>> 16) & 0xff;
    };
    const shape = new RegExp(`^[${REFERENCE_ALPHABET}]{4}-[${REFERENCE_ALPHABET}]{4}$`);

    // Act
    const references = Array.from({ length: 500 }, () => referenceFromRandom(nextByte));

    // Assess
    for (const reference of references) expect(reference).toMatch(shape);
    expect(new Set(references).size).toBeGreaterThan(490);
  });

  it('round-trips through normaliseReference unchanged', () => {
    // Prepare
    const bytes = scripted([3, 14, 15, 92, 65, 35, 89, 79]);

    // Act
    const reference = referenceFromRandom(bytes.nextByte);

    // Assess
    expect(normaliseReference(reference)).toBe(reference);
  });
});

describe('normaliseReference', () => {
  it('accepts what a resident types: lower case, spaces, no hyphen, surrounding space', () => {
    // Act / Assess
    expect(normaliseReference('K7MD-Q9PX')).toBe('K7MD-Q9PX');
    expect(normaliseReference('k7md-q9px')).toBe('K7MD-Q9PX');
    expect(normaliseReference('k7md q9px')).toBe('K7MD-Q9PX');
    expect(normaliseReference('K7MDQ9PX')).toBe('K7MD-Q9PX');
    expect(normaliseReference('  k 7 m d - q 9 p x \t')).toBe('K7MD-Q9PX');
    expect(normaliseReference('K7-MD-Q9-PX')).toBe('K7MD-Q9PX');
  });

  it('refuses the wrong number of characters', () => {
    // Act / Assess
    expect(normaliseReference('')).toBeUndefined();
    expect(normaliseReference('   ')).toBeUndefined();
    expect(normaliseReference('K7MD-Q9P')).toBeUndefined();
    expect(normaliseReference('K7MD-Q9PXX')).toBeUndefined();
  });

  it('refuses characters outside the alphabet, including the look-alikes it leaves out', () => {
    // Act / Assess
    for (const ch of LOOK_ALIKES) expect(normaliseReference(`K7MD-Q9P${ch}`)).toBeUndefined();
    expect(normaliseReference('K7MD_Q9PX')).toBeUndefined();
    expect(normaliseReference('K7MD.Q9PX')).toBeUndefined();
    expect(normaliseReference('K7MD/Q9P#')).toBeUndefined();
  });
});
