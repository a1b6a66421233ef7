import type { Em } from '../db/orm.js';

/** Next human number for the year, `2026-000123`; atomic under concurrency (one upsert). */
export async function nextRequestNumber(em: Em, now: Date): Promise<string> {
  const year = now.getUTCFullYear();
  const rows = await em.execute<{ last: number }[]>(
    `insert into request_counters (year, last) values (?, 1)
     on conflict (year) do update set last = request_counters.last + 1
     returning last`,
    [year],
  );
  const last = rows[0]?.last;
  if (last === undefined) throw new Error('request counter upsert returned no row');
  return `${year}-${String(last).padStart(6, '0')}`;
}
