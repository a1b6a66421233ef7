import { z } from 'zod';
import { unlessMissing } from './messages.js';

const KPP_SHAPE = /^\d{4}[\dA-Z]{2}\d{3}$/;

/** True for a KPP (tax registration reason code): 4 digits, 2 digits or capital Latin letters, 3 digits. */
export function isKpp(value: string): boolean {
  return KPP_SHAPE.test(value);
}

/** A KPP; trimmed before the check. */
export const kppSchema = z
  .string({ error: unlessMissing('kpp_not_text') })
  .trim()
  .refine(isKpp, 'kpp_format');
