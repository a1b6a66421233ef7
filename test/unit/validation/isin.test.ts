import { describe, expect, it } from '@jest/globals';
import { isIsin, isinCheckDigitHolds, isinSchema } from '../../../src/workflow/domain/validation/isin.js';

// Published ISINs: Sberbank ordinary, Apple, Microsoft, Siemens, a Russian bond with letters, Gazprom.
const REAL = ['RU0009029540', 'US0378331005', 'US5949181045', 'DE0007164600', 'RU000A0JX0J2', 'RU0007661625'];

describe('ISIN', () => {
  it.each(REAL)('%s is valid', (isin) => {
    expect(isIsin(isin)).toBe(true);
  });

  it('rejects a wrong check digit', () => {
    expect(isinCheckDigitHolds('RU0009029541')).toBe(false);
    expect(isIsin('US0378331006')).toBe(false);
    expect(isinSchema.safeParse('RU0009029541').error?.issues[0]?.message).toBe('isin_checksum');
  });

  it('rejects a wrong shape', () => {
    for (const bad of ['RU000902954', 'RU00090295400', '1U0009029540', 'RU000902954X', 'RU-009029540']) {
      expect(isIsin(bad)).toBe(false);
    }
    expect(isinSchema.safeParse('RU000902954').error?.issues.map((i) => i.message)).toEqual(['isin_format']);
  });

  it('schema trims and upper-cases', () => {
    expect(isinSchema.parse(' ru000a0jx0j2 ')).toBe('RU000A0JX0J2');
  });
});
