import type { Config } from './config.js';
import { initOrm, migrate, pendingMigrations, type Orm } from './db/orm.js';
import type { Logger } from './logger.js';
import { WorkflowService } from './workflow/workflow.service.js';

export interface Container {
  config: Config;
  logger: Logger;
  orm: Orm;
  workflow: WorkflowService;
  close(): Promise<void>;
}

export class PendingMigrationsError extends Error {
  constructor(readonly pending: string[]) {
    super(
      `the database has ${pending.length} pending migration(s): ${pending.join(', ')}. ` +
        'Run `npm run db:migrate`, or start with MIGRATE_ON_START=true.',
    );
    this.name = 'PendingMigrationsError';
  }
}

/** Wires the services by hand. Opens the database and applies or refuses pending migrations. */
export async function createContainer(config: Config, logger: Logger): Promise<Container> {
  const orm = await initOrm(config.database);
  try {
    const pending = await pendingMigrations(orm);
    if (pending.length > 0) {
      if (!config.migrateOnStart) throw new PendingMigrationsError(pending);
      const applied = await migrate(orm);
      logger.info({ applied }, 'migrations applied');
    }
  } catch (error) {
    await orm.close();
    throw error;
  }
  const workflow = new WorkflowService({ orm, routing: { rubRates: config.rubRates } });
  return {
    config,
    logger,
    orm,
    workflow,
    async close() {
      await orm.close();
    },
  };
}
