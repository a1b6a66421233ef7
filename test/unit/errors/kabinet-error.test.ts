import { describe, expect, it } from '@jest/globals';
import { AppError, DomainError, ERROR_STATUS, KabinetError, notFound } from '../../../src/errors.js';
import { DOMAIN_ERROR_CODES, validationFailed } from '../../../src/workflow/domain/errors.js';

describe('KabinetError, the one base of refusals', () => {
  it('a domain refusal and an app refusal are both KabinetErrors (and Errors), each with its own name', () => {
    const domain = notFound('request');
    const app = new AppError('throttled', 'wait', { details: { retryAfterSeconds: 30 } });
    for (const error of [domain, app]) {
      expect(error).toBeInstanceOf(KabinetError);
      expect(error).toBeInstanceOf(Error);
    }
    expect(domain).toBeInstanceOf(DomainError);
    expect(domain).not.toBeInstanceOf(AppError);
    expect(app).not.toBeInstanceOf(DomainError);
    expect([domain.name, app.name]).toEqual(['DomainError', 'AppError']);
  });

  it('carries the code, message, per-field errors and details it was given', () => {
    const error = validationFailed('the form has errors', { amount: ['too large'] });
    expect([error.code, error.message, error.fieldErrors, error.details]).toEqual([
      'validation_failed',
      'the form has errors',
      { amount: ['too large'] },
      undefined,
    ]);
    const app = new AppError('throttled', 'wait', { details: { retryAfterSeconds: 30 } });
    expect([app.fieldErrors, app.details]).toEqual([undefined, { retryAfterSeconds: 30 }]);
  });

  it('an edge reads the status of either kind from the one table, ERROR_STATUS', () => {
    const statusOf = (error: unknown): number =>
      error instanceof KabinetError ? ERROR_STATUS[error.code] : ERROR_STATUS.internal;
    expect(statusOf(new DomainError('invalid_transition', 'no'))).toBe(409);
    expect(statusOf(notFound('task'))).toBe(404);
    expect(statusOf(new AppError('unauthorized', 'sign in'))).toBe(401);
    expect(statusOf(new AppError('throttled', 'wait'))).toBe(429);
    expect(statusOf(new Error('boom'))).toBe(500);
  });

  it('every domain code has a status, and every status is an HTTP refusal or failure', () => {
    for (const code of DOMAIN_ERROR_CODES) expect(ERROR_STATUS[code]).toBeGreaterThanOrEqual(400);
    for (const status of Object.values(ERROR_STATUS)) {
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(600);
    }
  });
});
