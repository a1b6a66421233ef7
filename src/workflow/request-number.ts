import type { Em } from '../db/orm.js';
import { JOURNAL_LOCK } from '../journal/journal.js';
import { nextYearlyNumber } from '../db/yearly-counter.js';

/** Next human number for the year, `2026-000123`; atomic under concurrency (one upsert). */
export function nextRequestNumber(
  em: Em,
  now: Date,
  options: { lockJournal?: boolean } = {},
): Promise<string> {
  return nextYearlyNumber(em, 'request_counters', now, options.lockJournal ? { alsoTake: JOURNAL_LOCK } : {});
}
