import { ApiError } from './api-client';

/** Why the server refused a code, as it tells the challenge's holder (`Problem.refusal`, docs/0013). */
export type Refusal = { reason: 'wrong' | 'expired' | 'locked' | 'used' | 'changed'; attemptsLeft: number };

/** The refusal of a code, or null when the error is something else (or the server said nothing more). */
export function refusalOf(error: unknown): Refusal | null {
  if (!(error instanceof ApiError) || error.code !== 'code_invalid') return null;
  const refusal = error.problem['refusal'] as Refusal | undefined;
  return refusal ?? null;
}

/** A refusal after which this challenge can never succeed: a new one is needed. */
export function isChallengeOver(refusal: Refusal | null): boolean {
  if (!refusal) return false;
  return refusal.reason === 'wrong' ? refusal.attemptsLeft === 0 : refusal.reason !== 'used';
}
