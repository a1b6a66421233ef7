import type { Locale } from '../../workflow/domain/definition.js';
import { en } from './en.js';
import { ru } from './ru.js';
import type { LocaleTemplates } from './types.js';

export * from './types.js';

const BY_LOCALE: Readonly<Record<Locale, LocaleTemplates>> = { ru, en };

/** The recipient's language; anything unknown falls back to Russian (the product's default). */
export function templatesFor(locale: string | null | undefined): { locale: Locale; t: LocaleTemplates } {
  return locale === 'en' ? { locale: 'en', t: BY_LOCALE.en } : { locale: 'ru', t: BY_LOCALE.ru };
}
