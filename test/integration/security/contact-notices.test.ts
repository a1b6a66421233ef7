import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generate } from 'otplib';
import { createApiFixture, DEMO_PASSWORD, type ApiFixture } from '../../support/api.js';
import { deliverOutbox, type Delivered } from '../../support/delivered.js';

/*
 * Issue 17, item 3 (security drill, PostgreSQL): security notices reach the person through the real notification
 * pipeline — a changed contact keeps its code to the new address and the notice goes to the OLD one, whoever made
 * the change; an authenticator set up on the account is announced by SMS and e-mail.
 */
let f: ApiFixture;
beforeAll(async () => {
  f = await createApiFixture();
});
afterAll(async () => {
  await f.close();
});

const to = (sent: Delivered[], address: string) => sent.filter((m) => m.to === address);

describe('contact changes', () => {
  // The first two held before issue 17 too (they guard it end to end); the administrator's change did not.
  it('an e-mail change: the code goes to the new address, the notice to the old address and the phone', async () => {
    const token = await f.login('ip@demo.local');
    const started = await f.call('POST', '/api/v1/me/email', {
      token,
      body: { email: 'ip.new@example.com' },
    });
    expect(started.status).toBe(202);
    expect(f.email.code('ip.new@example.com')).toMatch(/^\d{6}$/);
    const done = await f.call('POST', `/api/v1/confirmations/${String(started.body['challengeId'])}`, {
      token,
      body: {
        codes: { new_email: f.email.code('ip.new@example.com'), phone: f.sms.code('+79990000002') },
      },
    });
    expect(done.status).toBe(200);

    const sent = await deliverOutbox(f.db.orm);
    const oldMail = to(sent, 'ip@demo.local');
    expect(oldMail).toHaveLength(1);
    expect(oldMail[0]?.text).toContain('Адрес электронной почты в кабинете изменён');
    expect(to(sent, 'ip.new@example.com')).toEqual([]);
    expect(to(sent, '+79990000002').map((m) => m.text)).toEqual([
      expect.stringContaining('Адрес электронной почты в кабинете изменён'),
    ]);
  });

  it('a phone change: codes to both phones, the notice by SMS to the old phone', async () => {
    const token = await f.login('company@demo.local');
    const started = await f.call('POST', '/api/v1/me/phone', { token, body: { phone: '+79161112233' } });
    expect(started.status).toBe(202);
    const done = await f.call('POST', `/api/v1/confirmations/${String(started.body['challengeId'])}`, {
      token,
      body: {
        codes: { current_phone: f.sms.code('+79990000003'), new_phone: f.sms.code('+79161112233') },
      },
    });
    expect(done.status).toBe(200);

    const sent = await deliverOutbox(f.db.orm);
    expect(to(sent, '+79990000003').map((m) => m.text)).toEqual([
      expect.stringContaining('Номер телефона для входа и подтверждений изменён'),
    ]);
    expect(to(sent, '+79161112233')).toEqual([]);
    expect(to(sent, 'company@demo.local')).toHaveLength(1);
  });

  it('an administrator changing a staff member’s phone notifies the old phone (and the e-mail)', async () => {
    const admin = await f.login('admin@demo.local');
    const staffId = f.actor('accountant@demo.local').userId;
    const patched = await f.call('PATCH', `/api/v1/admin/staff/${staffId}`, {
      token: admin,
      body: { phone: '+79165554433' },
    });
    expect(patched.status).toBe(200);

    const sent = await deliverOutbox(f.db.orm);
    expect(to(sent, '+79990000108').map((m) => m.text)).toEqual([
      expect.stringContaining('Номер телефона для входа и подтверждений изменён'),
    ]);
    expect(to(sent, 'accountant@demo.local')).toHaveLength(1);
    expect(to(sent, '+79165554433')).toEqual([]);
  });
});

describe('authenticators', () => {
  it('setting up an authenticator is announced by SMS and e-mail', async () => {
    const token = await f.login('finmon@demo.local');
    const started = await f.call('POST', '/api/v1/me/totp', {
      token,
      body: { currentPassword: DEMO_PASSWORD },
    });
    expect(started.status).toBe(202);
    const secret = new URL(String(started.body['otpauthUri'])).searchParams.get('secret') ?? '';
    const done = await f.call('POST', `/api/v1/confirmations/${String(started.body['challengeId'])}`, {
      token,
      body: {
        codes: {
          authenticator: await generate({ secret, epoch: Math.floor(f.clock.now().getTime() / 1000) }),
          phone: f.sms.code('+79990000103'),
        },
      },
    });
    expect(done.status).toBe(200);

    const sent = await deliverOutbox(f.db.orm);
    expect(to(sent, '+79990000103').map((m) => m.text)).toEqual([
      expect.stringContaining('подключено приложение-аутентификатор'),
    ]);
    expect(to(sent, 'finmon@demo.local').map((m) => m.text)).toEqual([
      expect.stringContaining('подключено приложение-аутентификатор'),
    ]);
  });
});
