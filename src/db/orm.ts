import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';

import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { Migrator } from '@mikro-orm/migrations';
import { MikroORM as PgliteMikroORM } from '@mikro-orm/pglite';
import { MikroORM as PostgresMikroORM } from '@mikro-orm/postgresql';
import type { EntityManager, MikroORM } from '@mikro-orm/sql';
import type { Config } from '../config.js';
import { ENTITIES } from './entities.js';
import { ensureTemplate, fromTemplate, holdsCluster } from './pglite-template.js';

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

/**
 * The embedded database's PostgreSQL settings (docs/0029): it runs inside this process's memory, so its buffer
 * cache is sized for a demo's data, not PostgreSQL's 128 MB default — most of the idle process's memory otherwise.
 */
export const PGLITE_START_PARAMS = [
  ...PGlite.defaultStartParams,
  ...['-c', 'shared_buffers=16MB', '-c', 'temp_buffers=2MB', '-c', 'work_mem=2MB'],
];

/**
 * Opens the database `config.database` names: PostgreSQL by DATABASE_URL, otherwise PGlite in DATA_DIR. A fresh
 * PGlite folder is first prepared in a child process (initdb, and the migrations when `migrateFresh`): see
 * `prepareFreshCluster`. Returns the migrations that preparation applied in `preparedMigrations`.
 */
export async function initOrm(
  database: Config['database'],
  options: { debug?: boolean; migrateFresh?: boolean } = {},
): Promise<Orm & { preparedMigrations?: string[] }> {
  const common = commonOptions(options.debug ?? false);
  if (database.kind === 'postgresql') {
    return PostgresMikroORM.init({ ...common, clientUrl: database.url, pool: { min: 0, max: 10 } });
  }
  const { dataDir } = database;
  if (dataDir.startsWith('memory://')) return openPglite(dataDir, options.debug);
  mkdirSync(dataDir, { recursive: true });
  const prepared = holdsCluster(dataDir)
    ? []
    : await prepareFresh(dataDir, options.migrateFresh ?? false, database.templates);
  return Object.assign(await openPglite(dataDir, options.debug), { preparedMigrations: prepared });
}

/** PGlite in `dataDir` (a folder, or `memory://`), as it is: no initdb in a worker, no migrations. */
export async function openPglite(dataDir: string, debug = false): Promise<Orm> {
  return PgliteMikroORM.init({
    ...commonOptions(debug),
    dbName: dataDir,
    driverOptions: { startParams: PGLITE_START_PARAMS },
  });
}

/** A fresh folder: a copy of the machine's template when the migrations are to be applied, else initdb alone. */
async function prepareFresh(
  dataDir: string,
  migrateFresh: boolean,
  templates: string | undefined,
): Promise<string[]> {
  if (migrateFresh) {
    const applied = await fromTemplate(dataDir, templateSource(templates));
    if (applied) return applied;
  }
  return prepareInChild(dataDir, migrateFresh);
}

function templateSource(templates: string | undefined) {
  return {
    root: templates,
    prepare: (dir: string) => prepareInChild(dir, true),
    migrationsPath: MIGRATIONS_PATH,
    startParams: PGLITE_START_PARAMS,
  };
}

/** Builds this code's template cluster if it is missing (`npm run build`, so that a first start only copies it). */
export async function preparePgliteTemplate(templates?: string): Promise<boolean> {
  return (await ensureTemplate(templateSource(templates))) !== null;
}

async function prepareInChild(dataDir: string, applyMigrations: boolean): Promise<string[]> {
  const module = import.meta.resolve('./pglite-prepare.js');
  // Under the same loader as this process (tsx for the sources, none for dist/); tsx registered by hand when this
  // process has it some other way than its flags.
  const execArgv = process.execArgv.filter((arg) => !arg.startsWith('--inspect'));
  const registerTsx = module.endsWith('.ts') && !execArgv.some((arg) => arg.includes('tsx'));
  const code = `
    ${registerTsx ? "(await import('tsx/esm/api')).register();" : ''}
    const { prepareFreshCluster } = await import(process.env.KABINET_PREPARE_MODULE);
    const applied = await prepareFreshCluster(process.env.KABINET_PREPARE_DIR, process.env.KABINET_PREPARE_MIGRATE === '1');
    process.stdout.write(JSON.stringify(applied));
  `;
  const child = spawn(process.execPath, [...execArgv, '--input-type=module', '--eval', code], {
    env: {
      ...process.env,
      KABINET_PREPARE_MODULE: module,
      KABINET_PREPARE_DIR: dataDir,
      KABINET_PREPARE_MIGRATE: applyMigrations ? '1' : '0',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (exitCode !== 0) throw new Error(`preparing the embedded database in ${dataDir} ended with ${exitCode}`);
  return JSON.parse(output) as string[];
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
