import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generate } from 'otplib';
import { ChallengeSchema } from '../../../src/identity/challenge.entity.js';
import { SessionSchema } from '../../../src/identity/session.entity.js';
import { TelegramLinkTokenSchema } from '../../../src/identity/telegram-link-token.entity.js';
import { JournalEntrySchema } from '../../../src/journal/journal.entity.js';
import { createApiFixture, DEMO_PASSWORD, type ApiFixture } from '../../support/api.js';

let f: ApiFixture;
beforeAll(async () => {
  f = await createApiFixture();
});
afterAll(async () => {
  await f.close();
});

const LOGIN = '/api/v1/auth/login';
const CONFIRM = '/api/v1/auth/login/confirm';
const CLIENT = 'client@demo.local';

async function startLogin(login: string, password = DEMO_PASSWORD) {
  return f.call('POST', LOGIN, { body: { login, password } });
}

function wrongCode(right: string): string {
  return right === '000000' ? '000001' : '000000';
}

describe('login', () => {
  it('answers a right password with a masked destination and sends the code by SMS only to the user', async () => {
    const before = f.sms.sent.length;
    const answer = await startLogin(CLIENT);
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.body).sort()).toEqual(['challengeId', 'codeFrom', 'destination', 'expiresAt']);
    expect(answer.body).toMatchObject({ codeFrom: 'sms_or_authenticator', destination: '+7 *** ***-**-01' });
    expect(f.sms.sent.length).toBe(before + 1);
    expect(f.sms.last(f.phoneOf(CLIENT)).text).toMatch(
      /^Код для входа в Кабинет: \d{6}\. Никому не сообщайте его\.$/,
    );
  });

  it('answers identically for an unknown login and for a wrong password, and sends nothing', async () => {
    const before = f.sms.sent.length;
    const unknown = await startLogin('nobody@demo.local');
    const wrong = await startLogin(CLIENT, 'not-the-password');
    const right = await startLogin(CLIENT);
    for (const answer of [unknown, wrong, right]) {
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
      expect(Object.keys(answer.body).sort()).toEqual([
        'challengeId',
        'codeFrom',
        'destination',
        'expiresAt',
      ]);
      expect(answer.body['codeFrom']).toBe('sms_or_authenticator');
      expect(String(answer.body['destination'])).toMatch(/^\+7 \*\*\* \*\*\*-\*\*-\d\d$/);
    }
    // The same unknown login always shows the same mask.
    expect((await startLogin('nobody@demo.local')).body['destination']).toBe(unknown.body['destination']);
    expect(wrong.body['destination']).toBe(right.body['destination']);
    expect(f.sms.sent.length).toBe(before + 1);

    // Confirming either decoy is the same refusal as a wrong code for the real one.
    const refusals = await Promise.all(
      [unknown, wrong, right].map((a) =>
        f.call('POST', CONFIRM, { body: { challengeId: a.body['challengeId'], code: '123456' } }),
      ),
    );
    const realCode = f.sms.code(f.phoneOf(CLIENT));
    if (realCode === '123456') return; // one in a million: the guess was right
    for (const refusal of refusals) {
      expect(refusal.status).toBe(422);
      expect(refusal.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(refusal.body).toMatchObject({
        code: 'code_invalid',
        detail: 'the code is wrong or no longer valid',
      });
    }
    // Attempts left are told to the challenge's holder. A new password step of the same login supersedes its
    // earlier challenge, decoy or not (`changed`): the unknown login was tried twice, the client's too.
    expect(refusals.map((r) => r.body['refusal'])).toEqual([
      { reason: 'changed', attemptsLeft: 0 },
      { reason: 'changed', attemptsLeft: 0 },
      { reason: 'wrong', attemptsLeft: 4 },
    ]);
    // A decoy counts attempts exactly like a real one, down to the lock (another account: a lock lingers).
    const OTHER = 'company@demo.local';
    const decoy = await startLogin('somebody-else@demo.local');
    const real = await startLogin(OTHER);
    const otherCode = f.sms.code(f.phoneOf(OTHER));
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const answers = await Promise.all(
        [decoy, real].map((a) =>
          f.call('POST', CONFIRM, {
            body: { challengeId: a.body['challengeId'], code: wrongCode(otherCode) },
          }),
        ),
      );
      expect(answers.map((a) => a.body['refusal'])).toEqual(
        Array(2).fill({ reason: attempt === 5 ? 'locked' : 'wrong', attemptsLeft: 5 - attempt }),
      );
    }
    const after = await Promise.all(
      [decoy, real].map((a) =>
        f.call('POST', CONFIRM, { body: { challengeId: a.body['challengeId'], code: otherCode } }),
      ),
    );
    for (const answer of after) {
      expect(answer.status).toBe(422);
      expect(answer.body['refusal']).toEqual({ reason: 'locked', attemptsLeft: 0 });
    }
  });

  it('logs in by phone too, in any usual spelling', async () => {
    const answer = await startLogin('8 (999) 000-00-01');
    expect(answer.body['destination']).toBe('+7 *** ***-**-01');
    const confirmed = await f.call('POST', CONFIRM, {
      body: { challengeId: answer.body['challengeId'], code: f.sms.code(f.phoneOf(CLIENT)) },
    });
    expect(confirmed.status).toBe(200);
  });

  it('opens a session: a token for Bearer and an HttpOnly SameSite cookie for the web', async () => {
    const started = await startLogin(CLIENT);
    const confirmed = await f.call('POST', CONFIRM, {
      body: { challengeId: started.body['challengeId'], code: f.sms.code(f.phoneOf(CLIENT)) },
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body['user']).toMatchObject({ email: CLIENT, kind: 'client', roles: ['client'] });
    const token = String(confirmed.body['token']);
    const cookie = confirmed.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^kabinet_session=[^;]+;/);
    expect(cookie).toMatch(/httponly/i);
    expect(cookie).toMatch(/samesite=lax/i);

    const byBearer = await f.call('GET', '/api/v1/me', { token });
    expect(byBearer.status).toBe(200);
    expect(byBearer.body).toMatchObject({ email: CLIENT, client: { kind: 'individual' } });
    const byCookie = await f.call('GET', '/api/v1/me', { headers: { cookie: cookie.split(';')[0] ?? '' } });
    expect(byCookie.status).toBe(200);

    // Only the token's hash is stored.
    const sessions = await f.db.orm.em.fork().find(SessionSchema, {});
    expect(sessions.some((s) => s.tokenHash === token)).toBe(false);
    expect(sessions.every((s) => /^[0-9a-f]{64}$/.test(s.tokenHash))).toBe(true);
  });

  it('refuses a cookie-authenticated change sent from another site', async () => {
    const started = await startLogin(CLIENT);
    const confirmed = await f.call('POST', CONFIRM, {
      body: { challengeId: started.body['challengeId'], code: f.sms.code(f.phoneOf(CLIENT)) },
    });
    const cookie = (confirmed.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const tokensBefore = await f.db.orm.em.fork().count(TelegramLinkTokenSchema, {});
    const forged = await f.call('POST', '/api/v1/me/telegram-link', {
      headers: { cookie, origin: 'https://evil.example' },
    });
    expect(forged.status).toBe(403);
    expect(forged.body['code']).toBe('cross_site_request');
    // A form or a plain fetch from anywhere cannot add the cabinet's own header: without it, refused too.
    const headerless = await f.call('POST', '/api/v1/me/telegram-link', {
      headers: { cookie, origin: f.base },
    });
    expect(headerless.status).toBe(403);
    expect(headerless.body['code']).toBe('cross_site_request');
    expect(await f.db.orm.em.fork().count(TelegramLinkTokenSchema, {})).toBe(tokensBefore);
    const same = await f.call('POST', '/api/v1/me/telegram-link', {
      headers: { cookie, origin: f.base, 'x-kabinet-client': 'web' },
    });
    expect(same.status).toBe(201);
    // Reading needs no header; a bearer token (never sent by a browser on its own) needs none either.
    expect((await f.call('GET', '/api/v1/me', { headers: { cookie } })).status).toBe(200);
    expect(
      (await f.call('POST', '/api/v1/me/telegram-link', { token: String(confirmed.body['token']) })).status,
    ).toBe(201);
  });

  it('logout revokes the session', async () => {
    const token = await f.login(CLIENT);
    expect((await f.call('POST', '/api/v1/auth/logout', { token })).status).toBe(204);
    const after = await f.call('GET', '/api/v1/me', { token });
    expect(after.status).toBe(401);
    expect(after.body['code']).toBe('unauthorized');
  });

  it('ends a session after the idle timeout and at the absolute expiry', async () => {
    const idle = await f.login(CLIENT);
    f.clock.advance(29 * 60_000);
    expect((await f.call('GET', '/api/v1/me', { token: idle })).status).toBe(200);
    f.clock.advance(29 * 60_000); // used 29 minutes ago: still alive, and touched again
    expect((await f.call('GET', '/api/v1/me', { token: idle })).status).toBe(200);
    f.clock.advance(31 * 60_000);
    expect((await f.call('GET', '/api/v1/me', { token: idle })).status).toBe(401);

    const busy = await f.login(CLIENT);
    for (let hour = 0; hour < 12; hour += 1) {
      expect((await f.call('GET', '/api/v1/me', { token: busy })).status).toBe(200);
      f.clock.advance(20 * 60_000);
      expect((await f.call('GET', '/api/v1/me', { token: busy })).status).toBe(200);
      f.clock.advance(20 * 60_000);
      expect((await f.call('GET', '/api/v1/me', { token: busy })).status).toBe(200);
      f.clock.advance(20 * 60_000);
    }
    expect((await f.call('GET', '/api/v1/me', { token: busy })).status).toBe(401);
  });
});

describe('login codes', () => {
  it('refuses a replayed code', async () => {
    const started = await startLogin(CLIENT);
    const body = { challengeId: started.body['challengeId'], code: f.sms.code(f.phoneOf(CLIENT)) };
    expect((await f.call('POST', CONFIRM, { body })).status).toBe(200);
    const replay = await f.call('POST', CONFIRM, { body });
    expect(replay.status).toBe(422);
    expect(replay.body['code']).toBe('code_invalid');
  });

  it('refuses an expired code and opens no session', async () => {
    const started = await startLogin(CLIENT);
    const code = f.sms.code(f.phoneOf(CLIENT));
    const sessions = await f.db.orm.em.fork().count(SessionSchema, {});
    f.clock.advance(5 * 60_000 + 1000);
    const late = await f.call('POST', CONFIRM, { body: { challengeId: started.body['challengeId'], code } });
    expect(late.status).toBe(422);
    expect(late.body['code']).toBe('code_invalid');
    expect(await f.db.orm.em.fork().count(SessionSchema, {})).toBe(sessions);
  });

  it('locks the challenge after 5 wrong codes: the right one is refused afterwards', async () => {
    const started = await startLogin(CLIENT);
    const challengeId = String(started.body['challengeId']);
    const right = f.sms.code(f.phoneOf(CLIENT));
    for (let i = 0; i < 5; i += 1) {
      const wrong = await f.call('POST', CONFIRM, { body: { challengeId, code: wrongCode(right) } });
      expect(wrong.status).toBe(422);
    }
    const late = await f.call('POST', CONFIRM, { body: { challengeId, code: right } });
    expect(late.status).toBe(422);
    const row = await f.db.orm.em.fork().findOneOrFail(ChallengeSchema, { id: challengeId });
    expect(row.attempts).toBe(5);
    expect(row.consumedAt ?? null).toBeNull();
    const locked = await f.db.orm.em.fork().find(JournalEntrySchema, { action: 'challenge.locked' });
    expect(locked.some((e) => e.data['challengeId'] === challengeId)).toBe(true);
    // A new password step answers 200 like any other (a 429 only a right password got was an oracle), but from
    // here it sends nothing and cannot succeed until the dead challenge would have expired.
    const sent = f.sms.sent.length;
    const again = await startLogin(CLIENT);
    expect(again.status).toBe(200);
    expect(f.sms.sent.length).toBe(sent);
    const dead = await f.call('POST', CONFIRM, {
      body: { challengeId: again.body['challengeId'], code: right },
    });
    expect(dead.status).toBe(422);
    f.clock.advance(5 * 60_000 + 1000);
    const fresh = await startLogin(CLIENT);
    expect(fresh.status).toBe(200);
    const opened = await f.call('POST', CONFIRM, {
      body: { challengeId: fresh.body['challengeId'], code: f.sms.code(f.phoneOf(CLIENT)) },
    });
    expect(opened.status).toBe(200);
  });

  it('resends are throttled, give a new code, and never reset the failure count', async () => {
    const started = await startLogin(CLIENT);
    const challengeId = String(started.body['challengeId']);
    const first = f.sms.code(f.phoneOf(CLIENT));
    for (let i = 0; i < 3; i += 1) {
      expect((await f.call('POST', CONFIRM, { body: { challengeId, code: wrongCode(first) } })).status).toBe(
        422,
      );
    }
    const tooSoon = await f.call('POST', '/api/v1/auth/login/resend', { body: { challengeId } });
    expect(tooSoon.status).toBe(429);
    expect(Number(tooSoon.headers.get('retry-after'))).toBeGreaterThan(0);
    f.clock.advance(61_000);
    const resent = await f.call('POST', '/api/v1/auth/login/resend', { body: { challengeId } });
    expect(resent.status).toBe(200);
    const second = f.sms.code(f.phoneOf(CLIENT));
    const row = await f.db.orm.em.fork().findOneOrFail(ChallengeSchema, { id: challengeId });
    expect(row.attempts).toBe(3);
    expect(row.sendCount).toBe(2);
    if (second !== first) {
      // The old code died with the resend.
      expect((await f.call('POST', CONFIRM, { body: { challengeId, code: first } })).status).toBe(422);
      expect((await f.call('POST', CONFIRM, { body: { challengeId, code: wrongCode(second) } })).status).toBe(
        422,
      );
      // Five attempts spent: even the new code is refused.
      expect((await f.call('POST', CONFIRM, { body: { challengeId, code: second } })).status).toBe(422);
    }
  });

  it('an unknown challenge id is the same 422 as a wrong code', async () => {
    const unknown = await f.call('POST', CONFIRM, {
      body: { challengeId: '8c6c1a6e-6a1a-4c84-9b8c-9f3d2b7e1f00', code: '123456' },
    });
    const garbage = await f.call('POST', CONFIRM, { body: { challengeId: 'not-an-id', code: '123456' } });
    expect(unknown.status).toBe(422);
    expect(garbage.status).toBe(422);
    expect(unknown.body['detail']).toBe(garbage.body['detail']);
  });
});

describe('staff authenticator (TOTP)', () => {
  const STAFF = 'backoffice@demo.local';

  it('enrols with an otpauth URI and a QR image, then logs in with the app, refuses a replay, and never by SMS', async () => {
    const token = await f.login(STAFF);
    const enrol = await f.call('POST', '/api/v1/me/totp', {
      token,
      body: { currentPassword: DEMO_PASSWORD },
    });
    expect(enrol.status).toBe(202);
    const uri = String(enrol.body['otpauthUri']);
    expect(uri).toMatch(/^otpauth:\/\/totp\/Kabinet:backoffice%40demo\.local\?/);
    expect(String(enrol.body['qrDataUrl'])).toMatch(/^data:image\/png;base64,/);
    const secret = new URL(uri).searchParams.get('secret') ?? '';
    const epoch = () => Math.floor(f.clock.now().getTime() / 1000);

    const code = await generate({ secret, epoch: epoch() });
    const confirmed = await f.call('POST', `/api/v1/confirmations/${String(enrol.body['challengeId'])}`, {
      token,
      body: { codes: { authenticator: code, phone: f.sms.code(f.phoneOf(STAFF)) } },
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body['user']).toMatchObject({ totpEnabled: true });

    f.clock.advance(60_000);
    const started = await startLogin(STAFF);
    // The same answer as for any password: the staff member's phone mask, no channel.
    expect(started.body).toMatchObject({ codeFrom: 'sms_or_authenticator', destination: '+7 *** ***-**-02' });
    const appCode = await generate({ secret, epoch: epoch() });
    const ok = await f.call('POST', CONFIRM, {
      body: { challengeId: started.body['challengeId'], code: appCode },
    });
    expect(ok.status).toBe(200);

    // The same app code cannot open a second session.
    const again = await startLogin(STAFF);
    const replay = await f.call('POST', CONFIRM, {
      body: { challengeId: again.body['challengeId'], code: appCode },
    });
    expect(replay.status).toBe(422);

    // No SMS fallback once enrolled (an administrator resets the authenticator): asking for SMS at login or on
    // resend sends nothing, and the challenge still takes the app's code only.
    const sent = f.sms.sent.length;
    const bySms = await f.call('POST', LOGIN, {
      body: { login: STAFF, password: DEMO_PASSWORD, channel: 'sms' },
    });
    expect(bySms.status).toBe(200);
    expect(Object.keys(bySms.body).sort()).toEqual(['challengeId', 'codeFrom', 'destination', 'expiresAt']);
    f.clock.advance(61_000);
    const resent = await f.call('POST', '/api/v1/auth/login/resend', {
      body: { challengeId: bySms.body['challengeId'], channel: 'sms' },
    });
    expect(resent.status).toBe(200);
    expect(f.sms.sent.length).toBe(sent);
    const appOk = await f.call('POST', CONFIRM, {
      body: { challengeId: bySms.body['challengeId'], code: await generate({ secret, epoch: epoch() }) },
    });
    expect(appOk.status).toBe(200);
  });

  it('is for staff only', async () => {
    const token = await f.login('ip@demo.local');
    const enrol = await f.call('POST', '/api/v1/me/totp', {
      token,
      body: { currentPassword: DEMO_PASSWORD },
    });
    expect(enrol.status).toBe(403);
  });
});
