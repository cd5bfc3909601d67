// The measures over periods, for the managers' performance view: a series of days, weeks (Monday
// to Sunday) or months summed from the daily counters, with a breakdown in every period, the
// channel mix and the self-service share; one service's, team's or channel's figures alone (a
// focus); and what the API refuses, in words, before reading anything.
import { describe, expect, it } from 'vitest';
import { MAX_DAILY_BREAKDOWN_DAYS, MeasuresQueryError, measuresView, readMeasures, type MeasuresStore } from '#app/measures';
import { fixedClock } from '#domain/clock';
import { CURRENT, measuresReport, periodSummary, SELF_SERVICE_CHANNELS, selfServiceShareOf, summarise, type CounterItem } from '#domain/measures';

const item = (period: string, dimension: CounterItem['dimension'], value: string, counts: Record<string, number>): CounterItem => ({
  period,
  dimension,
  value,
  counts,
});

// Wednesday 25 November to Tuesday 1 December 2026: two weeks (from Mondays 23 and 30 November)
// and two months. 25th: web 3, phone 1 (missed-bin 2, pothole 2); 27th: web 1, sms 3 (missed-bin 4);
// 30th: phone 2, open311 2 (pothole 4); 1st: face to face 1 (missed-bin 1).
const items: CounterItem[] = [
  item('2026-11-25', 'all', 'all', { contacts: 4, firstContactResolved: 2, casesOpened: 2, casesResolved: 1, slaMet: 1, resolvedWithin2h: 1 }),
  item('2026-11-25', 'channel', 'web', { contacts: 3, firstContactResolved: 2 }),
  item('2026-11-25', 'channel', 'phone', { contacts: 1, casesOpened: 1 }),
  item('2026-11-25', 'service', 'missed-bin', { contacts: 2, casesOpened: 2, casesResolved: 1, slaMet: 1, resolvedWithin2h: 1 }),
  item('2026-11-25', 'service', 'pothole', { contacts: 2, firstContactResolved: 2 }),
  item('2026-11-25', 'team', 'waste-services', { contacts: 2, casesOpened: 2, casesResolved: 1, slaMet: 1, resolvedWithin2h: 1 }),
  item('2026-11-25', 'team', 'highways', { contacts: 2, firstContactResolved: 2 }),
  item('2026-11-27', 'all', 'all', { contacts: 4, repeatContacts: 1, casesResolved: 2, resolvedWithin48h: 2 }),
  item('2026-11-27', 'channel', 'web', { contacts: 1 }),
  item('2026-11-27', 'channel', 'sms', { contacts: 3, repeatContacts: 1 }),
  item('2026-11-27', 'service', 'missed-bin', { contacts: 4, repeatContacts: 1, casesResolved: 2, resolvedWithin48h: 2 }),
  item('2026-11-27', 'team', 'waste-services', { contacts: 4, repeatContacts: 1, casesResolved: 2, resolvedWithin48h: 2 }),
  item('2026-11-30', 'all', 'all', { contacts: 4, casesOpened: 4, ratings: 2, ratingSum: 7 }),
  item('2026-11-30', 'channel', 'phone', { contacts: 2, casesOpened: 2 }),
  item('2026-11-30', 'channel', 'open311', { contacts: 2, casesOpened: 2 }),
  item('2026-11-30', 'service', 'pothole', { contacts: 4, casesOpened: 4, ratings: 2, ratingSum: 7 }),
  item('2026-11-30', 'team', 'highways', { contacts: 4, casesOpened: 4, ratings: 2, ratingSum: 7 }),
  item('2026-12-01', 'all', 'all', { contacts: 1, firstContactResolved: 1 }),
  item('2026-12-01', 'channel', 'face_to_face', { contacts: 1, firstContactResolved: 1 }),
  item('2026-12-01', 'service', 'missed-bin', { contacts: 1, firstContactResolved: 1 }),
  item('2026-12-01', 'team', 'waste-services', { contacts: 1, firstContactResolved: 1 }),
];
const gauges = [item(CURRENT, 'team', 'waste-services', { open: 3, atRisk: 1, breached: 1 })];
const range = { from: '2026-11-25', to: '2026-12-01' } as const;

describe('the measures over periods', () => {
  it('sums the days of each week, Monday to Sunday, the first and last clipped to the range', () => {
    const report = measuresReport({ ...range, by: 'day', interval: 'week' }, items, gauges);

    expect(report.interval).toBe('week');
    expect(report.series.map((p) => [p.period, p.from, p.to, p.totals.contacts, p.totals.firstContactResolutionRate])).toEqual([
      ['2026-11-23', '2026-11-25', '2026-11-29', 8, 0.25],
      ['2026-11-30', '2026-11-30', '2026-12-01', 5, 0.2],
    ]);
    // The first week: 3 resolved, 1 within 2 hours and 2 within 48; the median is the 2nd quickest.
    expect(report.series[0]!.totals).toMatchObject({ casesResolved: 3, slaMetPercent: 33.3, medianHoursToResolve: { over: 24, atMost: 48 }, repeatContactShare: 0.125 });
    expect(report.series[1]!.totals).toMatchObject({ casesOpened: 4, satisfaction: { ratings: 2, averageRating: 3.5 }, medianHoursToResolve: null });
    // The existing fields are still there, over the whole range.
    expect(report.groups).toHaveLength(7);
    expect(report.totals.contacts).toBe(13);
  });

  it('sums by calendar month, and by day gives one period per day of the range, empty days included', () => {
    const byMonth = measuresReport({ ...range, by: 'day', interval: 'month' }, items, gauges);
    const byDay = measuresReport({ ...range, by: 'day' }, items, gauges);

    expect(byMonth.series.map((p) => [p.period, p.from, p.to, p.totals.contacts])).toEqual([
      ['2026-11', '2026-11-25', '2026-11-30', 12],
      ['2026-12', '2026-12-01', '2026-12-01', 1],
    ]);
    expect(byDay.interval).toBe('day');
    expect(byDay.series.map((p) => [p.period, p.totals.contacts])).toEqual([
      ['2026-11-25', 4],
      ['2026-11-26', 0],
      ['2026-11-27', 4],
      ['2026-11-28', 0],
      ['2026-11-29', 0],
      ['2026-11-30', 4],
      ['2026-12-01', 1],
    ]);
  });

  it('breaks every period down by every service seen in the range, with zeros where it had none', () => {
    const report = measuresReport({ ...range, by: 'service', interval: 'week' }, items, gauges);

    expect(report.series.map((p) => p.groups?.map((g) => [g.key, g.contacts, g.casesOpened]))).toEqual([
      [
        ['missed-bin', 6, 2],
        ['pothole', 2, 0],
      ],
      [
        ['missed-bin', 1, 0],
        ['pothole', 4, 4],
      ],
    ]);
    expect(report.series[0]!.groups![0]).toMatchObject({ key: 'missed-bin', repeatContacts: 1, casesResolved: 3, slaMetPercent: 33.3 });
    // A day without a service's contacts is all zeros, its rates null: the line has a point there.
    const byDay = measuresReport({ ...range, by: 'team', interval: 'day' }, items, gauges);
    expect(byDay.series[1]!.groups).toEqual([
      { key: 'highways', ...periodSummary({}) },
      { key: 'waste-services', ...periodSummary({}) },
    ]);
    expect(byDay.series[1]!.groups![0]).toMatchObject({ contacts: 0, firstContactResolutionRate: null });
    // By day (no breakdown), periods have no groups.
    expect(measuresReport({ ...range, by: 'day', interval: 'week' }, items, gauges).series[0]!.groups).toBeUndefined();
  });

  it('gives each period the summary the rest of the report gives, less the time-to-resolve histogram', () => {
    const counts = items[0]!.counts; // the 25th, the council's whole
    const { hoursToResolve, ...rest } = summarise(counts);

    expect(hoursToResolve.length).toBeGreaterThan(0);
    expect(periodSummary(counts)).toEqual(rest);
    expect(measuresReport({ from: '2026-11-25', to: '2026-11-25', by: 'day' }, items, gauges).series[0]!.totals).toEqual(rest);
  });

  it('gives the channel mix and the self-service share (web, SMS, Open311) in each period and over the range', () => {
    const report = measuresReport({ ...range, by: 'day', interval: 'week' }, items, gauges);

    expect(SELF_SERVICE_CHANNELS).toEqual(['web', 'sms', 'open311']);
    expect(report.series[0]!.channels).toEqual([
      { channel: 'face_to_face', contacts: 0, share: 0 },
      { channel: 'open311', contacts: 0, share: 0 },
      { channel: 'phone', contacts: 1, share: 0.125 },
      { channel: 'sms', contacts: 3, share: 0.375 },
      { channel: 'web', contacts: 4, share: 0.5 },
    ]);
    // Week 1: web 4 + sms 3 of 8; week 2: open311 2 of 5 (phone 2 and face to face 1 are assisted).
    expect(report.series.map((p) => p.selfServiceShare)).toEqual([0.875, 0.4]);
    // Over the range: 9 of 13.
    expect(report.selfServiceShare).toBe(0.6923);
    // A period without contacts has no share, not 0.
    const byDay = measuresReport({ ...range, by: 'day', interval: 'day' }, items, gauges);
    expect(byDay.series[1]!.selfServiceShare).toBeNull();
    expect(selfServiceShareOf([{ channel: 'web', contacts: 0, share: null }], 0)).toBeNull();
  });

  it("reads one service's figures alone over time, with no channel mix (not counted per service); one channel's, all of them its own", () => {
    const pothole = measuresReport({ ...range, by: 'day', interval: 'week', focus: { dimension: 'service', value: 'pothole' } }, items, gauges);
    const sms = measuresReport({ ...range, by: 'day', interval: 'week', focus: { dimension: 'channel', value: 'sms' } }, items, gauges);

    expect(pothole.focus).toEqual({ dimension: 'service', value: 'pothole' });
    expect(pothole.totals).toMatchObject({ contacts: 6, firstContactResolved: 2, casesOpened: 4, satisfaction: { ratings: 2, averageRating: 3.5 } });
    expect(pothole.series.map((p) => [p.period, p.totals.contacts, p.selfServiceShare, p.channels])).toEqual([
      ['2026-11-23', 2, null, []],
      ['2026-11-30', 4, null, []],
    ]);
    expect(pothole.groups.map((g) => g.contacts)).toEqual([2, 0, 0, 0, 0, 4, 0]);
    expect([pothole.channels, pothole.selfServiceShare]).toEqual([[], null]);
    expect(sms.totals).toMatchObject({ contacts: 3, repeatContacts: 1 });
    expect(sms.series.map((p) => [p.totals.contacts, p.selfServiceShare, p.channels])).toEqual([
      [3, 1, [{ channel: 'sms', contacts: 3, share: 1 }]],
      [0, null, [{ channel: 'sms', contacts: 0, share: null }]],
    ]);
    // A report without a focus says none.
    expect(measuresReport({ ...range, by: 'day' }, items, gauges)).not.toHaveProperty('focus');
  });
});

describe('the periods and focus the console asks for', () => {
  const now = new Date('2026-12-01T12:00:00.000Z');
  const vocabulary = { services: ['missed-bin', 'pothole'], teams: ['waste-services', 'highways'] };

  it('is by day unless told, and takes week, month and a focus on a known service, team or channel', () => {
    expect(measuresView({ ...range }, now, vocabulary)).toEqual({ ...range, by: 'day', interval: 'day' });
    expect(measuresView({ ...range, interval: 'week', by: 'service' }, now, vocabulary)).toEqual({ ...range, by: 'service', interval: 'week' });
    expect(measuresView({ ...range, interval: 'month', focus: 'service:pothole' }, now, vocabulary)).toEqual({
      ...range,
      by: 'day',
      interval: 'month',
      focus: { dimension: 'service', value: 'pothole' },
    });
    expect(measuresView({ focus: 'team:highways' }, now, vocabulary).focus).toEqual({ dimension: 'team', value: 'highways' });
    expect(measuresView({ focus: 'channel:open311' }, now, vocabulary).focus).toEqual({ dimension: 'channel', value: 'open311' });
  });

  it('refuses, in words, an unknown interval, a focus it cannot read, and a focus broken down by something else', () => {
    const refusal = (query: Parameters<typeof measuresView>[0]) => {
      try {
        measuresView(query, now, vocabulary);
      } catch (error) {
        expect(error).toBeInstanceOf(MeasuresQueryError);
        return (error as Error).message;
      }
      throw new Error(`accepted ${JSON.stringify(query)}`);
    };

    expect(refusal({ interval: 'fortnight' })).toBe("'interval' must be one of day, week, month (got 'fortnight')");
    expect(refusal({ focus: 'pothole' })).toBe("'focus' must be service:<service id>, team:<team id> or channel:<channel> (got 'pothole')");
    expect(refusal({ focus: 'ward:north' })).toMatch(/^'focus' must be service:/);
    expect(refusal({ focus: 'service:' })).toMatch(/^'focus' must be service:/);
    expect(refusal({ focus: 'service:unicorns' })).toBe("'focus' names no service 'unicorns' we know");
    expect(refusal({ focus: 'team:pothole' })).toBe("'focus' names no team 'pothole' we know");
    expect(refusal({ focus: 'channel:fax' })).toBe("'focus' names no channel 'fax' we know: one of web, phone, sms, face_to_face, open311");
    expect(refusal({ focus: 'service:pothole', by: 'team' })).toMatch(/^'focus' cannot be combined with by=team: .* leave 'by' out to see service 'pothole' over time$/);
    expect(refusal({ from: '2026-02-30', interval: 'week' })).toMatch(/'from' must be a date/);
  });

  it(`refuses a breakdown by service or team day by day over more than ${MAX_DAILY_BREAKDOWN_DAYS} days, and says to ask by week or month`, () => {
    const month = { from: '2026-09-01', to: '2026-09-28' };
    const longer = { from: '2026-09-01', to: '2026-09-29' };

    expect(measuresView({ ...month, by: 'service' }, now, vocabulary).interval).toBe('day');
    expect(() => measuresView({ ...longer, by: 'service' }, now, vocabulary)).toThrow(
      'day by day, a breakdown by service covers at most 28 days (2026-09-01 to 2026-09-29 is 29): ask week by week (interval=week) or month by month (interval=month), or for a shorter range',
    );
    expect(() => measuresView({ ...longer, by: 'team', interval: 'day' }, now, vocabulary)).toThrow(MeasuresQueryError);
    // Week by week, by channel, or without a breakdown: the whole 92 days.
    const quarter = { from: '2026-09-01', to: '2026-12-01' };
    expect(measuresView({ ...quarter, by: 'service', interval: 'week' }, now, vocabulary).interval).toBe('week');
    expect(measuresView({ ...quarter, by: 'channel' }, now, vocabulary).by).toBe('channel');
    expect(measuresView({ ...quarter }, now, vocabulary).by).toBe('day');
  });

  it('reads one counter partition per day and the gauges, whatever the interval or focus: never more', async () => {
    const reads: string[] = [];
    const store: MeasuresStore = {
      count: async () => 'counted',
      countersOf: async (period) => {
        reads.push(period);
        return period === CURRENT ? gauges : items.filter((i) => i.period === period);
      },
    };

    const report = await readMeasures({ ...range, interval: 'month', focus: 'service:pothole' }, { store, clock: fixedClock(now), vocabulary });

    expect(reads.sort()).toEqual(['2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01', CURRENT].sort());
    expect(report.series.map((p) => [p.period, p.totals.contacts])).toEqual([
      ['2026-11', 6],
      ['2026-12', 0],
    ]);
  });
});
