import { z } from 'zod';
import { unlessMissing } from './messages.js';

/*
 * Russian bank details. The control key is the Bank of Russia algorithm: a 3-digit prefix taken from the BIC
 * followed by the 20-digit account gives 23 digits; multiply them by the weights 7, 1, 3 repeated, and the sum
 * must end in 0. The prefix is "0" + BIC digits 5–6 for a correspondent account, and the last three BIC digits
 * for an account opened in a credit institution. Recipients are clients' accounts at credit institutions, so
 * accounts at Bank of Russia divisions (their own prefix rule) are not supported here.
 */

const KEY_WEIGHTS = [7, 1, 3] as const;

function controlKeyHolds(digits23: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits23.length; i += 1) {
    sum += Number(digits23.charAt(i)) * (KEY_WEIGHTS[i % 3] ?? 0);
  }
  return sum % 10 === 0;
}

/** True for exactly 9 digits. */
export function isBic(value: string): boolean {
  return /^\d{9}$/.test(value);
}

/** True for the BIC of a bank in Russia: 9 digits starting with "04". */
export function isRussianBic(value: string): boolean {
  return isBic(value) && value.startsWith('04');
}

/** True for exactly 20 digits. */
export function isAccountNumber(value: string): boolean {
  return /^\d{20}$/.test(value);
}

/** True for a correspondent account's shape: 20 digits starting with 30101. */
export function isCorrAccountNumber(value: string): boolean {
  return /^30101\d{15}$/.test(value);
}

/**
 * True when the correspondent account belongs to the BIC: it passes the control key ("0" + BIC digits 5–6)
 * and ends with the BIC's last three digits (the key alone only ties it to the region).
 */
export function corrAccountMatchesBic(corrAccount: string, bic: string): boolean {
  return (
    isBic(bic) &&
    isCorrAccountNumber(corrAccount) &&
    corrAccount.endsWith(bic.slice(6)) &&
    controlKeyHolds(`0${bic.slice(4, 6)}${corrAccount}`)
  );
}

/** True when the account passes the control key against the BIC (the BIC's last three digits). */
export function accountMatchesBic(account: string, bic: string): boolean {
  return isBic(bic) && isAccountNumber(account) && controlKeyHolds(`${bic.slice(6)}${account}`);
}

/** The currency code in an account number (digits 6–8: 810 rouble, 840 USD, 978 EUR, 156 CNY). */
export function accountCurrencyCode(account: string): string {
  return account.slice(5, 8);
}

/** Account currency codes per ISO currency; roubles are "810" in Russian account numbers (643 is accepted too). */
export const ACCOUNT_CURRENCY_CODES: Readonly<Record<string, readonly string[]>> = {
  RUB: ['810', '643'],
  USD: ['840'],
  EUR: ['978'],
  CNY: ['156'],
};

/** True when the account's currency digits fit the currency (unknown currencies never fit). */
export function accountMatchesCurrency(account: string, currency: string): boolean {
  return (ACCOUNT_CURRENCY_CODES[currency] ?? []).includes(accountCurrencyCode(account));
}

/** People write account numbers in groups ("40817 810 0 …"); drop spaces and hyphens. */
function compactDigits(value: string): string {
  return value.replace(/[\s-]/g, '');
}

/** A Russian bank's BIC: 9 digits starting with "04" (spaces around are trimmed). */
export const bicSchema = z
  .string({ error: unlessMissing('bic_format') })
  .transform(compactDigits)
  .refine(isBic, { message: 'bic_format', abort: true })
  .refine(isRussianBic, 'bic_not_russian');

/** A correspondent account: 20 digits starting with 30101 (the BIC check is a cross-field rule of the form). */
export const corrAccountSchema = z
  .string({ error: unlessMissing('corr_account_format') })
  .transform(compactDigits)
  .refine(isAccountNumber, { message: 'corr_account_format', abort: true })
  .refine(isCorrAccountNumber, 'corr_account_prefix');

/** A bank account number: 20 digits (the BIC check is a cross-field rule of the form). */
export const accountSchema = z
  .string({ error: unlessMissing('account_format') })
  .transform(compactDigits)
  .refine(isAccountNumber, 'account_format');

/** Messages of the cross-field bank checks, shared by the forms and their tests. */
export const BANK_MESSAGES = {
  corrAccountKey: 'corr_account_bic_mismatch',
  accountKey: 'account_bic_checksum',
  accountCurrency: 'account_currency_mismatch',
} as const;
