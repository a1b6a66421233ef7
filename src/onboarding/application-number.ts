import type { Em } from '../db/orm.js';
import { nextYearlyNumber } from '../db/yearly-counter.js';

/** The next application number of the year, `A-2026-000123`; atomic under concurrency (one upsert). */
export async function nextApplicationNumber(em: Em, now: Date): Promise<string> {
  return `A-${await nextYearlyNumber(em, 'application_counters', now)}`;
}
