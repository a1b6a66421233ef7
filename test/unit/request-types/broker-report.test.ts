import { describe, expect, it } from '@jest/globals';
import { brokerReportV1 } from '../../../src/workflow/domain/types/broker-report.js';
import { SAMPLE_PAYLOADS } from '../../support/sample-payloads.js';
import { errorsOf, valid } from './form-helpers.js';

const sample = SAMPLE_PAYLOADS.broker_report;

describe('broker report form', () => {
  it('accepts a one-day period ending today', () => {
    expect(
      valid(brokerReportV1, { ...sample, periodFrom: '2026-11-24', periodTo: '2026-11-24' }).periodTo,
    ).toBe('2026-11-24');
  });

  it('refuses a period that ends before it starts', () => {
    expect(errorsOf(brokerReportV1, { ...sample, periodFrom: '2025-12-31', periodTo: '2025-01-01' })).toEqual(
      {
        periodTo: ['the period must not end before it starts'],
      },
    );
  });

  it('refuses a period in the future', () => {
    expect(errorsOf(brokerReportV1, { ...sample, periodTo: '2026-11-25' })).toEqual({
      periodTo: ['the period must not be in the future'],
    });
  });

  it('refuses a start more than 3 years back', () => {
    expect(valid(brokerReportV1, { ...sample, periodFrom: '2023-11-24' }).periodFrom).toBe('2023-11-24');
    expect(errorsOf(brokerReportV1, { ...sample, periodFrom: '2023-11-23' })).toEqual({
      periodFrom: ['the period must start within the last 3 years'],
    });
  });

  it('rejects an impossible date and an unknown format', () => {
    expect(errorsOf(brokerReportV1, { ...sample, periodFrom: '2025-02-29', format: 'doc' })).toEqual({
      periodFrom: ['date does not exist in the calendar'],
      format: ['choose one of: pdf, xlsx, xml'],
    });
  });

  it('summarises the period and the format', () => {
    const payload = valid(brokerReportV1, sample);
    expect(brokerReportV1.summary(payload, 'ru')).toBe('отчёт брокера за 01.01.2025–31.12.2025, PDF');
    expect(brokerReportV1.summary(payload, 'en')).toBe('broker report for 2025-01-01 – 2025-12-31, PDF');
  });
});
