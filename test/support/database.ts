import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { initOrm, migrate, type Orm } from '../../src/db/orm.js';

/** The server the integration tests use; each test file gets a database of its own on it. */
export const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  url: string;
  name: string;
  orm: Orm;
  drop(): Promise<void>;
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `These tests need a PostgreSQL server (tried ${ADMIN_URL.replace(/:[^:@/]*@/, ':***@')}). ` +
        'Start one on 127.0.0.1:5432 or set TEST_DATABASE_URL to a superuser URL. ' +
        `(${error instanceof Error ? error.message : String(error)})`,
      { cause: error },
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates a fresh database, applies the project's migrations to it, and opens the ORM on it. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `kabinet_test_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`create database ${name}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const orm = await initOrm({ kind: 'postgresql', url: url.toString() });
  await migrate(orm);
  return {
    url: url.toString(),
    name,
    orm,
    async drop() {
      await orm.close(true);
      await admin((c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}
