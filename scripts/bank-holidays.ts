// `npm run calendar:bank-holidays [FROM TO]`: writes England and Wales bank holidays into
// shared/catalogue/calendar.json (default: 2019 to ten years from now). One-off holidays that
// were added by hand and are not in date-holidays are kept.
import { readFileSync, writeFileSync } from 'node:fs';
import { englandAndWalesBankHolidays } from './bank-holidays-source.ts';

const file = new URL('../shared/catalogue/calendar.json', import.meta.url);
const calendar = JSON.parse(readFileSync(file, 'utf8'));
const from = Number(process.argv[2] ?? 2019);
const to = Number(process.argv[3] ?? new Date().getUTCFullYear() + 10);

const generated = new Map<string, string>();
for (let year = from; year <= to; year++) for (const h of englandAndWalesBankHolidays(year)) generated.set(h.date, h.name);
const kept = (calendar.bankHolidays.dates ?? []).filter(
  (h: { date: string }) => !generated.has(h.date) && Number(h.date.slice(0, 4)) >= from && Number(h.date.slice(0, 4)) <= to,
);
calendar.bankHolidays = {
  region: calendar.bankHolidays.region,
  closed: calendar.bankHolidays.closed,
  years: { from, to },
  dates: [...[...generated].map(([date, name]) => ({ date, name })), ...kept].sort((a, b) => a.date.localeCompare(b.date)),
};
writeFileSync(file, `${JSON.stringify(calendar, null, 2)}\n`);
console.log(`wrote ${calendar.bankHolidays.dates.length} bank holidays for ${from} to ${to} (${kept.length} kept by hand)`);
