import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createApiFixture, DEMO_PASSWORD, LOOSE_LIMITS, type ApiFixture } from '../../support/api.js';

/** Tight limits, so each can be hit in a few calls (every call comes from 127.0.0.1). */
let f: ApiFixture;
beforeAll(async () => {
  f = await createApiFixture({
    limits: {
      ...LOOSE_LIMITS,
      loginPerAccountAddress: { limit: 3, windowSeconds: 900 },
      loginPerIp: { limit: 8, windowSeconds: 900 },
      codeAttemptsPerAccount: { limit: 7, windowSeconds: 900 },
      sendsPerAccount: { limit: 3, windowSeconds: 3600 },
    },
  });
});
afterAll(async () => {
  await f.close();
});

const login = (body: Record<string, unknown>) => f.call('POST', '/api/v1/auth/login', { body });

describe('throttling', () => {
  it('limits logins per login and address with 429 and Retry-After, the same for a login that does not exist', async () => {
    for (const who of ['client@demo.local', 'ghost@demo.local']) {
      for (let i = 0; i < 3; i += 1)
        expect((await login({ login: who, password: 'wrong-password' })).status).toBe(200);
      const limited = await login({ login: who, password: DEMO_PASSWORD });
      expect(limited.status).toBe(429);
      expect(limited.body['code']).toBe('throttled');
      const retryAfter = Number(limited.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(900);
    }
    f.clock.advance(901_000);
    expect((await login({ login: 'client@demo.local', password: DEMO_PASSWORD })).status).toBe(200);
  });

  it('limits logins per IP across logins', async () => {
    f.clock.advance(901_000);
    const answers = [];
    for (const who of ['a@x.example', 'b@x.example', 'c@x.example', 'd@x.example', 'e@x.example']) {
      answers.push(
        (await login({ login: who, password: 'p' })).status,
        (await login({ login: who, password: 'p' })).status,
      );
    }
    expect(answers.slice(0, 8).every((s) => s === 200)).toBe(true);
    expect(answers.slice(8)).toEqual([429, 429]);
  });

  it('limits code attempts per login and address across challenges', async () => {
    f.clock.advance(901_000);
    const statuses: number[] = [];
    for (let round = 0; round < 2; round += 1) {
      const started = await login({ login: 'company@demo.local', password: DEMO_PASSWORD });
      for (let i = 0; i < 4; i += 1) {
        const answer = await f.call('POST', '/api/v1/auth/login/confirm', {
          body: { challengeId: started.body['challengeId'], code: '000000' },
        });
        statuses.push(answer.status);
      }
    }
    expect(statuses.slice(0, 7).every((s) => s === 422 || s === 200)).toBe(true);
    expect(statuses[7]).toBe(429);
  });

  it('limits the codes sent to one account (SMS pumping)', async () => {
    f.clock.advance(3601_000);
    const token = await f.login('broker@demo.local');
    const statuses: number[] = [];
    for (const phone of ['+79160000001', '+79160000002', '+79160000003', '+79160000004']) {
      statuses.push((await f.call('POST', '/api/v1/me/phone', { token, body: { phone } })).status);
    }
    expect(statuses).toEqual([202, 202, 202, 429]);
  });
});
