import { initialPasswordExpired } from './initial-password.js';
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
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * True when `password` is the user's (and not an expired initial one). With no user (an unknown phone), scrypt runs anyway against a dummy hash
   * and the answer is false, so time tells nothing. `alsoCount` adds keys counted the same way (a phone as typed,
   * so unknown ones are throttled like real ones).
   */
  async matches(
    user: { id: string; passwordHash?: string | null; passwordExpiresAt?: Date | null } | null,
    password: string,
    alsoCount: readonly string[] = [],
  ): Promise<boolean> {
    const rule = this.limits.passwordChecksPerAccount;
    await this.limiter.enforce([
      ...(user ? [[`password-check:user:${user.id}`, rule] as const] : []),
      ...alsoCount.map((key) => [key, rule] as const),
    ]);
    // An initial password past its 72 hours counts as wrong (docs/0014), after the same scrypt work.
    if (user?.passwordHash)
      return (await verifyPassword(password, user.passwordHash)) && !initialPasswordExpired(user, this.now());
    this.dummy ??= hashPassword('kabinet-no-such-user');
    await verifyPassword(password, await this.dummy);
    return false;
  }
}
