import type { Actor } from '../../src/workflow/domain/roles.js';
import { seedDemoAccounts } from '../../src/demo/seed.js';
import { WorkflowService } from '../../src/workflow/workflow.service.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export const TEST_RATES = { USD: '95.00', EUR: '103.00', CNY: '13.00' };

export interface WorkflowFixture {
  db: TestDatabase;
  workflow: WorkflowService;
  actors: Record<string, Actor>;
  actor(login: string): Actor;
  staff: Actor[];
  close(): Promise<void>;
}

/** A fresh PostgreSQL database with the demo accounts (no requests) and a workflow service on it. */
export async function createWorkflowFixture(options: { now?: () => Date } = {}): Promise<WorkflowFixture> {
  const db = await createTestDatabase();
  const actors = await seedDemoAccounts(db.orm);
  const workflow = new WorkflowService({
    orm: db.orm,
    routing: { rubRates: TEST_RATES },
    ...(options.now ? { now: options.now } : {}),
  });
  return {
    db,
    workflow,
    actors,
    actor(login) {
      const found = actors[login];
      if (!found) throw new Error(`no demo actor ${login}`);
      return found;
    },
    staff: Object.values(actors).filter((a) => !a.roles.includes('client')),
    close: () => db.drop(),
  };
}
