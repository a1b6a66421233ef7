import { z } from 'zod';
import { fromMinorUnits, isDecimalString, toMinorUnits } from './decimal.js';
import { fieldIssue, type FieldIssue } from './issues.js';
import { unlessMissing } from './messages.js';

export { compareDecimal, fromMinorUnits, multiplyDecimal, toMinorUnits } from './decimal.js';

/** Currencies a client may withdraw or transfer. */
export const CURRENCIES = ['RUB', 'USD', 'EUR', 'CNY'] as const;
export type Currency = (typeof CURRENCIES)[number];

/** One of RUB, USD, EUR, CNY. */
export const currencySchema = z.enum(CURRENCIES, {
  error: unlessMissing('currency_one_of'),
});

const MAX_INTEGER_DIGITS = 15;

export type AmountResult = { ok: true; value: string } | { ok: false; issue: FieldIssue };

/**
 * Reads an amount as people type it and returns its canonical form with exactly 2 places ("100000.50").
 * Accepts a comma or a dot as the decimal separator and spaces (also no-break ones) between thousands
 * ("100 000,5"); refuses signs, exponents ("1e6"), other separators, more than 2 places, zero, and more than
 * 15 integer digits.
 */
export function normalizeAmount(input: string): AmountResult {
  const text = input.trim().replace(/[\u00a0\u202f\u2009]/g, ' ');
  if (text.startsWith('-')) return { ok: false, issue: fieldIssue('amount_not_positive') };
  const match = /^(\d{1,3}(?: \d{3})+|\d+)(?:[.,](\d+))?$/.exec(text);
  if (!match) {
    return {
      ok: false,
      issue: fieldIssue('amount_format'),
    };
  }
  const [, grouped = '', frac = ''] = match;
  if (frac.length > 2) return { ok: false, issue: fieldIssue('amount_decimals') };
  const int = grouped.replace(/ /g, '').replace(/^0+(?=\d)/, '');
  if (int.length > MAX_INTEGER_DIGITS) {
    return {
      ok: false,
      issue: fieldIssue('amount_too_many_digits', { max: MAX_INTEGER_DIGITS }),
    };
  }
  const canonical = fromMinorUnits(toMinorUnits(`${int}.${frac.padEnd(2, '0')}`));
  if (toMinorUnits(canonical) <= 0n) return { ok: false, issue: fieldIssue('amount_not_positive') };
  return { ok: true, value: canonical };
}

/** A positive amount as a decimal string, normalised to exactly 2 places ("100 000,5" → "100000.50"). */
export const decimalAmountSchema = z
  .string({ error: unlessMissing('amount_not_text') })
  .transform((input, ctx) => {
    const result = normalizeAmount(input);
    if (result.ok) return result.value;
    ctx.addIssue({
      code: 'custom',
      message: result.issue.code,
      ...(result.issue.params ? { params: result.issue.params } : {}),
    });
    return z.NEVER;
  });

const RU_SYMBOLS: Readonly<Record<Currency, string>> = { RUB: '₽', USD: '$', EUR: '€', CNY: '¥' };

function groupThousands(int: string, separator: string): string {
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/**
 * An amount for people: ru "100 000,00 ₽" (symbol after), en "100,000.00 RUB" (code after). Russian grouping
 * uses a plain space (U+0020), not a no-break space: these lines go into SMS texts, where plain ASCII spacing
 * is safest, and tests can spell them literally. Throws RangeError for more than 2 decimal places.
 */
export function formatMoney(amount: string, currency: Currency, locale: 'ru' | 'en'): string {
  if (!isDecimalString(amount)) throw new RangeError(`not a decimal string: ${JSON.stringify(amount)}`);
  const canonical = fromMinorUnits(toMinorUnits(amount));
  const negative = canonical.startsWith('-');
  const [int = '0', frac = '00'] = canonical.replace('-', '').split('.');
  const sign = negative ? '-' : '';
  if (locale === 'ru') return `${sign}${groupThousands(int, ' ')},${frac} ${RU_SYMBOLS[currency]}`;
  return `${sign}${groupThousands(int, ',')}.${frac} ${currency}`;
}

/** `formatMoney` in roubles. */
export function formatRub(amount: string, locale: 'ru' | 'en'): string {
  return formatMoney(amount, 'RUB', locale);
}
