import type { FailureKind } from '../messaging/channels.js';

/**
 * What to do after a failed attempt, whatever the channel (docs/0007 "Retries"). Pure: no database, no clock of
 * its own (`now` is passed in), no channel knowledge; the channels classify their failures (`classifyFailure` in
 * `messaging/channels.ts`) and this decides.
 */

export type { FailureKind } from '../messaging/channels.js';

export interface RetryPolicy {
  /** Attempts in all; the last failed one makes the delivery undeliverable. */
  maxAttempts: number;
  /** The first retry's wait; each next one twice as long. */
  backoffMs: number;
  /** Waits that spend no attempt (rate limits, redirects) allowed per delivery; after that they count as failures. */
  maxDeferrals: number;
}

export const DEFAULT_MAX_DEFERRALS = 20;

export type RetryDecision =
  /** Not an attempt: come back at `at`. `holdRecipient`: nothing else goes to this recipient before then either. */
  | { action: 'defer'; at: Date; waitMs: number; holdRecipient: boolean }
  /** A failed attempt: retry at `at`. */
  | { action: 'retry'; at: Date }
  /** Final: the delivery is undeliverable. */
  | { action: 'give_up' };

/** The retry schedule: `backoffMs`, then twice as long each time (what BullMQ's exponential backoff does). */
export function backoffDelay(backoffMs: number, attempt: number): number {
  return backoffMs * 2 ** Math.max(0, attempt - 1);
}

/**
 * Decides after attempt number `attempt` (1-based, the row's count including this one) failed with `failure`,
 * `deferrals` waits having been spent on the delivery so far.
 */
export function decideRetry(
  failure: FailureKind,
  progress: { attempt: number; deferrals: number },
  policy: RetryPolicy,
  now: Date,
): RetryDecision {
  const waitsWithoutAttempt = failure.kind === 'rate_limited' || failure.kind === 'redirected';
  if (waitsWithoutAttempt && progress.deferrals < policy.maxDeferrals) {
    const waitMs = failure.kind === 'rate_limited' ? failure.retryAfterMs : 0;
    return {
      action: 'defer',
      at: new Date(now.getTime() + waitMs),
      waitMs,
      holdRecipient: failure.kind === 'rate_limited',
    };
  }
  if (failure.kind === 'permanent' || progress.attempt >= policy.maxAttempts) return { action: 'give_up' };
  // Out of waits, a rate limit counts as a failure, but the next attempt still honours the provider's wait.
  const retryAfterMs = failure.kind === 'redirected' ? 0 : (failure.retryAfterMs ?? 0);
  const waitMs = Math.max(backoffDelay(policy.backoffMs, progress.attempt), retryAfterMs);
  return { action: 'retry', at: new Date(now.getTime() + waitMs) };
}
