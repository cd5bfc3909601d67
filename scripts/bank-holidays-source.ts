// Where the calendar's bank holidays come from: date-holidays ('GB', 'ENG'; region 'EAW' is
// silently wrong), public holidays only, weekend dates dropped (the library also lists the
// Saturday or Sunday that a substitute day replaces). Used at build time, not at run time: the
// library brings moment-timezone (700 KB) into every Lambda bundle that reads the calendar.
import Holidays from 'date-holidays';
import { weekdayOf, type BankHoliday } from '#domain/calendar';

let holidays: Holidays | undefined;

export function englandAndWalesBankHolidays(year: number): BankHoliday[] {
  holidays ??= new Holidays('GB', 'ENG');
  return holidays
    .getHolidays(year)
    .filter((h) => h.type === 'public')
    .map((h) => ({ date: h.date.slice(0, 10), name: h.name }))
    .filter((h) => !['saturday', 'sunday'].includes(weekdayOf(h.date)));
}
