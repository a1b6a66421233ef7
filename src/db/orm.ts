import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Migrator } from '@mikro-orm/migrations';
import { MikroORM as PgliteMikroORM } from '@mikro-orm/pglite';
import { MikroORM as PostgresMikroORM } from '@mikro-orm/postgresql';
import type { EntityManager, MikroORM } from '@mikro-orm/sql';
import type { Config } from '../config.js';
import { ENTITIES } from './entities.js';

export type Orm = MikroORM;
export type Em = EntityManager;

export const MIGRATIONS_PATH = fileURLToPath(new URL('../../migrations', import.meta.url));

/** Options shared by both drivers: one `migrations/` folder serves PGlite and PostgreSQL. */
function commonOptions(debug: boolean) {
  return {
    entities: ENTITIES,
    extensions: [Migrator],
    debug,
    allowGlobalContext: false,
    forceUtcTimezone: true,
    migrations: {
      path: MIGRATIONS_PATH,
      pathTs: MIGRATIONS_PATH,
      glob: '!(*.d).{js,ts}',
      transactional: true,
      silent: true,
      allOrNothing: true,
      // No snapshot file: new migrations are diffed against a database migrated to the latest one, so
      // hand-written and generated migrations mix safely (test/integration/migrations checks the result).
      snapshot: false,
      emit: 'ts' as const,
    },
  };
}

/** Opens the database `config.database` names: PostgreSQL by DATABASE_URL, otherwise PGlite in DATA_DIR. */
export async function initOrm(database: Config['database'], options: { debug?: boolean } = {}): Promise<Orm> {
  const common = commonOptions(options.debug ?? false);
  if (database.kind === 'postgresql') {
    return PostgresMikroORM.init({ ...common, clientUrl: database.url, pool: { min: 0, max: 10 } });
  }
  if (!database.dataDir.startsWith('memory://')) mkdirSync(database.dataDir, { recursive: true });
  return PgliteMikroORM.init({ ...common, dbName: database.dataDir });
}

/** Names of migrations in `migrations/` not yet applied to this database. */
export async function pendingMigrations(orm: Orm): Promise<string[]> {
  const pending = await orm.migrator.getPending();
  return pending.map((m) => m.name);
}

export async function migrate(orm: Orm): Promise<string[]> {
  const applied = await orm.migrator.up();
  return applied.map((m) => m.name);
}
