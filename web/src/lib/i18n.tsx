import { createContext, use, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { resolveLocale, type Locale } from '../../../src/i18n/locale.js';
import { webCatalog as catalog, type WebCatalog as Catalog } from '../../../src/i18n/web.js';
import { setApiLocale } from './api-client';

/** The only thing the cabinet keeps in localStorage: the chosen language (never a token). */
export const LOCALE_KEY = 'kabinet.locale';

function storedLocale(): Locale {
  try {
    return resolveLocale(localStorage.getItem(LOCALE_KEY));
  } catch {
    return 'ru';
  }
}

interface I18n {
  locale: Locale;
  t: Catalog;
  setLocale(locale: Locale): void;
}

const I18nContext = createContext<I18n | null>(null);

/** The texts of the chosen language from the one catalog (src/i18n); Russian unless English was chosen. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(storedLocale);
  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    try {
      localStorage.setItem(LOCALE_KEY, next);
    } catch {
      // Private mode without storage: the choice lasts this page only.
    }
  }, []);
  // Before children render: their first calls already ask for this language.
  setApiLocale(locale);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = catalog(locale).web.brand;
  }, [locale]);
  const value = useMemo(() => ({ locale, t: catalog(locale), setLocale }), [locale, setLocale]);
  return <I18nContext value={value}>{children}</I18nContext>;
}

export function useI18n(): I18n {
  const value = use(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
