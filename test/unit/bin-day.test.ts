import { describe, expect, it } from 'vitest';
import { catalogue } from '#catalogue/index';
import { type BinRound, describeCollections, findPostcode, nextCollections, normalisePostcode } from '#domain/bin-day';
import { buildCalendar } from '#domain/calendar';
import { buildCatalogue, CatalogueError } from '#domain/catalogue';
import answers from '../../shared/catalogue/answers.json' with { type: 'json' };
import binRounds from '../../shared/catalogue/bin-rounds.json' with { type: 'json' };
import calendarData from '../../shared/catalogue/calendar.json' with { type: 'json' };
import lookups from '../../shared/catalogue/lookups.json' with { type: 'json' };
import services from '../../shared/catalogue/services.json' with { type: 'json' };
import teams from '../../shared/catalogue/teams.json' with { type: 'json' };

const calendar = buildCalendar(calendarData, 'shared/catalogue/calendar.json');
const at = (iso: string) => new Date(iso);

/** A round collected on one weekday: recycling and general waste on alternate weeks, food weekly. */
function round(weekday: BinRound['collections'][number]['weekday'], recyclingWeek: string, generalWasteWeek: string): BinRound {
  return {
    postcode: 'NN1 4TQ',
    streets: ['Abbey Road'],
    bankHolidayShift: 'next-day',
    collections: [
      { bin: 'recycling', weekday, frequency: 'fortnightly', firstCollection: recyclingWeek },
      { bin: 'general waste', weekday, frequency: 'fortnightly', firstCollection: generalWasteWeek },
      { bin: 'food waste', weekday, frequency: 'weekly', firstCollection: recyclingWeek },
    ],
  };
}

// Tuesdays: recycling on 24 November 2026, general waste on 1 December 2026, and fortnightly on.
const TUESDAYS = round('tuesday', '2026-11-24', '2026-12-01');
// Mondays: general waste on 28 December 2026 (the Boxing Day bank holiday), recycling the week before.
const MONDAYS = round('monday', '2026-12-21', '2026-12-28');

describe('normalisePostcode', () => {
  it.each([
    ['sw1a1aa', 'SW1A 1AA'],
    [' nn1  4tq ', 'NN1 4TQ'],
    ['NN14TQ', 'NN1 4TQ'],
    ['m1 1ae', 'M1 1AE'],
    ['B338TH', 'B33 8TH'],
    ['cr2 6xh', 'CR2 6XH'],
    ['DN55 1PT', 'DN55 1PT'],
    ['w1a0ax', 'W1A 0AX'],
    ['EC1A 1BB', 'EC1A 1BB'],
    ['gir 0aa', 'GIR 0AA'],
  ])('reads %j as %j', (input, expected) => {
    expect(normalisePostcode(input)).toBe(expected);
  });

  it.each(['', 'hello', 'SW1A', '12345', 'NN1 4CQ', 'NN1 4TI', 'NNN1 4TQ', '1NN 4TQ', 'NN1 TQ4', 'K7MD-Q9PX'])(
    'is undefined for %j, which cannot be a UK postcode',
    (input) => {
      expect(normalisePostcode(input)).toBeUndefined();
    },
  );
});

describe('findPostcode', () => {
  it.each([
    ['when is my bin day SW1A 1AA?', 'SW1A 1AA'],
    ['bins for nn26lr please', 'NN2 6LR'],
    ['Flat 2, 10 Abbey Road, NN1 4TQ.', 'NN1 4TQ'],
    ['my postcode is nn1 4tq and my bins were missed', 'NN1 4TQ'],
    ['NN2 6LR', 'NN2 6LR'],
  ])('finds the postcode in %j', (text, expected) => {
    expect(findPostcode(text)).toBe(expected);
  });

  it.each(['when is my bin day?', 'call 0300 000 0000', 'my reference is K7MD-Q9PX', 'ABNN1 4TQX', 'flat 14 at number 22'])(
    'finds none in %j',
    (text) => {
      expect(findPostcode(text)).toBeUndefined();
    },
  );
});

describe('the shipped bin rounds', () => {
  it('are found by postcode however it is written', () => {
    expect(catalogue.binRounds('nn14tq')?.streets).toContain('Abbey Road');
    expect(catalogue.binRounds('NN2 6LR')?.postcode).toBe('NN2 6LR');
    expect(catalogue.binRounds('SW1A 1AA')).toBeUndefined();
    expect(catalogue.binRounds('not a postcode')).toBeUndefined();
    expect(catalogue.allBinRounds.length).toBeGreaterThanOrEqual(4);
  });

  it('give every postcode its next collection of each bin, within two weeks and a bank holiday, all year round', () => {
    for (const binRound of catalogue.allBinRounds) {
      for (let day = 0; day < 365; day += 5) {
        const now = new Date(Date.UTC(2027, 0, 1 + day, 9));
        const next = nextCollections(binRound, now, catalogue.calendar);
        expect(next.map((c) => c.bin).toSorted()).toEqual(binRound.collections.map((c) => c.bin).toSorted());
        const today = now.toISOString().slice(0, 10);
        for (const { date } of next) {
          expect(date >= today, `${binRound.postcode} ${today}`).toBe(true);
          expect((Date.parse(date) - Date.parse(today)) / 86_400_000).toBeLessThanOrEqual(16);
        }
      }
    }
  });
});

describe('nextCollections', () => {
  it('gives each bin its next day, soonest first, with fortnightly bins on their own weeks', () => {
    // Sunday 22 November 2026
    expect(nextCollections(TUESDAYS, at('2026-11-22T12:00:00Z'), calendar)).toEqual([
      { bin: 'recycling', date: '2026-11-24' },
      { bin: 'food waste', date: '2026-11-24' },
      { bin: 'general waste', date: '2026-12-01' },
    ]);
  });

  it('still shows a collection due today after the bins have gone out (6pm on the day)', () => {
    expect(nextCollections(TUESDAYS, at('2026-11-24T18:00:00Z'), calendar)[0]).toEqual({ bin: 'recycling', date: '2026-11-24' });
  });

  it('moves to next week after the collection day (Wednesday 25 November)', () => {
    expect(nextCollections(TUESDAYS, at('2026-11-25T09:00:00Z'), calendar)).toEqual([
      { bin: 'general waste', date: '2026-12-01' },
      { bin: 'food waste', date: '2026-12-01' },
      { bin: 'recycling', date: '2026-12-08' },
    ]);
  });

  it('keeps the fortnightly weeks from an anchor years before or after', () => {
    // General waste: 2 January 2024 and 9 March 2027 are Tuesdays an even number of weeks from 1 December 2026;
    // recycling: 6 January 2026 and 2 March 2027 are an odd number of weeks from it.
    const early = round('tuesday', '2026-01-06', '2024-01-02');
    const late = round('tuesday', '2027-03-02', '2027-03-09');
    for (const r of [early, late]) {
      const next = nextCollections(r, at('2026-11-25T09:00:00Z'), calendar);
      expect(next.find((c) => c.bin === 'general waste')?.date).toBe('2026-12-01');
      expect(next.find((c) => c.bin === 'recycling')?.date).toBe('2026-12-08');
    }
  });

  it("reads today from London's clock: 00:30 BST on Tuesday 7 July 2026 is still Monday 6 July in UTC", () => {
    const summer = round('tuesday', '2026-07-07', '2026-07-14');
    expect(nextCollections(summer, at('2026-07-06T23:30:00Z'), calendar)[0]).toEqual({ bin: 'recycling', date: '2026-07-07' });
  });

  it('moves a collection on a bank holiday to the next day: Monday 28 December 2026 goes on Tuesday 29 December', () => {
    expect(calendar.bankHolidayOn('2026-12-28')).toBeDefined();
    const next = nextCollections(MONDAYS, at('2026-12-23T10:00:00Z'), calendar);
    expect(next).toEqual([
      { bin: 'general waste', date: '2026-12-29' },
      { bin: 'food waste', date: '2026-12-29' },
      { bin: 'recycling', date: '2027-01-04' },
    ]);
  });

  it('shows the moved collection on the day it moved to (Tuesday 29 December), not next week', () => {
    expect(nextCollections(MONDAYS, at('2026-12-29T15:00:00Z'), calendar)[0]).toEqual({ bin: 'general waste', date: '2026-12-29' });
    expect(nextCollections(MONDAYS, at('2026-12-30T09:00:00Z'), calendar)[0]).toEqual({ bin: 'recycling', date: '2027-01-04' });
  });

  it('moves Easter Monday 2027 to Tuesday and Good Friday to Saturday', () => {
    expect(nextCollections(round('monday', '2027-03-29', '2027-03-22'), at('2027-03-24T10:00:00Z'), calendar)[0]).toEqual({
      bin: 'recycling',
      date: '2027-03-30',
    });
    expect(nextCollections(round('friday', '2027-03-26', '2027-03-19'), at('2027-03-22T10:00:00Z'), calendar)[0]).toEqual({
      bin: 'recycling',
      date: '2027-03-27',
    });
  });

  it('moves past two bank holidays in a row: Monday 27 December 2027 goes on Wednesday 29 December', () => {
    expect(calendar.bankHolidayOn('2027-12-27')).toBeDefined();
    expect(calendar.bankHolidayOn('2027-12-28')).toBeDefined();
    const next = nextCollections(round('monday', '2027-12-27', '2027-12-20'), at('2027-12-22T10:00:00Z'), calendar);
    expect(next[0]).toEqual({ bin: 'recycling', date: '2027-12-29' });
  });

  it('collects on the bank holiday when the round says so', () => {
    const noShift = { ...MONDAYS, bankHolidayShift: 'none' as const };
    expect(nextCollections(noShift, at('2026-12-23T10:00:00Z'), calendar)[0]).toEqual({ bin: 'general waste', date: '2026-12-28' });
  });

  it('is not moved by the council office closure at Christmas, only by bank holidays', () => {
    // The office is closed 24 December 2026 to 1 January 2027; Thursday 31 December is no bank holiday.
    expect(calendar.isWorkingDay('2026-12-31')).toBe(false);
    expect(nextCollections(round('thursday', '2026-12-31', '2026-12-24'), at('2026-12-29T10:00:00Z'), calendar)[0]).toEqual({
      bin: 'recycling',
      date: '2026-12-31',
    });
  });
});

describe('describeCollections', () => {
  const sunday = at('2026-11-22T12:00:00Z');
  const twoBins: BinRound = { ...TUESDAYS, collections: TUESDAYS.collections.filter((c) => c.bin !== 'food waste') };

  it('writes each bin and its day', () => {
    expect(describeCollections(nextCollections(twoBins, sunday, calendar), sunday, 'written')).toBe(
      'recycling: Tuesday 24 November; general waste: Tuesday 1 December',
    );
  });

  it('puts bins collected on the same day together, and says today and tomorrow', () => {
    const tuesday = at('2026-11-24T07:30:00Z');
    expect(describeCollections(nextCollections(TUESDAYS, tuesday, calendar), tuesday)).toBe(
      'recycling and food waste: today, Tuesday 24 November; general waste: Tuesday 1 December',
    );
    const monday = at('2026-11-23T19:00:00Z');
    expect(describeCollections(nextCollections(TUESDAYS, monday, calendar), monday, 'spoken')).toBe(
      'recycling and food waste tomorrow, and general waste on Tuesday the first of December',
    );
  });

  it('speaks the dates for a call, with the year when it is next year', () => {
    const christmas = at('2026-12-23T10:00:00Z');
    expect(describeCollections(nextCollections(MONDAYS, christmas, calendar), christmas, 'spoken')).toBe(
      'general waste and food waste on Tuesday the twenty-ninth of December, and recycling on Monday the fourth of January twenty twenty-seven',
    );
    expect(describeCollections(nextCollections(MONDAYS, christmas, calendar), christmas, 'written')).toBe(
      'general waste and food waste: Tuesday 29 December; recycling: Monday 4 January 2027',
    );
  });
});

describe('bin rounds that do not load', () => {
  function seed() {
    return structuredClone({ version: 'test', defaultServiceId: 'general-enquiry', teams, services, answers, lookups, binRounds, calendar: calendarData });
  }
  const source = { default: 'catalogue', binRounds: 'bin-rounds.json' };

  it('name the file, the round and the field of a postcode not written as residents see it', () => {
    const data = seed();
    data.binRounds[1]!.postcode = 'nn26lr';
    expect(() => buildCatalogue(data, source)).toThrow(CatalogueError);
    expect(() => buildCatalogue(data, source)).toThrow("bin-rounds.json: binRounds[1] (postcode 'nn26lr') field postcode: write it as 'NN2 6LR'");
    data.binRounds[1]!.postcode = 'Abbey Road';
    expect(() => buildCatalogue(data, source)).toThrow(/field postcode: is not a UK postcode/);
  });

  it('refuse a postcode with two rounds and a bin collected twice', () => {
    const twice = seed();
    twice.binRounds.push(structuredClone(twice.binRounds[0]!));
    expect(() => buildCatalogue(twice, source)).toThrow(/binRounds\[\d+\] \(postcode 'NN1 4TQ'\) field postcode: 'NN1 4TQ' has two rounds/);
    const bin = seed();
    bin.binRounds[0]!.collections[1]!.bin = 'general waste';
    expect(() => buildCatalogue(bin, source)).toThrow(/field collections\[1\]\.bin: 'general waste' is collected twice/);
  });

  it('refuse an anchor date on a different weekday from the round', () => {
    const data = seed();
    data.binRounds[0]!.collections[0]!.firstCollection = '2026-01-07';
    expect(() => buildCatalogue(data, source)).toThrow(
      "binRounds[0] (postcode 'NN1 4TQ') field collections[0].firstCollection: 2026-01-07 is a wednesday, not a tuesday",
    );
  });

  it('refuse an unknown bin, frequency or a date that is not on the calendar', () => {
    const bin = seed();
    bin.binRounds[0]!.collections[0]!.bin = 'glass';
    expect(() => buildCatalogue(bin, source)).toThrow(/bin-rounds\.json: binRounds\[0\] field collections\[0\]\.bin/);
    const frequency = seed();
    frequency.binRounds[0]!.collections[0]!.frequency = 'monthly';
    expect(() => buildCatalogue(frequency, source)).toThrow(/binRounds\[0\] field collections\[0\]\.frequency/);
    const date = seed();
    date.binRounds[0]!.collections[0]!.firstCollection = '2026-02-30';
    expect(() => buildCatalogue(date, source)).toThrow(/collections\[0\]\.firstCollection: is not a date on the calendar/);
  });
});
