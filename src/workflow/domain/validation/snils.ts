import { z } from 'zod';
import { unlessMissing } from './messages.js';

/*
 * SNILS (the pension insurance number): 9 digits and a 2-digit checksum, written "123-456-789 01". The checksum is
 * the sum of each of the 9 digits times its weight (9 for the first … 1 for the last); below 100 it is the sum
 * itself, 100 and 101 give 00, above 101 the remainder mod 101 (100 again giving 00). Numbers up to 001-001-998 were
 * issued without a real checksum and are accepted as they are.
 */

function expectedChecksum(nine: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i += 1) sum += Number(nine.charAt(i)) * (9 - i);
  if (sum < 100) return sum;
  const rest = sum % 101;
  return rest === 100 ? 0 : rest;
}

/** True for 11 digits whose last two are the checksum of the first nine. */
export function isSnils(value: string): boolean {
  if (!/^\d{11}$/.test(value)) return false;
  const nine = value.slice(0, 9);
  if (Number(nine) <= 1_001_998) return true;
  return expectedChecksum(nine) === Number(value.slice(9));
}

/** "123-456-789 01", the way SNILS is printed. */
export function formatSnils(digits: string): string {
  return `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6, 9)} ${digits.slice(9)}`;
}

/** A SNILS typed with or without its dashes and space; stored as printed ("123-456-789 01"). */
export const snilsSchema = z
  .string({ error: unlessMissing('snils_format') })
  .transform((value) => value.replace(/[\s-]/g, ''))
  .refine((value) => /^\d{11}$/.test(value), { message: 'snils_format', abort: true })
  .refine(isSnils, { message: 'snils_checksum', abort: true })
  .transform(formatSnils);
