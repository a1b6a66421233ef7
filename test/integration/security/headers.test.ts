import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { contentSecurityPolicy } from '../../../src/api/middlewares/security-headers.js';
import { createApiFixture, DEMO_PASSWORD, type ApiFixture, type HttpAnswer } from '../../support/api.js';

/**
 * Security drill, issue 17 item 8: security headers on every response (successes, problems, the docs page) and,
 * with COOKIE_SECURE, HSTS and a `__Host-` session cookie that only travels with `Secure`.
 */

let plain: ApiFixture;
let secure: ApiFixture;
beforeAll(async () => {
  plain = await createApiFixture();
  secure = await createApiFixture({ cookieSecure: true });
});
afterAll(async () => {
  await plain.close();
  await secure.close();
});

function expectSecurityHeaders(answer: HttpAnswer): void {
  const csp = answer.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("base-uri 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("form-action 'self'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain('unsafe-eval');
  expect(answer.headers.get('referrer-policy')).toBe('no-referrer');
  expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
  expect(answer.headers.get('cross-origin-opener-policy')).toBe('same-origin');
  expect(answer.headers.get('x-frame-options')).toBe('DENY');
}

describe('security headers', () => {
  it('go out on a success: the API, /healthz and /api/openapi.json', async () => {
    const token = await plain.login('client@demo.local');
    for (const answer of [
      await plain.call('GET', '/api/v1/me', { token }),
      await plain.call('GET', '/healthz'),
      await plain.call('GET', '/api/openapi.json'),
    ]) {
      expect(answer.status).toBe(200);
      expectSecurityHeaders(answer);
    }
  });

  it('go out on problems: a 404, a 401, a 400 and a 405', async () => {
    const answers = [
      await plain.call('GET', '/api/v1/no-such-thing'),
      await plain.call('GET', '/api/v1/me'),
      await plain.call('POST', '/api/v1/auth/login', { body: {} }),
      await plain.call('PUT', '/api/v1/me', { body: {} }),
    ];
    expect(answers.map((a) => a.status)).toEqual([404, 401, 400, 405]);
    for (const answer of answers) {
      expect(answer.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expectSecurityHeaders(answer);
    }
  });

  it('go out on /api/docs and its files, and the page loads only its own files (no inline script)', async () => {
    const page = await plain.call('GET', '/api/docs');
    expect(page.status).toBe(200);
    expectSecurityHeaders(page);
    const sources = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(sources.length).toBeGreaterThanOrEqual(4);
    for (const source of sources) expect(source).toMatch(/^\/api\/docs\/[\w.-]+$/);
    // Every <script> has a src: the CSP without 'unsafe-inline' lets the page run.
    expect(page.text.match(/<script\b[^>]*>/g)?.every((tag) => /\ssrc="/.test(tag))).toBe(true);
    expect(page.text).not.toMatch(/<style\b|\sstyle="/);
    for (const source of sources) {
      const asset = await plain.call('GET', source);
      expect(asset.status).toBe(200);
      expectSecurityHeaders(asset);
    }
  });

  it('send HSTS only when COOKIE_SECURE says the app is reached over HTTPS', async () => {
    expect((await plain.call('GET', '/healthz')).headers.get('strict-transport-security')).toBeNull();
    for (const path of ['/healthz', '/api/docs', '/api/v1/no-such-thing']) {
      const answer = await secure.call('GET', path);
      expect(answer.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
      expectSecurityHeaders(answer);
    }
  });
});

describe('the session cookie', () => {
  async function confirmLogin(f: ApiFixture, login: string): Promise<HttpAnswer> {
    const started = await f.call('POST', '/api/v1/auth/login', { body: { login, password: DEMO_PASSWORD } });
    return f.call('POST', '/api/v1/auth/login/confirm', {
      body: { challengeId: started.body['challengeId'], code: f.sms.code(f.phoneOf(login)) },
    });
  }

  it('is __Host-kabinet_session with Secure, Path=/ and no Domain when COOKIE_SECURE', async () => {
    const confirmed = await confirmLogin(secure, 'client@demo.local');
    expect(confirmed.status).toBe(200);
    const cookie = confirmed.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^__Host-kabinet_session=[^;]+;/);
    expect(cookie).toMatch(/;\s*secure/i);
    expect(cookie).toMatch(/;\s*path=\/(;|$)/i);
    expect(cookie).toMatch(/;\s*httponly/i);
    expect(cookie).not.toMatch(/domain=/i);

    const pair = cookie.split(';')[0] ?? '';
    expect((await secure.call('GET', '/api/v1/me', { headers: { cookie: pair } })).status).toBe(200);
    // The unprefixed name is not read when secure: a cookie planted over plain HTTP does not sign anyone in.
    const unprefixed = pair.replace(/^__Host-/, '');
    expect((await secure.call('GET', '/api/v1/me', { headers: { cookie: unprefixed } })).status).toBe(401);

    const logout = await secure.call('POST', '/api/v1/auth/logout', {
      headers: { cookie: pair, 'x-kabinet-client': 'web' },
    });
    expect(logout.status).toBe(204);
    expect(logout.headers.get('set-cookie')).toMatch(/^__Host-kabinet_session=;.*secure/i);
  });

  it('stays kabinet_session without Secure in the embedded demo (plain HTTP)', async () => {
    const confirmed = await confirmLogin(plain, 'client@demo.local');
    const cookie = confirmed.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^kabinet_session=[^;]+;/);
    expect(cookie).not.toMatch(/;\s*secure/i);
  });

  it('is the one the OpenAPI document names', async () => {
    const document = (await secure.call('GET', '/api/openapi.json')).body as {
      components: { securitySchemes: { cookie: { name: string } } };
    };
    expect(document.components.securitySchemes.cookie.name).toBe('__Host-kabinet_session');
  });
});

describe('contentSecurityPolicy', () => {
  it('lets a caller (the Telegram Mini App build) name who may frame it', () => {
    const csp = contentSecurityPolicy({ frameAncestors: ['https://web.telegram.org'] });
    expect(csp).toContain('frame-ancestors https://web.telegram.org');
    expect(csp).not.toContain("frame-ancestors 'none'");
    expect(contentSecurityPolicy()).toContain("frame-ancestors 'none'");
  });
});
