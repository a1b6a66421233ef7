import type { Em } from './orm.js';

/** The tables that count per year: `(year int primary key, last int)`. */
export type YearlyCounterTable = 'request_counters' | 'application_counters';

/**
 * The next number of the year in a counter table, `2026-000123`; atomic under concurrency (one upsert), in the
 * caller's transaction, so a rolled-back command gives its number back.
 */
export async function nextYearlyNumber(
  em: Em,
  table: YearlyCounterTable,
  now: Date,
  options: { alsoTake?: string } = {},
): Promise<string> {
  const year = now.getUTCFullYear();
  // `alsoTake`: a lock the caller needs next, taken in this same statement (the journal's: docs/0029).
  const rows = await em.execute<{ last: number }[]>(
    `insert into ${table} (year, last) values (?, 1)
     on conflict (year) do update set last = ${table}.last + 1
     returning last${options.alsoTake ? `, ${options.alsoTake} is null as also_taken` : ''}`,
    [year],
  );
  const last = rows[0]?.last;
  if (last === undefined) throw new Error(`${table} upsert returned no row`);
  return `${year}-${String(last).padStart(6, '0')}`;
}
