import type { Em } from '../db/orm.js';
import { nextYearlyNumber } from '../db/yearly-counter.js';

/** Next human number for the year, `2026-000123`; atomic under concurrency (one upsert). */
export function nextRequestNumber(em: Em, now: Date): Promise<string> {
  return nextYearlyNumber(em, 'request_counters', now);
}
