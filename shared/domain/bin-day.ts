// Bin collection days by postcode: UK postcodes as residents type or say them, and the next
// collection of each bin from the council's round schedule (shared/catalogue/bin-rounds.json).

// A UK postcode: outward code (area letters, district digit, optional digit or letter) and
// inward code (sector digit, then two letters from a set without C, I, K, M, O, V).
const OUTWARD = /^[A-Z]{1,2}\d[A-Z\d]?$/;
const INWARD = /^\d[ABD-HJLNP-UW-Z]{2}$/;
const IN_TEXT = /(?<![A-Z\d])([A-Z]{1,2}\d[A-Z\d]?) ?(\d[ABD-HJLNP-UW-Z]{2})(?![A-Z\d])/gi;

/** 'sw1a1aa', ' SW1A  1AA ' -> 'SW1A 1AA'; undefined when it cannot be a UK postcode. */
export function normalisePostcode(input: string): string | undefined {
  const compact = input.toUpperCase().replace(/\s+/g, '');
  if (compact === 'GIR0AA') return 'GIR 0AA';
  const outward = compact.slice(0, -3);
  const inward = compact.slice(-3);
  if (!OUTWARD.test(outward) || !INWARD.test(inward)) return undefined;
  return `${outward} ${inward}`;
}

/** The first postcode inside free text ("when is my bin day sw1a 1aa?"), normalised; undefined if none. */
export function findPostcode(text: string): string | undefined {
  for (const match of text.matchAll(IN_TEXT)) {
    const postcode = normalisePostcode(`${match[1]}${match[2]}`);
    if (postcode) return postcode;
  }
  return undefined;
}
