import { describe, expect, it } from '@jest/globals';
import { securitiesTransferV1 } from '../../../src/workflow/domain/types/securities-transfer.js';
import { SAMPLE_PAYLOADS } from '../../support/sample-payloads.js';
import { errorsOf, valid } from './form-helpers.js';

const sample = SAMPLE_PAYLOADS.securities_transfer;

describe('securities transfer form', () => {
  it('accepts an ISIN in lower case and a settlement date of today', () => {
    const payload = valid(securitiesTransferV1, {
      ...sample,
      isin: 'us0378331005',
      settlementDate: '2026-11-24',
    });
    expect(payload.isin).toBe('US0378331005');
  });

  it('rejects an ISIN with a bad check digit', () => {
    expect(errorsOf(securitiesTransferV1, { ...sample, isin: 'RU0009029541' })).toEqual({
      isin: ['ISIN check digit is wrong'],
    });
  });

  it('rejects a quantity that is not a whole number above zero', () => {
    expect(errorsOf(securitiesTransferV1, { ...sample, quantity: 1.5 })).toEqual({
      quantity: ['must be a whole number'],
    });
    expect(errorsOf(securitiesTransferV1, { ...sample, quantity: 0 })).toEqual({
      quantity: ['must be greater than zero'],
    });
    expect(errorsOf(securitiesTransferV1, { ...sample, quantity: '100' })).toEqual({
      quantity: ['must be a whole number'],
    });
  });

  it('rejects a wrong direction or basis', () => {
    expect(errorsOf(securitiesTransferV1, { ...sample, direction: 'sideways', basis: 'loan' })).toEqual({
      direction: ['choose one of: in, out'],
      basis: ['choose one of: purchase_sale, gift, own_accounts, inheritance, other'],
    });
  });

  it('asks for the basis text only for "other"', () => {
    expect(errorsOf(securitiesTransferV1, { ...sample, basis: 'other' })).toEqual({
      basisText: ['This field is required'],
    });
    expect(
      valid(securitiesTransferV1, { ...sample, basis: 'other', basisText: 'Возврат по договору займа' })
        .basisText,
    ).toBe('Возврат по договору займа');
    // A leftover basis text is dropped when the basis is not "other".
    expect(valid(securitiesTransferV1, { ...sample, basisText: 'leftover' })).not.toHaveProperty('basisText');
  });

  it('rejects an impossible date and a settlement date in the past', () => {
    expect(errorsOf(securitiesTransferV1, { ...sample, settlementDate: '2026-02-30' })).toEqual({
      settlementDate: ['date does not exist in the calendar'],
    });
    expect(errorsOf(securitiesTransferV1, { ...sample, settlementDate: '2026-11-23' })).toEqual({
      settlementDate: ['settlement date must not be in the past'],
    });
  });

  it('summarises direction, ISIN, quantity and date', () => {
    const payload = valid(securitiesTransferV1, sample);
    expect(securitiesTransferV1.summary(payload, 'ru')).toBe(
      'списание ЦБ RU0009029540, 100 шт., дата расчётов 16.12.2030',
    );
    expect(securitiesTransferV1.summary(payload, 'en')).toBe(
      'outgoing transfer of 100 × RU0009029540, settlement 2030-12-16',
    );
  });
});
