import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import seed from '../../shared/catalogue/calendar.json' with { type: 'json' };
import {
  type CalendarData,
  CalendarError,
  buildCalendar,
  londonInstant,
  londonTimeOf,
} from '#domain/calendar';
import { englandAndWalesBankHolidays } from '../../scripts/bank-holidays-source.ts';

const seedData = seed as CalendarData;
const calendar = buildCalendar(seedData, 'shared/catalogue/calendar.json');
const at = (iso: string) => new Date(iso);
const hours = (n: number) => n * 3_600_000;

/** The seed calendar's data with changes, for the cases the seed does not cover. */
function seedWith(change: Partial<CalendarData>): CalendarData {
  return { ...structuredClone(seed as CalendarData), ...change };
}

describe('bank holidays', () => {
  it('equal GOV.UK England and Wales bank holidays 2019-2028 exactly', () => {
    // Prepare
    const csv = readFileSync(new URL('../../data/bank_holidays_england_and_wales.csv', import.meta.url), 'utf8');
    const govuk = csv
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.slice(0, 10));

    // Act
    const ours: string[] = [];
    for (let year = 2019; year <= 2028; year++) ours.push(...calendar.bankHolidaysIn(year).map((h) => h.date));

    // Assess
    expect(govuk).toHaveLength(83);
    expect(ours).toEqual(govuk);
  });

  it('leave out the weekend day a substitute day replaces', () => {
    // Prepare: Boxing Day 2026 is a Saturday; the bank holiday is Monday 28 December.

    // Act
    const dates = englandAndWalesBankHolidays(2026).map((h) => h.date);

    // Assess
    expect(dates).toContain('2026-12-28');
    expect(dates).not.toContain('2026-12-26');
    expect(calendar.bankHolidayOn('2026-12-26')).toBeUndefined();
  });

  it('are what npm run calendar:bank-holidays writes, for every year the calendar covers', () => {
    const { from, to } = seed.bankHolidays.years;
    for (let year = from; year <= to; year++) {
      expect(calendar.bankHolidaysIn(year), String(year)).toEqual(englandAndWalesBankHolidays(year));
    }
  });

  it('refuse a date in a year the calendar does not cover, saying how to add it', () => {
    expect(() => calendar.isWorkingDay(`${seed.bankHolidays.years.to + 1}-06-01`)).toThrow(/npm run calendar:bank-holidays/);
    expect(() => buildCalendar(seedWith({ bankHolidays: { ...seedData.bankHolidays, dates: [{ date: '2051-01-01', name: 'x' }] } }))).toThrow(
      /bankHolidays\.dates\[0\]\.date: 2051-01-01 is outside years/,
    );
  });

  it('add a one-off bank holiday from the data and close on it', () => {
    // Prepare
    const withExtra = buildCalendar(
      seedWith({
        bankHolidays: { ...seedData.bankHolidays, dates: [...seedData.bankHolidays.dates, { date: '2029-06-08', name: 'Royal occasion' }] },
      }),
    );

    // Act
    const holidays2029 = withExtra.bankHolidaysIn(2029).map((h) => h.date);

    // Assess
    expect(holidays2029).toContain('2029-06-08');
    expect(withExtra.isWorkingDay('2029-06-08')).toBe(false);
    expect(calendar.isWorkingDay('2029-06-08')).toBe(true);
  });

  it('are ordinary days for a calendar that does not close on them', () => {
    // Prepare
    const openOnBankHolidays = buildCalendar(seedWith({ bankHolidays: { ...seedData.bankHolidays, closed: false } }));

    // Act / Assess: Spring bank holiday, Monday 25 May 2026
    expect(openOnBankHolidays.isWorkingDay('2026-05-25')).toBe(true);
    expect(calendar.isWorkingDay('2026-05-25')).toBe(false);
  });
});

describe('London local time', () => {
  it('is GMT in winter and BST in summer', () => {
    // Act / Assess
    expect(londonInstant('2026-01-15', '08:30').toISOString()).toBe('2026-01-15T08:30:00.000Z');
    expect(londonInstant('2026-07-15', '08:30').toISOString()).toBe('2026-07-15T07:30:00.000Z');
    expect(londonTimeOf(at('2026-07-15T07:30:00Z'))).toMatchObject({ date: '2026-07-15', time: '08:30', offsetMinutes: 60 });
  });

  it('moves a local time in the spring-forward gap forward by the gap (29 March 2026)', () => {
    // Act
    const inGap = londonInstant('2026-03-29', '01:30');

    // Assess: 01:30 does not exist; it is read as 02:30 BST
    expect(inGap.toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(londonTimeOf(inGap)).toMatchObject({ time: '02:30', offsetMinutes: 60 });
    expect(londonInstant('2026-03-29', '00:59').toISOString()).toBe('2026-03-29T00:59:00.000Z');
    expect(londonInstant('2026-03-29', '02:00').toISOString()).toBe('2026-03-29T01:00:00.000Z');
  });

  it('takes the earlier instant for a local time in the fall-back overlap (25 October 2026)', () => {
    // Act
    const inOverlap = londonInstant('2026-10-25', '01:30');

    // Assess: 01:30 happens twice; the BST one is taken
    expect(inOverlap.toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(londonTimeOf(at('2026-10-25T00:30:00Z'))).toMatchObject({ time: '01:30', offsetMinutes: 60 });
    expect(londonTimeOf(at('2026-10-25T01:30:00Z'))).toMatchObject({ time: '01:30', offsetMinutes: 0 });
    expect(londonInstant('2026-10-25', '02:00').toISOString()).toBe('2026-10-25T02:00:00.000Z');
  });

  it('counts a 24-hour service as 23 hours on the spring day and 25 on the autumn day', () => {
    // Prepare
    const allDay = [{ opens: '00:00', closes: '24:00' }];
    const alwaysOpen = buildCalendar(
      seedWith({
        openingHours: {
          monday: allDay, tuesday: allDay, wednesday: allDay, thursday: allDay, friday: allDay, saturday: allDay, sunday: allDay,
        },
        bankHolidays: { ...seedData.bankHolidays, closed: false },
        closures: [],
      }),
    );

    // Act
    const spring = alwaysOpen.businessTimeBetween(londonInstant('2026-03-29', '00:00'), londonInstant('2026-03-30', '00:00'));
    const autumn = alwaysOpen.businessTimeBetween(londonInstant('2026-10-25', '00:00'), londonInstant('2026-10-26', '00:00'));

    // Assess
    expect(spring).toBe(hours(23));
    expect(autumn).toBe(hours(25));
    expect(alwaysOpen.isOpen(at('2026-03-29T01:30:00Z'))).toBe(true);
  });
});

describe('opening hours', () => {
  it('are described for a resident in plain words', () => {
    // Act / Assess
    expect(calendar.describeOpeningHours()).toBe(
      'Monday to Thursday 8:30am to 12:30pm and 1:30pm to 5pm; Friday 8:30am to 4:30pm; closed at weekends and on bank holidays',
    );
    expect(calendar.describeOpeningHours('spoken')).toBe(
      'Monday to Thursday eight thirty a m to twelve thirty p m and one thirty p m to five p m; ' +
        'Friday eight thirty a m to four thirty p m; closed at weekends and on bank holidays',
    );
  });

  it('have a lunch gap: two windows on a Monday, in BST', () => {
    // Act
    const windows = calendar.openingWindowsOn('2026-06-01');

    // Assess
    expect(windows.map((w) => [w.opens.toISOString(), w.closes.toISOString()])).toEqual([
      ['2026-06-01T07:30:00.000Z', '2026-06-01T11:30:00.000Z'],
      ['2026-06-01T12:30:00.000Z', '2026-06-01T16:00:00.000Z'],
    ]);
  });

  it('count the opening minute as open and the closing minute as closed', () => {
    // Prepare: Monday 30 November 2026, GMT

    // Act / Assess
    expect(calendar.isOpen(at('2026-11-30T08:29:59Z'))).toBe(false);
    expect(calendar.isOpen(at('2026-11-30T08:30:00Z'))).toBe(true);
    expect(calendar.isOpen(at('2026-11-30T12:29:59Z'))).toBe(true);
    expect(calendar.isOpen(at('2026-11-30T12:30:00Z'))).toBe(false);
    expect(calendar.isOpen(at('2026-11-30T13:30:00Z'))).toBe(true);
    expect(calendar.isOpen(at('2026-11-30T17:00:00Z'))).toBe(false);
    expect(calendar.isOpen(at('2026-11-28T10:00:00Z'))).toBe(false); // Saturday
  });

  it('close for the Christmas closure 2026 and reopen on Monday 4 January 2027', () => {
    // Act / Assess
    expect(calendar.isWorkingDay('2026-12-23')).toBe(true);
    for (const day of ['2026-12-24', '2026-12-29', '2026-12-31', '2027-01-01']) expect(calendar.isWorkingDay(day)).toBe(false);
    expect(calendar.nextOpening(at('2026-12-23T17:00:00Z')).toISOString()).toBe('2027-01-04T08:30:00.000Z');
    expect(calendar.isWorkingDay('2027-12-24')).toBe(false);
    expect(calendar.nextOpening(at('2027-12-23T17:00:00Z')).toISOString()).toBe('2028-01-04T08:30:00.000Z');
  });

  it('take out a training afternoon given as a closure with hours', () => {
    // Prepare
    const withTraining = buildCalendar(
      seedWith({ closures: [{ name: 'Staff training', from: '2026-11-18', to: '2026-11-18', hours: { opens: '13:30', closes: '17:00' } }] }),
    );

    // Act
    const windows = withTraining.openingWindowsOn('2026-11-18');

    // Assess
    expect(windows.map((w) => [w.opens.toISOString(), w.closes.toISOString()])).toEqual([
      ['2026-11-18T08:30:00.000Z', '2026-11-18T12:30:00.000Z'],
    ]);
    expect(withTraining.isWorkingDay('2026-11-18')).toBe(true);
    expect(withTraining.endOfWorkingDay('2026-11-18').toISOString()).toBe('2026-11-18T12:30:00.000Z');
    expect(withTraining.nextOpening(at('2026-11-18T12:45:00Z')).toISOString()).toBe('2026-11-19T08:30:00.000Z');
  });

  it('split a window around a closure in the middle of it', () => {
    // Prepare
    const withMeeting = buildCalendar(
      seedWith({ closures: [{ name: 'All-staff briefing', from: '2026-11-20', to: '2026-11-20', hours: { opens: '10:00', closes: '11:00' } }] }),
    );

    // Act
    const windows = withMeeting.openingWindowsOn('2026-11-20');

    // Assess
    expect(windows.map((w) => [w.opens.toISOString(), w.closes.toISOString()])).toEqual([
      ['2026-11-20T08:30:00.000Z', '2026-11-20T10:00:00.000Z'],
      ['2026-11-20T11:00:00.000Z', '2026-11-20T16:30:00.000Z'],
    ]);
  });
});

describe('next opening', () => {
  it('is the same instant when open, after lunch in the lunch gap, and Tuesday after a bank holiday weekend', () => {
    // Act / Assess
    expect(calendar.nextOpening(at('2026-11-30T10:00:00Z')).toISOString()).toBe('2026-11-30T10:00:00.000Z');
    expect(calendar.nextOpening(at('2026-11-30T12:45:00Z')).toISOString()).toBe('2026-11-30T13:30:00.000Z');
    expect(calendar.nextOpening(at('2026-05-22T15:30:00Z')).toISOString()).toBe('2026-05-26T07:30:00.000Z');
  });

  it('is told in words, with today and tomorrow', () => {
    // Act / Assess
    expect(calendar.nextOpeningInWords(at('2026-11-30T10:00:00Z'))).toBe("We're open now until 12:30pm today.");
    expect(calendar.nextOpeningInWords(at('2026-11-30T12:45:00Z'))).toBe("We're closed now and open again at 1:30pm today.");
    expect(calendar.nextOpeningInWords(at('2026-11-30T18:00:00Z'))).toBe("We're closed now and open again at 8:30am tomorrow.");
    expect(calendar.nextOpeningInWords(at('2026-05-22T16:00:00Z'))).toBe(
      "We're closed now and open again at 8:30am on Tuesday 26 May.",
    );
    expect(calendar.nextOpeningInWords(at('2026-12-23T18:00:00Z'), 'spoken')).toBe(
      "We're closed now and open again at eight thirty a m on Monday the fourth of January twenty twenty-seven.",
    );
  });
});

describe('working days and business hours', () => {
  it('skip the bank holiday Monday after a Friday', () => {
    // Act / Assess: Friday 22 May 2026, Spring bank holiday Monday 25 May
    expect(calendar.addWorkingDays('2026-05-22', 1)).toBe('2026-05-26');
    expect(calendar.addWorkingDays(at('2026-05-22T14:00:00Z'), 2)).toBe('2026-05-27');
    expect(calendar.addWorkingDays('2026-05-23', 0)).toBe('2026-05-26');
  });

  it('end the working day at the last closing time', () => {
    // Act / Assess
    expect(calendar.endOfWorkingDay('2026-05-27').toISOString()).toBe('2026-05-27T16:00:00.000Z');
    expect(calendar.endOfWorkingDay('2026-05-22').toISOString()).toBe('2026-05-22T15:30:00.000Z');
    expect(() => calendar.endOfWorkingDay('2026-05-25')).toThrow(CalendarError);
  });

  it('count only open time across the lunch gap', () => {
    // Prepare: Monday 30 November 2026, 11:30 GMT

    // Act
    const due = calendar.addBusinessHours(at('2026-11-30T11:30:00Z'), 2);

    // Assess: 11:30-12:30 then 13:30-14:30
    expect(due.toISOString()).toBe('2026-11-30T14:30:00.000Z');
    expect(calendar.businessTimeBetween(at('2026-11-30T11:30:00Z'), due)).toBe(hours(2));
  });

  it('land on the closing time, not the next morning, when the hours run out exactly at close', () => {
    // Act
    const due = calendar.addBusinessHours(at('2026-11-30T13:30:00Z'), 3.5);

    // Assess
    expect(due.toISOString()).toBe('2026-11-30T17:00:00.000Z');
  });

  it('carry over the weekend and the spring clock change', () => {
    // Prepare: Friday 27 March 2026 15:00 GMT; clocks go forward on Sunday 29 March

    // Act
    const due = calendar.addBusinessHours(at('2026-03-27T15:00:00Z'), 4);

    // Assess: 1.5 h on Friday, then 2.5 h from 8:30 BST on Monday -> 11:00 BST
    expect(due.toISOString()).toBe('2026-03-30T10:00:00.000Z');
  });

  it('carry over the weekend and the autumn clock change', () => {
    // Prepare: Friday 23 October 2026 15:00 BST; clocks go back on Sunday 25 October

    // Act
    const due = calendar.addBusinessHours(at('2026-10-23T14:00:00Z'), 4);

    // Assess: 1.5 h on Friday, then 2.5 h from 8:30 GMT on Monday -> 11:00 GMT
    expect(due.toISOString()).toBe('2026-10-26T11:00:00.000Z');
  });
});

describe('bad calendar data', () => {
  it.each([
    ['a time zone other than London', { timeZone: 'UTC' }, 'timeZone'],
    [
      'a window that closes before it opens',
      { openingHours: { ...seed.openingHours, monday: [{ opens: '17:00', closes: '08:30' }] } },
      'openingHours.monday[0].closes',
    ],
    [
      'windows out of order',
      {
        openingHours: {
          ...seed.openingHours,
          tuesday: [{ opens: '13:30', closes: '17:00' }, { opens: '08:30', closes: '12:30' }],
        },
      },
      'openingHours.tuesday[1].opens',
    ],
    [
      'a time not written HH:MM',
      { openingHours: { ...seed.openingHours, friday: [{ opens: '8.30', closes: '16:30' }] } },
      'openingHours.friday[0].opens',
    ],
    ['a date that is not on the calendar', { closures: [{ name: 'Leap', from: '2026-02-30', to: '2026-03-01' }] }, 'closures[0].from'],
    ['a closure that ends before it starts', { closures: [{ name: 'Backwards', from: '2026-12-24', to: '2026-12-01' }] }, 'closures[0].to'],
    ['a field we do not know', { openingHour: {} }, 'openingHour'],
  ])('gives a CalendarError naming the field for %s', (_case, change, field) => {
    // Prepare
    const data = { ...structuredClone(seed), ...change };

    // Act
    let error: unknown;
    try {
      buildCalendar(data, 'calendar.json');
    } catch (thrown) {
      error = thrown;
    }

    // Assess
    expect(error).toBeInstanceOf(CalendarError);
    expect((error as CalendarError).field).toBe(field);
    expect((error as CalendarError).message).toContain(`calendar.json: ${field}: `);
  });

  it('refuses a calendar that is never open', () => {
    // Prepare
    const closed = { ...structuredClone(seed), openingHours: { monday: [], tuesday: [], wednesday: [], thursday: [], friday: [], saturday: [], sunday: [] } };

    // Act / Assess
    expect(() => buildCalendar(closed)).toThrow(/openingHours: must have at least one open window/);
  });
});
