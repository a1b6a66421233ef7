import type { RequestTypeDefinition, RoutingContext, RoutingRule, TaskDef } from '../definition.js';
import { accountMatchesCurrency, BANK_MESSAGES } from '../validation/bank.js';
import { compareDecimal, isDecimalString, multiplyDecimal } from '../validation/decimal.js';
import { formatMoney } from '../validation/money.js';
import { bankDetailsFields, bankDetailsRules } from './shared/bank-details.js';
import { amountField, commentField, contractField, currencyField } from './shared/fields.js';
import { defineForm, type CrossFieldRule, type FieldSpec, type PayloadOf } from './shared/form-kit.js';
import { maskTail } from './shared/masking.js';

const specs = {
  contract: contractField,
  amount: {
    ...amountField,
    prompt: {
      ru: 'Введите сумму к выводу, например 100000,50',
      en: 'Enter the amount to withdraw, e.g. 100000.50',
    },
  },
  currency: currencyField,
  // The recipient must be the client: payments to third parties are refused. The pure form cannot know the
  // client's name, so it only requires one; fin_monitoring confirms it («Получатель — сам клиент»).
  ...bankDetailsFields,
  comment: commentField,
} satisfies Record<string, FieldSpec>;

export type WithdrawalPayload = PayloadOf<typeof specs>;

const rules: CrossFieldRule<WithdrawalPayload>[] = [
  ...bankDetailsRules<WithdrawalPayload>(),
  {
    reads: ['recipientAccount', 'currency'],
    field: 'recipientAccount',
    message: BANK_MESSAGES.accountCurrency,
    holds: (p) => accountMatchesCurrency(p.recipientAccount, p.currency),
  },
];

const form = defineForm(specs, rules);

/** The 115-FZ art. 6 mandatory-control threshold, in roubles. */
export const MANDATORY_CONTROL_THRESHOLD_RUB = '1000000.00';

/**
 * True when the amount is worth at least 1,000,000 RUB at `rubRates` (RUB per unit). Fails safe: an amount
 * or a rate that is missing or not a positive decimal counts as reaching the threshold.
 */
export function reachesMandatoryControl(
  amount: unknown,
  currency: unknown,
  context: RoutingContext,
): boolean {
  if (typeof amount !== 'string' || !isDecimalString(amount)) return true;
  const rate =
    currency === 'RUB' ? '1' : typeof currency === 'string' ? context.rubRates[currency] : undefined;
  if (rate === undefined || !isDecimalString(rate) || compareDecimal(rate, '0') <= 0) return true;
  return compareDecimal(multiplyDecimal(amount, rate), MANDATORY_CONTROL_THRESHOLD_RUB) >= 0;
}

const mandatoryControlTask: TaskDef = {
  key: 'mandatory_control',
  role: 'fin_monitoring',
  title: { ru: 'Обязательный контроль (ст. 6 115-ФЗ)', en: 'Mandatory control (115-FZ, art. 6)' },
  checklist: [
    {
      key: 'mandatory_control_signs_checked',
      ru: 'Операция проверена на признаки обязательного контроля',
      en: 'Operation checked for signs of mandatory control',
    },
    {
      key: 'rosfinmonitoring_report_decided',
      ru: 'Решение о передаче сведений в Росфинмониторинг принято',
      en: 'Decision on reporting to Rosfinmonitoring made',
    },
  ],
  // PROCESSES.md gives no SLA for it; two people must sign off, so twice the screening task's 4 h.
  slaHours: 8,
  approvals: 2,
};

const mandatoryControl: RoutingRule = {
  key: 'mandatory_control',
  description: {
    ru: 'Сумма от 1 000 000 ₽ (или эквивалент по курсу) — обязательный контроль',
    en: 'Amount of 1,000,000 RUB or more (or its equivalent at the rate) — mandatory control',
  },
  applies: (payload, context) => reachesMandatoryControl(payload['amount'], payload['currency'], context),
  stage: 'checks',
  task: mandatoryControlTask,
};

/** Вывод денежных средств, version 1. */
export const withdrawalV1: RequestTypeDefinition<WithdrawalPayload> = {
  code: 'withdrawal',
  version: 1,
  title: { ru: 'Вывод денежных средств', en: 'Withdrawal of funds' },
  fields: form.fields,
  schema: form.schema,
  summary: (p, locale) =>
    locale === 'ru'
      ? `вывод ${formatMoney(p.amount, p.currency, 'ru')} на счёт ${maskTail(p.recipientAccount)}`
      : `withdrawal of ${formatMoney(p.amount, p.currency, 'en')} to account ${maskTail(p.recipientAccount)}`,
  process: {
    stages: [
      {
        key: 'checks',
        tasks: [
          {
            key: 'aml_screening',
            role: 'fin_monitoring',
            title: { ru: 'Проверка операции (115-ФЗ)', en: 'AML/CFT screening' },
            checklist: [
              {
                key: 'client_screened_against_lists',
                ru: 'Клиент проверен по перечням Росфинмониторинга',
                en: 'Client screened against the Rosfinmonitoring lists',
              },
              {
                key: 'unusual_operation_signs_checked',
                ru: 'Операция проверена на признаки необычных операций',
                en: 'Operation checked for signs of unusual operations',
              },
              {
                key: 'recipient_is_client',
                ru: 'Получатель — сам клиент (выплаты третьим лицам не производятся)',
                en: 'The recipient is the client (no payments to third parties)',
              },
            ],
            slaHours: 4,
          },
          {
            key: 'funds_check',
            role: 'brokerage',
            title: { ru: 'Проверка и блокировка средств', en: 'Funds check and blocking' },
            checklist: [
              {
                key: 'free_balance_sufficient',
                ru: 'Свободный остаток денежных средств достаточен',
                en: 'Free cash balance is sufficient',
              },
              {
                key: 'amount_blocked',
                ru: 'Сумма к выводу заблокирована',
                en: 'Amount to withdraw is blocked',
              },
              {
                key: 'no_uncovered_positions_or_debt',
                ru: 'Нет непокрытых позиций и задолженности',
                en: 'No uncovered positions or debt',
              },
            ],
            slaHours: 4,
          },
        ],
      },
      {
        key: 'payment_order',
        tasks: [
          {
            key: 'payment_order',
            role: 'back_office',
            title: { ru: 'Платёжное поручение', en: 'Payment order' },
            checklist: [
              {
                key: 'payment_order_created',
                ru: 'Платёжное поручение сформировано',
                en: 'Payment order created',
              },
              {
                key: 'recorded_in_internal_accounting',
                ru: 'Операция отражена во внутреннем учёте',
                en: 'Operation recorded in internal accounting',
              },
            ],
            slaHours: 8,
          },
        ],
      },
      {
        key: 'payment',
        tasks: [
          {
            key: 'payment_execution',
            role: 'accountant',
            title: { ru: 'Исполнение платежа', en: 'Payment execution' },
            checklist: [
              { key: 'payment_executed', ru: 'Платёж исполнен банком', en: 'Payment executed by the bank' },
              {
                key: 'payment_order_reference_entered',
                ru: 'Номер и дата платёжного поручения внесены',
                en: 'Payment order number and date entered',
              },
            ],
            slaHours: 8,
          },
        ],
      },
    ],
    routing: [mandatoryControl],
    // Money leaves the company: the person who screened or blocked it must not also order or execute the payment.
    segregationOfDuties: true,
  },
};
