import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { TelegramLinkTokenSchema } from '../../../src/identity/telegram-link-token.entity.js';
import { UserSchema } from '../../../src/identity/user.entity.js';
import { JournalEntrySchema } from '../../../src/journal/journal.entity.js';
import { OutboxMessageSchema } from '../../../src/messaging/outbox.entity.js';
import { createApiFixture, DEMO_PASSWORD, type ApiFixture } from '../../support/api.js';

let f: ApiFixture;
beforeAll(async () => {
  f = await createApiFixture();
});
afterAll(async () => {
  await f.close();
});

async function notices(userId: string): Promise<{ kind: unknown; journalEntryId: unknown }[]> {
  const rows = await f.db.orm.em.fork().find(OutboxMessageSchema, { topic: 'security_notice' });
  return rows
    .filter((r) => r.payload['userId'] === userId)
    .map((r) => ({ kind: r.payload['kind'], journalEntryId: r.payload['journalEntryId'] }));
}

describe('password change', () => {
  const LOGIN = 'company@demo.local';
  const PHONE = '+79990000003';

  it('needs the current password and an SMS code; ends the other sessions; notifies the user', async () => {
    const token = await f.login(LOGIN);
    const other = await f.login(LOGIN);

    const wrongCurrent = await f.call('POST', '/api/v1/me/password', {
      token,
      body: { currentPassword: 'not-it', newPassword: 'Novyi-parol-2026!' },
    });
    expect(wrongCurrent.status).toBe(422);

    const weak = await f.call('POST', '/api/v1/me/password', {
      token,
      body: { currentPassword: DEMO_PASSWORD, newPassword: 'qwertyuiop' },
    });
    expect(weak.status).toBe(400);
    expect(weak.body['errors']).toHaveProperty('newPassword');

    const started = await f.call('POST', '/api/v1/me/password', {
      token,
      body: { currentPassword: DEMO_PASSWORD, newPassword: 'Novyi-parol-2026!' },
    });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({
      purpose: 'change_password',
      channel: 'sms',
      destination: '+7 *** ***-**-03',
    });
    expect(f.sms.last(PHONE).text).toMatch(/^Код для смены пароля в Кабинете: \d{6}\./);

    const confirmed = await f.call('POST', `/api/v1/confirmations/${String(started.body['challengeId'])}`, {
      token,
      body: { code: f.sms.code(PHONE) },
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ purpose: 'change_password', user: { email: LOGIN } });

    expect((await f.call('GET', '/api/v1/me', { token })).status).toBe(200);
    expect((await f.call('GET', '/api/v1/me', { token: other })).status).toBe(401);
    await expect(f.login(LOGIN, 'Novyi-parol-2026!')).resolves.toEqual(expect.any(String));
    const stored = await f.db.orm.em.fork().findOneOrFail(UserSchema, { email: LOGIN });
    expect(stored.passwordHash).not.toContain('Novyi');
    expect((await notices(stored.id)).map((n) => n.kind)).toContain('password_changed');
  });
});

describe('email change', () => {
  const LOGIN = 'ip@demo.local';
  const PHONE = '+79990000002';

  it('sends a code to the new address and an SMS; needs both; notifies the old contact', async () => {
    const token = await f.login(LOGIN);
    const taken = await f.call('POST', '/api/v1/me/email', { token, body: { email: 'client@demo.local' } });
    // A taken address answers like a free one and can never be confirmed (test/integration/security/).
    expect(taken.status).toBe(202);

    const started = await f.call('POST', '/api/v1/me/email', {
      token,
      body: { email: 'Petrov.New@Example.com' },
    });
    expect(started.status).toBe(202);
    expect(started.body['destinations']).toEqual([
      { key: 'new_email', channel: 'email', destination: 'p***w@example.com' },
      { key: 'phone', channel: 'sms', destination: '+7 *** ***-**-02' },
    ]);
    const emailCode = f.email.code('petrov.new@example.com');
    const smsCode = f.sms.code(PHONE);
    const challengeId = String(started.body['challengeId']);

    const oneCode = await f.call('POST', `/api/v1/confirmations/${challengeId}`, {
      token,
      body: { code: smsCode },
    });
    expect(oneCode.status).toBe(400);
    const swapped = await f.call('POST', `/api/v1/confirmations/${challengeId}`, {
      token,
      body: { codes: { new_email: smsCode, phone: emailCode } },
    });
    if (smsCode !== emailCode) expect(swapped.status).toBe(422);

    const confirmed = await f.call('POST', `/api/v1/confirmations/${challengeId}`, {
      token,
      body: { codes: { new_email: emailCode, phone: smsCode } },
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body['user']).toMatchObject({ email: 'petrov.new@example.com' });

    const user = await f.db.orm.em.fork().findOneOrFail(UserSchema, { email: 'petrov.new@example.com' });
    const [notice] = (await notices(user.id)).filter((n) => n.kind === 'email_changed');
    expect(notice).toBeDefined();
    const entry = await f.db.orm.em
      .fork()
      .findOneOrFail(JournalEntrySchema, { id: String(notice?.journalEntryId) });
    expect(entry).toMatchObject({
      action: 'user.email_changed',
      data: expect.objectContaining({ previous: LOGIN }),
    });
  });
});

describe('phone change', () => {
  const LOGIN = 'depo@demo.local';
  const OLD = '+79990000106';
  const NEW = '+79161234567';

  it('sends codes to the current and the new phone and needs both', async () => {
    const token = await f.login(LOGIN);
    const bad = await f.call('POST', '/api/v1/me/phone', { token, body: { phone: 'call me' } });
    expect(bad.status).toBe(400);
    expect(bad.body['errors']).toHaveProperty('phone');

    const started = await f.call('POST', '/api/v1/me/phone', { token, body: { phone: '8 916 123-45-67' } });
    expect(started.status).toBe(202);
    expect(started.body['destinations']).toEqual([
      { key: 'current_phone', channel: 'sms', destination: '+7 *** ***-**-06' },
      { key: 'new_phone', channel: 'sms', destination: '+7 *** ***-**-67' },
    ]);
    expect(f.sms.last(NEW).text).toMatch(/нового телефона/);
    const codes = { current_phone: f.sms.code(OLD), new_phone: f.sms.code(NEW) };
    const confirmed = await f.call('POST', `/api/v1/confirmations/${String(started.body['challengeId'])}`, {
      token,
      body: { codes },
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body['user']).toMatchObject({ phone: NEW });
    const user = await f.db.orm.em.fork().findOneOrFail(UserSchema, { email: LOGIN });
    expect((await notices(user.id)).map((n) => n.kind)).toContain('phone_changed');
  });
});

describe('telegram link', () => {
  it('gives clients the client bot and staff the staff bot, a one-time token stored hashed', async () => {
    const client = await f.login('client@demo.local');
    const link = await f.call('POST', '/api/v1/me/telegram-link', { token: client });
    expect(link.status).toBe(201);
    const url = new URL(String(link.body['url']));
    expect(url.origin + url.pathname).toBe('https://t.me/kabinet_client_bot');
    const token = url.searchParams.get('start') ?? '';
    expect(token.length).toBeLessThanOrEqual(64);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    const row = await f.db.orm.em.fork().findOneOrFail(TelegramLinkTokenSchema, {
      tokenHash: createHash('sha256').update(token).digest('hex'),
    });
    expect(row).toMatchObject({ purpose: 'client_link', usedAt: null });

    const staff = await f.login('broker@demo.local');
    const staffLink = await f.call('POST', '/api/v1/me/telegram-link', { token: staff });
    expect(String(staffLink.body['url'])).toMatch(/^https:\/\/t\.me\/kabinet_staff_bot\?start=/);
  });
});
