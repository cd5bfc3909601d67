// Case references a resident can read out on the phone: 8 characters in two groups of four,
// from an alphabet without look-alikes (no 0/O, 1/I/L, 5/S, 2/Z, 8/B), e.g. "K7MD-Q9PX".
export const REFERENCE_ALPHABET = '34679ACDEFGHJKMNPQRTUVWXY';
const LENGTH = 8;

/** Formats random bytes as a reference. Rejection sampling keeps every character equally likely. */
export function referenceFromRandom(nextByte: () => number): string {
  const limit = 256 - (256 % REFERENCE_ALPHABET.length);
  let out = '';
  while (out.length < LENGTH) {
    const byte = nextByte();
    if (byte < limit) out += REFERENCE_ALPHABET[byte % REFERENCE_ALPHABET.length];
  }
  return `${out.slice(0, 4)}-${out.slice(4)}`;
}

/** Accepts what a resident types or says ("k7md q9px", "K7MDQ9PX"); undefined when it cannot be one. */
export function normaliseReference(input: string): string | undefined {
  const compact = input.toUpperCase().replace(/[\s-]/g, '');
  if (compact.length !== LENGTH) return undefined;
  for (const ch of compact) if (!REFERENCE_ALPHABET.includes(ch)) return undefined;
  return `${compact.slice(0, 4)}-${compact.slice(4)}`;
}

/** A reference quoted inside free text ("where is my case k7md q9px?"). It must contain a digit,
 * as every issued reference does, so ordinary words are not mistaken for one. */
export function findReference(text: string): string | undefined {
  const tokens = text.split(/[^a-z0-9]+/i).filter(Boolean);
  for (let i = 0; i < tokens.length; i++) {
    // "K7MDQ9PX" as one token, or "K7MD Q9PX" / "K7MD-Q9PX" as two.
    const candidates = [tokens[i]!, `${tokens[i]}${tokens[i + 1] ?? ''}`];
    for (const candidate of candidates) {
      const reference = candidate.length === LENGTH ? normaliseReference(candidate) : undefined;
      if (reference && /\d/.test(reference)) return reference;
    }
  }
  return undefined;
}
