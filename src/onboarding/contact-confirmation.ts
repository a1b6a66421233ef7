import { codeHash, codeMatches, generateCode } from '../identity/codes.js';
import type { ContactChannel, ContactConfirmation } from './application.entity.js';

/**
 * Confirming an applicant's phone and e-mail by code (issue 12 item 2), without an account: the code's HMAC is kept
 * on the application, bound to it, to the channel and to the address, so a code sent to one number never confirms
 * another. Pure apart from the CSPRNG: the caller stores what these return.
 */
export interface ContactCodePolicy {
  ttlSeconds: number;
  maxAttempts: number;
  resendIntervalSeconds: number;
  maxSends: number;
}

export const DEFAULT_CONTACT_CODE_POLICY: ContactCodePolicy = {
  ttlSeconds: 600,
  maxAttempts: 5,
  resendIntervalSeconds: 60,
  maxSends: 5,
};

function bound(applicationId: string, channel: ContactChannel, address: string) {
  return { challengeId: applicationId, destinationKey: `applicant_${channel}`, binding: address };
}

/** Why a code cannot be sent now; null when it can. */
export function sendRefusal(
  current: ContactConfirmation | null,
  address: string,
  now: Date,
  policy: ContactCodePolicy,
): { reason: 'already_confirmed' | 'too_soon' | 'too_many_sends'; retryAfterSeconds?: number } | null {
  if (!current || current.address !== address) return null;
  if (current.confirmedAt !== null) return { reason: 'already_confirmed' };
  if (current.sends >= policy.maxSends) return { reason: 'too_many_sends' };
  const next = Date.parse(current.sentAt) + policy.resendIntervalSeconds * 1000;
  if (next > now.getTime())
    return { reason: 'too_soon', retryAfterSeconds: Math.ceil((next - now.getTime()) / 1000) };
  return null;
}

/** A new code for the address: the stored confirmation (sends counted per address) and the code to send. */
export function issueCode(
  secret: Buffer,
  applicationId: string,
  channel: ContactChannel,
  address: string,
  current: ContactConfirmation | null,
  now: Date,
  policy: ContactCodePolicy,
): { confirmation: ContactConfirmation; code: string } {
  const code = generateCode();
  const sameAddress = current?.address === address;
  return {
    code,
    confirmation: {
      address,
      codeHash: codeHash(secret, code, bound(applicationId, channel, address)),
      sentAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + policy.ttlSeconds * 1000).toISOString(),
      // A new code has its own attempts; sends are capped per address (and per phone across applications by the
      // rate limiter), so guesses stay at most maxSends × maxAttempts in a million.
      attempts: 0,
      sends: (sameAddress ? (current?.sends ?? 0) : 0) + 1,
      confirmedAt: null,
    },
  };
}

export type CodeVerdict =
  | { ok: true; confirmation: ContactConfirmation }
  | {
      ok: false;
      reason: 'wrong' | 'expired' | 'locked' | 'not_sent';
      attemptsLeft: number;
      confirmation: ContactConfirmation | null;
    };

/** Checks a typed code: each wrong one spends an attempt; the last wrong one locks the code (a new one may be sent). */
export function checkCode(
  secret: Buffer,
  applicationId: string,
  channel: ContactChannel,
  current: ContactConfirmation | null,
  typed: string,
  now: Date,
  policy: ContactCodePolicy,
): CodeVerdict {
  if (!current || current.codeHash === null)
    return { ok: false, reason: 'not_sent', attemptsLeft: 0, confirmation: current };
  if (current.confirmedAt !== null) return { ok: true, confirmation: current };
  if (current.attempts >= policy.maxAttempts)
    return { ok: false, reason: 'locked', attemptsLeft: 0, confirmation: current };
  if (Date.parse(current.expiresAt) <= now.getTime())
    return {
      ok: false,
      reason: 'expired',
      attemptsLeft: policy.maxAttempts - current.attempts,
      confirmation: current,
    };
  if (codeMatches(secret, typed, current.codeHash, bound(applicationId, channel, current.address)))
    return { ok: true, confirmation: { ...current, codeHash: null, confirmedAt: now.toISOString() } };
  const attempts = current.attempts + 1;
  return {
    ok: false,
    reason: attempts >= policy.maxAttempts ? 'locked' : 'wrong',
    attemptsLeft: Math.max(0, policy.maxAttempts - attempts),
    confirmation: { ...current, attempts },
  };
}

/** Confirmed for exactly this address (a changed phone needs a new code). */
export function isConfirmedFor(confirmation: ContactConfirmation | null, address: unknown): boolean {
  return (
    confirmation !== null &&
    confirmation.confirmedAt !== null &&
    typeof address === 'string' &&
    confirmation.address === address
  );
}

/** A contact confirmed without a code of ours (ESIA verified it; the demo's questionnaire), as of `now`. */
export function confirmedWithoutCode(address: string, now: Date, byEsia: boolean): ContactConfirmation {
  const at = now.toISOString();
  return {
    address,
    codeHash: null,
    sentAt: at,
    expiresAt: at,
    attempts: 0,
    sends: 0,
    confirmedAt: at,
    ...(byEsia ? { byEsia: true } : {}),
  };
}
