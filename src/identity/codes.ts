import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

/** Codes are six digits, leading zeros kept. */
export const CODE_LENGTH = 6;
export const CODE_PATTERN = /^\d{6}$/;

/** A uniformly random six-digit code (CSPRNG). */
export function generateCode(): string {
  return String(randomInt(0, 10 ** CODE_LENGTH)).padStart(CODE_LENGTH, '0');
}

export interface CodeBinding {
  challengeId: string;
  /** Which destination of the challenge the code went to (`phone`, `new_phone`, …). */
  destinationKey: string;
  /** The content the code confirms (a request's payload hash), or null. */
  binding: string | null;
}

/**
 * HMAC-SHA256 of the code together with the challenge, the destination and the bound content, under the server
 * secret. A stolen table reveals no codes, and a code sent for one content does not verify for another.
 */
export function codeHash(secret: Buffer, code: string, bound: CodeBinding): string {
  return createHmac('sha256', secret)
    .update(['v1', bound.challengeId, bound.destinationKey, bound.binding ?? '', code].join('\u0000'))
    .digest('hex');
}

/** Constant-time check of a typed code against the stored hash. Malformed input is simply wrong. */
export function codeMatches(
  secret: Buffer,
  typed: string,
  storedHash: string | null,
  bound: CodeBinding,
): boolean {
  if (storedHash === null || !CODE_PATTERN.test(typed)) return false;
  const expected = Buffer.from(storedHash, 'hex');
  const actual = Buffer.from(codeHash(secret, typed, bound), 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
