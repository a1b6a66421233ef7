import { randomUUID } from 'node:crypto';
import type { Container } from '../container.js';
import type { Orm } from '../db/orm.js';
import { ClientSchema, type ClientKind } from '../clients/client.entity.js';
import { hashPassword } from '../identity/password.js';
import { UserSchema } from '../identity/user.entity.js';
import { appendJournal } from '../journal/journal.js';
import type { Actor, Role } from '../workflow/domain/roles.js';
import { seedDemoRequests } from './demo-requests.js';

/** The one password of every demo account (embedded mode only; documented in the README). */
export const DEMO_PASSWORD = 'demo-password-1';

interface DemoStaff {
  email: string;
  fullName: string;
  phone: string;
  roles: Role[];
}

export const DEMO_STAFF: readonly DemoStaff[] = [
  { email: 'admin@demo.local', fullName: 'Админов Алексей', phone: '+79990000100', roles: ['admin'] },
  {
    email: 'manager@demo.local',
    fullName: 'Менеджерова Мария',
    phone: '+79990000101',
    roles: ['client_manager'],
  },
  // A second client manager who owns no demo client: managers work only the clients they own (DESIGN §14).
  {
    email: 'manager2@demo.local',
    fullName: 'Управляева Ульяна',
    phone: '+79990000109',
    roles: ['client_manager'],
  },
  {
    email: 'backoffice@demo.local',
    fullName: 'Бэкофисов Борис',
    phone: '+79990000102',
    roles: ['back_office'],
  },
  {
    email: 'finmon@demo.local',
    fullName: 'Мониторова Фаина',
    phone: '+79990000103',
    roles: ['fin_monitoring'],
  },
  {
    email: 'finmon2@demo.local',
    fullName: 'Контролёв Фёдор',
    phone: '+79990000104',
    roles: ['fin_monitoring'],
  },
  { email: 'broker@demo.local', fullName: 'Брокеров Бронислав', phone: '+79990000105', roles: ['brokerage'] },
  { email: 'depo@demo.local', fullName: 'Депозитарева Дарья', phone: '+79990000106', roles: ['depositary'] },
  {
    email: 'trust@demo.local',
    fullName: 'Доверительный Тимур',
    phone: '+79990000107',
    roles: ['trust_management'],
  },
  {
    email: 'accountant@demo.local',
    fullName: 'Бухгалтерова Анна',
    phone: '+79990000108',
    roles: ['accountant'],
  },
];

interface DemoClient {
  email: string;
  userName: string;
  phone: string;
  kind: ClientKind;
  name: string;
  inn: string;
  ogrn: string | null;
  kpp: string | null;
  contractNumber: string;
  address: string;
}

export const DEMO_CLIENTS: readonly DemoClient[] = [
  {
    email: 'client@demo.local',
    userName: 'Иванов Иван Иванович',
    phone: '+79990000001',
    kind: 'individual',
    name: 'Иванов Иван Иванович',
    inn: '771234567859',
    ogrn: null,
    kpp: null,
    contractNumber: 'БО-0001/26',
    address: 'г. Москва, ул. Тверская, д. 1, кв. 1',
  },
  {
    email: 'ip@demo.local',
    userName: 'Петров Пётр Петрович',
    phone: '+79990000002',
    kind: 'sole_proprietor',
    name: 'ИП Петров Пётр Петрович',
    inn: '500123456750',
    ogrn: '304770000123453',
    kpp: null,
    contractNumber: 'БО-0002/26',
    address: 'Московская обл., г. Химки, ул. Ленина, д. 5',
  },
  {
    email: 'company@demo.local',
    userName: 'Сидорова Светлана (по доверенности)',
    phone: '+79990000003',
    kind: 'legal_entity',
    name: 'ООО «Ромашка»',
    inn: '7712345671',
    ogrn: '1177700123457',
    kpp: '771201001',
    contractNumber: 'БО-0003/26',
    address: 'г. Москва, Пресненская наб., д. 12, офис 100',
  },
];

export interface SeededDemo {
  logins: string[];
  actors: Record<string, Actor>;
}

/**
 * Seeds demo accounts and a few requests in several states, only on a database without users.
 * Returns null when there was something already.
 */
export async function seedDemoData(
  container: Pick<Container, 'orm' | 'workflow'>,
): Promise<SeededDemo | null> {
  if ((await container.orm.em.fork().count(UserSchema, {})) > 0) return null;
  const actors = await seedDemoAccounts(container.orm);
  await seedDemoRequests(container.workflow, actors);
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
