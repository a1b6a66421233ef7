import type { ClientKind } from '../clients/client.entity.js';
import type { Role } from '../workflow/domain/roles.js';

/** The demo accounts (a leaf: the seed, the sandbox and the tests read them). */

/** The one password of every demo account (embedded mode only; documented in the README). */
export const DEMO_PASSWORD = 'demo-password-1';

export interface DemoStaff {
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

export interface DemoClient {
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

/** Every demo account as one person: login, name, staff or client, phone, roles (the sandbox's Telegram users). */
export const DEMO_PEOPLE: readonly {
  login: string;
  name: string;
  kind: 'staff' | 'client';
  phone: string;
  roles: readonly Role[];
}[] = [
  ...DEMO_STAFF.map((a) => ({
    login: a.email,
    name: a.fullName,
    kind: 'staff' as const,
    phone: a.phone,
    roles: a.roles,
  })),
  ...DEMO_CLIENTS.map((a) => ({
    login: a.email,
    name: a.userName,
    kind: 'client' as const,
    phone: a.phone,
    roles: ['client'] as const,
  })),
];
