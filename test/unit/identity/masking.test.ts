import { describe, expect, it } from '@jest/globals';
import { decoyPhoneMask, maskEmail, maskPhone } from '../../../src/identity/masking.js';
import { isEmail, normalizeEmail, normalizePhone } from '../../../src/identity/phone.js';

describe('masking', () => {
  it('shows a Russian phone by its country code and last two digits', () => {
    expect(maskPhone('+79990000001')).toBe('+7 *** ***-**-01');
    expect(maskPhone('+4915112345678')).toBe('+4 ***78');
    expect(maskPhone('12')).toBe('***');
  });

  it('shows an email by its first and last letters and the domain', () => {
    expect(maskEmail('client@demo.local')).toBe('c***t@demo.local');
    expect(maskEmail('ab@x.ru')).toBe('a***@x.ru');
    expect(maskEmail('broken')).toBe('***');
  });

  it('gives a login without an account a stable, plausible mask that depends on the secret', () => {
    const secret = Buffer.from('s'.repeat(32));
    const mask = decoyPhoneMask(secret, 'ghost@demo.local');
    expect(mask).toMatch(/^\+7 \*\*\* \*\*\*-\*\*-\d\d$/);
    expect(decoyPhoneMask(secret, 'ghost@demo.local')).toBe(mask);
    const others = new Set(
      ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((l) => decoyPhoneMask(secret, `${l}@x.ru`)),
    );
    expect(others.size).toBeGreaterThan(1);
  });
});

describe('phones and emails', () => {
  it.each([
    ['+79990000001', '+79990000001'],
    ['8 (999) 000-00-01', '+79990000001'],
    ['7 999 000 00 01', '+79990000001'],
    ['9990000001', '+79990000001'],
    ['+49 151 1234 5678', '+4915112345678'],
  ])('normalizes %s to %s', (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it.each(['call me', '123', '+0123456789', '+7999000000100000', '', '+7 999 abc'])('refuses %p', (input) => {
    expect(normalizePhone(input)).toBeNull();
  });

  it('compares emails lower-cased and trimmed', () => {
    expect(normalizeEmail('  Client@Demo.LOCAL ')).toBe('client@demo.local');
    expect(isEmail('client@demo.local')).toBe(true);
    expect(isEmail('client@demo')).toBe(false);
    expect(isEmail('a b@c.ru')).toBe(false);
  });
});
