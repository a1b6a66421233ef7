import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { loadConfig } from '../../../src/config.js';
import { runAccountCommand } from '../../../src/identity/accounts-cli.js';
import { UserSchema } from '../../../src/identity/user.entity.js';
import { JournalEntrySchema } from '../../../src/journal/journal.entity.js';
import { OutboxMessageSchema } from '../../../src/messaging/outbox.entity.js';
import { createApiFixture, type ApiFixture, type HttpAnswer } from '../../support/api.js';

/**
 * Security drill, issue 17 item 8: a password an administrator or the CLI sets is an initial one. It works for 72
 * hours and only until it is replaced; a session opened with it can do nothing but replace it (and read /me, sign
 * out); past its time it fails exactly like a wrong password. The demo accounts are not affected.
 */

const HOUR = 3_600_000;
const NEW_PASSWORD = 'Sobstvennyi-parol-2026!';

let f: ApiFixture;
let admin: string;
beforeAll(async () => {
  f = await createApiFixture();
  admin = await f.login('admin@demo.local');
});
afterAll(async () => {
  await f.close();
});

async function createClientUser(
  email: string,
  phone: string,
  inn: string,
  contract: string,
): Promise<string> {
  const created = await f.call('POST', '/api/v1/admin/clients', {
    token: admin,
    body: {
      kind: 'individual',
      name: 'Первоначальный Пётр Петрович',
      inn,
      contractNumber: contract,
      user: { email, phone, fullName: 'Первоначальный Пётр Петрович' },
    },
  });
  expect(created.status).toBe(201);
  return String(created.body['initialPassword']);
}

async function startLogin(login: string, password: string): Promise<HttpAnswer> {
  const started = await f.call('POST', '/api/v1/auth/login', { body: { login, password } });
  expect(started.status).toBe(200);
  return started;
}

async function loginWith(login: string, phone: string, password: string): Promise<HttpAnswer> {
  const started = await startLogin(login, password);
  return f.call('POST', '/api/v1/auth/login/confirm', {
    body: { challengeId: started.body['challengeId'], code: f.sms.code(phone) },
  });
}

describe('an initial password', () => {
  const EMAIL = 'first.login@client.example';
  const PHONE = '+79997770001';

  it('opens a session that must change the password first: 403 password_change_required elsewhere', async () => {
    const initial = await createClientUser(EMAIL, PHONE, '500100732259', 'БО-0701/26');
    const confirmed = await loginWith(EMAIL, PHONE, initial);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body['user']).toMatchObject({ email: EMAIL, passwordChangeRequired: true });
    const token = String(confirmed.body['token']);

    const me = await f.call('GET', '/api/v1/me', { token });
    expect(me.status).toBe(200);
    expect(me.body['passwordChangeRequired']).toBe(true);
    for (const [method, path, body] of [
      ['GET', '/api/v1/requests', undefined],
      ['GET', '/api/v1/request-types', undefined],
      ['POST', '/api/v1/requests', { type: 'general_inquiry', payload: {} }],
      ['POST', '/api/v1/me/telegram-link', undefined],
      ['POST', '/api/v1/me/email', { email: 'other@client.example' }],
      ['GET', '/api/v1/notifications', undefined],
    ] as const) {
      const answer = await f.call(method, path, { token, ...(body ? { body } : {}) });
      expect([path, answer.status, answer.body['code']]).toEqual([path, 403, 'password_change_required']);
    }
  });

  it('is replaced through POST /me/password and its SMS confirmation; then the session is free and the initial password is dead', async () => {
    const EMAIL2 = 'second.login@client.example';
    const PHONE2 = '+79997770002';
    const initial = await createClientUser(EMAIL2, PHONE2, '773400211573', 'БО-0702/26');
    const token = String((await loginWith(EMAIL2, PHONE2, initial)).body['token']);

    const started = await f.call('POST', '/api/v1/me/password', {
      token,
      body: { currentPassword: initial, newPassword: NEW_PASSWORD },
    });
    expect(started.status).toBe(202);
    const confirmed = await f.call('POST', `/api/v1/confirmations/${String(started.body['challengeId'])}`, {
      token,
      body: { code: f.sms.code(PHONE2) },
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body['user']).toMatchObject({ passwordChangeRequired: false });

    expect((await f.call('GET', '/api/v1/requests', { token })).status).toBe(200);
    expect((await f.call('GET', '/api/v1/me', { token })).body['passwordChangeRequired']).toBe(false);

    // The initial password now fails like any wrong one: no code is sent.
    const sent = f.sms.sent.length;
    await startLogin(EMAIL2, initial);
    expect(f.sms.sent.length).toBe(sent);
    const fresh = await loginWith(EMAIL2, PHONE2, NEW_PASSWORD);
    expect(fresh.status).toBe(200);
    expect(fresh.body['user']).toMatchObject({ passwordChangeRequired: false });
  });

  it('comes from staff:invite and admin:create (even with ADMIN_PASSWORD) too, expiring 72 hours later', async () => {
    const config = loadConfig({});
    const quiet = [jest.spyOn(console, 'log').mockImplementation(() => undefined)];
    process.env['ADMIN_PASSWORD'] = 'Admin-from-the-environment-2026';
    try {
      const before = f.clock.now().getTime();
      expect(
        await runAccountCommand(
          'staff:invite',
          [
            '--email',
            'invited@kabinet.example',
            '--phone',
            '+79997770003',
            '--name',
            'Приглашённая',
            '--roles',
            'accountant',
          ],
          f.db.orm,
          config,
        ),
      ).toBe(0);
      expect(
        await runAccountCommand(
          'admin:create',
          ['--email', 'second.admin@kabinet.example', '--phone', '+79997770004', '--name', 'Второй Админ'],
          f.db.orm,
          config,
        ),
      ).toBe(0);
      for (const email of ['invited@kabinet.example', 'second.admin@kabinet.example']) {
        const user = await f.db.orm.em.fork().findOneOrFail(UserSchema, { email });
        const expiresAt = user.passwordExpiresAt?.getTime() ?? 0;
        // The CLI runs on the real clock; the fixture's clock may be ahead, never behind.
        expect(expiresAt).toBeGreaterThanOrEqual(Date.now() + 72 * HOUR - 60_000);
        expect(expiresAt).toBeLessThanOrEqual(before + 72 * HOUR + 60_000);
      }
    } finally {
      delete process.env['ADMIN_PASSWORD'];
      quiet.forEach((spy) => spy.mockRestore());
    }
  });

  it('is not what the demo accounts have: they log in and work without a forced change', async () => {
    const token = await f.login('client@demo.local');
    const me = await f.call('GET', '/api/v1/me', { token });
    expect(me.body['passwordChangeRequired']).toBe(false);
    expect((await f.call('GET', '/api/v1/requests', { token })).status).toBe(200);
  });

  it('is spent by its first login: once that session’s grace is over, it fails like a wrong password; an administrator issues a new one', async () => {
    const EMAIL4 = 'spent.login@client.example';
    const PHONE4 = '+79997770007';
    const initial = await createClientUser(EMAIL4, PHONE4, '366200101363', 'БО-0704/26');
    const first = await loginWith(EMAIL4, PHONE4, initial);
    expect(first.status).toBe(200);
    expect(first.body['user']).toMatchObject({ passwordChangeRequired: true });
    f.clock.advance(16 * 60_000);

    const sent = f.sms.sent.length;
    const again = await startLogin(EMAIL4, initial);
    expect(f.sms.sent.length).toBe(sent);
    const confirm = await f.call('POST', '/api/v1/auth/login/confirm', {
      body: { challengeId: again.body['challengeId'], code: '000000' },
    });
    expect(confirm.status).toBe(422);

    // The administrator issues a new one: the old session ends, the person is told, the new one works once.
    const userId = String((first.body['user'] as { id: string }).id);
    const staffToken = await f.login('backoffice@demo.local');
    const notAdmin = await f.call('POST', `/api/v1/admin/users/${userId}/password-reset`, {
      token: staffToken,
    });
    expect(notAdmin.status).toBe(403);
    const adminId = f.actor('admin@demo.local').userId;
    const own = await f.call('POST', `/api/v1/admin/users/${adminId}/password-reset`, { token: admin });
    expect(own.status).toBe(403);
    const reset = await f.call('POST', `/api/v1/admin/users/${userId}/password-reset`, { token: admin });
    expect(reset.status).toBe(200);
    const fresh = String(reset.body['initialPassword']);
    expect(fresh).not.toBe(initial);
    const oldSession = await f.call('GET', '/api/v1/me', { token: String(first.body['token']) });
    expect(oldSession.status).toBe(401);
    const entry = await f.db.orm.em
      .fork()
      .findOneOrFail(JournalEntrySchema, { action: 'user.password_reset', subjectUserId: userId });
    expect(entry.actorId).toBe(adminId);
    const notices = await f.db.orm.em.fork().find(OutboxMessageSchema, { topic: 'security_notice' });
    expect(notices.map((n) => [n.payload['userId'], n.payload['kind']])).toContainEqual([
      userId,
      'password_reset',
    ]);
    const second = await loginWith(EMAIL4, PHONE4, fresh);
    expect(second.status).toBe(200);
    expect(second.body['user']).toMatchObject({ passwordChangeRequired: true });
  });

  // Last: it moves the fixture's clock 72 hours on.
  it('fails past 72 hours exactly like a wrong password (same answer, no code sent)', async () => {
    const EMAIL3 = 'late.login@client.example';
    const PHONE3 = '+79997770005';
    const initial = await createClientUser(EMAIL3, PHONE3, '366200101290', 'БО-0703/26');
    f.clock.advance(72 * HOUR + 60_000);

    const sent = f.sms.sent.length;
    const expired = await startLogin(EMAIL3, initial);
    const wrong = await startLogin(EMAIL3, 'not-the-password-at-all');
    expect(f.sms.sent.length).toBe(sent);
    const shape = (a: HttpAnswer) => ({
      status: a.status,
      keys: Object.keys(a.body).sort(),
      channel: a.body['channel'],
      destination: a.body['destination'],
    });
    expect(shape(expired)).toEqual(shape(wrong));
    const confirm = await f.call('POST', '/api/v1/auth/login/confirm', {
      body: { challengeId: expired.body['challengeId'], code: '000000' },
    });
    expect(confirm.status).toBe(422);
  });
});
