import { describe, expect, it } from '@jest/globals';
import { trustManagementV1 } from '../../../src/workflow/domain/types/trust-management.js';
import { SAMPLE_PAYLOADS } from '../../support/sample-payloads.js';
import { errorsOf, valid } from './form-helpers.js';

const sample = SAMPLE_PAYLOADS.trust_management;

describe('trust management form', () => {
  it('needs an amount except for a strategy change', () => {
    const { amount: _omitted, ...withoutAmount } = sample;
    expect(errorsOf(trustManagementV1, withoutAmount)).toEqual({ amount: ['This field is required'] });
    const change = valid(trustManagementV1, {
      ...sample,
      operation: 'strategy_change',
      strategy: 'aggressive',
    });
    expect(change).not.toHaveProperty('amount');
  });

  it('rejects a bad amount, operation and strategy', () => {
    expect(
      errorsOf(trustManagementV1, { ...sample, amount: '-1', operation: 'loan', strategy: 'yolo' }),
    ).toEqual({
      amount: ['amount must be greater than zero'],
      operation: ['choose one of: entry, top_up, partial_withdrawal, strategy_change, exit'],
      strategy: ['choose one of: conservative, balanced, aggressive'],
    });
  });

  it('summarises the operation', () => {
    const payload = valid(trustManagementV1, sample);
    expect(trustManagementV1.summary(payload, 'ru')).toBe(
      'ДУ: пополнение 500 000,00 ₽, стратегия «Сбалансированная»',
    );
    expect(trustManagementV1.summary(payload, 'en')).toBe(
      'trust management: top-up of 500,000.00 RUB, balanced strategy',
    );
    const change = valid(trustManagementV1, {
      ...sample,
      operation: 'strategy_change',
      strategy: 'aggressive',
    });
    expect(trustManagementV1.summary(change, 'ru')).toBe('ДУ: смена стратегии на «Агрессивная»');
    expect(trustManagementV1.summary(change, 'en')).toBe('trust management: strategy change to aggressive');
  });
});
