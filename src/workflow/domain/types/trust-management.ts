import type { RequestTypeDefinition } from '../definition.js';
import { formatRub } from '../validation/money.js';
import { amountField, contractField } from './shared/fields.js';
import { defineForm, enumSchema, optionsOf, type FieldSpec, type PayloadOf } from './shared/form-kit.js';
import { lowerFirst } from './shared/masking.js';

const OPERATIONS = ['entry', 'top_up', 'partial_withdrawal', 'strategy_change', 'exit'] as const;
const STRATEGIES = ['conservative', 'balanced', 'aggressive'] as const;

const OPERATION_LABELS = {
  entry: { ru: 'Вступление в ДУ', en: 'Entry' },
  top_up: { ru: 'Пополнение', en: 'Top-up' },
  partial_withdrawal: { ru: 'Частичный вывод', en: 'Partial withdrawal' },
  strategy_change: { ru: 'Смена стратегии', en: 'Strategy change' },
  exit: { ru: 'Выход из ДУ', en: 'Exit' },
} as const;

const STRATEGY_LABELS = {
  conservative: { ru: 'Консервативная', en: 'Conservative' },
  balanced: { ru: 'Сбалансированная', en: 'Balanced' },
  aggressive: { ru: 'Агрессивная', en: 'Aggressive' },
} as const;

const specs = {
  contract: contractField,
  operation: {
    kind: 'enum',
    label: { ru: 'Операция', en: 'Operation' },
    prompt: { ru: 'Выберите операцию', en: 'Choose the operation' },
    schema: enumSchema(OPERATIONS),
    options: optionsOf(OPERATIONS, OPERATION_LABELS),
  },
  strategy: {
    kind: 'enum',
    label: { ru: 'Стратегия', en: 'Strategy' },
    prompt: { ru: 'Выберите стратегию управления', en: 'Choose the management strategy' },
    schema: enumSchema(STRATEGIES),
    options: optionsOf(STRATEGIES, STRATEGY_LABELS),
  },
  // Trust management accounts are in roubles. PROCESSES.md asks for an amount for every operation except a
  // strategy change (for an exit it is the amount the client expects back).
  amount: {
    ...amountField,
    label: { ru: 'Сумма, ₽', en: 'Amount, RUB' },
    prompt: { ru: 'Введите сумму в рублях, например 500000', en: 'Enter the amount in roubles, e.g. 500000' },
    schema: amountField.schema.optional(),
    when: (answers) => answers['operation'] !== 'strategy_change',
  },
} satisfies Record<string, FieldSpec>;

export type TrustManagementPayload = PayloadOf<typeof specs>;

const form = defineForm(specs);

function summary(p: TrustManagementPayload, locale: 'ru' | 'en'): string {
  const operation = lowerFirst(OPERATION_LABELS[p.operation][locale], locale);
  const strategy = STRATEGY_LABELS[p.strategy][locale];
  if (locale === 'ru') {
    if (p.amount === undefined) return `ДУ: смена стратегии на «${strategy}»`;
    return `ДУ: ${operation} ${formatRub(p.amount, 'ru')}, стратегия «${strategy}»`;
  }
  if (p.amount === undefined) return `trust management: strategy change to ${lowerFirst(strategy, 'en')}`;
  return `trust management: ${operation} of ${formatRub(p.amount, 'en')}, ${lowerFirst(strategy, 'en')} strategy`;
}

/** Доверительное управление, version 1. */
export const trustManagementV1: RequestTypeDefinition<TrustManagementPayload> = {
  code: 'trust_management',
  version: 1,
  title: { ru: 'Доверительное управление', en: 'Trust management' },
  fields: form.fields,
  schema: form.schema,
  summary,
  process: {
    stages: [
      {
        key: 'acceptance',
        tasks: [
          {
            key: 'manager_acceptance',
            role: 'trust_management',
            title: { ru: 'Приём операции управляющим', en: 'Acceptance by the manager' },
            checklist: [
              {
                key: 'strategy_matches_risk_profile',
                ru: 'Стратегия соответствует инвестиционному профилю клиента',
                en: "Strategy matches the client's investment profile",
              },
              {
                key: 'accepted_by_manager',
                ru: 'Операция принята управляющим',
                en: 'Operation accepted by the manager',
              },
            ],
            slaHours: 8,
          },
          {
            key: 'aml_screening',
            role: 'fin_monitoring',
            title: { ru: 'Проверка операции (115-ФЗ)', en: 'AML/CFT screening' },
            checklist: [{ key: 'operation_checked', ru: 'Операция проверена', en: 'Operation checked' }],
            slaHours: 4,
          },
        ],
      },
      {
        key: 'settlement',
        tasks: [
          {
            key: 'funds_settlement',
            role: 'accountant',
            title: { ru: 'Зачисление / перечисление средств', en: 'Crediting / paying out funds' },
            checklist: [
              {
                key: 'funds_settled',
                ru: 'Денежные средства зачислены / перечислены',
                en: 'Funds credited / paid out (n/a for a strategy change)',
              },
            ],
            slaHours: 8,
          },
        ],
      },
    ],
    routing: [],
    // Money moves in and out of a managed portfolio: the manager, the AML check and the payment are three people.
    segregationOfDuties: true,
  },
};
