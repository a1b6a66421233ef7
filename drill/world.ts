import { randomBytes, randomUUID } from 'node:crypto';
import { ClientSchema } from '../src/clients/client.entity.js';
import { hashPassword } from '../src/identity/password.js';
import { UserSchema } from '../src/identity/user.entity.js';
import { RoleChatSchema } from '../src/telegram/role-chat.entity.js';
import { DEMO_PASSWORD, seedDemoAccounts } from '../src/demo/seed.js';
import { isIndividualInn } from '../src/workflow/domain/validation/inn.js';
import type { Orm } from '../src/db/orm.js';
import type { TaskRole } from '../src/workflow/domain/roles.js';
import type { FakeTelegram } from '../test/support/fake-telegram/server.js';
import type { DrillClient } from './lifecycle.js';

export { DEMO_PASSWORD };

function individualInn(): string {
  for (;;) {
    const candidate = `77${randomBytes(8).readBigUInt64BE() % 10_000_000_000n}`.padEnd(12, '0');
    if (isIndividualInn(candidate)) return candidate;
  }
}

/**
 * The drill's people: the demo staff, and `count` clients of the demo manager — each signs a few requests only,
 * as real clients do (the per-account SMS limit, 10 an hour, would stop one client signing forty).
 */
export async function seedDrillPeople(
  orm: Orm,
  count: number,
): Promise<{ clients: DrillClient[]; userIds: Record<string, string> }> {
  const actors = await seedDemoAccounts(orm);
  const userIds: Record<string, string> = Object.fromEntries(
    Object.entries(actors).map(([login, actor]) => [login, actor.userId]),
  );
  const managerId = userIds['manager@demo.local'] ?? null;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const clients: DrillClient[] = [];
  const em = orm.em.fork();
  await em.transactional(async (tx) => {
    for (let i = 1; i <= count; i += 1) {
      const n = String(i).padStart(4, '0');
      const client: DrillClient = {
        login: `drill${n}@drill.local`,
        phone: `+7998${n.padStart(7, '0')}`,
        contract: `ДР-${n}/26`,
        name: `Учебный Клиент ${n}`,
      };
      const clientId = randomUUID();
      const userId = randomUUID();
      tx.create(ClientSchema, {
        id: clientId,
        kind: 'individual',
        name: client.name,
        inn: individualInn(),
        ogrn: null,
        kpp: null,
        contractNumber: client.contract,
        email: client.login,
        phone: client.phone,
        address: 'г. Москва, ул. Учебная, д. 1',
        managerId,
      });
      await tx.flush();
      tx.create(UserSchema, {
        id: userId,
        kind: 'client',
        email: client.login,
        phone: client.phone,
        fullName: client.name,
        passwordHash,
        roles: ['client'],
        clientId,
      });
      userIds[client.login] = userId;
      clients.push(client);
    }
  });
  return { clients, userIds };
}

/** A group chat per task role, bound to it, so every task card goes to a role chat through the staff bot. */
export async function bindRoleChats(orm: Orm, fake: FakeTelegram, roles: readonly TaskRole[]): Promise<void> {
  const em = orm.em.fork();
  for (const role of roles) {
    const group = fake.createGroup(`Kabinet · ${role}`);
    em.create(RoleChatSchema, {
      id: randomUUID(),
      role,
      chatId: String(group.id),
      title: group.title ?? role,
      boundBy: null,
      boundAt: new Date(),
    });
  }
  await em.flush();
}
