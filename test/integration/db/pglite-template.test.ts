import { afterAll, describe, expect, it } from '@jest/globals';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initOrm, MIGRATIONS_PATH, PGLITE_START_PARAMS } from '../../../src/db/orm.js';
import { templateKey } from '../../../src/db/pglite-template.js';

const scratch = mkdtempSync(join(tmpdir(), 'kabinet-template-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const migrationFiles = readdirSync(MIGRATIONS_PATH).filter(
  (f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts'),
);

describe('a fresh embedded database from the template cluster', () => {
  it('is built once, then copied: the same schema and migrations, and each copy its own data', async () => {
    const templates = join(scratch, 'templates');
    const open = (name: string) =>
      initOrm({ kind: 'pglite', dataDir: join(scratch, name), templates }, { migrateFresh: true });

    const first = await open('first');
    // The template was kept (initdb and every migration), and the first folder is a copy of it.
    const kept = readdirSync(templates);
    expect(kept).toHaveLength(1);
    expect(existsSync(join(templates, kept[0] ?? '', 'applied.json'))).toBe(true);
    expect(first.preparedMigrations).toHaveLength(migrationFiles.length);
    expect(await first.migrator.getPending()).toEqual([]);
    await first.em.fork().execute(`insert into request_counters (year, last) values (2099, 41)`);
    await first.close();

    const second = await open('second');
    expect(second.preparedMigrations).toEqual(first.preparedMigrations);
    expect(readdirSync(templates)).toEqual(kept);
    // The copy starts from the template, not from the other folder.
    expect(await second.em.fork().execute('select * from request_counters where year = 2099')).toEqual([]);
    await second.close();

    const reopened = await initOrm({ kind: 'pglite', dataDir: join(scratch, 'first'), templates });
    const counters = await reopened.em
      .fork()
      .execute<{ last: number }[]>('select last from request_counters where year = 2099');
    expect(counters.map((c) => Number(c.last))).toEqual([41]);
    await reopened.close();
  }, 60_000);

  it('is not used when turned off', async () => {
    const templates = join(scratch, 'unused');
    const orm = await initOrm(
      { kind: 'pglite', dataDir: join(scratch, 'own'), templates: 'off' },
      { migrateFresh: true },
    );
    expect(orm.preparedMigrations).toHaveLength(migrationFiles.length);
    await orm.close();
    expect(existsSync(templates)).toBe(false);
  }, 60_000);

  it('is another template when a migration or PGlite start parameters change', () => {
    const migrations = join(scratch, 'migrations');
    cpSync(MIGRATIONS_PATH, migrations, { recursive: true });
    const source = { prepare: async () => [], migrationsPath: migrations, startParams: PGLITE_START_PARAMS };
    const key = templateKey(source);
    expect(templateKey(source)).toBe(key);
    const last = migrationFiles.at(-1) ?? '';
    writeFileSync(join(migrations, last), '// edited\n', { flag: 'a' });
    expect(templateKey(source)).not.toBe(key);
    expect(templateKey({ ...source, migrationsPath: MIGRATIONS_PATH })).toBe(
      templateKey({ ...source, migrationsPath: MIGRATIONS_PATH }),
    );
    expect(
      templateKey({
        ...source,
        migrationsPath: MIGRATIONS_PATH,
        startParams: [...PGLITE_START_PARAMS, '-c'],
      }),
    ).not.toBe(templateKey({ ...source, migrationsPath: MIGRATIONS_PATH }));
  });
});
