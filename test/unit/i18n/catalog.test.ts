import { describe, expect, it } from '@jest/globals';
import { catalog, issueText, resolveLocale } from '../../../src/i18n/index.js';
import { VALIDATION_CODES } from '../../../src/workflow/domain/validation/issues.js';
import { REQUEST_STATUSES, TASK_STATUSES } from '../../../src/workflow/domain/status.js';

const CYRILLIC = /[А-Яа-яЁё]/;

describe('the text catalog', () => {
  it('resolves every locale hint to ru or en, Russian by default', () => {
    expect(resolveLocale(undefined)).toBe('ru');
    expect(resolveLocale('')).toBe('ru');
    expect(resolveLocale('en')).toBe('en');
    expect(resolveLocale('en-GB,en;q=0.9,ru;q=0.8')).toBe('en');
    expect(resolveLocale('ru-RU,ru;q=0.9,en;q=0.8')).toBe('ru');
    expect(resolveLocale('de')).toBe('ru');
  });

  it('words every validation code in both languages, Russian in Cyrillic, with its parameters', () => {
    const params = { max: 17, min: 2011, options: 'RUB, USD', years: 5 };
    for (const code of VALIDATION_CODES) {
      const ru = issueText(catalog('ru'), { code, params });
      const en = issueText(catalog('en'), { code, params });
      expect([code, CYRILLIC.test(ru)]).toEqual([code, true]);
      expect([code, CYRILLIC.test(en)]).toEqual([code, false]);
      expect(ru).not.toMatch(/undefined|\$\{/);
    }
    expect(issueText(catalog('ru'), { code: 'too_long', params: { max: 40 } })).toBe(
      'Не длиннее 40 символов',
    );
  });

  it('has one word for each status and role, shared by the bots and the notices', () => {
    for (const locale of ['ru', 'en'] as const) {
      const t = catalog(locale);
      for (const status of REQUEST_STATUSES) expect(t.status[status]).toBeTruthy();
      for (const status of TASK_STATUSES) expect(t.taskStatus[status]).toBeTruthy();
    }
    expect(catalog('ru').roles.depositary).toBe('Депозитарный отдел');
    expect(catalog('ru').status.submitted).toBe('подписана, ждёт менеджера');
  });
});
