import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { UserSchema } from '../../../src/identity/user.entity.js';
import { createApiFixture, type ApiFixture, type HttpAnswer } from '../../support/api.js';

/*
 * Security drill, issue 17 item 4: POST /me/email answers the same for a free and a taken address (it answered 409
 * for a taken one: an oracle of who has an account). The owner of the taken address is told by email, gets no
 * code, and the change can never be confirmed.
 */
let f: ApiFixture;
let token: string;
const LOGIN = 'ip@demo.local';
const PHONE = '+79990000002';
const TAKEN = 'client@demo.local';

beforeAll(async () => {
  f = await createApiFixture();
  token = await f.login(LOGIN);
});
afterAll(async () => {
  await f.close();
});

function visible(answer: HttpAnswer): Record<string, unknown> {
  const { challengeId: _c, expiresAt: _e, destination: _d, destinations, ...rest } = answer.body;
  return {
    status: answer.status,
    fields: Object.keys(answer.body).sort(),
    destinations: (destinations as { key: string; channel: string }[]).map((d) => [d.key, d.channel]),
    ...rest,
  };
}

describe('changing the email', () => {
  it('answers alike for a free and a taken address; the taken one’s owner is told, with no code', async () => {
    const free = await f.call('POST', '/api/v1/me/email', {
      token,
      body: { email: 'free.address@example.com' },
    });
    const mailsBefore = f.email.sent.length;
    const taken = await f.call('POST', '/api/v1/me/email', { token, body: { email: TAKEN.toUpperCase() } });
    expect(free.status).toBe(202);
    expect(taken.status).toBe(202); // was 409: "this email is already used by another account"
    expect(visible(taken)).toEqual(visible(free));
    expect((taken.body['destinations'] as { destination: string }[])[0]?.destination).toBe(
      'c***t@demo.local',
    );

    const told = f.email.sent.slice(mailsBefore).filter((m) => m.to === TAKEN);
    expect(told).toHaveLength(1);
    expect(told[0]?.text).not.toMatch(/\d{6}/);
    expect(() => f.email.code(TAKEN)).toThrow();

    // The SMS code is right, but nothing can stand for the new address's code: the change never happens.
    const smsCode = f.sms.code(PHONE);
    for (const guess of ['000000', '123456']) {
      const refused = await f.call('POST', `/api/v1/confirmations/${String(taken.body['challengeId'])}`, {
        token,
        body: { codes: { new_email: guess, phone: smsCode } },
      });
      expect(refused.status).toBe(422);
      expect(refused.body['code']).toBe('code_invalid');
    }
    const me = await f.db.orm.em.fork().findOneOrFail(UserSchema, { email: LOGIN });
    expect(me.email).toBe(LOGIN);
  });
});
