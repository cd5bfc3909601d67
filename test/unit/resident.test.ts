import { describe, expect, it } from 'vitest';
import { canText, maskEmail, maskPhone, nameWords, normaliseEmail, normalisePhone, normalisePhoneLoosely } from '#domain/resident';

describe('normalisePhone', () => {
  it('writes a UK mobile the ways residents type it as one E.164 number', () => {
    // Act
    const written = ['07700 900123', '07700900123', '+44 (0)7700 900123', '0044 7700 900123', '+44 7700 900123', '+447700900123', '  07700-900-123  ', '07700.900.123'].map(normalisePhone);

    // Assess
    expect(new Set(written)).toEqual(new Set(['+447700900123']));
  });

  it('keeps a London landline, with or without the trunk zero after +44', () => {
    // Act / Assess
    expect(normalisePhone('020 7946 0000')).toBe('+442079460000');
    expect(normalisePhone('+44 20 7946 0000')).toBe('+442079460000');
    expect(normalisePhone('+44 020 7946 0000')).toBe('+442079460000');
  });

  it('accepts a nine-digit UK number (e.g. some 0800 freephone numbers)', () => {
    // Act / Assess
    expect(normalisePhone('0800 123 456')).toBe('+44800123456');
  });

  it('keeps international numbers written with + or 00', () => {
    // Act / Assess
    expect(normalisePhone('+1 202 555 0143')).toBe('+12025550143');
    expect(normalisePhone('001 202 555 0143')).toBe('+12025550143');
    expect(normalisePhone('+353 1 234 5678')).toBe('+35312345678');
  });

  it('refuses garbage, letters and stray symbols', () => {
    // Act / Assess
    expect(normalisePhone('')).toBeUndefined();
    expect(normalisePhone('   ')).toBeUndefined();
    expect(normalisePhone('call me')).toBeUndefined();
    expect(normalisePhone('07700 9OO123')).toBeUndefined();
    expect(normalisePhone('07700 900123 ext 4')).toBeUndefined();
    expect(normalisePhone('07700/900123')).toBeUndefined();
    expect(normalisePhone('+')).toBeUndefined();
    expect(normalisePhone('00')).toBeUndefined();
    expect(normalisePhone('0+447700900123')).toBeUndefined();
  });

  it('refuses a number without a country code or trunk zero', () => {
    // Act / Assess
    expect(normalisePhone('7700 900123')).toBeUndefined();
  });

  it('refuses UK numbers that are too short or too long', () => {
    // Act / Assess
    expect(normalisePhone('0770 090')).toBeUndefined();
    expect(normalisePhone('0800 12345')).toBeUndefined();
    expect(normalisePhone('07700 9001234')).toBeUndefined();
    expect(normalisePhone('+44 7700 900123 45')).toBeUndefined();
  });

  it('refuses international numbers that are too short, too long or start with 0', () => {
    // Act / Assess
    expect(normalisePhone('+1 202 555')).toBeUndefined();
    expect(normalisePhone('+1 202 555 0143 0143 01')).toBeUndefined();
    expect(normalisePhone('+0 123 456 789')).toBeUndefined();
  });
});

describe('normaliseEmail', () => {
  it('trims and lower-cases an address', () => {
    // Act / Assess
    expect(normaliseEmail('  Jo.Bloggs@Example.GOV.uk ')).toBe('jo.bloggs@example.gov.uk');
    expect(normaliseEmail('a@b.co')).toBe('a@b.co');
  });

  it('refuses what cannot be an address', () => {
    // Act / Assess
    expect(normaliseEmail('')).toBeUndefined();
    expect(normaliseEmail('jo.bloggs')).toBeUndefined();
    expect(normaliseEmail('jo@localhost')).toBeUndefined();
    expect(normaliseEmail('@example.com')).toBeUndefined();
    expect(normaliseEmail('jo@@example.com')).toBeUndefined();
    expect(normaliseEmail('jo bloggs@example.com')).toBeUndefined();
    expect(normaliseEmail('jo@example.')).toBeUndefined();
  });
});

describe('normalisePhone with an area code in brackets', () => {
  it.each([
    ['(020) 7946 0000', '+442079460000'],
    ['(01632) 960 001', '+441632960001'],
    ['(07700) 900-123', '+447700900123'],
  ])('%s -> %s', (input, expected) => {
    expect(normalisePhone(input)).toBe(expected);
  });
});

describe('normalisePhoneLoosely (a search box)', () => {
  it('takes every spelling normalisePhone takes, and a UK number written internationally without its +', () => {
    const written = ['07700 900123', '+44 7700 900123', '447700900123', '44 7700 900123', '0044 7700 900123'].map(normalisePhoneLoosely);
    expect(new Set(written)).toEqual(new Set(['+447700900123']));
  });

  it('does not read other digits without a + as a number abroad', () => {
    expect(normalisePhoneLoosely('7700900123')).toBeUndefined();
    expect(normalisePhoneLoosely('4412')).toBeUndefined();
  });
});

describe('canText', () => {
  it('is true for a UK mobile and a number abroad, false for a UK landline or nothing', () => {
    expect(canText('+447700900123')).toBe(true);
    expect(canText('+33612345678')).toBe(true);
    expect(canText('+441632960123')).toBe(false);
    expect(canText(undefined)).toBe(false);
  });
});

describe('nameWords', () => {
  it('lower-cases, drops accents and apostrophes, splits hyphenated names and leaves out initials', () => {
    expect(nameWords("Siobhán O'Brien-Smith")).toEqual(['siobhan', 'obrien', 'smith']);
    expect(nameWords('  ZOË   j.  ADEYEMI ')).toEqual(['zoe', 'adeyemi']);
  });

  it('keeps each word once, letters of any script, at most six words', () => {
    expect(nameWords('Anna Anna')).toEqual(['anna']);
    expect(nameWords('Ólafur Ragnar Grímsson')).toEqual(['olafur', 'ragnar', 'grimsson']);
    // Marks are dropped in every script (й is и with a breve): the index and the search fold alike.
    expect(nameWords('Дмитрий Иванов')).toEqual(['дмитрии', 'иванов']);
    expect(nameWords('ДМИТРИЙ')).toEqual(nameWords('дмитрий'));
    expect(nameWords('aa bb cc dd ee ff gg hh')).toHaveLength(6);
  });

  it('finds no word in digits or punctuation', () => {
    expect(nameWords('12 -- !!')).toEqual([]);
  });
});

describe('masking', () => {
  it('shows a UK number as its first two digits and last three, a number abroad as its country code and last three', () => {
    expect(maskPhone('+447700900123')).toBe('07... ending 123');
    expect(maskPhone('+33612345678')).toBe('+336... ending 678');
  });

  it("shows an email address as its first letter and domain", () => {
    expect(maskEmail('grace.hopper@example.org')).toBe('g...@example.org');
  });
});
