import { describe, expect, it } from '@jest/globals';
import { CODE_PATTERN, codeHash, codeMatches, generateCode } from '../../../src/identity/codes.js';

const SECRET = Buffer.from('unit-test-secret-0123456789abcdef');
const BOUND = {
  challengeId: '5f0c1f3e-1111-4222-8333-944455556666',
  destinationKey: 'phone',
  binding: 'a'.repeat(64),
};

describe('confirmation codes', () => {
  it('are six digits, leading zeros kept, and spread over the whole range', () => {
    const codes = Array.from({ length: 2000 }, generateCode);
    expect(codes.every((c) => CODE_PATTERN.test(c))).toBe(true);
    expect(new Set(codes).size).toBeGreaterThan(1990);
    expect(codes.some((c) => c.startsWith('0'))).toBe(true);
  });

  it('are stored as an HMAC that never contains the code', () => {
    const hash = codeHash(SECRET, '012345', BOUND);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain('012345');
  });

  it('verify only for the same code, challenge, destination and bound content', () => {
    const hash = codeHash(SECRET, '012345', BOUND);
    expect(codeMatches(SECRET, '012345', hash, BOUND)).toBe(true);
    expect(codeMatches(SECRET, '012346', hash, BOUND)).toBe(false);
    expect(codeMatches(SECRET, '012345', hash, { ...BOUND, binding: 'b'.repeat(64) })).toBe(false);
    expect(codeMatches(SECRET, '012345', hash, { ...BOUND, destinationKey: 'new_phone' })).toBe(false);
    expect(
      codeMatches(SECRET, '012345', hash, { ...BOUND, challengeId: '5f0c1f3e-1111-4222-8333-944455556667' }),
    ).toBe(false);
    expect(codeMatches(Buffer.from('another-secret-0123456789abcdef00'), '012345', hash, BOUND)).toBe(false);
  });

  it('treat malformed input and a missing hash as wrong, without throwing', () => {
    const hash = codeHash(SECRET, '012345', BOUND);
    for (const typed of ['', '12345', '1234567', ' 012345', 'abcdef', '01234５']) {
      expect(codeMatches(SECRET, typed, hash, BOUND)).toBe(false);
    }
    expect(codeMatches(SECRET, '012345', null, BOUND)).toBe(false);
    expect(codeMatches(SECRET, '012345', 'zz', BOUND)).toBe(false);
  });
});
