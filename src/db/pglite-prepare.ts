import { PGlite } from '@electric-sql/pglite';
import { migrate, openPglite, PGLITE_START_PARAMS } from './orm.js';

/**
 * Run in a child process by `initOrm` on a folder that holds no cluster yet: PostgreSQL's initdb and, when asked,
 * the migrations. Both grow PGlite's WebAssembly memory (initdb to about 500 MB) and WebAssembly memory never
 * shrinks — done in the process itself, a fresh `npm start` would keep it for its whole life (docs/0029). A
 * child's memory goes with the child (a worker thread's did not: measured in docs/0029). Returns the migrations applied.
 */
export async function prepareFreshCluster(dataDir: string, applyMigrations: boolean): Promise<string[]> {
  await (await PGlite.create(dataDir, { startParams: PGLITE_START_PARAMS })).close();
  if (!applyMigrations) return [];
  const orm = await openPglite(dataDir);
  try {
    return await migrate(orm);
  } finally {
    await orm.close();
  }
}
