import type { Catalog } from './catalog-type.js';
import { en } from './en/index.js';
import { resolveLocale, type Locale } from './locale.js';
import { ru } from './ru/index.js';

/*
 * The one typed catalog of every text a person reads — bots, notifications, code messages, validation, the web
 * cabinet (docs/0017-text-catalog-and-module-boundaries.md). Plain TypeScript with no Node-only imports, so the
 * browser bundle imports the same files.
 */

const CATALOGS: Readonly<Record<Locale, Catalog>> = { ru, en };

/** The texts of a language; anything but English reads Russian, the default. */
export function catalog(locale: string | null | undefined): Catalog {
  return CATALOGS[resolveLocale(locale)];
}

export type { Catalog };
export { LOCALES, resolveLocale, type Locale } from './locale.js';
export { escapeHtml, formatDateTime, formatDecimal, moscowDay } from './format.js';
export { issueText, issueTexts } from './issues.js';
