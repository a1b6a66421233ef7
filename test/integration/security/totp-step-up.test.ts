import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generate } from 'otplib';
import { TotpAuthenticator } from '../../../src/identity/totp.js';
import { UserSchema } from '../../../src/identity/user.entity.js';
import { JournalEntrySchema } from '../../../src/journal/journal.entity.js';
import { OutboxMessageSchema } from '../../../src/messaging/outbox.entity.js';
import {
  createApiFixture,
  DEMO_PASSWORD,
  LOOSE_LIMITS,
  TEST_CODE_SECRET,
  type ApiFixture,
} from '../../support/api.js';

/*
 * Issue 17, item 3 (security drill, PostgreSQL): setting or replacing an authenticator is a step-up — the current
 * password and a code on the factor the person already has — and the person hears of it; an administrator's
 * reset is journaled and noticed too.
 */
let f: ApiFixture;
const totp = new TotpAuthenticator(TEST_CODE_SECRET);
beforeAll(async () => {
  f = await createApiFixture();
});
afterAll(async () => {
  await f.close();
});

const epoch = (): number => Math.floor(f.clock.now().getTime() / 1000);
const confirm = (token: string, challengeId: unknown, codes: Record<string, string>) =>
  f.call('POST', `/api/v1/confirmations/${String(challengeId)}`, { token, body: { codes } });
const secretOf = (uri: unknown): string => new URL(String(uri)).searchParams.get('secret') ?? '';

async function noticeKinds(login: string): Promise<unknown[]> {
  const userId = f.actor(login).userId;
  const rows = await f.db.orm.em.fork().find(OutboxMessageSchema, { topic: 'security_notice' });
  return rows.filter((r) => r.payload['userId'] === userId).map((r) => r.payload['kind']);
}

/** A first enrolment through the step-up; returns the new app's secret. */
async function enrol(token: string, login: string): Promise<string> {
  const started = await f.call('POST', '/api/v1/me/totp', {
    token,
    body: { currentPassword: DEMO_PASSWORD },
  });
  expect(started.status).toBe(202);
  const secret = secretOf(started.body['otpauthUri']);
  const done = await confirm(token, started.body['challengeId'], {
    authenticator: await generate({ secret, epoch: epoch() }),
    phone: f.sms.code(f.phoneOf(login)),
  });
  expect(done.status).toBe(200);
  return secret;
}

describe('enrolling an authenticator (POST /me/totp)', () => {
  const STAFF = 'broker@demo.local';

  it('refuses to start without the current password, or with a wrong one', async () => {
    const token = await f.login(STAFF);
    const bare = await f.call('POST', '/api/v1/me/totp', { token });
    expect(bare.status).toBe(400);
    expect(bare.body['errors']).toHaveProperty('currentPassword');
    const wrong = await f.call('POST', '/api/v1/me/totp', { token, body: { currentPassword: 'not-it' } });
    expect(wrong.status).toBe(422);
    expect(wrong.body['code']).toBe('code_invalid');
  });

  let session = '';

  it('a first enrolment needs an SMS code to the phone besides the new app’s code', async () => {
    const token = await f.login(STAFF);
    session = token;
    const started = await f.call('POST', '/api/v1/me/totp', {
      token,
      body: { currentPassword: DEMO_PASSWORD },
    });
    expect(started.status).toBe(202);
    expect(started.body['destinations']).toEqual([
      { key: 'authenticator', channel: 'totp', destination: 'authenticator' },
      { key: 'phone', channel: 'sms', destination: '+7 *** ***-**-05' },
    ]);
    expect(f.sms.last(f.phoneOf(STAFF)).text).toMatch(/аутентификатора/);
    const secret = secretOf(started.body['otpauthUri']);
    const appCode = await generate({ secret, epoch: epoch() });

    // The app's code alone (what a stolen session could produce) no longer enrols.
    const alone = await f.call('POST', `/api/v1/confirmations/${String(started.body['challengeId'])}`, {
      token,
      body: { code: appCode },
    });
    expect(alone.status).toBe(400);
    const wrongSms = await confirm(token, started.body['challengeId'], {
      authenticator: appCode,
      phone: f.sms.code(f.phoneOf(STAFF)) === '000000' ? '111111' : '000000',
    });
    expect(wrongSms.status).toBe(422);
    const user = await f.db.orm.em.fork().findOneOrFail(UserSchema, { email: STAFF });
    expect(user.totpEnabledAt ?? null).toBeNull();

    const done = await confirm(token, started.body['challengeId'], {
      authenticator: appCode,
      phone: f.sms.code(f.phoneOf(STAFF)),
    });
    expect(done.status).toBe(200);
    expect(done.body['user']).toMatchObject({ totpEnabled: true });
    expect(await noticeKinds(STAFF)).toContain('totp_enrolled');
  });

  it('replacing the app needs the current app’s code, and the person is told', async () => {
    // Logins now ask for the app: the session of the enrolment is reused.
    const token = session;
    const stored = await f.db.orm.em.fork().findOneOrFail(UserSchema, { email: STAFF });
    expect(stored.totpEnabledAt).not.toBeNull();
    // The app enrolled by the previous test; its secret is read back the way the server reads it.
    const oldSecret = totp.open(stored.totpSecret ?? '');
    f.clock.advance(60_000);

    const started = await f.call('POST', '/api/v1/me/totp', {
      token,
      body: { currentPassword: DEMO_PASSWORD },
    });
    expect(started.status).toBe(202);
    expect(started.body['destinations']).toEqual([
      { key: 'authenticator', channel: 'totp', destination: 'authenticator' },
      { key: 'current_authenticator', channel: 'totp', destination: 'authenticator' },
    ]);
    const newSecret = secretOf(started.body['otpauthUri']);
    const newCode = await generate({ secret: newSecret, epoch: epoch() });

    const newOnly = await f.call('POST', `/api/v1/confirmations/${String(started.body['challengeId'])}`, {
      token,
      body: { code: newCode },
    });
    expect(newOnly.status).toBe(400);
    // Someone holding only the new app (an attacker's) cannot vouch for the old one.
    const forged = await confirm(token, started.body['challengeId'], {
      authenticator: newCode,
      current_authenticator: newCode,
    });
    expect(forged.status).toBe(422);

    const done = await confirm(token, started.body['challengeId'], {
      authenticator: newCode,
      current_authenticator: await generate({ secret: oldSecret, epoch: epoch() }),
    });
    expect(done.status).toBe(200);
    const after = await f.db.orm.em.fork().findOneOrFail(UserSchema, { email: STAFF });
    expect(totp.open(after.totpSecret ?? '')).toBe(newSecret);
    expect(await noticeKinds(STAFF)).toEqual(expect.arrayContaining(['totp_enrolled', 'totp_replaced']));
  });
});

describe('the current-password check of an enrolment is throttled', () => {
  it('answers 429 once the password-check limit is spent, even with the right password', async () => {
    const tight = await createApiFixture({
      limits: { ...LOOSE_LIMITS, passwordChecksPerAccount: { limit: 3, windowSeconds: 900 } },
    });
    try {
      const token = await tight.login('depo@demo.local');
      for (let i = 0; i < 3; i += 1) {
        const wrong = await tight.call('POST', '/api/v1/me/totp', {
          token,
          body: { currentPassword: `guess-${String(i)}` },
        });
        expect(wrong.status).toBe(422);
      }
      const right = await tight.call('POST', '/api/v1/me/totp', {
        token,
        body: { currentPassword: DEMO_PASSWORD },
      });
      expect(right.status).toBe(429);
    } finally {
      await tight.close();
    }
  });
});

describe('an administrator resets a staff member’s authenticator', () => {
  const STAFF = 'trust@demo.local';

  it('is for administrators only, journaled with the admin as actor, noticed, ends the sessions, and logins go by SMS again', async () => {
    const staffToken = await f.login(STAFF);
    await enrol(staffToken, STAFF);
    const staffId = f.actor(STAFF).userId;

    const byManager = await f.call('POST', `/api/v1/admin/staff/${staffId}/totp/reset`, {
      token: await f.login('manager@demo.local'),
    });
    expect(byManager.status).toBe(403);

    const adminToken = await f.login('admin@demo.local');
    const adminId = f.actor('admin@demo.local').userId;
    const own = await f.call('POST', `/api/v1/admin/staff/${adminId}/totp/reset`, { token: adminToken });
    expect(own.status).toBe(403);

    const reset = await f.call('POST', `/api/v1/admin/staff/${staffId}/totp/reset`, { token: adminToken });
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ id: staffId, totpEnabled: false });
    const again = await f.call('POST', `/api/v1/admin/staff/${staffId}/totp/reset`, { token: adminToken });
    expect(again.status).toBe(409);

    const entry = await f.db.orm.em
      .fork()
      .findOneOrFail(JournalEntrySchema, { action: 'user.totp_reset', subjectUserId: staffId });
    expect(entry.actorId).toBe(adminId);
    expect(await noticeKinds(STAFF)).toContain('totp_reset');
    // A lost phone may hold a signed-in session: it ends with the reset.
    expect((await f.call('GET', '/api/v1/me', { token: staffToken })).status).toBe(401);

    const login = await f.call('POST', '/api/v1/auth/login', {
      body: { login: STAFF, password: DEMO_PASSWORD },
    });
    expect(login.status).toBe(200);
    const confirmed = await f.call('POST', '/api/v1/auth/login/confirm', {
      body: { challengeId: login.body['challengeId'], code: f.sms.code(f.phoneOf(STAFF)) },
    });
    expect(confirmed.status).toBe(200);
  });
});

describe('an administrator requires the authenticator (issue 10 item 5)', () => {
  const STAFF = 'depo@demo.local';

  it('until it is enrolled the session opens only /me, the enrolment and its confirmation; then everything', async () => {
    const adminToken = await f.login('admin@demo.local');
    const staffId = f.actor(STAFF).userId;
    const required = await f.call('PATCH', `/api/v1/admin/staff/${staffId}`, {
      token: adminToken,
      body: { totpRequired: true },
    });
    expect(required.status).toBe(200);
    expect(required.body).toMatchObject({ totpRequired: true, totpEnabled: false });
    const entry = await f.db.orm.em
      .fork()
      .findOneOrFail(
        JournalEntrySchema,
        { action: 'admin.staff_updated', subjectUserId: staffId },
        { orderBy: { id: 'desc' } },
      );
    expect(entry.data['changed']).toEqual(['totpRequired']);

    const token = await f.login(STAFF);
    const me = await f.call('GET', '/api/v1/me', { token });
    expect(me.body).toMatchObject({ authenticatorRequired: true, totpEnabled: false });
    const tasks = await f.call('GET', '/api/v1/tasks', { token });
    expect(tasks.status).toBe(403);
    expect(tasks.body['code']).toBe('authenticator_required');
    expect((await f.call('GET', '/api/v1/requests', { token })).body['code']).toBe('authenticator_required');

    await enrol(token, STAFF);
    expect((await f.call('GET', '/api/v1/me', { token })).body).toMatchObject({
      authenticatorRequired: false,
      totpEnabled: true,
    });
    expect((await f.call('GET', '/api/v1/tasks', { token })).status).toBe(200);
  });

  it('no one lifts their own requirement; a client account has none', async () => {
    const adminToken = await f.login('admin@demo.local');
    const adminId = f.actor('admin@demo.local').userId;
    const set = await f.call('PATCH', `/api/v1/admin/staff/${adminId}`, {
      token: adminToken,
      body: { totpRequired: true },
    });
    expect(set.status).toBe(200);
    // Still signed in: the admin's own session is now limited to the enrolment.
    const lift = await f.call('PATCH', `/api/v1/admin/staff/${adminId}`, {
      token: adminToken,
      body: { totpRequired: false },
    });
    expect(lift.status).toBe(403);
    await f.db.orm.em.fork().nativeUpdate(UserSchema, { id: adminId }, { totpRequired: false });
    const client = await f.call('PATCH', `/api/v1/admin/staff/${f.actor('client@demo.local').userId}`, {
      token: adminToken,
      body: { totpRequired: true },
    });
    expect(client.status).toBe(404);
  });
});
