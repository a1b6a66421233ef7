import { describe, expect, it } from '@jest/globals';
import { taxCertificateV1 } from '../../../src/workflow/domain/types/tax-certificate.js';
import { SAMPLE_PAYLOADS } from '../../support/sample-payloads.js';
import { errorsOf, valid } from './form-helpers.js';

const sample = SAMPLE_PAYLOADS.tax_certificate;

describe('tax certificate form', () => {
  it('accepts years from 2015 to last year', () => {
    expect(valid(taxCertificateV1, { ...sample, year: 2015 }).year).toBe(2015);
    expect(errorsOf(taxCertificateV1, { ...sample, year: 2014 })).toEqual({
      year: ['year must be 2015 or later'],
    });
    expect(errorsOf(taxCertificateV1, { ...sample, year: 2026 })).toEqual({
      year: ['year must be no later than last year'],
    });
    expect(valid(taxCertificateV1, { ...sample, year: 2026 }, '2027-01-01').year).toBe(2026);
  });

  it('rejects an unknown kind', () => {
    expect(errorsOf(taxCertificateV1, { ...sample, kind: '3-ndfl' })).toEqual({
      kind: ['choose one of: ndfl_2, losses, iis_deduction'],
    });
  });

  it('asks for a postal address only for paper delivery', () => {
    expect(errorsOf(taxCertificateV1, { ...sample, delivery: 'paper' })).toEqual({
      postalAddress: ['This field is required'],
    });
    const paper = valid(taxCertificateV1, {
      ...sample,
      delivery: 'paper',
      postalAddress: '123456, г. Москва, ул. Примерная, 1',
    });
    expect(paper.postalAddress).toBe('123456, г. Москва, ул. Примерная, 1');
    expect(valid(taxCertificateV1, { ...sample, postalAddress: 'not needed' })).not.toHaveProperty(
      'postalAddress',
    );
  });

  it('summarises kind and year', () => {
    const payload = valid(taxCertificateV1, sample);
    expect(taxCertificateV1.summary(payload, 'ru')).toBe('справка 2-НДФЛ за 2025 год');
    expect(taxCertificateV1.summary(payload, 'en')).toBe('2-NDFL certificate for 2025');
  });
});
