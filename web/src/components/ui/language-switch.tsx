import { SegmentedControl } from '@mantine/core';
import { LOCALES, type Locale } from '../../../../src/i18n/locale.js';
import { useI18n } from '../../lib/i18n';

/** ru / en, remembered in localStorage. */
export function LanguageSwitch() {
  const { t, locale, setLocale } = useI18n();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t.web.language}
      value={locale}
      onChange={(value) => setLocale(value as Locale)}
      data={LOCALES.map((value) => ({ value, label: value.toUpperCase() }))}
    />
  );
}
