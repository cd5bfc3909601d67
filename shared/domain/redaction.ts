// A resident's words with their personal data left out, for the examples of failure demand that
// managers read (docs/measures.md, "Failure demand"). Best effort: patterns catch the usual
// spellings of email addresses, phone numbers, postcodes, addresses, vehicle registrations, dates
// of birth and account or National Insurance numbers, and the resident's own name and address as
// the contact recorded them, and names after a cue (a title, "my name is", a sign-off, "my
// daughter"); a name with no cue ("spoke to Ada yesterday") or an address without a house number
// gets through (docs/measures.md lists what does). Case references (K7MD-Q9PX) are kept: they are the council's own ids, not the
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
// Three words before the street only when all are capitalised ("12 St Marys Church Road"), so "2
// bins on the road" stays.
const STREET_CAPITALISED = STREET.replace(/\b([a-z])/g, (letter) => `[${letter.toUpperCase()}${letter}]`);
const HOUSE_ON_LONG_STREET = new RegExp(String.raw`\b\d{1,4}[a-zA-Z]?,?\s+(?:\p{Lu}[\p{L}'’.-]*\s+){3}${STREET_CAPITALISED}\b\.?`, 'gu');
const HOUSE_ON_PLACE = /\b\d{1,4}[a-z]?,?\s+(?:[A-Z][\p{L}'’-]+\s+){1,2}(?:Park|Hill|Green|View|Walk|Row|Rise|Gate|End|Fields|Meadows?|Vale|Heights)\b/gu;
const FLAT = /\b(?:flat|apartment|apt|unit|maisonette)\.?\s+(?:no\.?\s*)?\d{1,4}[a-z]?\b/gi;

// Account, card, sort code and other long numbers: six digits or more, or groups of digits.
const LONG_NUMBER = /(?<![\w-])(?:\d{6,}|\d{4}(?:[\s-]\d{4}){2,3}|\d{2}-\d{2}-\d{2})(?![\w-])/g;

// A UK number written without its 0 or +44, in groups ("7700 900123", "161 496 0000"): a mobile
// (7 and 9 more digits) or a landline (1 and 8 or 9 more, 2 and 9 more). Before the long numbers
// ("900123" is one); a card or sort code is not taken: a group next to more digits never starts one.
const BARE_PHONE = /(?<![\w+-]|\d[\s.-])[127]\d{1,4}(?:[\s.-]\d{2,6}){1,2}(?![\w-]|[\s.-]\d)/g;
function replaceBarePhone(match: string): string {
  const digits = match.replace(/\D/g, '');
  const phone = digits.startsWith('1') ? digits.length === 9 || digits.length === 10 : digits.length === 10;
  return phone ? REDACTED.phone : match;
}

// Names the contact did not record. A name is one to three words; which words can be one is
// decided word by word, in code, against the words that are not names (below), so a cue followed
// by an ordinary word ("This is Tuesday", "my name is not important") changes nothing.
const WORD = String.raw`\p{L}[\p{L}'’-]*`;
const NAME_WORDS = String.raw`${WORD}(?:[ \t]+${WORD}){0,2}`;
const NOT_NAMES = new Set(
  (
    'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august ' +
    'september october november december christmas easter bank holiday today tomorrow yesterday tonight morning ' +
    'afternoon evening night week weekend month year ' +
    'i me my we our you your they them their he him his she her it its this that these those there here what why ' +
    'how when where who which whose the a an and but or nor so if as than then not no yes ok okay please thanks ' +
    'thank sorry hello hi dear in on at to for from of with by about into onto off out up down over under near ' +
    'behind opposite outside inside next again also just still now only very really absolutely totally quite ' +
    'being been be is are was were am has have had do does did done will would shall should can could may might ' +
    'must calling ringing phoning writing emailing messaging texting trying waiting getting going coming told ' +
    'said says asked rang called wrote fed sick tired fine good well happy unhappy upset angry annoyed furious ' +
    'disgusted disappointed afraid sure certain disabled elderly pregnant ill unwell ridiculous unacceptable ' +
    'terrible awful disgusting appalling first second third fourth fifth last another same other all any some ' +
    'every each none nothing everything something council councils team bin bins bag bags box boxes sack sacks ' +
    'collection collections rubbish waste recycling road roads street lane avenue again regarding re ref ' +
    'reference case number email phone mobile address postcode name'
  ).split(' '),
);
const isNameWord = (word: string, anyCase = false) =>
  !NOT_NAMES.has(word.toLowerCase().replace(/['’]s$/, '')) && (anyCase || /^\p{Lu}/u.test(word)) && word.replace(/['’-]/g, '').length >= 2;

/** Words captured after a cue, split with the spaces between them kept: `[word, space, word, ...]`. */
const splitWords = (words: string) => words.split(/([ \t]+)/);
/** The captured words with the first `count` replaced by the name's stand-in, the rest as they were. */
const replaceFirst = (parts: string[], count: number) => `${REDACTED.name}${parts.slice(2 * count - 1).join('')}`;
/** How many of the first words (at most `most`) can be a name. */
function leadingNameWords(parts: string[], most: number, anyCase = false): number {
  let count = 0;
  while (count < most && 2 * count < parts.length && isNameWord(parts[2 * count]!, anyCase)) count += 1;
  return count;
}

// Told: "my name is Ada Lovelace", "I'm Kwame", "this is", "it's", "it is", "I am", in any case,
// then one to three capitalised words whatever follows ("My name is Ada Lovelace I live at ...");
// after "my name is" also one or two words in lower case ("my name is ada lovelace").
const TOLD_NAME = new RegExp(String.raw`(?<![\p{L}'’])(my\s+name\s+is|my\s+name['’]s|this\s+is|it\s+is|it['’]s|i\s+am|i['’]m)(\s+)(${NAME_WORDS})`, 'giu');
function replaceToldName(match: string, cue: string, space: string, words: string): string {
  const parts = splitWords(words);
  let count = leadingNameWords(parts, 3);
  if (count === 0 && /^my\s+name/i.test(cue)) count = leadingNameWords(parts, 2, true);
  return count === 0 ? match : `${cue}${space}${replaceFirst(parts, count)}`;
}

// A sign-off with a name at the end of a line or of the text ("Thanks, John Smith", "Regards\nJane",
// "Cheers Tom"): every word after it must be a capitalised name, or nothing changes ("Thanks for
// nothing", "Many thanks\nHightown Council").
const SIGN_OFF = new RegExp(
  String.raw`(?<![\p{L}'’])((?:many\s+|kind\s+|best\s+|warm\s+|warmest\s+)?(?:thanks|thank\s+you|regards|wishes)|cheers|yours\s+(?:sincerely|faithfully|truly)|sincerely|all\s+the\s+best)([ \t]*[,.!-]?\s+)(${NAME_WORDS})(?=[ \t]*[.!]?[ \t]*(?:\r?\n|$))`,
  'giu',
);
function replaceSignOff(match: string, signOff: string, between: string, words: string): string {
  const parts = splitWords(words);
  const count = leadingNameWords(parts, 3);
  return count > 0 && 2 * count - 1 === parts.length ? `${signOff}${between}${REDACTED.name}` : match;
}

// After a title, in any case ("Mrs okafor", "mr smith", "Ms A Patel", "Dr Jones"): initials, then a
// name word and perhaps a second, capitalised. "ms", "dr" and "miss" in lower case (multiple
// sclerosis, a drive, to miss a bin) and "Miss" at all take only a capitalised name.
const TITLED_NAME = new RegExp(
  String.raw`(?<![\p{L}'’])([Mm][Rr][Ss]|[Mm][Rr]|[Mm][Ss]|[Mm][Ii][Ss][Ss]|[Mm][Xx]|[Dd][Rr])(\.?[ \t]+)((?:\p{Lu}\.?[ \t]+){0,2})(${WORD}(?:[ \t]+${WORD})?)`,
  'gu',
);
function replaceTitledName(match: string, title: string, _space: string, initials: string, words: string): string {
  const anyCase = /^mrs?$/i.test(title) || (/^\p{Lu}/u.test(title) && !/^miss$/i.test(title));
  const parts = splitWords(words);
  let count = isNameWord(parts[0]!, anyCase) || (initials && /^\p{Lu}/u.test(parts[0]!) && !NOT_NAMES.has(parts[0]!.toLowerCase())) ? 1 : 0;
  if (count === 1 && parts.length === 3 && isNameWord(parts[2]!)) count = 2;
  if (count === 0 && !initials) return match;
  if (count === 0) return `${REDACTED.name} ${words}`;
  return replaceFirst(parts, count);
}

// Relations and neighbours by name ("my daughter Sarah Jones", "my husband, Kwame Mensah").
const RELATION_NAME = new RegExp(
  String.raw`(?<![\p{L}'’])(my\s+(?:son|daughter|wife|husband|partner|mum|mom|mam|dad|mother|father|brother|sister|neighbour|neighbor|carer|grandson|granddaughter|grandmother|grandfather|nan|gran)(?![\p{L}'’]))([ \t]*,?\s+)(${NAME_WORDS})`,
  'giu',
);
function replaceRelationName(match: string, relation: string, space: string, words: string): string {
  const parts = splitWords(words);
  const count = leadingNameWords(parts, 3);
  return count === 0 ? match : `${relation}${space}${replaceFirst(parts, count)}`;
}

// A house number and one or two capitalised words after "I live at", "at number", "address is",
// "outside" ("I live at 4 Broadway", "7 The Elms"); not a count ("outside 3 Bins").
const TOLD_ADDRESS = new RegExp(
  String.raw`(?<![\p{L}'’])((?:live[sd]?|living|staying|stay)\s+at|at\s+number|address\s+is|address\s*:|outside|opposite|next\s+door\s+to)(\s+)(\d{1,4}[a-z]?[ \t]+${WORD}(?:[ \t]+${WORD})?)`,
  'giu',
);
function replaceToldAddress(match: string, cue: string, space: string, numberAndWords: string): string {
  const words = splitWords(numberAndWords).slice(2); // after the house number and its space
  let count = leadingNameWords(words, 2);
  if (words[0] === 'The' && words.length === 3 && isNameWord(words[2]!)) count = 2; // "7 The Elms"
  return count === 0 ? match : `${cue}${space}${REDACTED.address}${words.slice(2 * count - 1).join('')}`;
}

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
 * postcode, house number with its street (or after "I live at", "outside"), flat number, vehicle
 * registration, date of birth (and any whole date before 2000), long number (account, card, sort
 * code, National Insurance) and name (as recorded with the contact, after a title, told, in a
 * sign-off or after "my daughter" and the like) replaced by a word in brackets;
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
  out = out.replace(FLAT, REDACTED.address).replace(HOUSE_ON_LONG_STREET, REDACTED.address).replace(HOUSE_ON_STREET, REDACTED.address);
  out = out.replace(HOUSE_ON_PLACE, REDACTED.address).replace(TOLD_ADDRESS, replaceToldAddress);
  out = out.replace(BARE_PHONE, replaceBarePhone).replace(LONG_NUMBER, REDACTED.number);
  out = out.replace(TITLED_NAME, replaceTitledName);
  if (resident.name) for (const word of nameWordsOf(resident.name)) out = replaceWhole(out, word, REDACTED.name);
  out = out.replace(TOLD_NAME, replaceToldName).replace(SIGN_OFF, replaceSignOff).replace(RELATION_NAME, replaceRelationName);
  // A first name and a surname ("[name] [name]", "[name]-[name]") read as one.
  out = out.replace(/\[name\](?:[\s-]+\[name\])+/g, REDACTED.name);
  return out;
}
