import { describe, expect, it } from 'vitest';
import { retryAfterSeconds } from './api-client';
import { secondsLeft } from './countdown';

describe('secondsLeft', () => {
  it('is 0 with nothing to wait for', () => {
    expect(secondsLeft(null, 1_000)).toBe(0);
  });
  it('rounds a part of a second up, so the countdown never shows 0 while still waiting', () => {
    expect(secondsLeft(10_500, 1_000)).toBe(10);
    expect(secondsLeft(10_001, 10_000)).toBe(1);
  });
  it('never goes below 0', () => {
    expect(secondsLeft(1_000, 5_000)).toBe(0);
  });
});

describe('retryAfterSeconds', () => {
  it('reads delta-seconds', () => {
    expect(retryAfterSeconds('42')).toBe(42);
  });
  it('reads an HTTP date against now', () => {
    const now = Date.parse('2026-12-03T10:00:00Z');
    expect(retryAfterSeconds('Thu, 03 Dec 2026 10:01:30 GMT', now)).toBe(90);
  });
  it('is null without a usable header', () => {
    expect(retryAfterSeconds(null)).toBeNull();
    expect(retryAfterSeconds('soon')).toBeNull();
  });
});
