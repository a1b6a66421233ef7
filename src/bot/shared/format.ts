import type { FieldDef, Locale } from '../../workflow/domain/definition.js';
import { maskTail } from '../../workflow/domain/types/shared/masking.js';

/** Escapes text for Telegram's HTML parse mode: everything people or data supply goes through here. */
export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const DATE_TIME: Record<Locale, Intl.DateTimeFormat> = {
  ru: new Intl.DateTimeFormat('ru-RU', {
    timeZone: 'Europe/Moscow',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }),
  en: new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Moscow',
    day: '2-digit',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }),
};

/** A moment as the company's people read it: Moscow time. */
export function formatDateTime(iso: string | Date, locale: Locale): string {
  return DATE_TIME[locale].format(typeof iso === 'string' ? new Date(iso) : iso);
}

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

/** `1500000.00` as people write it: `1 500 000,00` in Russian, `1,500,000.00` in English. */
export function formatDecimal(value: string, locale: Locale): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value);
  if (!match) return value;
  const [, sign = '', int = '', frac] = match;
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, locale === 'ru' ? '\u00a0' : ',');
  if (frac === undefined) return `${sign}${grouped}`;
  return `${sign}${grouped}${locale === 'ru' ? ',' : '.'}${frac}`;
}
