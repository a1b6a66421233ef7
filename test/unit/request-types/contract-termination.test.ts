import { describe, expect, it } from '@jest/globals';
import { contractTerminationV1 } from '../../../src/workflow/domain/types/contract-termination.js';
import { SAMPLE_PAYLOADS } from '../../support/sample-payloads.js';
import { errorsOf, valid } from './form-helpers.js';

const sample = SAMPLE_PAYLOADS.contract_termination;

describe('contract termination form', () => {
  it('asks for the other depositary only for a transfer', () => {
    const sell = valid(contractTerminationV1, { ...sample, assetDisposition: 'sell_all' });
    expect(sell).not.toHaveProperty('transferDepositary');
    expect(sell).not.toHaveProperty('transferDepoAccount');
    const { transferDepositary: _a, transferDepoAccount: _b, ...withoutDepositary } = sample;
    expect(errorsOf(contractTerminationV1, withoutDepositary)).toEqual({
      transferDepositary: ['This field is required'],
      transferDepoAccount: ['This field is required'],
    });
  });

  it('checks the bank details for the cash balance', () => {
    expect(errorsOf(contractTerminationV1, { ...sample, recipientAccount: '40817810000000001235' })).toEqual({
      recipientAccount: ['account number does not match the BIC control key'],
    });
  });

  it('summarises with the contract and the account masked', () => {
    const payload = valid(contractTerminationV1, sample);
    expect(contractTerminationV1.summary(payload, 'ru')).toBe(
      'расторжение договора …2345: перевод ценных бумаг, остаток на счёт …1234',
    );
    expect(contractTerminationV1.summary(payload, 'en')).toBe(
      'termination of contract …2345: securities transferred, balance to account …1234',
    );
  });
});
