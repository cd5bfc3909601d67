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
