import { randomUUID } from 'node:crypto';
import type { Orm } from '../db/orm.js';
import { ClientSchema } from '../clients/client.entity.js';
import { hashPassword } from '../identity/password.js';
import { seedDemoApplication } from './demo-application.js';
import { UserSchema } from '../identity/user.entity.js';
import { appendJournal } from '../journal/journal.js';
import { DEMO_CLIENTS, DEMO_PASSWORD, DEMO_STAFF } from './accounts.js';
import type { Actor } from '../workflow/domain/roles.js';
import type { WorkflowService } from '../workflow/workflow.service.js';
import { seedDemoRequests } from './demo-requests.js';

export { DEMO_CLIENTS, DEMO_PASSWORD, DEMO_STAFF } from './accounts.js';

export interface SeededDemo {
  logins: string[];
  actors: Record<string, Actor>;
}

/**
 * Seeds demo accounts and a few requests in several states, only on a database without users.
 * Returns null when there was something already.
 */
export async function seedDemoData(container: {
  orm: Orm;
  workflow: WorkflowService;
}): Promise<SeededDemo | null> {
  if ((await container.orm.em.fork().count(UserSchema, {})) > 0) return null;
  const actors = await seedDemoAccounts(container.orm);
  await seedDemoRequests(container.workflow, actors);
  await seedDemoApplication(container.orm);
  return { logins: Object.keys(actors), actors };
}

/** The demo staff and clients with their users; returns each login's actor. */
export async function seedDemoAccounts(orm: Orm): Promise<Record<string, Actor>> {
  const em = orm.em.fork();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const actors: Record<string, Actor> = {};

  await em.transactional(async (tx) => {
    for (const staff of DEMO_STAFF) {
      const id = randomUUID();
      tx.create(UserSchema, {
        id,
        kind: 'staff',
        email: staff.email,
        phone: staff.phone,
        fullName: staff.fullName,
        passwordHash,
        roles: staff.roles,
        clientId: null,
      });
      actors[staff.email] = { userId: id, roles: staff.roles, displayName: staff.fullName };
    }
    await tx.flush();
    const managerId = actors['manager@demo.local']?.userId ?? null;
    for (const demo of DEMO_CLIENTS) {
      const clientId = randomUUID();
      const userId = randomUUID();
      // Clients before their users: the two tables reference each other.
      tx.create(ClientSchema, {
        id: clientId,
        kind: demo.kind,
        name: demo.name,
        inn: demo.inn,
        ogrn: demo.ogrn,
        kpp: demo.kpp,
        contractNumber: demo.contractNumber,
        email: demo.email,
        phone: demo.phone,
        address: demo.address,
        managerId,
      });
      await tx.flush();
      tx.create(UserSchema, {
        id: userId,
        kind: 'client',
        email: demo.email,
        phone: demo.phone,
        fullName: demo.userName,
        passwordHash,
        roles: ['client'],
        clientId,
      });
      actors[demo.email] = { userId, roles: ['client'], clientId, displayName: demo.userName };
    }
    await tx.flush();
    await appendJournal(tx, [
      { action: 'system.demo_seeded', actorId: null, data: { users: Object.keys(actors).length } },
    ]);
  });
  return actors;
}
