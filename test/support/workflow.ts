import type { Actor } from '../../src/workflow/domain/roles.js';
import type { WorkflowService } from '../../src/workflow/workflow.service.js';
import { createTestContainer } from './app.js';
import type { TestDatabase } from './database.js';

export { TEST_RATES } from './app.js';

export interface WorkflowFixture {
  db: TestDatabase;
  workflow: WorkflowService;
  actors: Record<string, Actor>;
  actor(login: string): Actor;
  staff: Actor[];
  close(): Promise<void>;
}

/** A fresh PostgreSQL database with the demo accounts (no requests) and the container's workflow service on it. */
export async function createWorkflowFixture(options: { now?: () => Date } = {}): Promise<WorkflowFixture> {
  const t = await createTestContainer(options.now ? { overrides: { now: options.now } } : {});
  return {
    db: t.db,
    workflow: t.container.workflow,
    actors: t.actors,
    actor: t.actor,
    staff: Object.values(t.actors).filter((a) => !a.roles.includes('client')),
    close: () => t.close(),
  };
}
