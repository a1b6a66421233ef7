import { describe, expect, it } from '@jest/globals';
import { qualifiedInvestorV1 } from '../../../src/workflow/domain/types/qualified-investor.js';
import { SAMPLE_PAYLOADS } from '../../support/sample-payloads.js';
import { errorsOf, valid } from './form-helpers.js';

const sample = SAMPLE_PAYLOADS.qualified_investor;

describe('qualified investor form', () => {
  it('rejects an unknown criterion and a too long list of documents', () => {
    expect(errorsOf(qualifiedInvestorV1, { criterion: 'wealthy', documents: 'x'.repeat(2001) })).toEqual({
      criterion: [
        'choose one of: assets, transactions_experience, professional_experience, education, turnover',
      ],
      documents: ['must be at most 2000 characters'],
    });
  });

  it('needs two people of the back office', () => {
    const [documents, registration] = qualifiedInvestorV1.process.stages;
    expect(documents?.tasks[0]).toMatchObject({ role: 'back_office', approvals: 2, slaHours: 40 });
    expect(registration?.tasks[0]?.approvals ?? 1).toBe(1);
  });

  it('summarises the criterion', () => {
    const payload = valid(qualifiedInvestorV1, sample);
    expect(qualifiedInvestorV1.summary(payload, 'ru')).toBe(
      'признание квалифицированным инвестором: активы от 24 млн ₽',
    );
    expect(qualifiedInvestorV1.summary(payload, 'en')).toBe(
      'qualified investor status: assets of 24 million RUB or more',
    );
  });
});
