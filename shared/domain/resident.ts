// One resident across channels: phone numbers as E.164, emails lower-cased.

/** UK and international numbers to E.164; undefined when it cannot be a phone number. */
export function normalisePhone(input: string): string | undefined {
  const trimmed = input.trim();
  if (!/^[+\d(][\d\s().-]*$/.test(trimmed)) return undefined;
  let digits = trimmed.replace(/[\s().-]/g, '');
  if (digits.startsWith('00')) digits = `+${digits.slice(2)}`;
  if (digits.startsWith('+44')) digits = `+44${digits.slice(3).replace(/^0/, '')}`;
  else if (digits.startsWith('0')) digits = `+44${digits.slice(1)}`;
  else if (!digits.startsWith('+')) return undefined;
  if (digits.startsWith('+44')) return /^\+44[1-9]\d{8,9}$/.test(digits) ? digits : undefined;
  return /^\+[1-9]\d{7,14}$/.test(digits) ? digits : undefined;
}

export function normaliseEmail(input: string): string | undefined {
  const email = input.trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? email : undefined;
}

/**
 * A phone number as someone types it into a search box: any spelling normalisePhone takes, and a
 * UK number written internationally without its '+' ("447700900123", "44 7700 900123").
 */
export function normalisePhoneLoosely(input: string): string | undefined {
  return normalisePhone(input) ?? (/^\s*44[\d\s().-]+$/.test(input) ? normalisePhone(`+${input.trim()}`) : undefined);
}

/** A number a text message can reach: a UK mobile, or a number abroad (we cannot tell its kind). */
export function canText(phone: string | undefined): phone is string {
  if (!phone) return false;
  return phone.startsWith('+44') ? /^\+447\d{9}$/.test(phone) : /^\+[1-9]\d{7,14}$/.test(phone);
}

/** The most words of one name that are indexed for searching. */
export const MAX_NAME_WORDS = 6;

/**
 * The words of a name as they are indexed and searched: lower case, accents and apostrophes
 * dropped ("O'Brien" -> "obrien", "Zoë" -> "zoe"), split at anything that is not a letter
 * ("Smith-Jones" -> "smith", "jones"); single letters (initials) left out; each word once.
 */
export function nameWords(name: string): string[] {
  const words = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .split(/[^\p{L}]+/u)
    .filter((word) => word.length >= 2);
  return [...new Set(words)].slice(0, MAX_NAME_WORDS);
}

/** A phone number shown without giving it away: "07... ending 123" (UK), "+331... ending 123" (abroad). */
export function maskPhone(phone: string): string {
  const start = phone.startsWith('+44') ? `0${phone.slice(3, 4)}` : phone.slice(0, 4);
  return `${start}... ending ${phone.slice(-3)}`;
}

/** An email address shown without giving it away: "g...@example.org". */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return at <= 0 ? '...' : `${email.slice(0, 1)}...${email.slice(at)}`;
}
