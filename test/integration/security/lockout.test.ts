import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEFAULT_RATE_LIMITS } from '../../../src/identity/rate-limit.js';
import { createApiFixture, DEMO_PASSWORD, type ApiFixture } from '../../support/api.js';

/*
 * Security drill, issue 17 item 4: lockout is no weapon. Throttles per (login, network) tightly and per login with
 * growing delays and a cap of 100 consecutive failures, decided before the password is checked; the person who
 * knows the password and the code gets in from a usual network while an attacker hammers from elsewhere. The
 * production limits (DEFAULT_RATE_LIMITS) behind one trusted proxy, so each call can come from its own address.
 */
let f: ApiFixture;
beforeAll(async () => {
  f = await createApiFixture({ limits: DEFAULT_RATE_LIMITS, trustProxy: true, proxyHops: 1 });
});
afterAll(async () => {
  await f.close();
});

const HOME = '198.51.100.10';
let attackerHost = 0;
/** A fresh address in a network of its own (the attacker rents many). */
function elsewhere(): string {
  attackerHost += 1;
  return `10.${String(Math.floor(attackerHost / 250) % 250)}.${String(attackerHost % 250)}.7`;
}

const start = (login: string, password: string, from: string) =>
  f.call('POST', '/api/v1/auth/login', {
    body: { login, password },
    headers: { 'x-forwarded-for': from },
  });

/** Password and SMS code from one address: the HTTP status of the code step (or of the password step's 429). */
async function fullLogin(login: string, from: string): Promise<number> {
  const started = await start(login, DEMO_PASSWORD, from);
  if (started.status !== 200) return started.status;
  const confirmed = await f.call('POST', '/api/v1/auth/login/confirm', {
    body: { challengeId: started.body['challengeId'], code: f.sms.code(f.phoneOf(login)) },
    headers: { 'x-forwarded-for': from },
  });
  return confirmed.status;
}

describe('lockout is no weapon', () => {
  it('ten wrong passwords from anywhere do not lock the person out of their usual network', async () => {
    const WHO = 'client@demo.local';
    expect(await fullLogin(WHO, HOME)).toBe(200); // the home network becomes usual
    for (let i = 0; i < 10; i += 1) {
      f.clock.advance(61_000); // waits out the growing delays, so every guess counts (610 s < 15 min)
      const refused = await start(WHO, `guess-${String(i)}`, elsewhere());
      expect(refused.status).toBe(200);
    }
    expect(await fullLogin(WHO, HOME)).toBe(200);
  });

  it('limits one network tightly (5 per 15 min), the same for a right password, without touching other networks', async () => {
    const WHO = 'ip@demo.local';
    expect(await fullLogin(WHO, HOME)).toBe(200);
    const attacker = elsewhere();
    for (let i = 0; i < 5; i += 1)
      expect((await start(WHO, `guess-${String(i)}`, attacker)).status).toBe(200);
    f.clock.advance(61_000); // past any per-login delay: only the per-network limit is left
    const wrong = await start(WHO, 'guess-5', attacker);
    const right = await start(WHO, DEMO_PASSWORD, attacker);
    for (const answer of [wrong, right]) {
      expect(answer.status).toBe(429);
      expect(answer.body['code']).toBe('throttled');
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(800);
    }
    expect(await fullLogin(WHO, HOME)).toBe(200);
  });

  it('delays a login more with each consecutive failure, from networks that are not usual, alike for unknown logins', async () => {
    for (const who of ['company@demo.local', 'nobody-here@demo.local']) {
      for (let i = 0; i < 5; i += 1) expect((await start(who, 'wrong', elsewhere())).status).toBe(200);
      const waits: number[] = [];
      for (const step of [1, 2, 4, 8]) {
        const early = await start(who, DEMO_PASSWORD, elsewhere());
        expect(early.status).toBe(429);
        waits.push(Number(early.headers.get('retry-after')));
        f.clock.advance(step * 1000);
        expect((await start(who, 'wrong', elsewhere())).status).toBe(200);
      }
      expect(waits).toEqual([1, 2, 4, 8]);
    }
  });

  it('caps consecutive failures at 100: then only usual networks get in, until a success', async () => {
    const WHO = 'manager@demo.local';
    expect(await fullLogin(WHO, HOME)).toBe(200);
    for (let failures = 0; failures < 100; failures += 1) {
      f.clock.advance(61_000); // the longest delay: the attacker waits it out
      const answer = await start(WHO, `guess-${String(failures)}`, elsewhere());
      expect(answer.status).toBe(200);
    }
    f.clock.advance(3600_000);
    // Even the right password from a new network is refused now, and answers like a wrong one.
    const capped = await start(WHO, DEMO_PASSWORD, elsewhere());
    const cappedWrong = await start(WHO, 'guess-again', elsewhere());
    expect(capped.status).toBe(429);
    expect(cappedWrong.status).toBe(429);
    expect(capped.headers.get('retry-after')).toBe(cappedWrong.headers.get('retry-after'));
    // The person at home gets in, which resets the count for everyone.
    expect(await fullLogin(WHO, HOME)).toBe(200);
    expect(await fullLogin(WHO, elsewhere())).toBe(200);
  }, 120_000); // a hundred password steps, each with its scrypt

  it('keeps usual networks only as keyed hashes', async () => {
    const rows = await f.db.orm.em.fork().execute<{ key: string }[]>('select key from login_usual_addresses');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.key).toMatch(/^[0-9a-f]{64}$/);
      expect(row.key).not.toContain('198.51');
    }
  });
});
