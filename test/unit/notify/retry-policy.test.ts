import { describe, expect, it } from '@jest/globals';
import { botApiError } from '../../../src/notify/channels/telegram-errors.js';
import { classifyFailure, DeliveryError } from '../../../src/messaging/channels.js';
import { decideRetry, type FailureKind, type RetryPolicy } from '../../../src/notify/retry-policy.js';

const now = new Date('2026-12-01T10:00:00Z');
const later = (ms: number) => new Date(now.getTime() + ms);
const policy: RetryPolicy = { maxAttempts: 5, backoffMs: 1000, maxDeferrals: 3 };
const decide = (failure: FailureKind, attempt: number, deferrals = 0) =>
  decideRetry(failure, { attempt, deferrals }, policy, now);

describe('retry policy', () => {
  it('retries a transient failure after the backoff, twice as long each attempt, until the last attempt', () => {
    expect([1, 2, 3, 4].map((attempt) => decide({ kind: 'transient' }, attempt))).toEqual([
      { action: 'retry', at: later(1000) },
      { action: 'retry', at: later(2000) },
      { action: 'retry', at: later(4000) },
      { action: 'retry', at: later(8000) },
    ]);
    expect(decide({ kind: 'transient' }, 5)).toEqual({ action: 'give_up' });
    expect(decide({ kind: 'transient' }, 6)).toEqual({ action: 'give_up' });
  });

  it("honours the provider's wait when it is longer than the backoff, and the backoff when it is longer", () => {
    expect(decide({ kind: 'transient', retryAfterMs: 30_000 }, 1)).toEqual({
      action: 'retry',
      at: later(30_000),
    });
    expect(decide({ kind: 'transient', retryAfterMs: 500 }, 2)).toEqual({ action: 'retry', at: later(2000) });
  });

  it('gives up on a permanent failure at the first attempt', () => {
    expect(decide({ kind: 'permanent' }, 1)).toEqual({ action: 'give_up' });
  });

  it('waits out a rate limit without spending an attempt and holds the recipient, even at the last attempt', () => {
    const expected = { action: 'defer', at: later(3000), waitMs: 3000, holdRecipient: true };
    expect(decide({ kind: 'rate_limited', retryAfterMs: 3000 }, 1)).toEqual(expected);
    expect(decide({ kind: 'rate_limited', retryAfterMs: 3000 }, 5, 2)).toEqual(expected);
  });

  it('retries a redirected recipient at once without spending an attempt or holding it', () => {
    expect(decide({ kind: 'redirected' }, 2)).toEqual({
      action: 'defer',
      at: now,
      waitMs: 0,
      holdRecipient: false,
    });
  });

  it('counts a rate limit as a failure once the deferrals are spent, still waiting at least retry_after', () => {
    expect(decide({ kind: 'rate_limited', retryAfterMs: 3000 }, 1, 3)).toEqual({
      action: 'retry',
      at: later(3000),
    });
    expect(decide({ kind: 'rate_limited', retryAfterMs: 3000 }, 3, 3)).toEqual({
      action: 'retry',
      at: later(4000),
    });
    expect(decide({ kind: 'redirected' }, 2, 3)).toEqual({ action: 'retry', at: later(2000) });
    expect(decide({ kind: 'rate_limited', retryAfterMs: 3000 }, 5, 3)).toEqual({ action: 'give_up' });
  });
});

describe('classifying channel failures', () => {
  const telegram = (status: number, parameters?: { retry_after?: number; migrate_to_chat_id?: number }) =>
    classifyFailure(
      botApiError('sendMessage', status, { ok: false, error_code: status, description: 'x', parameters }),
    );

  it('reads Telegram refusals: 429 waits retry_after, 403 and bad requests are permanent, a migrated group moved', () => {
    expect(telegram(429, { retry_after: 3 })).toEqual({ kind: 'rate_limited', retryAfterMs: 3000 });
    expect(telegram(429)).toEqual({ kind: 'rate_limited', retryAfterMs: 1000 });
    expect(telegram(403)).toEqual({ kind: 'permanent' });
    expect(telegram(400, { migrate_to_chat_id: -100123 })).toEqual({ kind: 'redirected' });
    expect(telegram(400)).toEqual({ kind: 'permanent' });
    expect(telegram(502)).toEqual({ kind: 'transient' });
  });

  it("keeps another channel's wait, and treats anything but a DeliveryError as transient", () => {
    expect(
      classifyFailure(new DeliveryError('sms-http: gateway answered 503', { retryAfterMs: 5000 })),
    ).toEqual({
      kind: 'transient',
      retryAfterMs: 5000,
    });
    expect(classifyFailure(new DeliveryError('smtp: 550', { permanent: true }))).toEqual({
      kind: 'permanent',
    });
    expect(classifyFailure(new Error('connection reset'))).toEqual({ kind: 'transient' });
  });
});
