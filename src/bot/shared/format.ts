import { formatDecimal } from '../../i18n/format.js';
import type { FieldDef, Locale } from '../../workflow/domain/definition.js';
import { maskTail } from '../../workflow/domain/types/shared/masking.js';

// The catalog's formatters, under the names the bots use: one HTML escaper, one Moscow date formatter.
export { escapeHtml as esc, formatDateTime, formatDecimal } from '../../i18n/format.js';

/**
 * An answer as the summary shows it: an option by its label, an account masked to its last four digits (the
 * client typed it, but the chat history outlives the conversation), the rest as typed.
 */
export function displayAnswer(field: FieldDef, value: unknown, locale: Locale): string {
  if (value === undefined || value === null || value === '') return '—';
  const text =
    typeof value === 'string' ? value : typeof value === 'number' ? String(value) : JSON.stringify(value);
  if (field.kind === 'enum') return field.options?.find((o) => o.value === text)?.label[locale] ?? text;
  if (field.kind === 'account') return maskTail(text);
  if (field.kind === 'decimal') return formatDecimal(text, locale);
  return text;
}
