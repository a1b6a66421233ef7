import { catalog, resolveLocale, type Locale } from '../../i18n/index.js';
import type { LocaleTemplates } from '../../i18n/notice-types.js';

export * from '../../i18n/notice-types.js';

/** The notices in the recipient's language (the catalog's `notify` part). */
export function templatesFor(locale: string | null | undefined): { locale: Locale; t: LocaleTemplates } {
  return { locale: resolveLocale(locale), t: catalog(locale).notify };
}
