import { describe, expect, it } from '@jest/globals';
import {
  addYears,
  compareIsoDates,
  formatIsoDate,
  isIsoDate,
  isoDateSchema,
  readHumanDate,
  yearOf,
} from '../../../src/workflow/domain/validation/dates.js';

describe('ISO dates', () => {
  it('accepts real calendar dates, leap days included', () => {
    for (const date of ['2026-01-31', '2024-02-29', '2000-02-29', '2026-12-31'])
      expect(isIsoDate(date)).toBe(true);
  });

  it('rejects impossible dates and other formats', () => {
    for (const bad of [
      '2026-02-30',
      '2025-02-29',
      '1900-02-29',
      '2026-13-01',
      '2026-04-31',
      '2026-00-10',
      '2026-1-5',
      '31.12.2025',
      '',
    ]) {
      expect(isIsoDate(bad)).toBe(false);
    }
    expect(isoDateSchema.safeParse('2026-02-30').error?.issues.map((i) => i.message)).toEqual([
      'date_not_in_calendar',
    ]);
    expect(isoDateSchema.safeParse('31.12.2025').error?.issues.map((i) => i.message)).toEqual([
      'date_format',
    ]);
  });

  it('compares and shifts dates', () => {
    expect(compareIsoDates('2025-12-31', '2026-01-01')).toBe(-1);
    expect(compareIsoDates('2026-01-01', '2026-01-01')).toBe(0);
    expect(addYears('2026-11-24', -3)).toBe('2023-11-24');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(yearOf('2026-11-24')).toBe(2026);
  });

  it('reads dates as people type them and writes them per locale', () => {
    expect(readHumanDate('31.12.2025')).toBe('2025-12-31');
    expect(readHumanDate('1/2/2026')).toBe('2026-02-01');
    expect(readHumanDate('2026-02-01')).toBe('2026-02-01');
    expect(readHumanDate('tomorrow')).toBeNull();
    expect(formatIsoDate('2025-12-31', 'ru')).toBe('31.12.2025');
    expect(formatIsoDate('2025-12-31', 'en')).toBe('2025-12-31');
  });
});
