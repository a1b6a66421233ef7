import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { DEFAULT_RATE_LIMITS } from '../../../src/identity/rate-limit.js';
import { SessionSchema } from '../../../src/identity/session.entity.js';
import { SignatureSchema } from '../../../src/identity/signature.entity.js';
import { createApiFixture, DEMO_PASSWORD, WITHDRAWAL, type ApiFixture } from '../../support/api.js';

/*
 * Security drill, issue 17 item 5: behind TRUST_PROXY, the client address is the one the outermost trusted proxy
 * saw (TRUST_PROXY_HOPS entries from the right of X-Forwarded-For), never an entry the client wrote.
 */
const PROXY_SAW = '203.0.113.7';
const randomAddress = (): string => [...randomBytes(4)].map(String).join('.');

describe('one trusted proxy hop', () => {
  let f: ApiFixture;
  beforeAll(async () => {
    f = await createApiFixture({ limits: DEFAULT_RATE_LIMITS, trustProxy: true, proxyHops: 1 });
  });
  afterAll(async () => {
    await f.close();
  });

  it('counts 35 logins with a forged leftmost X-Forwarded-For entry against the address the proxy saw', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 35; i += 1) {
      const answer = await f.call('POST', '/api/v1/auth/login', {
        body: { login: `visitor-${String(i)}@example.com`, password: 'some-password' },
        headers: { 'x-forwarded-for': `${randomAddress()}, ${PROXY_SAW}` },
      });
      statuses.push(answer.status);
    }
    expect(statuses.slice(0, DEFAULT_RATE_LIMITS.loginPerIp.limit).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(DEFAULT_RATE_LIMITS.loginPerIp.limit)).toEqual([429, 429, 429, 429, 429]);
  });

  it('stores the address the proxy saw as the signature’s evidence, not the one the client wrote', async () => {
    f.clock.advance(901_000);
    const headers = { 'x-forwarded-for': `6.6.6.6, ${PROXY_SAW}` };
    const token = await f.login('client@demo.local');
    const created = await f.call('POST', '/api/v1/requests', {
      token,
      headers,
      body: { type: 'withdrawal', payload: WITHDRAWAL },
    });
    expect(created.status).toBe(201);
    const submitted = await f.call('POST', `/api/v1/requests/${String(created.body['id'])}/submit`, {
      token,
      headers,
    });
    expect(submitted.status).toBe(202);
    const signed = await f.call('POST', `/api/v1/confirmations/${String(submitted.body['challengeId'])}`, {
      token,
      headers,
      body: { code: f.sms.code(f.phoneOf('client@demo.local')) },
    });
    expect(signed.status).toBe(200);
    const signature = await f.db.orm.em
      .fork()
      .findOneOrFail(SignatureSchema, { requestId: String(created.body['id']) });
    expect(signature.ip).toBe(PROXY_SAW);
  });
});

describe('two trusted proxy hops', () => {
  let f: ApiFixture;
  beforeAll(async () => {
    f = await createApiFixture({ trustProxy: true, proxyHops: 2 });
  });
  afterAll(async () => {
    await f.close();
  });

  it('takes the entry the outer proxy wrote, ignoring what the client put before it', async () => {
    const headers = { 'x-forwarded-for': `6.6.6.6, 198.51.100.23, 10.0.0.2` };
    const started = await f.call('POST', '/api/v1/auth/login', {
      body: { login: 'client@demo.local', password: DEMO_PASSWORD },
      headers,
    });
    const confirmed = await f.call('POST', '/api/v1/auth/login/confirm', {
      body: { challengeId: started.body['challengeId'], code: f.sms.code(f.phoneOf('client@demo.local')) },
      headers,
    });
    expect(confirmed.status).toBe(200);
    const sessions = await f.db.orm.em.fork().find(SessionSchema, {});
    expect(sessions.map((s) => s.ip)).toEqual(['198.51.100.23']);
  });
});
