import type { Authenticated } from './authenticated.js';

/**
 * Where the cache learns that a session or a user changed: PostgreSQL's NOTIFY on `kabinet_auth`, sent by triggers
 * on `sessions` and `users` in the very transaction that changes them (so no code path can forget it), delivered to
 * every process's listener at commit. `live` is false while the listener is not connected: then nothing is cached
 * or served from the cache (a missed notification must never let a revoked session through).
 */
export interface AuthInvalidations {
  readonly live: boolean;
  /** `session:<id>`, `user:<id>`, or `reset` (the listener reconnected: anything may have been missed). */
  subscribe(listener: (key: string) => void): void;
  close(): Promise<void>;
}

export const AUTH_CHANNEL = 'kabinet_auth';

interface Entry {
  auth: Authenticated;
  userId: string;
  expiresAt: number;
  lastSeenAt: number;
  cachedAt: number;
}

/**
 * A short-lived in-process cache of authenticated sessions by token hash (issue 13 item 2, docs/0029). An entry lives
 * at most `ttlMs`, dies at once on its session's or its user's notification, and the whole cache empties when the
 * listener reconnects. Every invalidation bumps an epoch: a read of the database that began before an invalidation
 * is not cached (it may have read the state the invalidation replaced).
 */
export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  private readonly bySession = new Map<string, string>();
  private readonly byUser = new Map<string, Set<string>>();
  private generation = 0;

  constructor(
    private readonly invalidations: AuthInvalidations,
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {
    invalidations.subscribe((key) => this.invalidate(key));
  }

  get epoch(): number {
    return this.generation;
  }

  /** The cached caller, when the listener is live and the entry is fresh. */
  get(tokenHash: string, now: number): Entry | null {
    if (!this.invalidations.live) return null;
    const entry = this.entries.get(tokenHash);
    if (!entry) return null;
    if (now - entry.cachedAt >= this.ttlMs || entry.expiresAt <= now) {
      this.drop(tokenHash);
      return null;
    }
    return entry;
  }

  /** Keeps what the database said, unless something was invalidated since the read began (`epoch` then). */
  set(tokenHash: string, entry: Omit<Entry, 'cachedAt'>, epochAtRead: number, now: number): void {
    if (!this.invalidations.live || epochAtRead !== this.generation) return;
    if (this.entries.size >= this.maxEntries) this.clear();
    this.drop(tokenHash);
    this.entries.set(tokenHash, { ...entry, cachedAt: now });
    this.bySession.set(entry.auth.sessionId, tokenHash);
    const tokens = this.byUser.get(entry.userId) ?? new Set<string>();
    tokens.add(tokenHash);
    this.byUser.set(entry.userId, tokens);
  }

  /** Records that the session was seen now (the database was touched). */
  touched(tokenHash: string, now: number): void {
    const entry = this.entries.get(tokenHash);
    if (entry) entry.lastSeenAt = now;
  }

  invalidate(key: string): void {
    this.generation += 1;
    if (key === 'reset') return this.clear();
    const [kind, id] = key.split(':', 2);
    if (kind === 'session' && id) {
      const token = this.bySession.get(id);
      if (token) this.drop(token);
    } else if (kind === 'user' && id) {
      for (const token of [...(this.byUser.get(id) ?? [])]) this.drop(token);
    } else {
      this.clear();
    }
  }

  clear(): void {
    this.generation += 1;
    this.entries.clear();
    this.bySession.clear();
    this.byUser.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private drop(tokenHash: string): void {
    const entry = this.entries.get(tokenHash);
    if (!entry) return;
    this.entries.delete(tokenHash);
    this.bySession.delete(entry.auth.sessionId);
    const tokens = this.byUser.get(entry.userId);
    tokens?.delete(tokenHash);
    if (tokens?.size === 0) this.byUser.delete(entry.userId);
  }
}
