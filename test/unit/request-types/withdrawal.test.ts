import { describe, expect, it } from '@jest/globals';
import type { RoutingContext } from '../../../src/workflow/domain/definition.js';
import { reachesMandatoryControl, withdrawalV1 } from '../../../src/workflow/domain/types/withdrawal.js';
import { LARGE_WITHDRAWAL, SAMPLE_PAYLOADS } from '../../support/sample-payloads.js';
import { errorsOf, valid } from './form-helpers.js';

const sample = SAMPLE_PAYLOADS.withdrawal;
const RATES: RoutingContext = { rubRates: { USD: '95.00', EUR: '103.00', CNY: '13.00' } };
const NOT_A_NUMBER = 'amount must be a number such as 100000.50 (digits, one decimal separator)';

function extraTasks(payload: Record<string, unknown>, context: RoutingContext = RATES) {
  return withdrawalV1.process.routing.filter((rule) => rule.applies(payload, context));
}

describe('withdrawal form', () => {
  it('normalises what people type', () => {
    const payload = valid(withdrawalV1, {
      ...sample,
      amount: '150 000,5',
      recipientAccount: '40817 810 0 0000 0001234',
      comment: '',
    });
    expect(payload.amount).toBe('150000.50');
    expect(payload.recipientAccount).toBe('40817810000000001234');
    expect(payload).not.toHaveProperty('comment');
  });

  it.each([
    ['1.234', 'amount must have at most 2 decimal places'],
    ['-100', 'amount must be greater than zero'],
    ['1e6', NOT_A_NUMBER],
    ['0', 'amount must be greater than zero'],
  ])('rejects the amount %j', (amount, message) => {
    expect(errorsOf(withdrawalV1, { ...sample, amount })).toEqual({ amount: [message] });
  });

  it('rejects an amount sent as a JSON number', () => {
    expect(errorsOf(withdrawalV1, { ...sample, amount: 150000 })).toEqual({
      amount: ['amount must be a text such as "100000.50", not a number'],
    });
  });

  it('rejects an unknown currency', () => {
    expect(errorsOf(withdrawalV1, { ...sample, currency: 'GBP' })).toEqual({
      currency: ['currency must be one of RUB, USD, EUR, CNY'],
    });
  });

  it('rejects a bad BIC', () => {
    expect(errorsOf(withdrawalV1, { ...sample, recipientBic: '04452522' })).toEqual({
      recipientBic: ['BIC must be 9 digits'],
    });
  });

  it('rejects an account failing the control key against the BIC', () => {
    expect(errorsOf(withdrawalV1, { ...sample, recipientAccount: '40817810100000001234' })).toEqual({
      recipientAccount: ['account number does not match the BIC control key'],
    });
  });

  it('rejects a correspondent account of another bank', () => {
    expect(errorsOf(withdrawalV1, { ...sample, recipientCorrAccount: '30101810700000000187' })).toEqual({
      recipientCorrAccount: ['correspondent account does not match the BIC (control key and last 3 digits)'],
    });
  });

  it('rejects a rouble account for a dollar withdrawal', () => {
    expect(errorsOf(withdrawalV1, { ...sample, currency: 'USD' })).toEqual({
      recipientAccount: ['account currency (digits 6–8) does not match the currency'],
    });
    // 40817840300000001234 is a USD account passing the key at 044525225.
    expect(
      valid(withdrawalV1, { ...sample, currency: 'USD', recipientAccount: '40817840300000001234' }).currency,
    ).toBe('USD');
  });

  it('still checks the account against the BIC when another field is wrong', () => {
    expect(
      errorsOf(withdrawalV1, { ...sample, amount: 'x', recipientAccount: '40817810100000001234' }),
    ).toEqual({
      amount: [NOT_A_NUMBER],
      recipientAccount: ['account number does not match the BIC control key'],
    });
  });

  it('requires the recipient (who must be the client, checked by staff)', () => {
    const { recipientName: _omitted, ...rest } = sample;
    expect(errorsOf(withdrawalV1, rest)).toEqual({ recipientName: ['This field is required'] });
  });
});

describe('withdrawal summary', () => {
  it('names the amount and masks the account', () => {
    const payload = valid(withdrawalV1, sample);
    expect(withdrawalV1.summary(payload, 'ru')).toBe('вывод 150 000,00 ₽ на счёт …1234');
    expect(withdrawalV1.summary(payload, 'en')).toBe('withdrawal of 150,000.00 RUB to account …1234');
  });
});

describe('withdrawal routing (mandatory control, 115-FZ art. 6)', () => {
  it('adds nothing below 1,000,000 RUB', () => {
    expect(extraTasks({ ...sample, amount: '999999.99' })).toEqual([]);
  });

  it('adds a fin_monitoring task with approvals 2 to the first stage from 1,000,000.00 RUB', () => {
    const [rule, ...others] = extraTasks(LARGE_WITHDRAWAL);
    expect(others).toEqual([]);
    expect(rule?.stage).toBe(withdrawalV1.process.stages[0]?.key);
    expect(rule?.task).toMatchObject({ role: 'fin_monitoring', approvals: 2 });
    expect(rule?.task.title.ru).toBe('Обязательный контроль (ст. 6 115-ФЗ)');
    expect(rule?.task.checklist.map((c) => c.ru)).toEqual([
      'Операция проверена на признаки обязательного контроля',
      'Решение о передаче сведений в Росфинмониторинг принято',
    ]);
  });

  it('converts other currencies at the rate in force', () => {
    // 10,526.32 USD × 95.00 = 1,000,000.40 RUB; 10,526.31 USD = 999,999.45 RUB.
    expect(extraTasks({ ...sample, currency: 'USD', amount: '10526.32' })).toHaveLength(1);
    expect(extraTasks({ ...sample, currency: 'USD', amount: '10526.31' })).toHaveLength(0);
    expect(extraTasks({ ...sample, currency: 'CNY', amount: '76923.08' })).toHaveLength(1);
  });

  it('fails safe: a missing or unusable rate applies the rule', () => {
    expect(extraTasks({ ...sample, currency: 'EUR', amount: '1.00' }, { rubRates: {} })).toHaveLength(1);
    expect(reachesMandatoryControl('1.00', 'EUR', { rubRates: { EUR: 'n/a' } })).toBe(true);
    expect(reachesMandatoryControl('1.00', 'EUR', { rubRates: { EUR: '0' } })).toBe(true);
    expect(reachesMandatoryControl(undefined, 'RUB', RATES)).toBe(true);
    // Roubles need no rate.
    expect(reachesMandatoryControl('1.00', 'RUB', { rubRates: {} })).toBe(false);
  });
});

describe('withdrawal process', () => {
  it('has the checklists of PROCESSES.md', () => {
    const [checks, order, payment] = withdrawalV1.process.stages;
    expect(checks?.tasks.map((t) => t.checklist.map((c) => c.ru))).toEqual([
      [
        'Клиент проверен по перечням Росфинмониторинга',
        'Операция проверена на признаки необычных операций',
        'Получатель — сам клиент (выплаты третьим лицам не производятся)',
      ],
      [
        'Свободный остаток денежных средств достаточен',
        'Сумма к выводу заблокирована',
        'Нет непокрытых позиций и задолженности',
      ],
    ]);
    expect(order?.tasks[0]?.checklist.map((c) => c.ru)).toEqual([
      'Платёжное поручение сформировано',
      'Операция отражена во внутреннем учёте',
    ]);
    expect(payment?.tasks[0]?.checklist.map((c) => c.ru)).toEqual([
      'Платёж исполнен банком',
      'Номер и дата платёжного поручения внесены',
    ]);
  });
});
