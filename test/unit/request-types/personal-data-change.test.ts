import { describe, expect, it } from '@jest/globals';
import { personalDataChangeV1 } from '../../../src/workflow/domain/types/personal-data-change.js';
import { PASSPORT_CHANGE, SAMPLE_PAYLOADS } from '../../support/sample-payloads.js';
import { errorsOf, valid } from './form-helpers.js';

const sample = SAMPLE_PAYLOADS.personal_data_change;
const DOCUMENT_FIELDS = [
  'documentSeries',
  'documentNumber',
  'documentIssueDate',
  'documentIssuer',
  'documentDivisionCode',
];

describe('personal data change form', () => {
  it('asks for document fields only when the document changes', () => {
    const errors = errorsOf(personalDataChangeV1, { change: 'identity_document', reason: 'Замена паспорта' });
    expect(Object.keys(errors).sort()).toEqual([...DOCUMENT_FIELDS].sort());
    const address = valid(personalDataChangeV1, { ...sample, documentNumber: '123456' });
    expect(address).not.toHaveProperty('documentNumber');
  });

  it('accepts a passport change, normalising series and division code', () => {
    const payload = valid(personalDataChangeV1, {
      ...PASSPORT_CHANGE,
      documentSeries: '45 10',
      documentDivisionCode: '770001',
    });
    expect(payload).toMatchObject({ documentSeries: '4510', documentDivisionCode: '770-001' });
  });

  it('asks a new name and a new passport for a change of name', () => {
    const errors = errorsOf(personalDataChangeV1, { change: 'full_name', reason: 'Замужество' });
    expect(Object.keys(errors).sort()).toEqual([...DOCUMENT_FIELDS, 'newFullName'].sort());
  });

  it('rejects malformed document values and an issue date in the future', () => {
    expect(
      errorsOf(personalDataChangeV1, {
        ...PASSPORT_CHANGE,
        documentSeries: '451',
        documentNumber: '12345a',
        documentDivisionCode: '77-0001',
        documentIssueDate: '2021-02-29',
      }),
    ).toEqual({
      documentSeries: ['passport series must be 4 digits'],
      documentNumber: ['passport number must be 6 digits'],
      documentIssueDate: ['date does not exist in the calendar'],
      documentDivisionCode: ['division code must be 6 digits as 000-000'],
    });
    expect(errorsOf(personalDataChangeV1, { ...PASSPORT_CHANGE, documentIssueDate: '2026-11-25' })).toEqual({
      documentIssueDate: ['date of issue must not be in the future'],
    });
  });

  it('rejects an unknown change', () => {
    expect(errorsOf(personalDataChangeV1, { ...sample, change: 'phone' })).toEqual({
      change: [
        'choose one of: identity_document, full_name, registration_address, actual_address, tax_residency',
      ],
    });
  });

  it('summarises without the document number, only its last 4 digits', () => {
    const payload = valid(personalDataChangeV1, PASSPORT_CHANGE);
    expect(personalDataChangeV1.summary(payload, 'ru')).toBe(
      'изменение анкетных данных: документ, удостоверяющий личность, паспорт …3456',
    );
    expect(personalDataChangeV1.summary(payload, 'en')).toBe(
      'personal data change: identity document, passport …3456',
    );
    expect(personalDataChangeV1.summary(valid(personalDataChangeV1, sample), 'ru')).toBe(
      'изменение анкетных данных: адрес регистрации',
    );
  });
});
