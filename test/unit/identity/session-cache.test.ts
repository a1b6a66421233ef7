import { describe, expect, it } from '@jest/globals';
import type { Authenticated } from '../../../src/identity/session.service.js';
import { SessionCache, type AuthInvalidations } from '../../../src/identity/session-cache.js';

class Invalidations implements AuthInvalidations {
  live = true;
  private listener: ((key: string) => void) | null = null;
  subscribe(listener: (key: string) => void): void {
    this.listener = listener;
  }
  tell(key: string): void {
    this.listener?.(key);
  }
  async close(): Promise<void> {}
}

const auth = (sessionId: string, userId: string): Authenticated => ({
  sessionId,
  user: {
    id: userId,
    kind: 'client',
    email: 'a@b.c',
    phone: null,
    fullName: 'A',
    roles: ['client'],
    clientId: null,
    locale: 'ru',
    totpEnabled: false,
    passwordChangeRequired: false,
    authenticatorRequired: false,
  },
  actor: { userId, roles: ['client'], displayName: 'A' },
});

const entry = (sessionId: string, userId: string) => ({
  auth: auth(sessionId, userId),
  userId,
  expiresAt: 10_000_000,
  lastSeenAt: 0,
});

describe('the session cache', () => {
  it('drops a session on its notice, every session of a user on the user’s, everything on a reset', () => {
    const told = new Invalidations();
    const cache = new SessionCache(told, 30_000);
    cache.set('t1', entry('s1', 'u1'), cache.epoch, 0);
    cache.set('t2', entry('s2', 'u1'), cache.epoch, 0);
    cache.set('t3', entry('s3', 'u2'), cache.epoch, 0);
    told.tell('session:s1');
    expect(cache.get('t1', 1)).toBeNull();
    expect(cache.get('t2', 1)).not.toBeNull();
    told.tell('user:u1');
    expect(cache.get('t2', 1)).toBeNull();
    expect(cache.get('t3', 1)).not.toBeNull();
    told.tell('reset');
    expect(cache.size).toBe(0);
  });

  it('never keeps a read that began before an invalidation (it may hold the state the invalidation replaced)', () => {
    const told = new Invalidations();
    const cache = new SessionCache(told, 30_000);
    const epochAtRead = cache.epoch;
    told.tell('session:s1');
    cache.set('t1', entry('s1', 'u1'), epochAtRead, 0);
    expect(cache.get('t1', 1)).toBeNull();
  });

  it('serves nothing and keeps nothing while the listener is down; entries expire with their time', () => {
    const told = new Invalidations();
    const cache = new SessionCache(told, 30_000);
    cache.set('t1', entry('s1', 'u1'), cache.epoch, 0);
    told.live = false;
    expect(cache.get('t1', 1)).toBeNull();
    cache.set('t2', entry('s2', 'u2'), cache.epoch, 0);
    told.live = true;
    expect(cache.get('t2', 1)).toBeNull();
    expect(cache.get('t1', 1)).not.toBeNull();
    expect(cache.get('t1', 30_000)).toBeNull();
  });
});
