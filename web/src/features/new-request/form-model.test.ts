import { describe, expect, it } from 'vitest';
import {
  decimalForDisplay,
  decimalFromInput,
  payloadFromValues,
  valuesFromPayload,
  visibleErrors,
} from './form-model';

const fields = [
  { name: 'amount', kind: 'decimal', optional: false },
  { name: 'year', kind: 'year', optional: false },
  { name: 'comment', kind: 'textarea', optional: true },
  { name: 'recipientBic', kind: 'bic', optional: false },
];

describe('the request form model', () => {
  it('reads money as people write it in either language', () => {
    expect(decimalFromInput('1 500 000,50', 'ru')).toBe('1500000.50');
    expect(decimalFromInput('1\u00a0500\u00a0000', 'ru')).toBe('1500000');
    expect(decimalFromInput('1,500,000.50', 'en')).toBe('1500000.50');
    // Not a number: passed on as typed, so the server names the problem.
    expect(decimalFromInput('12abc', 'ru')).toBe('12abc');
    expect(decimalForDisplay('1500000,5', 'ru')).toBe('1\u00a0500\u00a0000,5');
  });

  it('builds the payload: empty inputs left out, years as numbers, money with a dot, text trimmed', () => {
    expect(
      payloadFromValues(
        fields,
        { amount: '1 500 000,00', year: '2025', comment: '  ', recipientBic: ' 044525225 ' },
        'ru',
      ),
    ).toEqual({ amount: '1500000.00', year: 2025, recipientBic: '044525225' });
  });

  it('turns a stored payload back into inputs for editing', () => {
    expect(valuesFromPayload(fields, { amount: '1500000.00', year: 2025 }, 'ru')).toEqual({
      amount: '1\u00a0500\u00a0000,00',
      year: '2025',
    });
  });

  it('shows a field’s error once the person left it or tried to save, not while they are still typing elsewhere', () => {
    const errors = { amount: ['Сумма — число'], recipientBic: ['Это поле обязательно'] };
    expect(visibleErrors(errors, new Set(['amount']), false)).toEqual({ amount: 'Сумма — число' });
    expect(visibleErrors(errors, new Set(), true)).toEqual({
      amount: 'Сумма — число',
      recipientBic: 'Это поле обязательно',
    });
  });
});
