import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { hashToken } from '../../../src/identity/session.service.js';
import { TelegramLinkTokenSchema } from '../../../src/identity/telegram-link-token.entity.js';
import { JournalEntrySchema } from '../../../src/journal/journal.entity.js';
import { createLogger } from '../../../src/logger.js';
import { OutboxRelay } from '../../../src/notify/relay.js';
import { RoleChatSchema } from '../../../src/telegram/role-chat.entity.js';
import { createApiFixture, type ApiFixture } from '../../support/api.js';
import { SAMPLE_PAYLOADS } from '../../support/sample-payloads.js';

let f: ApiFixture;
let admin: string;
beforeAll(async () => {
  f = await createApiFixture();
  admin = await f.login('admin@demo.local');
});
afterAll(async () => {
  await f.close();
});

describe('admin: staff', () => {
  it('creates a staff member with a one-time password and a staff-bot invite; the password logs in', async () => {
    const created = await f.call('POST', '/api/v1/admin/staff', {
      token: admin,
      body: {
        email: 'New.Officer@Kabinet.Local',
        phone: '+7 999 555-00-11',
        fullName: 'Новикова Нина',
        roles: ['back_office'],
      },
    });
    expect(created.status).toBe(201);
    expect(created.body['user']).toMatchObject({
      email: 'new.officer@kabinet.local',
      phone: '+79995550011',
      roles: ['back_office'],
      active: true,
    });
    expect(String((created.body['invite'] as { url: string }).url)).toMatch(
      /^https:\/\/t\.me\/kabinet_staff_bot\?start=[A-Za-z0-9_-]{20,64}$/,
    );
    const password = String(created.body['initialPassword']);
    expect(password.length).toBeGreaterThanOrEqual(16);

    const started = await f.call('POST', '/api/v1/auth/login', {
      body: { login: 'new.officer@kabinet.local', password },
    });
    const session = await f.call('POST', '/api/v1/auth/login/confirm', {
      body: { challengeId: started.body['challengeId'], code: f.sms.code('+79995550011') },
    });
    expect(session.status).toBe(200);

    const duplicate = await f.call('POST', '/api/v1/admin/staff', {
      token: admin,
      body: {
        email: 'new.officer@kabinet.local',
        phone: '+79995550012',
        fullName: 'Другая',
        roles: ['accountant'],
      },
    });
    expect(duplicate.status).toBe(409);
  });

  it('re-sends an invite: the new link is the only one that works; a locked account gets none', async () => {
    const created = await f.call('POST', '/api/v1/admin/staff', {
      token: admin,
      body: {
        email: 'resend@kabinet.local',
        phone: '+79995550031',
        fullName: 'Повторова Прия',
        roles: ['brokerage'],
      },
    });
    const id = (created.body['user'] as { id: string }).id;
    const first = (created.body['invite'] as { url: string }).url;
    const again = await f.call('POST', `/api/v1/admin/staff/${id}/invite`, { token: admin });
    expect(again.status).toBe(201);
    const second = String(again.body['url']);
    expect(second).toMatch(/^https:\/\/t\.me\/kabinet_staff_bot\?start=[A-Za-z0-9_-]{20,64}$/);
    expect(second).not.toBe(first);
    const tokenOf = (url: string) => hashToken(new URL(url).searchParams.get('start') ?? '');
    const rows = await f.db.orm.em.fork().find(TelegramLinkTokenSchema, { userId: id });
    const live = rows.filter((row) => row.usedAt === null && row.expiresAt > f.clock.now());
    expect(live.map((row) => row.tokenHash)).toEqual([tokenOf(second)]);
    expect(rows.some((row) => row.tokenHash === tokenOf(first))).toBe(true);
    const entry = await f.db.orm.em
      .fork()
      .findOneOrFail(JournalEntrySchema, { action: 'admin.staff_invited', subjectUserId: id });
    expect(entry.actorId).toBe(f.actor('admin@demo.local').userId);

    await f.call('PATCH', `/api/v1/admin/staff/${id}`, { token: admin, body: { active: false } });
    const locked = await f.call('POST', `/api/v1/admin/staff/${id}/invite`, { token: admin });
    expect(locked.status).toBe(409);
    const notAdmin = await f.call('POST', `/api/v1/admin/staff/${id}/invite`, {
      token: await f.login('manager@demo.local'),
    });
    expect(notAdmin.status).toBe(403);
    const client = await f.call('POST', `/api/v1/admin/staff/${f.actor('client@demo.local').userId}/invite`, {
      token: admin,
    });
    expect(client.status).toBe(404);
  });

  it('validates roles and fields', async () => {
    const bad = await f.call('POST', '/api/v1/admin/staff', {
      token: admin,
      body: { email: 'x', phone: '12', fullName: '', roles: ['client', 'wizard'] },
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body['errors'] as object)).toEqual(
      expect.arrayContaining(['email', 'phone', 'fullName']),
    );
    expect(Object.keys(bad.body['errors'] as object).some((k) => k.startsWith('roles'))).toBe(true);
  });

  it('lists staff, changes roles, and locking an account ends its sessions', async () => {
    const list = await f.call('GET', '/api/v1/admin/staff?page=1&pageSize=100', { token: admin });
    expect(list.status).toBe(200);
    const items = list.body['items'] as { id: string; email: string }[];
    const depo = items.find((s) => s.email === 'depo@demo.local');
    if (!depo) throw new Error('no depo');
    const depoToken = await f.login('depo@demo.local');

    const changed = await f.call('PATCH', `/api/v1/admin/staff/${depo.id}`, {
      token: admin,
      body: { roles: ['depositary', 'back_office'] },
    });
    expect(changed.status).toBe(200);
    expect(changed.body['roles']).toEqual(['depositary', 'back_office']);
    expect((await f.call('GET', '/api/v1/tasks?role=back_office', { token: depoToken })).status).toBe(200);

    const locked = await f.call('PATCH', `/api/v1/admin/staff/${depo.id}`, {
      token: admin,
      body: { active: false },
    });
    expect(locked.body['active']).toBe(false);
    expect((await f.call('GET', '/api/v1/me', { token: depoToken })).status).toBe(401);

    expect((await f.call('PATCH', `/api/v1/admin/staff/${depo.id}`, { token: admin, body: {} })).status).toBe(
      400,
    );
    const self = f.actor('admin@demo.local').userId;
    expect(
      (await f.call('PATCH', `/api/v1/admin/staff/${self}`, { token: admin, body: { active: false } }))
        .status,
    ).toBe(403);
  });
});

describe('admin: clients', () => {
  const managerId = () => f.actor('manager@demo.local').userId;

  it('creates a legal entity with its first user, checking INN, OGRN and KPP', async () => {
    const created = await f.call('POST', '/api/v1/admin/clients', {
      token: admin,
      body: {
        kind: 'legal_entity',
        name: 'ООО «Василёк»',
        inn: '7707083893',
        ogrn: '1027700132195',
        kpp: '773601001',
        contractNumber: 'БО-0100/26',
        managerId: managerId(),
        user: { email: 'director@vasilek.example', phone: '+79991110000', fullName: 'Васильев Василий' },
      },
    });
    expect(created.status).toBe(201);
    expect(created.body['client']).toMatchObject({
      kind: 'legal_entity',
      inn: '7707083893',
      managerId: managerId(),
    });
    expect(created.body['user']).toMatchObject({ email: 'director@vasilek.example' });
    const password = String(created.body['initialPassword']);
    const started = await f.call('POST', '/api/v1/auth/login', {
      body: { login: 'director@vasilek.example', password },
    });
    const session = await f.call('POST', '/api/v1/auth/login/confirm', {
      body: { challengeId: started.body['challengeId'], code: f.sms.code('+79991110000') },
    });
    expect(session.body['user']).toMatchObject({ client: { name: 'ООО «Василёк»', kind: 'legal_entity' } });
  });

  it('refuses identifiers that do not fit the kind or fail their check digits', async () => {
    const base = {
      name: 'Тест',
      contractNumber: 'БО-0101/26',
      user: { email: 'x@test.example', phone: '+79991110001', fullName: 'Тестов Тест' },
    };
    const legal = await f.call('POST', '/api/v1/admin/clients', {
      token: admin,
      body: { ...base, kind: 'legal_entity', inn: '7707083890', ogrn: '1027700132190', kpp: 'ABC' },
    });
    expect(legal.status).toBe(400);
    expect(Object.keys(legal.body['errors'] as object).sort()).toEqual(['inn', 'kpp', 'ogrn']);
    const individual = await f.call('POST', '/api/v1/admin/clients', {
      token: admin,
      body: { ...base, kind: 'individual', inn: '7707083893', kpp: '773601001' },
    });
    expect(individual.status).toBe(400);
    expect(Object.keys(individual.body['errors'] as object).sort()).toEqual(['inn', 'kpp']);
    const soleProprietor = await f.call('POST', '/api/v1/admin/clients', {
      token: admin,
      body: { ...base, kind: 'sole_proprietor', inn: '500123456750' },
    });
    expect(soleProprietor.status).toBe(400);
    expect(Object.keys(soleProprietor.body['errors'] as object)).toEqual(['ogrn']);
    const notAManager = await f.call('POST', '/api/v1/admin/clients', {
      token: admin,
      body: {
        ...base,
        kind: 'individual',
        inn: '500100732259',
        managerId: f.actor('broker@demo.local').userId,
      },
    });
    expect(notAManager.status).toBe(400);
    expect(notAManager.body['errors']).toHaveProperty('managerId');
  });

  it('lists and changes clients; an unknown one is 404', async () => {
    const list = await f.call('GET', '/api/v1/admin/clients', { token: admin });
    expect(list.status).toBe(200);
    const first = (list.body['items'] as { id: string }[])[0];
    if (!first) throw new Error('no clients');
    const changed = await f.call('PATCH', `/api/v1/admin/clients/${first.id}`, {
      token: admin,
      body: { address: 'г. Москва, ул. Новая, д. 2' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body['address']).toBe('г. Москва, ул. Новая, д. 2');
    const missing = await f.call('PATCH', '/api/v1/admin/clients/2b1c1d1e-1f10-4a2b-8c3d-4e5f6a7b8c9d', {
      token: admin,
      body: { name: 'X Y' },
    });
    expect(missing.status).toBe(404);
  });
});

describe('admin: clients and their users', () => {
  interface ClientItem {
    name: string;
    contractNumber: string;
    managerName: string | null;
    users: { id: string; email: string; active: boolean; telegramLinked: boolean }[];
  }
  const items = (body: Record<string, unknown>) => body['items'] as ClientItem[];

  it('lists each client with its manager by name and its users; q finds by name, INN or contract', async () => {
    const all = await f.call('GET', '/api/v1/admin/clients?pageSize=100', { token: admin });
    const ivanov = items(all.body).find((c) => c.contractNumber === 'БО-0001/26');
    expect(ivanov).toMatchObject({ managerName: 'Менеджерова Мария' });
    expect(ivanov?.users).toEqual([
      expect.objectContaining({ email: 'client@demo.local', active: true, telegramLinked: false }),
    ]);
    for (const q of ['ромаш', '7712345671', 'бо-0003']) {
      const found = await f.call('GET', `/api/v1/admin/clients?q=${encodeURIComponent(q)}`, { token: admin });
      expect([q, items(found.body).map((c) => c.name)]).toEqual([q, ['ООО «Ромашка»']]);
    }
    // A pattern's wildcards are taken literally.
    const wild = await f.call('GET', `/api/v1/admin/clients?q=${encodeURIComponent('%')}`, { token: admin });
    expect(items(wild.body)).toEqual([]);
    const notAdmin = await f.call('GET', '/api/v1/admin/clients', {
      token: await f.login('manager@demo.local'),
    });
    expect(notAdmin.status).toBe(403);
  });

  it('locks a client’s user (ending the sessions, journaled) and unlocks; staff ids and others are refused', async () => {
    const userId = f.actor('ip@demo.local').userId;
    const token = await f.login('ip@demo.local');
    const locked = await f.call('PATCH', `/api/v1/admin/users/${userId}`, {
      token: admin,
      body: { active: false },
    });
    expect(locked.status).toBe(200);
    expect(locked.body).toMatchObject({ id: userId, active: false });
    expect((await f.call('GET', '/api/v1/me', { token })).status).toBe(401);
    const entry = await f.db.orm.em
      .fork()
      .findOneOrFail(JournalEntrySchema, { action: 'admin.user_updated', subjectUserId: userId });
    expect(entry.data).toMatchObject({ active: false, sessionsRevoked: 1 });
    const listed = await f.call('GET', '/api/v1/admin/clients?q=Петров', { token: admin });
    expect(items(listed.body)[0]?.users[0]?.active).toBe(false);
    const unlocked = await f.call('PATCH', `/api/v1/admin/users/${userId}`, {
      token: admin,
      body: { active: true },
    });
    expect(unlocked.body).toMatchObject({ active: true });
    expect(
      (await f.call('POST', '/api/v1/auth/login', { body: { login: 'ip@demo.local', password: 'x' } }))
        .status,
    ).toBe(200);

    const staff = await f.call('PATCH', `/api/v1/admin/users/${f.actor('broker@demo.local').userId}`, {
      token: admin,
      body: { active: false },
    });
    expect(staff.status).toBe(404);
    const bad = await f.call('PATCH', `/api/v1/admin/users/${userId}`, {
      token: admin,
      body: { active: 'no' },
    });
    expect(bad.status).toBe(400);
    const notAdmin = await f.call('PATCH', `/api/v1/admin/users/${userId}`, {
      token: await f.login('manager@demo.local'),
      body: { active: false },
    });
    expect(notAdmin.status).toBe(403);
  });
});

describe('admin: journal', () => {
  it('verifies the chain', async () => {
    const verdict = await f.call('GET', '/api/v1/admin/journal/verify', { token: admin });
    expect(verdict.status).toBe(200);
    expect(verdict.body).toMatchObject({ ok: true });
    expect(Number(verdict.body['entries'])).toBeGreaterThan(0);
  });
});

describe('admin: the delivery journal of a request', () => {
  it('lists each notice per recipient and channel with its state; others get 403, an unknown request 404', async () => {
    const client = f.actor('client@demo.local');
    const draft = await f.workflow.createDraft(client, {
      type: 'general_inquiry',
      payload: SAMPLE_PAYLOADS.general_inquiry,
    });
    const { payloadHash } = await f.workflow.submit(client, draft.id);
    await f.workflow.confirmSignature(client, draft.id, payloadHash, { channel: 'api' });
    await new OutboxRelay({
      orm: f.db.orm,
      logger: createLogger('silent'),
      recipients: () => ({ bots: new Set(), now: f.clock.now() }),
    }).relayBatch();

    const answer = await f.call('GET', `/api/v1/admin/requests/${draft.id}/deliveries`, { token: admin });
    expect(answer.status).toBe(200);
    const items = answer.body['items'] as Record<string, unknown>[];
    expect(items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          topic: 'request_submitted',
          channel: 'inapp',
          recipientKind: 'user',
          recipientName: 'Менеджерова Мария',
          status: 'queued',
        }),
        expect.objectContaining({
          topic: 'request_submitted',
          channel: 'telegram',
          recipientKind: 'role_chat',
          recipientRole: 'client_manager',
          status: 'skipped',
          lastError: 'channel_off',
        }),
      ]),
    );
    // Addresses never: people by name, chats by role.
    expect(answer.text).not.toMatch(/@demo\.local|\+7999/);
    const manager = await f.login('manager@demo.local');
    expect(
      (await f.call('GET', `/api/v1/admin/requests/${draft.id}/deliveries`, { token: manager })).status,
    ).toBe(403);
    expect(
      (
        await f.call('GET', '/api/v1/admin/requests/00000000-0000-4000-8000-000000000000/deliveries', {
          token: admin,
        })
      ).status,
    ).toBe(404);
  });
});

describe('admin: role chats', () => {
  it('lists every task role with the chat bound to it, or none', async () => {
    await f.db.orm.em.fork().transactional(async (em) => {
      em.create(RoleChatSchema, {
        id: '41111111-2222-4333-8444-555555555555',
        role: 'back_office',
        chatId: '-1001234567890',
        title: 'Бэк-офис — заявки',
        boundBy: f.actor('admin@demo.local').userId,
        boundAt: f.clock.now(),
      });
    });
    const answer = await f.call('GET', '/api/v1/admin/role-chats', { token: admin });
    expect(answer.status).toBe(200);
    const items = answer.body['items'] as { role: string; chat: { title: string; boundBy: string } | null }[];
    expect(items.map((i) => i.role)).toEqual([
      'client_manager',
      'back_office',
      'fin_monitoring',
      'brokerage',
      'depositary',
      'trust_management',
      'accountant',
    ]);
    expect(items.find((i) => i.role === 'back_office')?.chat).toMatchObject({
      title: 'Бэк-офис — заявки',
      boundBy: 'Админов Алексей',
    });
    expect(items.find((i) => i.role === 'brokerage')?.chat).toBeNull();
    expect(answer.text).not.toContain('-1001234567890');
    const manager = await f.login('manager@demo.local');
    expect((await f.call('GET', '/api/v1/admin/role-chats', { token: manager })).status).toBe(403);
  });
});
