import { describe, expect, it } from 'vitest';
import { catalog } from '../../../../src/i18n/index.js';
import { ApiError } from '../../lib/api-client';
import { signInProblemText } from './problem-text';

const ru = catalog('ru');
const en = catalog('en');

describe('signInProblemText', () => {
  it('words a 429 with the wait from Retry-After', () => {
    expect(signInProblemText(ru, new ApiError(429, 'throttled', 30))).toBe(ru.web.signIn.throttled(30));
    expect(signInProblemText(en, new ApiError(429, 'throttled', 30))).toContain('30 s');
  });
  it('words a 429 without Retry-After', () => {
    expect(signInProblemText(en, new ApiError(429, 'throttled', null))).toBe(en.web.signIn.throttled(null));
  });
  it('words a wrong, expired or void code', () => {
    expect(signInProblemText(ru, new ApiError(422, 'code_invalid', null))).toBe(ru.web.signIn.codeInvalid);
  });
  it('tells attempts left after a wrong code, and a general text when none are left', () => {
    const wrong = (attemptsLeft: number) =>
      new ApiError(422, 'code_invalid', null, { refusal: { reason: 'wrong', attemptsLeft } });
    expect(signInProblemText(ru, wrong(3))).toBe(ru.web.signIn.codeWrong(3));
    expect(signInProblemText(en, wrong(1))).toContain('attempts left: 1');
    expect(signInProblemText(ru, wrong(0))).toBe(ru.web.signIn.codeInvalid);
  });
  it('uses the catalog for other known codes and a general text otherwise', () => {
    expect(signInProblemText(ru, new ApiError(400, 'validation_failed', null))).toBe(
      ru.errors.validation_failed,
    );
    expect(signInProblemText(ru, new ApiError(500, undefined, null))).toBe(ru.web.failed);
    expect(signInProblemText(ru, new TypeError('Failed to fetch'))).toBe(ru.web.failed);
  });
});
