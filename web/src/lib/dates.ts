import { formatDateTime } from '../../../src/i18n/format.js';
import type { Locale } from '../../../src/i18n/locale.js';

/** A moment as the company's people read it (Moscow time), in the chosen language. */
export function when(at: string | null | undefined, locale: Locale): string {
  return at ? formatDateTime(at, locale) : '—';
}
