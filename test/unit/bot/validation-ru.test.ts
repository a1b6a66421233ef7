import { describe, expect, test } from '@jest/globals';
import { validationRu } from '../../../src/i18n/ru/validation-legacy.js';
import { parseField, parsePayload } from '../../../src/workflow/domain/form.js';
import { listRequestTypes } from '../../../src/workflow/domain/types/index.js';

/** Answers that are wrong for most kinds of field. */
const WRONG = [
  'x',
  '0',
  '-1',
  '12,345',
  '1e5',
  '2026-02-30',
  '99.99.9999',
  'ЯЯЯЯЯЯЯЯЯЯЯЯ',
  '1'.repeat(25),
  'a'.repeat(5000),
];

describe("the Russian for the workflow's validation messages", () => {
  test('every message a bot answer or a whole form can produce has a translation', () => {
    const messages = new Set<string>();
    for (const definition of listRequestTypes()) {
      for (const field of definition.fields) {
        for (const text of ['', ...WRONG]) {
          const parsed = parseField(field, text);
          if (!parsed.ok) messages.add(parsed.message);
        }
      }
      const whole = parsePayload(definition, {}, { today: '2026-11-24' });
      if (!whole.ok)
        for (const list of Object.values(whole.fieldErrors)) for (const m of list) messages.add(m);
    }
    const untranslated = [...messages].filter((m) => validationRu(m) === m);
    expect(untranslated).toEqual([]);
    expect(messages.size).toBeGreaterThan(10);
  });

  test('messages with numbers keep them', () => {
    expect(validationRu('must be at most 200 characters')).toBe('Не длиннее 200 символов');
    expect(validationRu('choose one of: RUB, USD')).toBe('Выберите один из вариантов: RUB, USD');
  });
});
