import { describe, expect, it } from '@jest/globals';
import { generalInquiryV1 } from '../../../src/workflow/domain/types/general-inquiry.js';
import { SAMPLE_PAYLOADS } from '../../support/sample-payloads.js';
import { errorsOf, valid } from './form-helpers.js';

const sample = SAMPLE_PAYLOADS.general_inquiry;

describe('general inquiry', () => {
  it('limits subject to 200 and text to 4,000 characters', () => {
    expect(
      valid(generalInquiryV1, { ...sample, subject: 'x'.repeat(200), text: 'y'.repeat(4000) }).subject,
    ).toHaveLength(200);
    expect(
      errorsOf(generalInquiryV1, { ...sample, subject: 'x'.repeat(201), text: 'y'.repeat(4001) }),
    ).toEqual({
      subject: ['must be at most 200 characters'],
      text: ['must be at most 4000 characters'],
    });
  });

  it('gives a complaint 120 hours and anything else 24', () => {
    const sla = generalInquiryV1.process.stages[0]?.tasks[0]?.slaHours;
    if (typeof sla !== 'function') throw new Error('expected a payload-dependent SLA');
    expect(sla({ ...sample, category: 'complaint' })).toBe(120);
    expect(sla({ ...sample, category: 'question' })).toBe(24);
    expect(sla({ ...sample, category: 'other' })).toBe(24);
  });

  it('summarises category and subject', () => {
    const payload = valid(generalInquiryV1, sample);
    expect(generalInquiryV1.summary(payload, 'ru')).toBe('вопрос: Комиссия за вывод средств');
    expect(generalInquiryV1.summary(payload, 'en')).toBe('question: Комиссия за вывод средств');
  });
});
