import { z } from 'zod';
import { unlessMissing } from './messages.js';

/* OGRN check digit: the number before it, mod 11 (13 digits) or mod 13 (15 digits), then mod 10. BigInt, as
   14-digit numbers are near the edge of exact float arithmetic. */

function checkDigitHolds(value: string, length: number, modulus: bigint): boolean {
  if (value.length !== length || !/^\d+$/.test(value)) return false;
  const body = BigInt(value.slice(0, length - 1));
  return (body % modulus) % 10n === BigInt(value.charAt(length - 1));
}

/** True for a legal entity's OGRN: 13 digits with a valid check digit. */
export function isOgrn(value: string): boolean {
  return checkDigitHolds(value, 13, 11n);
}

/** True for a sole proprietor's OGRNIP: 15 digits with a valid check digit. */
export function isOgrnip(value: string): boolean {
  return checkDigitHolds(value, 15, 13n);
}

/** A legal entity's OGRN (13 digits). */
export const ogrnSchema = z
  .string({ error: unlessMissing('ogrn_format') })
  .trim()
  .regex(/^\d{13}$/, { message: 'ogrn_format', abort: true })
  .refine(isOgrn, 'ogrn_checksum');

/** A sole proprietor's OGRNIP (15 digits). */
export const ogrnipSchema = z
  .string({ error: unlessMissing('ogrnip_format') })
  .trim()
  .regex(/^\d{15}$/, { message: 'ogrnip_format', abort: true })
  .refine(isOgrnip, 'ogrnip_checksum');
