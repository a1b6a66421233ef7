import { formatDecimal } from '../../../../src/i18n/format.js';
import type { Locale } from '../../../../src/i18n/locale.js';

/** What the form needs of a field (the API's field definition). */
export interface FieldModel {
  name: string;
  kind: string;
  optional: boolean;
}

/** The form's inputs as typed, by field name. */
export type FormValues = Record<string, string>;

/** `1 500 000,50` or `1,500,000.50` → `1500000.50`; anything else is passed on as typed for the server to judge. */
export function decimalFromInput(text: string, locale: Locale): string {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '');
  const normalised =
    locale === 'ru' ? compact.replace(/\./g, '').replace(',', '.') : compact.replace(/,/g, '');
  return /^\d+(\.\d+)?$/.test(normalised) ? normalised : compact;
}

/** A decimal as the person reads it, once typed: `1500000.5` → `1 500 000,5` (only when it is a number). */
export function decimalForDisplay(text: string, locale: Locale): string {
  const value = decimalFromInput(text, locale);
  return /^\d+(\.\d+)?$/.test(value) ? formatDecimal(value, locale) : text;
}

/**
 * The payload the API takes, from the inputs: empty inputs are left out, whole numbers and years become numbers,
 * money is a decimal string with a dot, the rest is trimmed text (dates are already ISO from the date input).
 */
export function payloadFromValues(
  fields: readonly FieldModel[],
  values: FormValues,
  locale: Locale,
): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  for (const field of fields) {
    const raw = (values[field.name] ?? '').trim();
    if (raw === '') continue;
    switch (field.kind) {
      case 'integer':
      case 'year': {
        const digits = raw.replace(/[\s\u00a0\u202f]/g, '');
        payload[field.name] = /^\d+$/.test(digits) ? Number(digits) : raw;
        break;
      }
      case 'decimal':
        payload[field.name] = decimalFromInput(raw, locale);
        break;
      default:
        payload[field.name] = raw;
    }
  }
  return payload;
}

/** The inputs for a stored payload (editing a draft): numbers as digits, money as the person writes it. */
export function valuesFromPayload(
  fields: readonly FieldModel[],
  payload: Record<string, unknown>,
  locale: Locale,
): FormValues {
  const values: FormValues = {};
  for (const field of fields) {
    const value = payload[field.name];
    if (value === undefined || value === null) continue;
    const text = typeof value === 'string' ? value : String(value as number);
    // Stored money always has a dot: format it as such, not as something typed.
    values[field.name] =
      field.kind === 'decimal' && /^\d+(\.\d+)?$/.test(text) ? formatDecimal(text, locale) : text;
  }
  return values;
}

/** The server's words for a field, shown once the person has left the field or tried to save. */
export function visibleErrors(
  errors: Record<string, string[]>,
  touched: ReadonlySet<string>,
  submitted: boolean,
): Record<string, string> {
  const shown: Record<string, string> = {};
  for (const [field, texts] of Object.entries(errors)) {
    if ((submitted || touched.has(field)) && texts[0]) shown[field] = texts[0];
  }
  return shown;
}
