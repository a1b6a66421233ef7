import { describe, expect, it } from '@jest/globals';
import { failureWait, networkOf } from '../../../src/identity/login-guard.js';
import { DEFAULT_RATE_LIMITS } from '../../../src/identity/rate-limit.js';

const POLICY = DEFAULT_RATE_LIMITS.loginFailures;
const LAST = new Date('2026-12-03T10:00:00Z');
const after = (seconds: number) => new Date(LAST.getTime() + seconds * 1000);

describe('the network of an address', () => {
  it('is the /24 of an IPv4 address, also when written IPv4-mapped', () => {
    expect(networkOf('203.0.113.7')).toBe('203.0.113.0/24');
    expect(networkOf('203.0.113.250')).toBe('203.0.113.0/24');
    expect(networkOf('::ffff:203.0.113.7')).toBe('203.0.113.0/24');
  });

  it('is the /64 of an IPv6 address however it is spelled', () => {
    expect(networkOf('2001:db8:0:12::1')).toBe('2001:db8:0:12::/64');
    expect(networkOf('2001:0DB8:0000:0012:ffff:0:0:9')).toBe('2001:db8:0:12::/64');
    expect(networkOf('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(networkOf('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });

  it('is `unknown` without an address', () => {
    expect(networkOf(null)).toBe('unknown');
    expect(networkOf('')).toBe('unknown');
  });
});

describe('growing delays after consecutive failures', () => {
  it('none before the threshold', () => {
    expect(failureWait(POLICY.delayAfter - 1, LAST, LAST, POLICY)).toBe(0);
  });

  it('1 s after the threshold, doubling per failure, up to the ceiling', () => {
    const waits = [5, 6, 7, 8, 9, 10, 11, 20].map((n) => failureWait(n, LAST, LAST, POLICY));
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 60, 60]);
    expect(failureWait(8, LAST, after(5), POLICY)).toBe(3);
  });

  it('at the cap, a wait no clock lifts (only a success or an administrator)', () => {
    expect(failureWait(POLICY.cap, LAST, after(86_400), POLICY)).toBe(3600);
  });
});
