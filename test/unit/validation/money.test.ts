import { describe, expect, it } from '@jest/globals';
import {
  compareDecimal,
  decimalAmountSchema,
  formatMoney,
  formatRub,
  fromMinorUnits,
  multiplyDecimal,
  normalizeAmount,
  toMinorUnits,
} from '../../../src/workflow/domain/validation/money.js';

describe('decimalAmountSchema', () => {
  it.each([
    ['100000', '100000.00'],
    ['100000.5', '100000.50'],
    ['100000.50', '100000.50'],
    ['100000,50', '100000.50'],
    ['100 000,5', '100000.50'],
    ['1 000 000', '1000000.00'],
    ['100\u00a0000,50', '100000.50'],
    ['  0.01 ', '0.01'],
    ['007', '7.00'],
    ['999999999999999.99', '999999999999999.99'],
  ])('reads %j as %j', (input, canonical) => {
    expect(decimalAmountSchema.parse(input)).toBe(canonical);
  });

  it.each([
    ['1.234', 'amount_decimals'],
    ['-5', 'amount_not_positive'],
    ['0', 'amount_not_positive'],
    ['0.00', 'amount_not_positive'],
    ['1e6', 'amount_format'],
    ['1,000.00', 'amount_format'],
    ['10 0000', 'amount_format'],
    ['abc', 'amount_format'],
    ['.5', 'amount_format'],
    ['1000000000000000', 'amount_too_many_digits'],
  ])('rejects %j', (input, message) => {
    expect(decimalAmountSchema.safeParse(input).error?.issues.map((i) => i.message)).toEqual([message]);
  });

  it('rejects numbers: money is never a float', () => {
    expect(decimalAmountSchema.safeParse(100000.5).success).toBe(false);
    expect(normalizeAmount('100000.5')).toEqual({ ok: true, value: '100000.50' });
  });
});

describe('decimal arithmetic', () => {
  it('converts to and from minor units exactly', () => {
    expect(toMinorUnits('100000.5')).toBe(10000050n);
    expect(toMinorUnits('0.07')).toBe(7n);
    expect(toMinorUnits('999999999999999.99')).toBe(99999999999999999n);
    expect(fromMinorUnits(10000050n)).toBe('100000.50');
    expect(fromMinorUnits(-7n)).toBe('-0.07');
    expect(() => toMinorUnits('1.001')).toThrow(RangeError);
    expect(() => toMinorUnits('1e6')).toThrow(RangeError);
  });

  it('compares decimals of different scales', () => {
    expect(compareDecimal('1000000.00', '1000000')).toBe(0);
    expect(compareDecimal('999999.99', '1000000')).toBe(-1);
    expect(compareDecimal('0.1', '0.09')).toBe(1);
    expect(compareDecimal('-1', '0')).toBe(-1);
  });

  it('multiplies exactly, where floats would not', () => {
    // 0.1 × 3 as floats is 0.30000000000000004.
    expect(multiplyDecimal('0.10', '3')).toBe('0.3');
    expect(multiplyDecimal('10526.32', '95.00')).toBe('1000000.4');
    expect(multiplyDecimal('1000.50', '92.1234')).toBe('92169.4617');
    expect(multiplyDecimal('1000.50', '92.1234', 2)).toBe('92169.46');
    expect(multiplyDecimal('0.005', '1', 2)).toBe('0.01');
    // Checked with Python's decimal module: 12360913468998690.455678 exactly.
    expect(multiplyDecimal('123456789012345.67', '100.1234')).toBe('12360913468998690.455678');
  });
});

describe('formatMoney', () => {
  it('writes Russian amounts with spaces, a comma and the sign after', () => {
    expect(formatRub('100000.00', 'ru')).toBe('100 000,00 ₽');
    expect(formatMoney('1234567.5', 'USD', 'ru')).toBe('1 234 567,50 $');
    expect(formatMoney('999.99', 'EUR', 'ru')).toBe('999,99 €');
    expect(formatMoney('10', 'CNY', 'ru')).toBe('10,00 ¥');
  });

  it('writes English amounts with commas, a dot and the code after', () => {
    expect(formatRub('100000.00', 'en')).toBe('100,000.00 RUB');
    expect(formatMoney('1000000', 'USD', 'en')).toBe('1,000,000.00 USD');
  });
});
