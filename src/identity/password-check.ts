import { hashPassword, verifyPassword } from './password.js';
import type { RateLimiter, RateLimits } from './rate-limit.js';

/**
 * Checks a person's current password outside the login (a step-up), counted against the per-account
 * password-check limit (429 beyond it), the same budget the API's password and authenticator changes use.
 */
export class PasswordCheck {
  private dummy: Promise<string> | undefined;

  constructor(
    private readonly limiter: RateLimiter,
    private readonly limits: RateLimits,
  ) {}

  /**
   * True when `password` is the user's. With no user (an unknown phone), scrypt runs anyway against a dummy hash
   * and the answer is false, so time tells nothing. `alsoCount` adds keys counted the same way (a phone as typed,
   * so unknown ones are throttled like real ones).
   */
  async matches(
    user: { id: string; passwordHash?: string | null } | null,
    password: string,
    alsoCount: readonly string[] = [],
  ): Promise<boolean> {
    const rule = this.limits.passwordChecksPerAccount;
    await this.limiter.enforce([
      ...(user ? [[`password-check:user:${user.id}`, rule] as const] : []),
      ...alsoCount.map((key) => [key, rule] as const),
    ]);
    if (user?.passwordHash) return verifyPassword(password, user.passwordHash);
    this.dummy ??= hashPassword('kabinet-no-such-user');
    await verifyPassword(password, await this.dummy);
    return false;
  }
}
