import type { Locale } from './locale.js';

/** The one HTML escaper: Telegram's HTML parse mode (numeric entities included), e-mail, the server's pages. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const MOSCOW: Record<Locale, Intl.DateTimeFormat> = {
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

const MOSCOW_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Moscow',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar day of a moment in Moscow (the company's day), `YYYY-MM-DD`. */
export function moscowDay(at: Date): string {
  return MOSCOW_DAY.format(at);
}

/** The one date formatter: a moment as the company's people read it, in Moscow time. */
export function formatDateTime(at: string | Date, locale: Locale): string {
  return MOSCOW[locale].format(typeof at === 'string' ? new Date(at) : at);
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
