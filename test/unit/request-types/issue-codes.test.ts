import { describe, expect, test } from '@jest/globals';
import { catalog, issueText } from '../../../src/i18n/index.js';
import { parseField, parsePayload } from '../../../src/workflow/domain/form.js';
import { listRequestTypes } from '../../../src/workflow/domain/types/index.js';
import { isValidationCode, type FieldIssue } from '../../../src/workflow/domain/validation/issues.js';

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

describe('validation issues of the request types', () => {
  test('every issue a field schema raises names its own code (none falls back to a generic one)', () => {
    const unnamed: string[] = [];
    for (const definition of listRequestTypes()) {
      for (const field of definition.fields) {
        for (const input of [...WRONG, 12345, null, true]) {
          const result = field.schema.safeParse(input);
          for (const issue of result.error?.issues ?? [])
            if (!isValidationCode(issue.message))
              unnamed.push(`${definition.code}.${field.name} ${JSON.stringify(input)}: ${issue.message}`);
        }
      }
    }
    expect(unnamed).toEqual([]);
  });

  test('every issue a bot answer or a whole form can produce is worded in both languages', () => {
    const issues: FieldIssue[] = [];
    for (const definition of listRequestTypes()) {
      for (const field of definition.fields) {
        for (const text of ['', ...WRONG]) {
          const parsed = parseField(field, text);
          if (!parsed.ok) issues.push(parsed.issue);
        }
      }
      const whole = parsePayload(definition, {}, { today: '2026-11-24' });
      if (!whole.ok) for (const list of Object.values(whole.issues)) issues.push(...list);
    }
    expect(new Set(issues.map((i) => i.code)).size).toBeGreaterThan(10);
    for (const issue of issues) {
      for (const locale of ['ru', 'en'] as const) {
        const text = issueText(catalog(locale), issue);
        expect([issue.code, text]).not.toEqual([issue.code, expect.stringMatching(/undefined|^$/)]);
      }
    }
    expect(issues).toContainEqual({ code: 'too_long', params: { max: 200 } });
  });
});
