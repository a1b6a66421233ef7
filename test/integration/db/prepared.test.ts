import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { initOrm, migrate, type Orm } from '../../../src/db/orm.js';
import { numbered, runPooled, runPrepared } from '../../../src/db/prepared.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await db.orm.em.fork().execute('create table prepared_probe (id int primary key, note text)');
});
afterAll(async () => {
  await db.drop();
});

describe('numbered placeholders', () => {
  it('numbers the ? outside quoted strings and identifiers', () => {
    expect(numbered(`select ?, '?', "a?b", ? || 'it''s ?'`)).toBe(`select $1, '?', "a?b", $2 || 'it''s ?'`);
  });

  it("refuses MikroORM's ?? and \\?", () => {
    expect(() => numbered('select ?? from t')).toThrow(/not supported/);
    expect(() => numbered('select \\? from t')).toThrow(/not supported/);
  });
});

describe('runPrepared on PostgreSQL', () => {
  it('prepares the statement once on its connection and binds the values (no value in the text)', async () => {
    const names = await db.orm.em.fork().transactional(async (em) => {
      for (const note of ['first', "it's; drop table prepared_probe; --", 'third'])
        expect(await runPrepared<{ v: string }>(em, 'select ?::text as v', [note])).toEqual([{ v: note }]);
      return em.execute<{ name: string; statement: string }[]>(
        "select name, statement from pg_prepared_statements where statement = 'select $1::text as v'",
      );
    });
    // Three runs, one statement prepared on the transaction's connection, under its own name.
    expect(names).toHaveLength(1);
    expect(names[0]?.name).toMatch(/^k\d+_[0-9a-f]{20}$/);
    const still = await db.orm.em.fork().execute<{ n: string }[]>('select count(*) as n from prepared_probe');
    expect(Number(still[0]?.n)).toBe(0);
  });

  it("runs inside the caller's transaction: rolled back with it", async () => {
    await expect(
      db.orm.em.fork().transactional(async (em) => {
        await runPrepared(em, 'insert into prepared_probe (id, note) values (?, ?)', [1, 'undone']);
        const seen = await runPrepared<{ note: string }>(
          em,
          'select note from prepared_probe where id = ?',
          [1],
        );
        expect(seen).toEqual([{ note: 'undone' }]);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await runPrepared(db.orm.em.fork(), 'select note from prepared_probe where id = ?', [1])).toEqual(
      [],
    );
  });

  it("reports a unique violation as MikroORM's exception, as em.execute does", async () => {
    const em = db.orm.em.fork();
    await runPrepared(em, 'insert into prepared_probe (id, note) values (?, ?)', [2, 'once']);
    await expect(
      runPrepared(em, 'insert into prepared_probe (id, note) values (?, ?)', [2, 'twice']),
    ).rejects.toBeInstanceOf(UniqueConstraintViolationException);
  });

  it('refuses an array value (MikroORM would expand it, pg would send an array literal)', async () => {
    await expect(runPrepared(db.orm.em.fork(), 'select ? as v', [[1, 2]])).rejects.toThrow(/array/);
    await expect(runPooled(db.orm, 'select ? as v', [[1, 2]])).rejects.toThrow(/array/);
  });
});

describe('runPooled on PostgreSQL', () => {
  it('runs a prepared statement on a pooled connection, committed at once, errors as MikroORM reports them', async () => {
    const text = 'insert into prepared_probe (id, note) values (?, ?) returning note';
    expect(await runPooled<{ note: string }>(db.orm, text, [10, 'pooled'])).toEqual([{ note: 'pooled' }]);
    // Committed by itself: another connection sees it.
    const seen = await db.orm.em
      .fork()
      .execute<{ note: string }[]>('select note from prepared_probe where id = 10');
    expect(seen).toEqual([{ note: 'pooled' }]);
    await expect(runPooled(db.orm, text, [10, 'again'])).rejects.toBeInstanceOf(
      UniqueConstraintViolationException,
    );
    // Prepared (the statement finds itself among its connection's named statements), not inlined.
    const prepared = await runPooled<{ v: string; n: string }>(
      db.orm,
      "select ?::text as v, (select count(*) from pg_prepared_statements where statement like 'select $1::text as v, (select count(*)%') as n",
      ['x'],
    );
    expect(prepared[0]?.v).toBe('x');
    expect(Number(prepared[0]?.n)).toBe(1);
  });
});

describe('runPrepared on PGlite', () => {
  let orm: Orm;
  beforeAll(async () => {
    orm = await initOrm({ kind: 'pglite', dataDir: 'memory://' });
    await migrate(orm);
  });
  afterAll(async () => {
    await orm.close(true);
  });

  it('answers the same through MikroORM (values inlined by its formatter)', async () => {
    const rows = await runPrepared<{ v: string; n: number }>(
      orm.em.fork(),
      'select ?::text as v, ?::int as n',
      ["it's", 7],
    );
    expect(rows).toEqual([{ v: "it's", n: 7 }]);
    expect(await runPooled<{ v: string }>(orm, 'select ?::text as v', ['pooled'])).toEqual([{ v: 'pooled' }]);
  });
});
