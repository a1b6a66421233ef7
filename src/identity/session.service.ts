import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Em, Orm } from '../db/orm.js';
import { runPrepared } from '../db/prepared.js';
import type { Actor, Role } from '../workflow/domain/roles.js';
import type { Authenticated } from './authenticated.js';
import type { SessionCache } from './session-cache.js';
import { SessionSchema } from './session.entity.js';

export interface SessionPolicy {
  /** A session unused this long ends. */
  idleMinutes: number;
  /** A session ends this long after login, used or not. */
  absoluteHours: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMinutes: 30, absoluteHours: 12 };

/** `lastSeenAt` is written at most this often, so reads do not turn into writes. */
const TOUCH_INTERVAL_MS = 60_000;

export type { Authenticated } from './authenticated.js';

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

interface SessionUserRow {
  session_id: string;
  last_seen_at: Date | string;
  expires_at: Date | string;
  revoked_at: Date | string | null;
  user_id: string;
  kind: 'client' | 'staff';
  email: string;
  phone: string | null;
  full_name: string;
  roles: Role[] | string;
  client_id: string | null;
  locale: string;
  active: boolean;
  totp_enabled_at: Date | string | null;
  password_expires_at: Date | string | null;
  totp_required: boolean;
}

/** Opaque random session tokens; only their SHA-256 is stored. Idle and absolute expiry; revocable. */
export class SessionService {
  constructor(
    private readonly orm: Orm,
    private readonly policy: SessionPolicy,
    private readonly now: () => Date,
    /** Set on PostgreSQL with SESSION_CACHE_SECONDS > 0: authenticated sessions kept briefly in memory (docs/0029). */
    private readonly cache?: SessionCache,
  ) {}

  /** Starts a session inside the caller's transaction (the login confirmation); returns the token once. */
  create(
    em: Em,
    input: { userId: string; ip: string | null; userAgent: string | null },
  ): { token: string; sessionId: string; expiresAt: Date } {
    const now = this.now();
    const token = randomBytes(32).toString('base64url');
    const sessionId = randomUUID();
    const expiresAt = new Date(now.getTime() + this.policy.absoluteHours * 3_600_000);
    em.create(SessionSchema, {
      id: sessionId,
      tokenHash: hashToken(token),
      userId: input.userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      revokedAt: null,
      ip: input.ip?.slice(0, 64) ?? null,
      userAgent: input.userAgent?.slice(0, 500) ?? null,
    });
    return { token, sessionId, expiresAt };
  }

  /** The caller behind a token, or null when the token is unknown, revoked, expired or idle too long. */
  async authenticate(token: string): Promise<Authenticated | null> {
    if (token.length < 20 || token.length > 200) return null;
    const now = this.now();
    const tokenHash = hashToken(token);
    // A cached session is served until it would need touching (the idle timeout is far longer than that).
    const cached = this.cache?.get(tokenHash, now.getTime());
    if (cached && now.getTime() - cached.lastSeenAt < TOUCH_INTERVAL_MS) return cached.auth;
    const epoch = this.cache?.epoch ?? 0;
    const em = this.orm.em.fork();
    const rows = await runPrepared<SessionUserRow>(
      em,
      `select s.id as session_id, s.last_seen_at, s.expires_at, s.revoked_at,
              u.id as user_id, u.kind, u.email, u.phone, u.full_name, u.roles, u.client_id, u.locale, u.active, u.totp_enabled_at,
              u.password_expires_at, u.totp_required
         from sessions s join users u on u.id = s.user_id
        where s.token_hash = ?`,
      [tokenHash],
    );
    const row = rows[0];
    if (!row || row.revoked_at !== null || !row.active) return null;
    const lastSeen = new Date(row.last_seen_at);
    if (new Date(row.expires_at) <= now) return null;
    if (now.getTime() - lastSeen.getTime() >= this.policy.idleMinutes * 60_000) return null;
    let seenAt = lastSeen.getTime();
    if (now.getTime() - lastSeen.getTime() >= TOUCH_INTERVAL_MS) {
      await em.execute('update sessions set last_seen_at = ? where id = ? and last_seen_at < ?', [
        now,
        row.session_id,
        now,
      ]);
      seenAt = now.getTime();
    }
    const roles = typeof row.roles === 'string' ? parseArray(row.roles) : row.roles;
    const user: Authenticated['user'] = {
      id: row.user_id,
      kind: row.kind,
      email: row.email,
      phone: row.phone,
      fullName: row.full_name,
      roles,
      clientId: row.client_id,
      locale: row.locale,
      totpEnabled: row.totp_enabled_at !== null,
      passwordChangeRequired: row.password_expires_at !== null,
      authenticatorRequired: row.totp_required === true && row.totp_enabled_at === null,
    };
    const actor: Actor = {
      userId: user.id,
      roles,
      displayName: user.fullName,
      ...(user.clientId !== null ? { clientId: user.clientId } : {}),
    };
    const auth: Authenticated = { sessionId: row.session_id, user, actor };
    this.cache?.set(
      tokenHash,
      { auth, userId: user.id, expiresAt: new Date(row.expires_at).getTime(), lastSeenAt: seenAt },
      epoch,
      now.getTime(),
    );
    return auth;
  }

  async revoke(sessionId: string): Promise<void> {
    await this.orm.em
      .fork()
      .execute('update sessions set revoked_at = ? where id = ? and revoked_at is null', [
        this.now(),
        sessionId,
      ]);
    // This process forgets it at once; the others on the trigger's NOTIFY.
    this.cache?.invalidate(`session:${sessionId}`);
  }

  /** This process stops serving the user's sessions from memory (its next call reads them again). */
  forgetUser(userId: string): void {
    this.cache?.invalidate(`user:${userId}`);
  }

  /** Ends every session of a user except `keep` (password change, deactivation). Runs in the caller's em. */
  async revokeAllOf(em: Em, userId: string, keep: string | null = null): Promise<number> {
    const rows = await em.execute<{ id: string }[]>(
      `update sessions set revoked_at = ? where user_id = ? and revoked_at is null and (?::uuid is null or id <> ?::uuid) returning id`,
      [this.now(), userId, keep, keep],
    );
    this.cache?.invalidate(`user:${userId}`);
    return rows.length;
  }
}

/** `{client,admin}` (a text[] read raw) → `['client','admin']`. */
function parseArray(value: string): Role[] {
  return value
    .replace(/^\{|\}$/g, '')
    .split(',')
    .filter((v) => v !== '')
    .map((v) => v.replace(/^"|"$/g, '') as Role);
}
