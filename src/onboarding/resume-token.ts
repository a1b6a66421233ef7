import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The secret that lets an applicant come back to a draft (the "continue later" link, the browser's storage): 32
 * random bytes, base64url; only its SHA-256 is stored.
 */
export function newResumeToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashResumeToken(token) };
}

export function hashResumeToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Constant-time: a wrong token and an unknown application look alike. */
export function resumeTokenMatches(token: string, storedHash: string): boolean {
  const actual = Buffer.from(hashResumeToken(token), 'hex');
  const expected = Buffer.from(storedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
