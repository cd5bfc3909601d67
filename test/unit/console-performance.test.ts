// The performance view's filters and words: read from the address with defaults, refused in words
// by the API's own rules before anything is asked, the quick ranges, and periods, medians and
// shares said as a manager reads them.
import { describe, expect, it } from 'vitest';
import {
  bucketIndex,
  bucketOfIndex,
  bucketWords,
  filterProblems,
  filtersFromSearch,
  londonToday,
  measuresQuery,
  percentOf,
  percentScaleTop,
  performanceHref,
  periodCsv,
  periodLabel,
  QUICK_RANGES,
  quickRangeFilters,
  seriesInWords,
  topKeys,
  viewInWords,
  type Filters,
} from '../../console/src/performance.ts';

const today = '2026-11-29';
const filters = (over: Partial<Filters> = {}): Filters => ({ from: '2026-11-02', to: today, interval: 'day', by: '', focus: '', ...over });

describe('the performance filters', () => {
  it('defaults to the last four weeks to today, day by day, the whole council, and reads what the address gives', () => {
    expect(filtersFromSearch('', today)).toEqual(filters());
    expect(filtersFromSearch('?to=2026-10-31&interval=week&by=team', today)).toEqual(filters({ from: '2026-10-04', to: '2026-10-31', interval: 'week', by: 'team' }));
    expect(filtersFromSearch('from=2026-09-01&to=2026-09-30&focus=service%3Amissed-bin', today)).toEqual(
      filters({ from: '2026-09-01', to: '2026-09-30', focus: 'service:missed-bin' }),
    );
  });

  it('knows today in the UK: 23:30 UTC on 30 June is already 1 July', () => {
    expect(londonToday(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
    expect(londonToday(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31');
  });

  it('accepts what the API accepts', () => {
    expect(filterProblems(filters())).toEqual([]);
    expect(filterProblems(filters({ from: '2026-09-01', to: '2026-12-01', interval: 'week', by: 'service' }))).toEqual([]);
    expect(filterProblems(filters({ focus: 'channel:web', interval: 'month' }))).toEqual([]);
  });

  it('names each field that is wrong, in words, before asking the API', () => {
    expect(filterProblems(filters({ from: '2026-02-30', to: 'tomorrow' }))).toEqual([
      { field: 'from', message: 'The start date must be a real date, like 2026-11-01 (the address gave “2026-02-30”)' },
      { field: 'to', message: 'The end date must be a real date, like 2026-11-28 (the address gave “tomorrow”)' },
    ]);
    expect(filterProblems(filters({ from: '2026-11-30' }))).toEqual([{ field: 'from', message: 'The start date must be on or before the end date' }]);
    expect(filterProblems(filters({ from: '2026-01-01', to: '2026-06-30' }))[0]).toEqual({
      field: 'from',
      message: 'Choose at most 92 days (about 3 months): 1 Jan 2026 to 30 Jun 2026 is 181',
    });
    expect(filterProblems(filters({ interval: 'fortnight' as Filters['interval'] })).map((p) => p.field)).toEqual(['interval']);
    expect(filterProblems(filters({ by: 'ward' as Filters['by'] })).map((p) => p.field)).toEqual(['by']);
    expect(filterProblems(filters({ focus: 'ward:north' })).map((p) => p.field)).toEqual(['focus']);
    expect(filterProblems(filters({ focus: 'service:' })).map((p) => p.field)).toEqual(['focus']);
    expect(filterProblems(filters({ focus: 'service:missed-bin', by: 'team' }))).toEqual([
      {
        field: 'by',
        message: 'Choose either a breakdown by team or one service: the figures are counted for each service, team and channel alone, not for one within another',
      },
    ]);
    expect(filterProblems(filters({ from: '2026-09-01', to: '2026-09-29', by: 'service' }))).toEqual([
      { field: 'interval', message: 'Day by day, a breakdown by service covers at most 28 days: choose week by week or month by month, or a shorter range' },
    ]);
    expect(filterProblems(filters({ from: '2026-09-01', to: '2026-09-29', by: 'channel' }))).toEqual([]);
  });

  it('asks the API for the filters, and keeps them in the page address', () => {
    expect(measuresQuery(filters())).toBe('from=2026-11-02&to=2026-11-29&by=day&interval=day');
    expect(measuresQuery(filters({ by: 'service', interval: 'week' }))).toBe('from=2026-11-02&to=2026-11-29&by=service&interval=week');
    expect(measuresQuery(filters({ focus: 'team:waste-services' }))).toBe('from=2026-11-02&to=2026-11-29&by=day&interval=day&focus=team%3Awaste-services');
    expect(performanceHref(filters({ focus: 'team:waste-services' }))).toBe('/performance?from=2026-11-02&to=2026-11-29&interval=day&focus=team%3Awaste-services');
    // Read back, the address gives the same filters.
    const shared = filters({ from: '2026-10-01', interval: 'month', by: 'channel' });
    expect(filtersFromSearch(performanceHref(shared).split('?')[1]!, today)).toEqual(shared);
  });

  it('offers the last 7 days, 4 weeks and 3 months to today, week by week where day by day would be refused', () => {
    const [week, fourWeeks, quarter] = QUICK_RANGES;
    expect(quickRangeFilters(week!, filters({ by: 'team' }), today)).toEqual(filters({ from: '2026-11-23', by: 'team' }));
    expect(quickRangeFilters(fourWeeks!, filters({ by: 'service' }), today)).toEqual(filters({ from: '2026-11-02', by: 'service' }));
    expect(quickRangeFilters(quarter!, filters({ by: 'service' }), today)).toEqual(filters({ from: '2026-08-30', by: 'service', interval: 'week' }));
    expect(quickRangeFilters(quarter!, filters(), today)).toEqual(filters({ from: '2026-08-30' }));
    expect(filterProblems(quickRangeFilters(quarter!, filters({ by: 'team' }), today))).toEqual([]);
  });
});

describe('the performance words', () => {
  it('says a period as people do: a day, a week clipped to the range, a whole or part month', () => {
    expect(periodLabel({ period: '2026-11-26', from: '2026-11-26', to: '2026-11-26' }, 'day')).toBe('26 Nov 2026');
    expect(periodLabel({ period: '2026-11-23', from: '2026-11-23', to: '2026-11-29' }, 'week')).toBe('23 to 29 Nov 2026');
    expect(periodLabel({ period: '2026-11-30', from: '2026-11-30', to: '2026-12-06' }, 'week')).toBe('30 Nov to 6 Dec 2026');
    expect(periodLabel({ period: '2026-12-28', from: '2026-12-28', to: '2027-01-03' }, 'week')).toBe('28 Dec 2026 to 3 Jan 2027');
    expect(periodLabel({ period: '2026-11', from: '2026-11-01', to: '2026-11-30' }, 'month')).toBe('November 2026');
    expect(periodLabel({ period: '2026-10', from: '2026-10-15', to: '2026-10-31' }, 'month')).toBe('15 to 31 Oct 2026');
    expect(periodLabel({ period: '2026-12', from: '2026-12-01', to: '2026-12-01' }, 'month')).toBe('1 Dec 2026');
    expect(periodCsv({ from: '2026-11-23', to: '2026-11-29' })).toBe('2026-11-23 to 2026-11-29');
    expect(periodCsv({ from: '2026-11-26', to: '2026-11-26' })).toBe('2026-11-26');
  });

  it('says the median time to resolve as its bucket in words, and places it on the chart', () => {
    expect(bucketWords({ over: 8, atMost: 24 })).toBe('8 to 24 hours');
    expect(bucketWords({ over: 0, atMost: 1 })).toBe('up to 1 hour');
    expect(bucketWords({ over: 480, atMost: null })).toBe('over 480 hours');
    expect(bucketWords(null)).toBe('–');
    expect([bucketIndex({ over: 0, atMost: 1 }), bucketIndex({ over: 8, atMost: 24 }), bucketIndex({ over: 480, atMost: null }), bucketIndex(null)]).toEqual([0, 4, 10, null]);
    for (let i = 0; i <= 10; i++) expect(bucketIndex(bucketOfIndex(i))).toBe(i);
  });

  it('gives shares as percentages with one decimal, null for none', () => {
    expect([percentOf(0.375), percentOf(0.6923), percentOf(1), percentOf(0), percentOf(null)]).toEqual([37.5, 69.2, 100, 0, null]);
  });

  it('chooses the keys with the most contacts for the lines, and sums a series up in words', () => {
    const group = (key: string, contacts: number) => ({ key, contacts }) as Parameters<typeof topKeys>[0][number];
    expect(topKeys([group('a', 1), group('b', 9), group('c', 5), group('d', 5)], 3)).toEqual(['b', 'c', 'd']);
    expect(
      seriesInWords(
        [
          { label: 'Mon', value: 20 },
          { label: 'Tue', value: null },
          { label: 'Wed', value: 50 },
          { label: 'Thu', value: 30 },
        ],
        (v) => `${v}%`,
      ),
    ).toBe('from 20% in Mon to 30% in Thu; highest 50% in Wed, lowest 20% in Mon');
    expect(seriesInWords([{ label: 'Mon', value: null }], String)).toBe('no figures in this range');
  });

  it('draws the routing corrections for the keys with the most corrections, on a scale just above the highest share', () => {
    const group = (key: string, contacts: number, routingCorrections: number) => ({ key, contacts, routingCorrections }) as Parameters<typeof topKeys>[0][number];
    const groups = [group('bins', 90, 1), group('potholes', 20, 6), group('lights', 10, 6), group('trees', 5, 2)];
    expect(topKeys(groups, 2, (g) => g.routingCorrections)).toEqual(['lights', 'potholes']);
    expect(topKeys(groups, 2)).toEqual(['bins', 'potholes']);
    expect([percentScaleTop([2.5, null, 7]), percentScaleTop([12.5, 3]), percentScaleTop([null]), percentScaleTop([100, 40]), percentScaleTop([])]).toEqual([10, 20, 10, 100, 10]);
  });

  it('says what the view shows in one line', () => {
    const names = new Map([['missed-bin', 'Report a missed bin collection']]);
    expect(viewInWords({ from: '2026-11-02', to: today, interval: 'week', by: 'service' }, names)).toBe('From 2 Nov 2026 to 29 Nov 2026, week by week, by service.');
    expect(viewInWords({ from: '2026-11-02', to: today, interval: 'day', by: 'day', focus: { dimension: 'service', value: 'missed-bin' } }, names)).toBe(
      'From 2 Nov 2026 to 29 Nov 2026, day by day, for the service “Report a missed bin collection” only.',
    );
  });
});
