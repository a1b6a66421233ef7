import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { createContainer, PendingMigrationsError } from '../../src/container.js';
import { initOrm, migrate, pendingMigrations } from '../../src/db/orm.js';
import { createLogger } from '../../src/logger.js';
import { ADMIN_URL, createTestDatabase, type TestDatabase } from '../support/database.js';

describe('migrations', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('leave PostgreSQL exactly where the entities say: no schema difference after migrating', async () => {
    expect(await pendingMigrations(db.orm)).toEqual([]);
    const diff = await db.orm.schema.getUpdateSchemaSQL({ wrap: false });
    expect(diff.trim()).toBe('');
  });

  it('leave PGlite exactly where the entities say too (one folder serves both)', async () => {
    const orm = await initOrm({ kind: 'pglite', dataDir: 'memory://' });
    try {
      expect((await migrate(orm)).length).toBeGreaterThan(0);
      expect(await pendingMigrations(orm)).toEqual([]);
      expect((await orm.schema.getUpdateSchemaSQL({ wrap: false })).trim()).toBe('');
    } finally {
      await orm.close();
    }
  });
});

describe('start-up', () => {
  const silent = createLogger('silent');
  const TEST_SECRET = 'test-code-secret-'.padEnd(40, 'x');

  it('in production refuses a database with pending migrations, naming them', async () => {
    const empty = await createTestDatabase();
    // A second, unmigrated database on the same server.
    const url = new URL(ADMIN_URL);
    const name = `${empty.name}_raw`;
    const admin = await import('pg');
    const client = new admin.default.Client({ connectionString: ADMIN_URL });
    await client.connect();
    await client.query(`create database ${name}`);
    try {
      url.pathname = `/${name}`;
      const config = loadConfig({
        NODE_ENV: 'production',
        DATABASE_URL: url.toString(),
        CODE_SECRET: TEST_SECRET,
        ALLOW_FILE_PROVIDERS: 'true',
      });
      await expect(createContainer(config, silent)).rejects.toBeInstanceOf(PendingMigrationsError);
      await expect(createContainer(config, silent)).rejects.toThrow(/Migration\d+_foundation/);

      const migrating = loadConfig({
        NODE_ENV: 'production',
        DATABASE_URL: url.toString(),
        MIGRATE_ON_START: 'true',
        CODE_SECRET: TEST_SECRET,
        ALLOW_FILE_PROVIDERS: 'true',
      });
      const container = await createContainer(migrating, silent);
      expect(await pendingMigrations(container.orm)).toEqual([]);
      await container.close();
    } finally {
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
      await empty.drop();
    }
  });

  it('in the embedded mode migrates PGlite in DATA_DIR on first start and reopens it on the next', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kabinet-test-'));
    try {
      const config = loadConfig({ DATA_DIR: dir });
      const first = await createContainer(config, silent);
      expect(await pendingMigrations(first.orm)).toEqual([]);
      await first.orm.em.fork().execute(`insert into request_counters (year, last) values (2000, 7)`);
      await first.close();
      const second = await createContainer(config, silent);
      const rows = await second.orm.em
        .fork()
        .execute<{ last: number }[]>('select last from request_counters where year = 2000');
      expect(rows[0]?.last).toBe(7);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
