import type { Locale } from '../../workflow/domain/definition.js';
import { en } from './en.js';
import { ru } from './ru.js';
import type { CodeTexts } from './types.js';

const TEXTS: Record<Locale, CodeTexts> = { ru, en };

/** The code texts of a locale; anything but `en` reads Russian (the default). */
export function codeTexts(locale: string | null | undefined): CodeTexts {
  return locale === 'en' ? TEXTS.en : TEXTS.ru;
}

export type { CodeTexts };
