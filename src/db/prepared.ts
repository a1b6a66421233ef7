import { createHash } from 'node:crypto';
import { PostgreSqlConnection } from '@mikro-orm/postgresql';
import { CompiledQuery, type Kysely } from 'kysely';
import type { Em, Orm } from './orm.js';

/**
 * The hot statements as named prepared statements on PostgreSQL (docs/0032). MikroORM's `execute` inlines every
 * parameter into the text, so PostgreSQL parses and plans each command's read and write anew — a third of their
 * server time. Here the text keeps `$n` placeholders and is prepared once per connection under a name derived
 * from it; later runs send only the values, and PostgreSQL reuses its plan. On PGlite (no named statements in
 * its driver) the statement goes through MikroORM as before.
 *
 * The statement runs on the caller's transaction when there is one (`em`'s), else on a pooled connection. It is
 * logged through MikroORM's logger like any other (with its `?` text), and a driver error is converted to
 * MikroORM's exceptions (a unique violation stays `UniqueConstraintViolationException`).
 *
 * Parameters are primitives: strings, numbers, booleans, null — a JSON value passed as its text (`?::jsonb`), a
 * time as its ISO text (`?::timestamptz`). Arrays are refused: MikroORM would expand them into a list, `pg` into
 * an array literal; the difference must not pass silently.
 */
export async function runPrepared<T extends object>(
  em: Em,
  sql: string,
  params: readonly unknown[] = [],
): Promise<T[]> {
  const connection = em.getConnection();
  if (!(connection instanceof PostgreSqlConnection)) {
    refuseArrays(params);
    return em.execute<T[]>(sql, [...params]);
  }
  return run<T>(em.getDriver(), connection, em.getTransactionContext<Kysely<unknown>>(), sql, params);
}

/**
 * `runPrepared` on a pooled connection, outside any transaction, without an entity manager (none is forked): for a
 * read, or a write that is one statement, on a hot path (the bots' webhook, the lists).
 */
export async function runPooled<T extends object>(
  orm: Orm,
  sql: string,
  params: readonly unknown[] = [],
): Promise<T[]> {
  const connection = orm.driver.getConnection();
  if (!(connection instanceof PostgreSqlConnection)) return runPrepared<T>(orm.em.fork(), sql, params);
  return run<T>(orm.driver, connection, undefined, sql, params);
}

function refuseArrays(params: readonly unknown[]): void {
  for (const value of params)
    if (Array.isArray(value)) throw new TypeError('runPrepared: pass an array as JSON text, not as an array');
}

async function run<T extends object>(
  driver: Pick<Orm['driver'], 'convertException'>,
  connection: PostgreSqlConnection,
  transaction: Kysely<unknown> | undefined,
  sql: string,
  params: readonly unknown[],
): Promise<T[]> {
  refuseArrays(params);
  const text = numbered(sql);
  const name = statementName(text);
  const compiled = CompiledQuery.raw(text, [...params]);
  // `pg` takes a query's config object where Kysely passes the text: with a name it prepares the statement once
  // per connection and binds the values afterwards (test/integration/db/prepared.test.ts checks it is prepared).
  const query = name === undefined ? compiled : { ...compiled, sql: { name, text } };
  await connection.ensureConnection();
  const executor: Kysely<unknown> = transaction ?? connection.getClient();
  try {
    // MikroORM's own wrapper (protected in its types): times the statement and logs it like every other one.
    return await (connection as unknown as LoggedConnection).executeQuery(
      sql,
      async () => (await executor.executeQuery<T>(query as CompiledQuery<T>)).rows,
      { query: sql, params: [...params] },
    );
  } catch (error) {
    // A table changed under a prepared `select *` (a migration by another process): the next run prepares anew.
    if (error instanceof Error && /cached plan must not change result type/.test(error.message)) {
      generation += 1;
      names.clear();
    }
    throw driver.convertException(error as Error);
  }
}

interface LoggedConnection {
  executeQuery<R>(
    query: string,
    run: () => Promise<R>,
    context: { query: string; params: unknown[] },
  ): Promise<R>;
}

/** How many texts get a name: each is prepared on each pooled connection that runs it, and kept there. */
const MAX_NAMED = 500;
/** Text → name, for the current generation (emptied when it changes). */
const names = new Map<string, string>();
let generation = 0;

function statementName(text: string): string | undefined {
  const known = names.get(text);
  if (known !== undefined || names.size >= MAX_NAMED) return known;
  const name = `k${generation}_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
  names.set(text, name);
  return name;
}

const texts = new Map<string, string>();

/** `?` → `$1`, `$2`, … outside quoted strings and identifiers (`??` and `\?` are MikroORM's, refused here). */
export function numbered(sql: string): string {
  const known = texts.get(sql);
  if (known !== undefined) return known;
  let out = '';
  let n = 0;
  let quote: string | null = null;
  for (let i = 0; i < sql.length; i += 1) {
    const ch = sql[i] as string;
    if (quote !== null) {
      if (ch === quote) quote = null; // a doubled quote closes and reopens: the same result
      out += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      out += ch;
    } else if (ch === '?') {
      if (sql[i + 1] === '?' || sql[i - 1] === '\\')
        throw new Error('runPrepared: ?? and \\? are not supported');
      n += 1;
      out += `$${n}`;
    } else out += ch;
  }
  if (texts.size < MAX_NAMED) texts.set(sql, out);
  return out;
}
