import { z } from 'zod';
import { unlessMissing } from './messages.js';

const ISIN_SHAPE = /^[A-Z]{2}[A-Z0-9]{9}\d$/;

/** True for an ISIN's shape: a 2-letter country code, 9 letters or digits, a check digit. */
export function isIsinShape(value: string): boolean {
  return ISIN_SHAPE.test(value);
}

/** True when the ISIN's check digit is right: letters become numbers (A = 10 … Z = 35), then Luhn. */
export function isinCheckDigitHolds(value: string): boolean {
  const digits = [...value].map((c) => (c >= 'A' && c <= 'Z' ? String(c.charCodeAt(0) - 55) : c)).join('');
  let sum = 0;
  // Luhn from the right: the check digit itself is not doubled, every second digit to its left is.
  for (let i = 0; i < digits.length; i += 1) {
    let d = Number(digits.charAt(digits.length - 1 - i));
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** True for a valid ISIN (ISO 6166) in upper case. */
export function isIsin(value: string): boolean {
  return isIsinShape(value) && isinCheckDigitHolds(value);
}

/** An ISIN; trimmed and upper-cased before the checks. */
export const isinSchema = z
  .string({ error: unlessMissing('isin_not_text') })
  .trim()
  .toUpperCase()
  .refine(isIsinShape, {
    message: 'isin_format',
    abort: true,
  })
  .refine(isinCheckDigitHolds, 'isin_checksum');
