import type { Em } from './orm.js';
import { runPrepared } from './prepared.js';

/**
 * One part of a single statement built from several: a named common table expression (`name as (sql)`) with its
 * `?` parameters. Data-modifying parts run whether or not anything reads them, all on one snapshot, in one round
 * trip (docs/0029): a command's writes go to PostgreSQL together.
 */
export interface StatementPart {
  name: string;
  sql: string;
  params: unknown[];
}

/** `with a as (…), b as (…) <final>`, parameters in order; runs in the caller's transaction. */
export async function runParts<T extends object>(
  em: Em,
  parts: readonly StatementPart[],
  final: string,
): Promise<T | undefined> {
  const sql = `with ${parts.map((p) => `${p.name} as (${p.sql})`).join(',\n')}\n${final}`;
  const rows = await runPrepared<T>(
    em,
    sql,
    parts.flatMap((p) => p.params),
  );
  return rows[0];
}
