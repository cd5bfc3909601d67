// A resident's words with their personal data left out, for the examples of failure demand that
// managers read (docs/measures.md, "Failure demand"). Best effort: patterns catch the usual
// spellings of email addresses, phone numbers, postcodes, addresses, vehicle registrations, dates
// of birth and account or National Insurance numbers, and the resident's own name and address as
// the contact recorded them; a name the contact did not record, told in an unusual way, can get
// through. Case references (K7MD-Q9PX) are kept: they are the council's own ids, not the
// resident's, and a manager reviewing the example may open the case behind it.
import { replacePostcodes } from './bin-day.ts';
import type { ResidentDetails } from './contact.ts';

/** What stands in for each kind of personal data left out. */
export const REDACTED = {
  email: '[email]',
  phone: '[phone]',
  postcode: '[postcode]',
  address: '[address]',
  name: '[name]',
  vehicle: '[vehicle registration]',
  dateOfBirth: '[date of birth]',
  date: '[date]',
  number: '[number]',
} as const;

const EMAIL = /[^\s@<>()[\],;:"']+@[^\s@<>()[\],;:"']+\.[a-z]{2,}/gi;

// UK numbers: 0 then 9 or 10 digits, or +44 / 0044 (with an optional "(0)") then 9 or 10 digits,
// with spaces, dashes, dots or brackets anywhere between them ("07700 900123", "(0161) 496 0000",
// "+44 (0)7700-900-123"). Then any other international number: + and 8 to 15 digits.
const UK_PHONE = /(?:(?:\+|(?<!\d)00)44[\s.-]?(?:\(0\)[\s.-]?)?|(?<![\w+])(?:\((?=0\d{2,4}\)))?0)(?:\d[\s().-]{0,2}){8,9}\d(?!\d)/g;
const OTHER_PHONE = /\+[1-9](?:[\s().-]{0,2}\d){7,14}(?!\d)/g;

// National Insurance numbers (two letters, six digits, A-D), spaced or not.
const NI_NUMBER = /\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b/gi;

// Vehicle registrations: current (AB12 CDE, any case); prefix (A123 BCD) and suffix (ABC 123D)
// in capitals only, so road names ("the A1 and M6") stay.
const REGISTRATION_CURRENT = /\b[A-Z]{2}\d{2} ?[A-Z]{3}\b/gi;
const REGISTRATION_PREFIX = /\b[A-Z]\d{1,3} ?[A-Z]{3}\b/g;
const REGISTRATION_SUFFIX = /\b[A-Z]{3} ?\d{1,3}[A-Z]\b/g;

const MONTH = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const NUMERIC_DATE = String.raw`\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})`;
const WORDED_DATE = String.raw`\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?${MONTH}\.?,?\s+\d{2,4}|${MONTH}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}`;
const ANY_DATE = `(?:${NUMERIC_DATE}|${WORDED_DATE})`;
// A date told as a date of birth ("born 3/4/1950", "DOB: 3 April 1950", "date of birth is ..."), then
// any other whole date in the twentieth century: too long ago to be about a bin or a pothole.
const DATE_OF_BIRTH = new RegExp(String.raw`\b(?:born(?:\s+on)?|d\.?o\.?b\.?|date\s+of\s+birth)(?:\s+is|\s+was)?\s*:?\s*${ANY_DATE}`, 'gi');
const OLD_DATE = new RegExp(String.raw`\b(?:\d{1,2}[/.-]\d{1,2}[/.-]19\d{2}|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?${MONTH}\.?,?\s+19\d{2}|${MONTH}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+19\d{2})\b`, 'gi');

// A house number with one or two words and a street ("12 Acacia Avenue", "3a St Mary's Road",
// "14-16 the Crescent"); a flat or unit number. Words that are streets only sometimes ("park",
// "hill", "green": "2 green bins") count only after capitalised words ("4 Hollow Park").
const STREET = '(?:street|st|road|rd|avenue|ave|lane|ln|close|drive|crescent|terrace|grove|gardens|gdns|court|place|square|mews|way|boulevard|parade|cottages|villas|mansions)';
const HOUSE_ON_STREET = new RegExp(String.raw`\b\d{1,4}[a-z]?(?:\s*[-–]\s*\d{1,4}[a-z]?)?,?\s+(?:[\p{L}'’.-]+\s+){1,2}${STREET}\b\.?`, 'giu');
const HOUSE_ON_PLACE = /\b\d{1,4}[a-z]?,?\s+(?:[A-Z][\p{L}'’-]+\s+){1,2}(?:Park|Hill|Green|View|Walk|Row|Rise|Gate|End|Fields|Meadows?|Vale|Heights)\b/gu;
const FLAT = /\b(?:flat|apartment|apt|unit|maisonette)\.?\s+(?:no\.?\s*)?\d{1,4}[a-z]?\b/gi;

// Account, card, sort code and other long numbers: six digits or more, or groups of digits.
const LONG_NUMBER = /(?<![\w-])(?:\d{6,}|\d{4}(?:[\s-]\d{4}){2,3}|\d{2}-\d{2}-\d{2})(?![\w-])/g;

// Names the contact did not record: after a title ("Mrs Okafor"), or told ("my name is Ada Lovelace").
const TITLED_NAME = /\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+[A-Z][\p{L}'’-]+(?:\s+[A-Z][\p{L}'’-]+)?/gu;
const NOT_A_NAME = String.raw`(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Christmas|Easter)\b)`;
const TOLD_NAME = new RegExp(
  String.raw`\b([Mm]y name is|[Mm]y name's|[Tt]his is|I am|I'm)\s+${NOT_A_NAME}([A-Z][\p{L}'’-]+(?:\s+[A-Z][\p{L}'’-]+)?)(?=\s+(?:again|here|calling|ringing|from|at|of|and)\b|[,.;!?]|$)`,
  'gu',
);

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The words of a recorded name as they may appear in the text: letters and apostrophes, 2 or more. */
function nameWordsOf(name: string): string[] {
  const words = name.split(/[^\p{L}'’]+/u).filter((word) => word.replace(/['’]/g, '').length >= 2);
  return [...new Set(words.filter((word) => !/^(mr|mrs|ms|miss|mx|dr)$/i.test(word)))];
}

/** The recorded address and its parts (split at commas and line breaks), longest first, each of 4 characters or more. */
function addressPartsOf(address: string): string[] {
  const parts = [address, ...address.split(/[,\n]+/)].map((part) => part.trim().replace(/\s+/g, ' ')).filter((part) => part.length >= 4);
  return [...new Set(parts)].sort((a, b) => b.length - a.length);
}

function replaceWhole(text: string, phrase: string, by: string): string {
  const flexible = escape(phrase).replace(/ /g, '\\s+');
  return text.replace(new RegExp(`(?<![\\p{L}\\d])${flexible}(?![\\p{L}\\d])`, 'giu'), by);
}

/**
 * The resident's words with their personal data left out: each email address, phone number,
 * postcode, house number with its street, flat number, vehicle registration, date of birth (and
 * any whole date before 2000), long number (account, card, sort code, National Insurance) and
 * name (as recorded with the contact, after a title, or told) replaced by a word in brackets;
 * the resident's recorded address too, whole or in parts. Best effort (see the header).
 */
export function redactPersonalData(text: string, resident: ResidentDetails = {}): string {
  let out = text.replace(EMAIL, REDACTED.email);
  if (resident.address) for (const part of addressPartsOf(resident.address)) out = replaceWhole(out, part, REDACTED.address);
  out = out.replace(UK_PHONE, REDACTED.phone).replace(OTHER_PHONE, REDACTED.phone);
  out = out.replace(NI_NUMBER, REDACTED.number);
  out = replacePostcodes(out, REDACTED.postcode);
  out = out.replace(DATE_OF_BIRTH, REDACTED.dateOfBirth).replace(OLD_DATE, REDACTED.date);
  out = out.replace(REGISTRATION_CURRENT, REDACTED.vehicle).replace(REGISTRATION_PREFIX, REDACTED.vehicle).replace(REGISTRATION_SUFFIX, REDACTED.vehicle);
  out = out.replace(FLAT, REDACTED.address).replace(HOUSE_ON_STREET, REDACTED.address).replace(HOUSE_ON_PLACE, REDACTED.address);
  out = out.replace(LONG_NUMBER, REDACTED.number);
  out = out.replace(TITLED_NAME, REDACTED.name);
  if (resident.name) for (const word of nameWordsOf(resident.name)) out = replaceWhole(out, word, REDACTED.name);
  out = out.replace(TOLD_NAME, (_match, told: string) => `${told} ${REDACTED.name}`);
  // A first name and a surname ("[name] [name]", "[name]-[name]") read as one.
  out = out.replace(/\[name\](?:[\s-]+\[name\])+/g, REDACTED.name);
  return out;
}
