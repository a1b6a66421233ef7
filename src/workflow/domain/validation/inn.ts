import { z } from 'zod';
import { unlessMissing } from './messages.js';

/* INN (taxpayer number) check digits: a weighted sum of the preceding digits, mod 11, mod 10. */

const WEIGHTS_10 = [2, 4, 10, 3, 5, 9, 4, 6, 8] as const;
const WEIGHTS_11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8] as const;
const WEIGHTS_12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8] as const;

function checkDigit(value: string, weights: readonly number[]): number {
  const sum = weights.reduce((acc, weight, i) => acc + weight * Number(value.charAt(i)), 0);
  return (sum % 11) % 10;
}

/** True for a legal entity's INN: 10 digits, the last one a check digit. */
export function isLegalEntityInn(value: string): boolean {
  return /^\d{10}$/.test(value) && checkDigit(value, WEIGHTS_10) === Number(value.charAt(9));
}

/** True for an individual's or a sole proprietor's INN: 12 digits, the last two check digits. */
export function isIndividualInn(value: string): boolean {
  return (
    /^\d{12}$/.test(value) &&
    checkDigit(value, WEIGHTS_11) === Number(value.charAt(10)) &&
    checkDigit(value, WEIGHTS_12) === Number(value.charAt(11))
  );
}

/** True for either kind of INN. */
export function isInn(value: string): boolean {
  return isLegalEntityInn(value) || isIndividualInn(value);
}

const INN_CHECK_MESSAGE = 'inn_checksum';

/** A legal entity's INN (10 digits). */
export const legalEntityInnSchema = z
  .string({ error: unlessMissing('inn_legal_entity_format') })
  .trim()
  .regex(/^\d{10}$/, { message: 'inn_legal_entity_format', abort: true })
  .refine(isLegalEntityInn, INN_CHECK_MESSAGE);

/** An individual's or a sole proprietor's INN (12 digits). */
export const individualInnSchema = z
  .string({ error: unlessMissing('inn_individual_format') })
  .trim()
  .regex(/^\d{12}$/, { message: 'inn_individual_format', abort: true })
  .refine(isIndividualInn, INN_CHECK_MESSAGE);

/** Any INN (10 or 12 digits). */
export const innSchema = z
  .string({ error: unlessMissing('inn_format') })
  .trim()
  .regex(/^(\d{10}|\d{12})$/, { message: 'inn_format', abort: true })
  .refine(isInn, INN_CHECK_MESSAGE);
