import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { InAppNotificationSchema } from '../../../src/notify/inapp.entity.js';
import { createApiFixture, type ApiFixture } from '../../support/api.js';

let f: ApiFixture;
const ids: string[] = [];
beforeAll(async () => {
  f = await createApiFixture();
  const em = f.db.orm.em.fork();
  const userId = f.actor('client@demo.local').userId;
  for (const [i, title] of ['Заявка принята', 'Заявка исполнена', 'Заявка возвращена'].entries()) {
    const id = randomUUID();
    ids.push(id);
    em.create(InAppNotificationSchema, {
      id,
      userId,
      requestId: null,
      topic: 'request_completed',
      title,
      body: `Текст ${i}`,
      createdAt: new Date(Date.now() + i * 1000),
      readAt: null,
    });
  }
  await em.flush();
});
afterAll(async () => {
  await f.close();
});

describe('in-app notifications', () => {
  it('lists the caller’s own, newest first, with the unread count; marks one read; others’ are 404', async () => {
    const token = await f.login('client@demo.local');
    const list = await f.call('GET', '/api/v1/notifications?pageSize=2', { token });
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 3, unread: 3, page: 1, pageSize: 2 });
    expect((list.body['items'] as { title: string }[]).map((n) => n.title)).toEqual([
      'Заявка возвращена',
      'Заявка исполнена',
    ]);

    const read = await f.call('POST', `/api/v1/notifications/${ids[0] ?? ''}/read`, { token });
    expect(read.status).toBe(200);
    expect(read.body['readAt']).toEqual(expect.any(String));
    const unread = await f.call('GET', '/api/v1/notifications?unread=true', { token });
    expect(unread.body).toMatchObject({ total: 2, unread: 2 });

    const stranger = await f.login('ip@demo.local');
    expect(
      (await f.call('POST', `/api/v1/notifications/${ids[1] ?? ''}/read`, { token: stranger })).status,
    ).toBe(404);
    expect((await f.call('GET', '/api/v1/notifications', { token: stranger })).body).toMatchObject({
      total: 0,
    });
  });

  it('answers a poll with 304 while nothing changed, and with the new count once something did', async () => {
    const token = await f.login('client@demo.local');
    const first = await f.call('GET', '/api/v1/notifications?pageSize=1', { token });
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^".+"$/);
    // The tagged JSON is the body as sent, with its type.
    expect(first.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(JSON.parse(first.text)).toEqual(first.body);
    const again = await f.call('GET', '/api/v1/notifications?pageSize=1', {
      token,
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    await f.call('POST', `/api/v1/notifications/${ids[2] ?? ''}/read`, { token });
    const changed = await f.call('GET', '/api/v1/notifications?pageSize=1', {
      token,
      headers: { 'if-none-match': etag },
    });
    expect(changed.status).toBe(200);
    expect(changed.body['unread']).toBe((first.body['unread'] as number) - 1);
    expect(changed.headers.get('etag')).not.toBe(etag);
    // Another person's poll never matches this one's tag.
    const stranger = await f.login('ip@demo.local');
    const theirs = await f.call('GET', '/api/v1/notifications?pageSize=1', {
      token: stranger,
      headers: { 'if-none-match': changed.headers.get('etag') ?? '' },
    });
    expect(theirs.status).toBe(200);
  });
});
