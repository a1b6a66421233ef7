import { describe, expect, it } from '@jest/globals';
import { bankDetailsChangeV1 } from '../../../src/workflow/domain/types/bank-details-change.js';
import { SAMPLE_PAYLOADS } from '../../support/sample-payloads.js';
import { errorsOf, valid } from './form-helpers.js';

const sample = SAMPLE_PAYLOADS.bank_details_change;

describe('bank details change form', () => {
  it('rejects a BIC outside Russia and an account failing the key', () => {
    expect(errorsOf(bankDetailsChangeV1, { ...sample, recipientBic: '123456789' })).toEqual({
      recipientBic: ['BIC of a bank in Russia must start with 04'],
    });
    expect(errorsOf(bankDetailsChangeV1, { ...sample, recipientAccount: '40817810000000005678' })).toEqual({
      recipientAccount: ['account number does not match the BIC control key'],
    });
  });

  it('rejects a correspondent account that is not one', () => {
    expect(
      errorsOf(bankDetailsChangeV1, { ...sample, recipientCorrAccount: '40817810700000005678' }),
    ).toEqual({
      recipientCorrAccount: ['correspondent account must start with 30101'],
    });
  });

  it('requires a reason', () => {
    expect(errorsOf(bankDetailsChangeV1, { ...sample, reason: undefined })).toEqual({
      reason: ['This field is required'],
    });
  });

  it('summarises with the account masked', () => {
    const payload = valid(bankDetailsChangeV1, sample);
    expect(bankDetailsChangeV1.summary(payload, 'ru')).toBe('новые банковские реквизиты: счёт …5678');
    expect(bankDetailsChangeV1.summary(payload, 'en')).toBe('new bank details: account …5678');
  });
});
