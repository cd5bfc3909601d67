import { describe, expect, it } from 'vitest';
import { periodKeyOf, periodsBetween } from '#domain/periods';

describe('periods of a range', () => {
  it('keys a week by its Monday and a month by YYYY-MM', () => {
    // 29 November 2026 is a Sunday.
    expect(periodKeyOf('2026-11-29', 'week')).toBe('2026-11-23');
    expect(periodKeyOf('2026-11-30', 'week')).toBe('2026-11-30');
    expect(periodKeyOf('2026-11-29', 'month')).toBe('2026-11');
    expect(periodKeyOf('2026-11-29', 'day')).toBe('2026-11-29');
  });

  it('clips the first and last periods to the range', () => {
    expect(periodsBetween('2026-11-26', '2026-12-08', 'week')).toEqual([
      { key: '2026-11-23', from: '2026-11-26', to: '2026-11-29' },
      { key: '2026-11-30', from: '2026-11-30', to: '2026-12-06' },
      { key: '2026-12-07', from: '2026-12-07', to: '2026-12-08' },
    ]);
    expect(periodsBetween('2026-10-30', '2026-12-01', 'month')).toEqual([
      { key: '2026-10', from: '2026-10-30', to: '2026-10-31' },
      { key: '2026-11', from: '2026-11-01', to: '2026-11-30' },
      { key: '2026-12', from: '2026-12-01', to: '2026-12-01' },
    ]);
  });

  it('gives one period per day by day, across the clocks going back', () => {
    const days = periodsBetween('2026-10-24', '2026-10-26', 'day');
    expect(days.map((p) => p.key)).toEqual(['2026-10-24', '2026-10-25', '2026-10-26']);
    expect(days.every((p) => p.from === p.key && p.to === p.key)).toBe(true);
  });

  it('spans a year end in weeks', () => {
    expect(periodsBetween('2026-12-28', '2027-01-04', 'week').map((p) => p.key)).toEqual(['2026-12-28', '2027-01-04']);
  });
});
