import type { Em } from '../db/orm.js';
import { nextYearlyNumber } from '../db/yearly-counter.js';

/** The next application number of the year, `A-2026-000123`; atomic under concurrency (one upsert). */
export async function nextApplicationNumber(em: Em, now: Date): Promise<string> {
  return `A-${await nextYearlyNumber(em, 'application_counters', now)}`;
}

/** The calendar date in Moscow (the company's day), YYYY-MM-DD. */
export function moscowDate(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Moscow',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}
