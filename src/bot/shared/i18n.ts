import type { Locale } from '../../workflow/domain/definition.js';
import { en } from '../locales/en.js';
import { ru, type Messages } from '../locales/ru.js';

const MESSAGES: Record<Locale, Messages> = { ru, en };

/** The bots' texts in a locale; anything but `en` reads Russian, the default. */
export function messages(locale: string | null | undefined): Messages {
  return locale === 'en' ? MESSAGES.en : MESSAGES.ru;
}

export function toLocale(value: string | null | undefined): Locale {
  return value === 'en' ? 'en' : 'ru';
}

export type { Messages };
