// Periods of a date range for the managers' views: days, weeks (Monday to Sunday) or calendar
// months, each named by a key and clipped to the range asked for, so the first and last period
// of a range can be partial. Dates are Europe/London dates (YYYY-MM-DD), as the measures' days are.
import { addDays, weekdayOf, type LocalDate } from './calendar.ts';

export const INTERVALS = ['day', 'week', 'month'] as const;
export type Interval = (typeof INTERVALS)[number];

export interface Period {
  /** The day (YYYY-MM-DD), the week's Monday (YYYY-MM-DD) or the month (YYYY-MM). */
  key: string;
  /** The period's first and last days inside the range asked for. */
  from: LocalDate;
  to: LocalDate;
}

/** The key of the period of `interval` that holds `day`. */
export function periodKeyOf(day: LocalDate, interval: Interval): string {
  switch (interval) {
    case 'day':
      return day;
    case 'week':
      return addDays(day, -WEEKDAY_INDEX[weekdayOf(day)]);
    case 'month':
      return day.slice(0, 7);
  }
}

const WEEKDAY_INDEX = { monday: 0, tuesday: 1, wednesday: 2, thursday: 3, friday: 4, saturday: 5, sunday: 6 } as const;

/** The periods covering `from` to `to` (inclusive, from <= to), in order, the first and last clipped to the range. */
export function periodsBetween(from: LocalDate, to: LocalDate, interval: Interval): Period[] {
  const periods: Period[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    const key = periodKeyOf(day, interval);
    const last = periods.at(-1);
    if (last?.key === key) last.to = day;
    else periods.push({ key, from: day, to: day });
  }
  return periods;
}
