import { describe, expect, it } from 'vitest';
import { ApiError } from './api-client';
import { isChallengeOver, refusalOf, type Refusal } from './refusal';

const refused = (refusal: Refusal) => new ApiError(422, 'code_invalid', null, { refusal });

describe('code refusals', () => {
  it('reads the refusal of a refused code only', () => {
    expect(refusalOf(refused({ reason: 'wrong', attemptsLeft: 2 }))).toEqual({
      reason: 'wrong',
      attemptsLeft: 2,
    });
    expect(refusalOf(new ApiError(422, 'code_invalid', null))).toBeNull();
    expect(refusalOf(new ApiError(429, 'throttled', 30))).toBeNull();
    expect(refusalOf(new Error('offline'))).toBeNull();
  });
  it('a challenge is over when locked, expired or superseded, or when no attempts are left', () => {
    expect(isChallengeOver({ reason: 'wrong', attemptsLeft: 2 })).toBe(false);
    expect(isChallengeOver({ reason: 'wrong', attemptsLeft: 0 })).toBe(true);
    for (const reason of ['locked', 'expired', 'changed'] as const)
      expect(isChallengeOver({ reason, attemptsLeft: 0 })).toBe(true);
    expect(isChallengeOver({ reason: 'used', attemptsLeft: 0 })).toBe(false);
    expect(isChallengeOver(null)).toBe(false);
  });
});
