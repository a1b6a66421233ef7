import { createHmac } from 'node:crypto';
import { isIP } from 'node:net';
import type { Em, Orm } from '../db/orm.js';
import { normalizeEmail } from './phone.js';
import { throttled, type RateLimiter, type RateLimits } from './rate-limit.js';

/** How many usual networks an account keeps (the most recently used). */
const USUAL_ADDRESSES_KEPT = 20;
/** The Retry-After of a login at its failure cap: nothing but a success or an administrator lifts it. */
const CAPPED_RETRY_SECONDS = 3600;

export interface LoginGuardDeps {
  orm: Orm;
  secret: Buffer;
  limiter: RateLimiter;
  limits: RateLimits;
  now: () => Date;
}

/**
 * The throttles of the password step (docs/0013-login-without-oracles.md), all decided before the password is
 * checked and keyed by the login as typed, so they answer alike for unknown logins, wrong and right passwords:
 * per address; per (login, network), tight; per login, growing delays after consecutive failures and a cap,
 * except from the account's usual networks (where it completed a login before). A completed login resets them.
 */
export class LoginGuard {
  constructor(private readonly deps: LoginGuardDeps) {}

  /** The login as the counters know it: an HMAC of the normalised login under the server secret. */
  loginKey(normalizedLogin: string): string {
    return this.hmac('login-key', normalizedLogin);
  }

  /** The login keys an account can be reached by: its email and its phone. */
  loginKeysOf(user: { email: string; phone?: string | null }): string[] {
    const keys = [this.loginKey(normalizeEmail(user.email))];
    if (user.phone) keys.push(this.loginKey(user.phone));
    return keys;
  }

  /** One login from one network: the per-address counters and the target of its challenges. */
  pairKey(loginKey: string, ip: string | null): string {
    return this.hmac('login-pair', loginKey, networkOf(ip));
  }

  /** Whether the user completed a login from this network before; the same query runs for an unknown user. */
  async isUsual(userId: string | null, ip: string | null): Promise<boolean> {
    const key = this.hmac('usual', userId ?? 'nobody', networkOf(ip));
    const rows = await this.deps.orm.em
      .fork()
      .execute<{ key: string }[]>('select key from login_usual_addresses where key = ?', [key]);
    return userId !== null && ip !== null && rows.length > 0;
  }

  /**
   * Every throttle of the password step; throws `throttled` (429, Retry-After). Counts the attempt as a
   * failure: only a completed login (password and code) takes it back.
   */
  async admit(loginKey: string, ip: string | null, usual: boolean): Promise<void> {
    const { limiter, limits } = this.deps;
    await limiter.enforce([
      [`login:ip:${ip ?? 'unknown'}`, limits.loginPerIp],
      [`login:pair:${this.pairKey(loginKey, ip)}`, limits.loginPerAccountAddress],
    ]);
    const wait = await this.countFailure(loginKey, usual);
    if (wait > 0) throw throttled(wait);
  }

  /** A wrong code on a login challenge is one more consecutive failure of its login. */
  async recordFailure(loginKey: string): Promise<void> {
    await this.deps.orm.em.fork().execute(
      `insert into login_failure_streaks (login_key, failures, last_failure_at) values (?, 1, ?)
       on conflict (login_key) do update set failures = login_failure_streaks.failures + 1,
         last_failure_at = excluded.last_failure_at`,
      [loginKey, this.deps.now()],
    );
  }

  /**
   * A completed login, in its transaction: the network becomes usual for the user, the user's failure counts
   * and the per-address counters of its logins end.
   */
  async recordSuccess(
    em: Em,
    input: { userId: string; ips: readonly (string | null)[]; loginKeys: readonly string[] },
  ): Promise<void> {
    const now = this.deps.now();
    const [ip] = input.ips;
    await em.execute(
      `insert into login_usual_addresses (key, user_id, last_seen_at) values (?, ?, ?)
       on conflict (key) do update set last_seen_at = excluded.last_seen_at`,
      [this.hmac('usual', input.userId, networkOf(ip ?? null)), input.userId, now],
    );
    await em.execute(
      `delete from login_usual_addresses where user_id = ? and key not in
         (select key from login_usual_addresses where user_id = ? order by last_seen_at desc limit ?)`,
      [input.userId, input.userId, USUAL_ADDRESSES_KEPT],
    );
    await this.clearFailures(em, input.loginKeys);
    const pairs = new Set<string>();
    for (const key of input.loginKeys)
      for (const address of input.ips) pairs.add(`login:pair:${this.pairKey(key, address)}`);
    await this.deps.limiter.clear([...pairs], em);
  }

  /** An administrator's reset: the account's logins start again from no failures. */
  async resetFailures(user: { email: string; phone?: string | null }): Promise<void> {
    await this.clearFailures(this.deps.orm.em.fork(), this.loginKeysOf(user));
  }

  private async clearFailures(em: Em, loginKeys: readonly string[]): Promise<void> {
    if (loginKeys.length === 0) return;
    await em.execute(
      `delete from login_failure_streaks where login_key in (${loginKeys.map(() => '?').join(', ')})`,
      [...loginKeys],
    );
  }

  /** Counts one failure unless the login must wait; returns the seconds to wait (0 when counted). */
  private async countFailure(loginKey: string, usual: boolean): Promise<number> {
    const policy = this.deps.limits.loginFailures;
    const now = this.deps.now();
    const em = this.deps.orm.em.fork();
    // One statement: parallel attempts cannot slip past the delay or the cap together.
    const counted = await em.execute<{ failures: number }[]>(
      `insert into login_failure_streaks (login_key, failures, last_failure_at) values (?, 1, ?)
       on conflict (login_key) do update set failures = login_failure_streaks.failures + 1,
         last_failure_at = excluded.last_failure_at
       where ?::boolean or (login_failure_streaks.failures < ?::int and (login_failure_streaks.failures < ?::int
         or login_failure_streaks.last_failure_at
            + least(?::float8 * power(2, login_failure_streaks.failures - ?::int), ?::float8) * interval '1 second'
            <= ?::timestamptz))
       returning failures`,
      [
        loginKey,
        now,
        usual,
        policy.cap,
        policy.delayAfter,
        policy.firstDelaySeconds,
        policy.delayAfter,
        policy.maxDelaySeconds,
        now,
      ],
    );
    if (counted.length > 0) return 0;
    const rows = await em.execute<{ failures: number; last_failure_at: Date | string }[]>(
      'select failures, last_failure_at from login_failure_streaks where login_key = ?',
      [loginKey],
    );
    const row = rows[0];
    if (!row) return 1;
    return failureWait(Number(row.failures), new Date(row.last_failure_at), now, policy);
  }

  private hmac(...parts: string[]): string {
    return createHmac('sha256', this.deps.secret).update(parts.join('\u0000')).digest('hex');
  }
}

/** The seconds a login with `failures` consecutive failures, the last at `last`, must still wait. */
export function failureWait(
  failures: number,
  last: Date,
  now: Date,
  policy: RateLimits['loginFailures'],
): number {
  if (failures >= policy.cap) return CAPPED_RETRY_SECONDS;
  if (failures < policy.delayAfter) return 0;
  const delay = Math.min(
    policy.firstDelaySeconds * 2 ** (failures - policy.delayAfter),
    policy.maxDelaySeconds,
  );
  return Math.max(1, Math.ceil((last.getTime() + delay * 1000 - now.getTime()) / 1000));
}

/**
 * The network an address belongs to, as the counters and the usual addresses see it: IPv4 /24, IPv6 /64 (one
 * host often has a whole /64), `unknown` without an address.
 */
export function networkOf(ip: string | null): string {
  if (!ip) return 'unknown';
  let address = ip.trim().split('%')[0] ?? '';
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped?.[1]) address = mapped[1];
  const kind = isIP(address);
  if (kind === 4) return `${address.split('.').slice(0, 3).join('.')}.0/24`;
  if (kind === 6) return `${ipv6Groups(address).slice(0, 4).join(':')}::/64`;
  return `other:${address.toLowerCase()}`;
}

/** The eight groups of an IPv6 address (valid per `isIP`), `::` expanded, without leading zeros. */
function ipv6Groups(address: string): string[] {
  const [head = '', tail] = address.toLowerCase().split('::');
  const part = (s: string | undefined): string[] => (s ? s.split(':') : []);
  const width = (groups: string[]): number => groups.reduce((n, g) => n + (g.includes('.') ? 2 : 1), 0);
  const left = part(head);
  const right = part(tail);
  const missing = tail === undefined ? 0 : 8 - width(left) - width(right);
  return [...left, ...Array<string>(Math.max(0, missing)).fill('0'), ...right].map((g) =>
    g.includes('.') ? g : parseInt(g, 16).toString(16),
  );
}
