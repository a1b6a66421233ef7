import { describe, expect, it } from '@jest/globals';
import { bucketDecision, throttled } from '../../../src/identity/rate-limit.js';

const RULE = { limit: 3, windowSeconds: 60 };
const START = new Date('2026-11-24T10:00:00Z');
const at = (seconds: number) => new Date(START.getTime() + seconds * 1000);

describe('fixed-window rate limits', () => {
  it('allow up to the limit within a window', () => {
    for (const count of [1, 2, 3])
      expect(bucketDecision(count, START, at(10), RULE)).toEqual({ allowed: true, retryAfterSeconds: 0 });
  });

  it('refuse over the limit until the window ends, rounding the wait up', () => {
    expect(bucketDecision(4, START, at(10), RULE)).toEqual({ allowed: false, retryAfterSeconds: 50 });
    expect(bucketDecision(9, START, at(59.2), RULE)).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('never answer a wait of zero seconds', () => {
    expect(bucketDecision(4, START, at(60), RULE).retryAfterSeconds).toBe(1);
    expect(bucketDecision(4, START, at(3600), RULE).retryAfterSeconds).toBe(1);
  });

  it('throttled refusals carry the wait for Retry-After', () => {
    const error = throttled(42);
    expect(error.code).toBe('throttled');
    expect(error.details).toEqual({ retryAfterSeconds: 42 });
  });
});
