import { describe, expect, it } from '@jest/globals';
import { passwordProblems } from '../../../src/identity/password-policy.js';

describe('password policy', () => {
  it('accepts a long, unremarkable password', () => {
    expect(passwordProblems('Letniy-dozhd-2026!')).toEqual([]);
  });

  it.each([
    ['short1!', /at least 10/],
    ['qwertyuiop', /most common/],
    ['PASSWORD123', /most common/],
    ['aaaaaaaaaaaa', /single character/],
    ['abcdefghijklm', /sequence/],
    ['9876543210', /sequence/],
    ['x'.repeat(129), /at most 128/],
  ])('refuses %p', (password, problem) => {
    expect(passwordProblems(password).join('; ')).toMatch(problem);
  });

  it('refuses a password built from the login, email or phone', () => {
    expect(passwordProblems('ivanov.ivan-2026', ['ivanov.ivan@mail.ru'])).toContain(
      'must not contain your login, email or phone',
    );
    expect(passwordProblems('pass-9990000001', ['', '+79990000001'])).toContain(
      'must not contain your login, email or phone',
    );
    expect(passwordProblems('Letniy-dozhd-2026!', ['ivanov@mail.ru', '+79990000001'])).toEqual([]);
  });
});
