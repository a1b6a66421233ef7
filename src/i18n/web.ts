import { cabinet as en } from './en/cabinet.js';
import { resolveLocale, type Locale } from './locale.js';
import { cabinet as ru } from './ru/cabinet.js';

/**
 * The part of the one catalog (docs/0017) the web cabinet shows: the same sections the whole catalog spreads, so
 * the browser does not download the bots' and notifications' texts (the first page's JavaScript budget, docs/0019).
 */
export type WebCatalog = typeof ru;

const WEB_CATALOGS: Readonly<Record<Locale, WebCatalog>> = { ru, en };

/** The web cabinet's texts of a language; anything but English reads Russian, as `catalog` does. */
export function webCatalog(locale: string | null | undefined): WebCatalog {
  return WEB_CATALOGS[resolveLocale(locale)];
}
