import { describe, expect, it } from '@jest/globals';
import {
  accountMatchesBic,
  accountMatchesCurrency,
  accountSchema,
  bicSchema,
  corrAccountMatchesBic,
  corrAccountSchema,
  isBic,
  isRussianBic,
} from '../../../src/workflow/domain/validation/bank.js';

/*
 * Published details: Sberbank Moscow 044525225 / 30101810400000000225, VTB 044525187 / 30101810700000000187,
 * Alfa-Bank 044525593 / 30101810200000000593, T-Bank 044525974 / 30101810145250000974,
 * Sberbank St Petersburg 044030653 / 30101810500000000653.
 *
 * The made-up client account 40817810000000001234 at BIC 044525225, by hand: prefix "225" + account gives
 * 2 2 5 4 0 8 1 7 8 1 0 0 0 0 0 0 0 0 0 1 2 3 4; times 7 1 3 7 1 3 …:
 * 14 + 2 + 15 + 28 + 0 + 24 + 7 + 7 + 24 + 7 + 0 … 0 + 1 (1×1) + 6 (2×3) + 21 (3×7) + 4 (4×1) = 160 → ends in 0.
 * 40817810700000005678 at 044525974: "974" + account, 63+7+12+28+0+24+7+7+24+7+0+21+0…0+5+18+49+8 = 280.
 */
const BANKS = [
  ['044525225', '30101810400000000225'],
  ['044525187', '30101810700000000187'],
  ['044525593', '30101810200000000593'],
  ['044525974', '30101810145250000974'],
  ['044030653', '30101810500000000653'],
] as const;

describe('BIC', () => {
  it('accepts 9 digits, and Russian ones start with 04', () => {
    expect(isBic('044525225')).toBe(true);
    expect(isRussianBic('044525225')).toBe(true);
    expect(isBic('04452522')).toBe(false);
    expect(isBic('0445252255')).toBe(false);
    expect(isBic('04452522a')).toBe(false);
    expect(isRussianBic('123456789')).toBe(false);
  });

  it('schema explains what is wrong', () => {
    expect(bicSchema.parse(' 044525225 ')).toBe('044525225');
    expect(bicSchema.safeParse('12345').error?.issues.map((i) => i.message)).toEqual(['bic_format']);
    expect(bicSchema.safeParse('123456789').error?.issues[0]?.message).toBe('bic_not_russian');
    expect(bicSchema.safeParse(44525225).success).toBe(false);
  });
});

describe('correspondent account', () => {
  it.each(BANKS)('%s / %s passes the control key', (bic, corr) => {
    expect(corrAccountMatchesBic(corr, bic)).toBe(true);
  });

  it('fails with one digit changed, or with another bank of the same region', () => {
    expect(corrAccountMatchesBic('30101810400000000226', '044525225')).toBe(false);
    // VTB is in Moscow too: the control key alone passes, the last three digits do not match.
    expect(corrAccountMatchesBic('30101810400000000225', '044525187')).toBe(false);
    // Right last three digits, wrong key digit.
    expect(corrAccountMatchesBic('30101810500000000225', '044525225')).toBe(false);
  });

  it('schema requires 20 digits starting with 30101', () => {
    expect(corrAccountSchema.parse('30101 810 4 0000 0000225')).toBe('30101810400000000225');
    expect(corrAccountSchema.safeParse('3010181040000000022').error?.issues[0]?.message).toBe(
      'corr_account_format',
    );
    expect(corrAccountSchema.safeParse('40817810000000001234').error?.issues[0]?.message).toBe(
      'corr_account_prefix',
    );
  });
});

describe('settlement account', () => {
  it('passes the control key against the BIC', () => {
    expect(accountMatchesBic('40817810000000001234', '044525225')).toBe(true);
    expect(accountMatchesBic('40702810300000004321', '044525225')).toBe(true);
    expect(accountMatchesBic('40817810700000005678', '044525974')).toBe(true);
  });

  it('fails with a wrong key digit, a swap of digits, or another BIC', () => {
    expect(accountMatchesBic('40817810100000001234', '044525225')).toBe(false);
    expect(accountMatchesBic('40817810000000002134', '044525225')).toBe(false);
    expect(accountMatchesBic('40817810000000001234', '044525974')).toBe(false);
  });

  it('schema takes 20 digits, written in groups or not', () => {
    expect(accountSchema.parse('40817 810 0 0000 0001234')).toBe('40817810000000001234');
    expect(accountSchema.safeParse('4081781000000000123').error?.issues[0]?.message).toBe('account_format');
    expect(accountSchema.safeParse('4081781000000000123X').success).toBe(false);
  });

  it('knows the currency by digits 6–8', () => {
    expect(accountMatchesCurrency('40817810000000001234', 'RUB')).toBe(true);
    expect(accountMatchesCurrency('40817840300000001234', 'USD')).toBe(true);
    expect(accountMatchesCurrency('40817810000000001234', 'USD')).toBe(false);
    expect(accountMatchesCurrency('40817810000000001234', 'GBP')).toBe(false);
  });
});
