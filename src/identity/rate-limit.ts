import type { Em, Orm } from '../db/orm.js';
import { AppError } from '../errors.js';

export interface RateRule {
  limit: number;
  windowSeconds: number;
}

export interface RateDecision {
  allowed: boolean;
  /** Seconds until the window resets (0 when allowed). */
  retryAfterSeconds: number;
}

/** The fixed-window rule: the `count`-th hit of a window that started at `windowStartedAt`. */
export function bucketDecision(
  count: number,
  windowStartedAt: Date,
  now: Date,
  rule: RateRule,
): RateDecision {
  if (count <= rule.limit) return { allowed: true, retryAfterSeconds: 0 };
  const resetsAt = windowStartedAt.getTime() + rule.windowSeconds * 1000;
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((resetsAt - now.getTime()) / 1000)) };
}

/** The refusal for a throttled caller: 429 with Retry-After (the HTTP edge reads `retryAfterSeconds`). */
export function throttled(
  retryAfterSeconds: number,
  message = 'too many attempts; try again later',
): AppError {
  return new AppError('throttled', message, { details: { retryAfterSeconds } });
}

/**
 * Growing delays per login: after `delayAfter` consecutive failures the next password step waits
 * `firstDelaySeconds`, doubling per failure up to `maxDelaySeconds`; at `cap` failures (NIST SP 800-63B: at most
 * 100) only the account's usual networks get in until a completed login or an administrator resets the count.
 */
export interface LoginFailurePolicy {
  delayAfter: number;
  firstDelaySeconds: number;
  maxDelaySeconds: number;
  cap: number;
}

/** Every limit the identity services apply; tests pass looser or tighter ones. */
export interface RateLimits {
  loginPerIp: RateRule;
  /**
   * Password steps per (login as typed, client network), tight: an attacker's address is throttled without
   * touching the person's own. Keyed by the login string, so unknown logins count the same as real ones.
   */
  loginPerAccountAddress: RateRule;
  /** Consecutive failures per login from networks that are not the account's usual ones (docs/0013). */
  loginFailures: LoginFailurePolicy;
  codeAttemptsPerIp: RateRule;
  codeAttemptsPerAccount: RateRule;
  /** SMS and emails with codes per user (challenges and resends), against SMS pumping. */
  sendsPerAccount: RateRule;
  /** Current-password checks (password change). */
  passwordChecksPerAccount: RateRule;
  /** Public checks of a printed form (by its hash or its short code), per client address. */
  verificationsPerIp: RateRule;
  /** The shortest gap between two sends of one challenge. */
  resendIntervalSeconds: number;
  /** Sends of one challenge, the first included. */
  maxSendsPerChallenge: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  loginPerIp: { limit: 30, windowSeconds: 900 },
  loginPerAccountAddress: { limit: 5, windowSeconds: 900 },
  loginFailures: { delayAfter: 5, firstDelaySeconds: 1, maxDelaySeconds: 60, cap: 100 },
  codeAttemptsPerIp: { limit: 60, windowSeconds: 900 },
  codeAttemptsPerAccount: { limit: 30, windowSeconds: 900 },
  sendsPerAccount: { limit: 10, windowSeconds: 3600 },
  passwordChecksPerAccount: { limit: 5, windowSeconds: 900 },
  verificationsPerIp: { limit: 30, windowSeconds: 900 },
  resendIntervalSeconds: 60,
  maxSendsPerChallenge: 5,
};

/**
 * Counters in `rate_limit_buckets`, one atomic upsert per hit, so limits hold across processes. A bucket whose
 * window has passed restarts at 1 in the same statement.
 */
export class RateLimiter {
  private hits = 0;
  constructor(
    private readonly orm: Orm,
    private readonly now: () => Date,
  ) {}

  async hit(key: string, rule: RateRule): Promise<RateDecision> {
    const now = this.now();
    const windowOpenSince = new Date(now.getTime() - rule.windowSeconds * 1000);
    const em = this.orm.em.fork();
    const rows = await em.execute<{ count: number; window_started_at: Date | string }[]>(
      `insert into rate_limit_buckets (key, count, window_started_at) values (?, 1, ?)
       on conflict (key) do update set
         count = case when rate_limit_buckets.window_started_at <= ? then 1 else rate_limit_buckets.count + 1 end,
         window_started_at = case when rate_limit_buckets.window_started_at <= ? then excluded.window_started_at
                                  else rate_limit_buckets.window_started_at end
       returning count, window_started_at`,
      [key, now, windowOpenSince, windowOpenSince],
    );
    this.hits += 1;
    if (this.hits % 1000 === 0) await this.prune(now);
    const row = rows[0];
    if (!row) return { allowed: true, retryAfterSeconds: 0 };
    return bucketDecision(Number(row.count), new Date(row.window_started_at), now, rule);
  }

  /** Counts a hit on every key; throws `throttled` with the longest wait when any is over its limit. */
  async enforce(hits: readonly (readonly [string, RateRule])[]): Promise<void> {
    let wait = 0;
    for (const [key, rule] of hits) {
      const decision = await this.hit(key, rule);
      if (!decision.allowed) wait = Math.max(wait, decision.retryAfterSeconds);
    }
    if (wait > 0) throw throttled(wait);
  }

  /**
   * Forgets the given buckets (a completed login clears its own per-address counters), in the caller's
   * transaction when given one (PGlite has a single connection: no second one while a transaction is open).
   */
  async clear(keys: readonly string[], em: Em = this.orm.em.fork()): Promise<void> {
    if (keys.length === 0) return;
    await em.execute(`delete from rate_limit_buckets where key in (${keys.map(() => '?').join(', ')})`, [
      ...keys,
    ]);
  }

  /** Drops buckets idle for a day (no window is longer). */
  async prune(now: Date): Promise<void> {
    await this.orm.em
      .fork()
      .execute('delete from rate_limit_buckets where window_started_at < ?', [
        new Date(now.getTime() - 86_400_000),
      ]);
  }
}
