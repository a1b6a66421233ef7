import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createContainer, type Container } from '../../../src/container.js';
import { createLogger } from '../../../src/logger.js';
import { createApiFixture, type ApiFixture } from '../../support/api.js';

/*
 * The session cache (issue 13 item 2, docs/0029) with two containers on one PostgreSQL database, as two processes:
 * a session authenticated in both is served from memory, and dies in both the moment it is revoked or its user
 * changes (the triggers' NOTIFY), in the revoking process before it even answers; with its listener down a process
 * caches nothing.
 */

let f: ApiFixture;
let other: Container;
beforeAll(async () => {
  f = await createApiFixture();
  other = await createContainer(f.container.config, createLogger('silent'));
});
afterAll(async () => {
  await other?.close();
  await f?.close();
});

/** Until `other` sees the session as `wanted` (a notification crosses processes in milliseconds). */
async function eventually(token: string, wanted: 'in' | 'out'): Promise<void> {
  const deadline = Date.now() + 3000;
  for (;;) {
    const auth = await other.sessions.authenticate(token);
    if ((auth !== null) === (wanted === 'in')) return;
    if (Date.now() > deadline) throw new Error(`the session never became ${wanted}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('the session cache across processes', () => {
  it('serves a session from memory: a change no trigger tells of is not seen until it is told', async () => {
    const token = await f.login('client@demo.local');
    const user = f.actor('client@demo.local').userId;
    expect(await other.sessions.authenticate(token)).not.toBeNull();
    const em = f.db.orm.em.fork();
    await em.execute('alter table users disable trigger users_changed_notify');
    try {
      await em.execute('update users set active = false where id = ?', [user]);
      // Silently changed: the cache still answers (the reason the triggers exist).
      expect(await other.sessions.authenticate(token)).not.toBeNull();
    } finally {
      await em.execute('alter table users enable trigger users_changed_notify');
      await em.execute('update users set active = true where id = ?', [user]);
    }
  });

  it("a workflow call keeps the caller's cached session; any other change makes the next call read it again", async () => {
    const token = await f.login('manager2@demo.local');
    const user = f.actor('manager2@demo.local').userId;
    expect((await f.call('GET', '/api/v1/requests', { token })).status).toBe(200);
    const em = f.db.orm.em.fork();
    await em.execute('alter table users disable trigger users_changed_notify');
    try {
      // Locked behind the cache's back: only a read of the database would tell.
      await em.execute('update users set active = false where id = ?', [user]);
      // A workflow command cannot change the caller's account: the session stays served from memory.
      expect(
        (await f.call('POST', '/api/v1/requests/00000000-0000-4000-8000-000000000000/take', { token }))
          .status,
      ).toBe(404);
      expect((await f.call('GET', '/api/v1/requests', { token })).status).toBe(200);
      // Any other change may have been to the caller's own account: its next call reads the session again.
      await f.call('DELETE', '/api/v1/me/telegram-link', { token });
      expect((await f.call('GET', '/api/v1/requests', { token })).status).toBe(401);
    } finally {
      await em.execute('alter table users enable trigger users_changed_notify');
      await em.execute('update users set active = true where id = ?', [user]);
    }
  });

  it('a logout in one process ends the session there at once and in the other on the notification', async () => {
    const token = await f.login('ip@demo.local');
    expect(await other.sessions.authenticate(token)).not.toBeNull();
    expect(await f.container.sessions.authenticate(token)).not.toBeNull();
    const out = await f.call('POST', '/api/v1/auth/logout', { token });
    expect(out.status).toBe(204);
    expect(await f.container.sessions.authenticate(token)).toBeNull();
    await eventually(token, 'out');
  });

  it('a user locked by an administrator is out everywhere', async () => {
    const token = await f.login('company@demo.local');
    await eventually(token, 'in');
    await f.db.orm.em
      .fork()
      .execute('update users set active = false where id = ?', [f.actor('company@demo.local').userId]);
    await eventually(token, 'out');
    await f.db.orm.em
      .fork()
      .execute('update users set active = true where id = ?', [f.actor('company@demo.local').userId]);
    await eventually(token, 'in');
  });

  it('with its listener down a process caches nothing, so it misses no revocation', async () => {
    const token = await f.login('client@demo.local');
    await eventually(token, 'in');
    const lonely = await createContainer(
      { ...f.container.config, identity: { ...f.container.config.identity } },
      createLogger('silent'),
    );
    try {
      expect(await lonely.sessions.authenticate(token)).not.toBeNull();
      // Kill the listener's connection from the database side: the process cannot hear anything any more.
      await f.db.orm.em.fork().execute(
        `select pg_terminate_backend(pid) from pg_stat_activity
            where application_name = 'kabinet-auth-listener' and datname = current_database()`,
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      await f.db.orm.em.fork().execute('alter table sessions disable trigger sessions_revoked_notify');
      try {
        await f.db.orm.em
          .fork()
          .execute(`update sessions set revoked_at = now() where revoked_at is null and user_id = ?`, [
            f.actor('client@demo.local').userId,
          ]);
      } finally {
        await f.db.orm.em.fork().execute('alter table sessions enable trigger sessions_revoked_notify');
      }
      expect(await lonely.sessions.authenticate(token)).toBeNull();
    } finally {
      await lonely.close();
    }
  });
});
