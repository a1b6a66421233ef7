import { randomBytes } from 'node:crypto';
import { DomainError } from '../errors.js';
import { passwordProblems } from './password-policy.js';

/**
 * Initial passwords: chosen by an administrator or the CLI (admin:create, staff:invite, client:create, the admin
 * API), given to the person out of band. Such a password works for 72 hours and only until it is replaced; a
 * session opened with it may do nothing but replace it (docs/0014-production-guards-and-headers.md).
 */
export const INITIAL_PASSWORD_TTL_HOURS = 72;

/** When an initial password set now stops working. */
export function initialPasswordExpiry(now: Date): Date {
  return new Date(now.getTime() + INITIAL_PASSWORD_TTL_HOURS * 3_600_000);
}

/** Minutes an initial password stays good after its first login: time to set the new one in that session. */
export const INITIAL_PASSWORD_GRACE_MINUTES = 15;

/**
 * The earlier expiry an initial password gets when its first login completes (undefined when the user has none,
 * or it already ends sooner): it has been used, and may serve only the password change that must follow.
 */
export function initialPasswordSpentExpiry(
  user: { passwordExpiresAt?: Date | null },
  now: Date,
): Date | undefined {
  if (user.passwordExpiresAt == null) return undefined;
  const spent = new Date(now.getTime() + INITIAL_PASSWORD_GRACE_MINUTES * 60_000);
  return spent < user.passwordExpiresAt ? spent : undefined;
}

/** An initial password past its time counts as a wrong password everywhere a password is checked. */
export function initialPasswordExpired(user: { passwordExpiresAt?: Date | null }, now: Date): boolean {
  return user.passwordExpiresAt != null && user.passwordExpiresAt.getTime() <= now.getTime();
}

/** A random first password, shown once to whoever creates the account (16 URL-safe characters). */
export function generateInitialPassword(): string {
  return randomBytes(12).toString('base64url');
}

/** Refuses an initial password the policy would refuse (`personal`: the person's own login, e-mail, phone). */
export function checkInitialPassword(password: string, personal: string[]): void {
  const problems = passwordProblems(password, personal);
  if (problems.length > 0) {
    throw new DomainError('validation_failed', 'the password is not acceptable', {
      fieldErrors: { password: problems },
    });
  }
}
