import { describe, expect, it } from 'vitest';
import { catalog } from '../../../../src/i18n/index.js';
import { statusColor, statusWords } from './status';

describe('request statuses', () => {
  it('colour each status by what it asks of the person: done green, refused red, waiting yellow', () => {
    expect(statusColor('completed')).toBe('green');
    expect(statusColor('rejected')).toBe('red');
    expect(statusColor('awaiting_signature')).toBe('yellow');
    expect(statusColor('returned')).toBe('orange');
    expect(statusColor('something-new')).toBe('gray');
  });

  it('say the status in the catalog’s words, capitalised, in either language', () => {
    expect(statusWords(catalog('ru'), 'completed')).toBe('Исполнена');
    expect(statusWords(catalog('en'), 'awaiting_signature')).toMatch(/^[A-Z]/);
  });
});
