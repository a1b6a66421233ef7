import type { Em } from '../db/orm.js';

/** The next application number of the year, `A-2026-000123`; atomic under concurrency (one upsert). */
export async function nextApplicationNumber(em: Em, now: Date): Promise<string> {
  const year = now.getUTCFullYear();
  const rows = await em.execute<{ last: number }[]>(
    `insert into application_counters (year, last) values (?, 1)
     on conflict (year) do update set last = application_counters.last + 1
     returning last`,
    [year],
  );
  const last = rows[0]?.last;
  if (last === undefined) throw new Error('application counter upsert returned no row');
  return `A-${year}-${String(last).padStart(6, '0')}`;
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
