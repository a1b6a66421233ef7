/** The languages Kabinet speaks; Russian is the default and the source of every text. */
export const LOCALES = ['ru', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * The one locale resolver: a stored preference, a Telegram `language_code`, an `Accept-Language` header or a
 * browser's `navigator.language` — `en…` reads English, anything else (or nothing) Russian.
 */
export function resolveLocale(value: string | null | undefined): Locale {
  if (!value) return 'ru';
  const first = value.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'ru';
}
