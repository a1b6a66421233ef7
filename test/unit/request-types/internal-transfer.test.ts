import { describe, expect, it } from '@jest/globals';
import { internalTransferV1 } from '../../../src/workflow/domain/types/internal-transfer.js';
import { SAMPLE_PAYLOADS } from '../../support/sample-payloads.js';
import { errorsOf, valid } from './form-helpers.js';

const sample = SAMPLE_PAYLOADS.internal_transfer;

describe('internal transfer form', () => {
  it('refuses a transfer to where the money already is', () => {
    expect(errorsOf(internalTransferV1, { ...sample, to: 'stock_market' })).toEqual({
      to: ['the destination must differ from the source'],
    });
  });

  it('rejects an unknown market', () => {
    expect(errorsOf(internalTransferV1, { ...sample, from: 'crypto' })).toEqual({
      from: ['choose one of: stock_market, derivatives, fx_market, sub_account'],
    });
  });

  it('asks for the other sub-account only when one side is a sub-account', () => {
    expect(errorsOf(internalTransferV1, { ...sample, to: 'sub_account' })).toEqual({
      subAccount: ['This field is required'],
    });
    expect(
      valid(internalTransferV1, { ...sample, to: 'sub_account', subAccount: 'БД-12345-02' }).subAccount,
    ).toBe('БД-12345-02');
    expect(valid(internalTransferV1, { ...sample, subAccount: 'БД-12345-02' })).not.toHaveProperty(
      'subAccount',
    );
  });

  it('rejects an amount with 3 decimals', () => {
    expect(errorsOf(internalTransferV1, { ...sample, amount: '10.005' })).toEqual({
      amount: ['amount must have at most 2 decimal places'],
    });
  });

  it('summarises the amount and the route', () => {
    const payload = valid(internalTransferV1, sample);
    expect(internalTransferV1.summary(payload, 'ru')).toBe(
      'перевод 50 000,00 ₽: фондовый рынок → срочный рынок',
    );
    expect(internalTransferV1.summary(payload, 'en')).toBe(
      'transfer of 50,000.00 RUB: stock market → derivatives market',
    );
  });
});
