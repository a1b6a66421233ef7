import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generate } from 'otplib';
import { createApiFixture, DEMO_PASSWORD, type ApiFixture, type HttpAnswer } from '../../support/api.js';

/*
 * Security drill, issue 17 items 3 (login half) and 4: the first answer of POST /auth/login tells nothing — not
 * whether the login exists, the password was right, the account has an authenticator or is locked — and an
 * account with an authenticator never logs in by SMS. Each test fails on the behaviour before the fix.
 */
let f: ApiFixture;
let totpSecret: string;
const LOGIN = '/api/v1/auth/login';
const CONFIRM = '/api/v1/auth/login/confirm';
const RESEND = '/api/v1/auth/login/resend';
const CLIENT = 'client@demo.local';
const STAFF = 'backoffice@demo.local';
const STAFF_PHONE = '+79990000102';

const epoch = (): number => Math.floor(f.clock.now().getTime() / 1000);

beforeAll(async () => {
  f = await createApiFixture();
  // The staff member enrols an authenticator.
  const token = await f.login(STAFF);
  const enrol = await f.call('POST', '/api/v1/me/totp', { token, body: { currentPassword: DEMO_PASSWORD } });
  totpSecret = new URL(String(enrol.body['otpauthUri'])).searchParams.get('secret') ?? '';
  const code = await generate({ secret: totpSecret, epoch: epoch() });
  const enrolled = await f.call('POST', `/api/v1/confirmations/${String(enrol.body['challengeId'])}`, {
    token,
    body: { codes: { authenticator: code, phone: f.sms.code(STAFF_PHONE) } },
  });
  expect(enrolled.status).toBe(200);
  f.clock.advance(60_000);
});
afterAll(async () => {
  await f.close();
});

/** When each answer arrived, so its expiry can be compared as a duration. */
const arrivals = new WeakMap<HttpAnswer, number>();

async function start(login: string, password: string, extra: Record<string, unknown> = {}) {
  const answer = await f.call('POST', LOGIN, { body: { login, password, ...extra } });
  arrivals.set(answer, f.clock.now().getTime());
  return answer;
}

async function resend(challengeId: unknown, extra: Record<string, unknown> = {}) {
  const answer = await f.call('POST', RESEND, { body: { challengeId, ...extra } });
  arrivals.set(answer, f.clock.now().getTime());
  return answer;
}

/** Everything an answer shows except the random challenge id: status, type, fields, values, expiry. */
function visible(answer: HttpAnswer): Record<string, unknown> {
  const { challengeId, expiresAt, requestId: _requestId, ...rest } = answer.body;
  const at = arrivals.get(answer) ?? f.clock.now().getTime();
  return {
    status: answer.status,
    type: answer.headers.get('content-type'),
    retryAfter: answer.headers.get('retry-after'),
    fields: Object.keys(answer.body).sort(),
    idIsUuid: /^[0-9a-f-]{36}$/.test(String(challengeId)),
    expiresInSeconds: expiresAt === undefined ? null : Math.ceil((Date.parse(String(expiresAt)) - at) / 1000),
    ...rest,
  };
}

function wrongCode(right: string): string {
  return right === '000000' ? '000001' : '000000';
}

describe('the first answer of POST /auth/login is no oracle', () => {
  it('shows the typed number’s own mask for a phone login, known or unknown (no decoy digits)', async () => {
    for (const [typed, mask] of [
      ['+7 916 123-45-67', '+7 *** ***-**-67'],
      ['8 (903) 765-43-21', '+7 *** ***-**-21'],
      ['+79990000001', '+7 *** ***-**-01'], // the demo client's own number
    ] as const) {
      const answer = await start(typed, 'whatever-password');
      expect(answer.status).toBe(200);
      expect(answer.body['destination']).toBe(mask);
    }
  });

  it('is identical for an unknown login, a wrong and a right password, with or without an authenticator', async () => {
    const answers = {
      unknownEmail: await start('nobody-at-all@demo.local', 'not-the-password'),
      clientWrong: await start(CLIENT, 'not-the-password'),
      clientRight: await start(CLIENT, DEMO_PASSWORD),
      authenticatorWrong: await start(STAFF, 'not-the-password'),
      authenticatorRight: await start(STAFF, DEMO_PASSWORD),
      authenticatorPhoneWrong: await start(STAFF_PHONE, 'not-the-password'),
      authenticatorPhoneRight: await start(STAFF_PHONE, DEMO_PASSWORD),
      unknownPhone: await start('+79160000102', 'not-the-password'),
    };
    const seen = Object.values(answers).map(visible);
    const { destination: _d, ...common } = seen[0] ?? {};
    for (const v of seen) {
      const { destination, ...rest } = v;
      expect(rest).toEqual(common);
      expect(String(destination)).toMatch(/^\+7 \*\*\* \*\*\*-\*\*-\d\d$/);
    }
    expect(common).toMatchObject({ status: 200, codeFrom: 'sms_or_authenticator', expiresInSeconds: 300 });
    // Per login, the destination does not depend on the password nor on the authenticator.
    expect(visible(answers.clientWrong)).toEqual(visible(answers.clientRight));
    expect(visible(answers.authenticatorWrong)).toEqual(visible(answers.authenticatorRight));
    expect(visible(answers.authenticatorPhoneWrong)).toEqual(visible(answers.authenticatorPhoneRight));
    expect(answers.authenticatorPhoneRight.body['destination']).toBe(
      answers.unknownPhone.body['destination'],
    );
  });

  it('answers a right and a wrong password alike after five wrong codes (no 429 only the right one got)', async () => {
    const started = await start(CLIENT, DEMO_PASSWORD);
    const right = f.sms.code(f.phoneOf(CLIENT));
    for (let i = 0; i < 5; i += 1) {
      const refused = await f.call('POST', CONFIRM, {
        body: { challengeId: started.body['challengeId'], code: wrongCode(right) },
      });
      expect(refused.status).toBe(422);
    }
    const rightPassword = await start(CLIENT, DEMO_PASSWORD);
    const wrongPassword = await start(CLIENT, 'not-the-password');
    expect(rightPassword.status).toBe(200);
    expect({ ...visible(rightPassword), expiresInSeconds: 0 }).toEqual({
      ...visible(wrongPassword),
      expiresInSeconds: 0,
    });
    // Both are dead until the killed challenge would have expired: the same instant, whatever the password.
    expect(rightPassword.body['expiresAt']).toBe(wrongPassword.body['expiresAt']);
    f.clock.advance(5 * 60_000 + 1000);
  });

  it('answers a resend alike for an authenticator challenge, an SMS one and decoys', async () => {
    // Each resend right after its own password step: too soon, whatever the challenge is.
    const soon: HttpAnswer[] = [];
    const later: HttpAnswer[] = [];
    for (const [login, password] of [
      [STAFF, DEMO_PASSWORD],
      [STAFF, 'not-the-password'],
      ['ip@demo.local', DEMO_PASSWORD],
      ['nobody-at-all@demo.local', 'not-the-password'],
    ] as const) {
      const started = await start(login, password);
      soon.push(await resend(started.body['challengeId']));
      f.clock.advance(61_000);
      later.push(await resend(started.body['challengeId']));
    }
    for (const answer of soon) {
      expect(visible(answer)).toEqual(visible(soon[0] as HttpAnswer));
      expect(answer.status).toBe(429);
    }
    for (const answer of later) {
      const { destination: _d, ...rest } = visible(answer);
      const { destination: _first, ...first } = visible(later[0] as HttpAnswer);
      expect(rest).toEqual(first);
      expect(answer.status).toBe(200);
    }
  });
});

describe('an account with an authenticator never logs in by SMS', () => {
  it('sends no SMS when the login or the resend asks for one, and takes the app’s code only', async () => {
    f.clock.advance(61_000);
    const sent = f.sms.sent.length;
    const asked = await start(STAFF, DEMO_PASSWORD, { channel: 'sms' });
    expect(asked.status).toBe(200);
    f.clock.advance(61_000);
    const switched = await resend(asked.body['challengeId'], { channel: 'sms' });
    expect(switched.status).toBe(200);
    expect(f.sms.sent.length).toBe(sent);

    const app = await f.call('POST', CONFIRM, {
      body: {
        challengeId: asked.body['challengeId'],
        code: await generate({ secret: totpSecret, epoch: epoch() }),
      },
    });
    expect(app.status).toBe(200);
    expect(app.body['user']).toMatchObject({ email: STAFF, totpEnabled: true });
  });
});
