import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createApiFixture, type ApiFixture } from '../../support/api.js';
import { dropPrefix, requireRedis, SHARED_REDIS_URL } from '../../support/peers/redis.js';

/*
 * Issue 14 item 3: the queues at a glance — GET /admin/queues for both kinds (the embedded in-process queue and
 * BullMQ), and bull-board at /ops/queues for administrators only, read-only, when Redis is configured.
 */
async function cookieOf(f: ApiFixture, login: string): Promise<string> {
  const token = await f.login(login);
  return `kabinet_session=${token}`;
}

describe('GET /admin/queues on the embedded in-process queue', () => {
  let f: ApiFixture;
  beforeAll(async () => {
    f = await createApiFixture();
  });
  afterAll(async () => {
    await f.close();
  });

  it('shows each channel’s waiting and active jobs; no board; administrators only', async () => {
    const answer = await f.call('GET', '/api/v1/admin/queues', { token: await f.login('admin@demo.local') });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ kind: 'in-process', board: null });
    const queues = answer.body['queues'] as { queue: string; state: string; count: number }[];
    expect(queues).toContainEqual({ queue: 'notify-telegram', state: 'waiting', count: 0 });
    expect(queues.map((q) => q.queue)).toEqual(
      expect.arrayContaining(['notify-email', 'notify-sms', 'notify-inapp']),
    );
    expect(
      (await f.call('GET', '/api/v1/admin/queues', { token: await f.login('backoffice@demo.local') })).status,
    ).toBe(403);
    // No board without BullMQ.
    expect(
      (await fetch(`${f.base}/ops/queues`, { headers: { cookie: await cookieOf(f, 'admin@demo.local') } }))
        .status,
    ).toBe(404);
  });
});

describe('with Redis: BullMQ and bull-board', () => {
  const prefix = `kabinet-board-${process.pid}`;
  let f: ApiFixture;
  beforeAll(async () => {
    await requireRedis();
    f = await createApiFixture({ env: { REDIS_URL: SHARED_REDIS_URL, NOTIFY_QUEUE_PREFIX: prefix } });
  });
  afterAll(async () => {
    await f?.close();
    await dropPrefix(prefix);
  });

  it('counts per BullMQ queue and names the board', async () => {
    const answer = await f.call('GET', '/api/v1/admin/queues', { token: await f.login('admin@demo.local') });
    expect(answer.body).toMatchObject({ kind: 'bullmq', board: '/ops/queues' });
    const queues = answer.body['queues'] as { queue: string; state: string }[];
    expect(queues).toContainEqual(
      expect.objectContaining({ queue: 'notify-telegram-client', state: 'failed' }),
    );
  });

  it('the board answers an administrator’s session, read-only; anyone else gets a 404', async () => {
    const admin = await cookieOf(f, 'admin@demo.local');
    const page = await fetch(`${f.base}/ops/queues`, { headers: { cookie: admin } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Kabinet queues');
    // Its own policy: the page's <base href> and inline styles, nothing from other origins, scripts ours only.
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("base-uri 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    const listed = await fetch(`${f.base}/ops/queues/api/queues`, { headers: { cookie: admin } });
    expect(listed.status).toBe(200);
    const body = (await listed.json()) as { queues: { name: string; readOnlyMode: boolean }[] };
    expect(body.queues.map((q) => q.name)).toEqual(
      expect.arrayContaining(['notify-email', 'notify-telegram-staff']),
    );
    expect(body.queues.every((q) => q.readOnlyMode)).toBe(true);

    for (const cookie of [
      undefined,
      await cookieOf(f, 'manager@demo.local'),
      'kabinet_session=forged-token-000000000000',
    ]) {
      const refused = await fetch(`${f.base}/ops/queues/api/queues`, { headers: cookie ? { cookie } : {} });
      expect(refused.status).toBe(404);
    }
  });
});
