import type { Payload, RequestTypeDefinition } from '../definition.js';
import { bankDetailsFields, bankDetailsRules } from './shared/bank-details.js';
import { contractField, reasonField } from './shared/fields.js';
import {
  defineForm,
  enumSchema,
  optionsOf,
  textSchema,
  type FieldSpec,
  type PayloadOf,
} from './shared/form-kit.js';
import { maskTail } from './shared/masking.js';

const DISPOSITIONS = ['sell_all', 'transfer'] as const;

const transfers = (answers: Payload): boolean => answers['assetDisposition'] === 'transfer';

const specs = {
  contract: contractField,
  reason: reasonField,
  assetDisposition: {
    kind: 'enum',
    label: { ru: 'Ценные бумаги', en: 'Securities' },
    prompt: { ru: 'Что сделать с ценными бумагами?', en: 'What should happen to the securities?' },
    schema: enumSchema(DISPOSITIONS),
    options: optionsOf(DISPOSITIONS, {
      sell_all: { ru: 'Продать все', en: 'Sell all' },
      transfer: { ru: 'Перевести в другой депозитарий', en: 'Transfer to another depositary' },
    }),
  },
  transferDepositary: {
    kind: 'text',
    label: { ru: 'Депозитарий-получатель', en: 'Receiving depositary' },
    prompt: { ru: 'Введите наименование депозитария-получателя', en: 'Enter the receiving depositary' },
    schema: textSchema(200).optional(),
    when: transfers,
  },
  transferDepoAccount: {
    restricted: 'depo_account',
    kind: 'text',
    label: { ru: 'Счёт депо в депозитарии-получателе', en: 'Depo account at the receiving depositary' },
    prompt: {
      ru: 'Введите номер счёта депо в депозитарии-получателе',
      en: 'Enter the depo account number there',
    },
    schema: textSchema(50).optional(),
    when: transfers,
  },
  // Where the cash balance goes.
  ...bankDetailsFields,
} satisfies Record<string, FieldSpec>;

export type ContractTerminationPayload = PayloadOf<typeof specs>;

const form = defineForm(specs, bankDetailsRules<ContractTerminationPayload>());

/** Расторжение договора, version 1. */
export const contractTerminationV1: RequestTypeDefinition<ContractTerminationPayload> = {
  code: 'contract_termination',
  version: 1,
  title: { ru: 'Расторжение договора', en: 'Contract termination' },
  fields: form.fields,
  schema: form.schema,
  summary: (p, locale) => {
    const contract = maskTail(p.contract);
    const account = maskTail(p.recipientAccount);
    const sell = p.assetDisposition === 'sell_all';
    return locale === 'ru'
      ? `расторжение договора ${contract}: ${sell ? 'продажа ценных бумаг' : 'перевод ценных бумаг'}, остаток на счёт ${account}`
      : `termination of contract ${contract}: ${sell ? 'securities sold' : 'securities transferred'}, balance to account ${account}`;
  },
  process: {
    stages: [
      {
        key: 'closing',
        tasks: [
          {
            key: 'positions_closing',
            role: 'brokerage',
            title: { ru: 'Закрытие позиций', en: 'Closing positions' },
            checklist: [
              { key: 'positions_closed', ru: 'Позиции закрыты', en: 'Positions closed' },
              {
                key: 'trading_access_disabled',
                ru: 'Торговый доступ отключён',
                en: 'Trading access disabled',
              },
            ],
            slaHours: 24,
          },
          {
            key: 'depo_closing',
            role: 'depositary',
            title: { ru: 'Закрытие счёта депо', en: 'Closing the depo account' },
            checklist: [
              { key: 'securities_transferred', ru: 'Ценные бумаги переведены', en: 'Securities transferred' },
              { key: 'depo_account_closed', ru: 'Счёт депо закрыт', en: 'Depo account closed' },
            ],
            slaHours: 24,
          },
        ],
      },
      {
        key: 'aml',
        tasks: [
          {
            key: 'aml_screening',
            role: 'fin_monitoring',
            title: { ru: 'Проверка операции (115-ФЗ)', en: 'AML/CFT screening' },
            checklist: [{ key: 'operation_checked', ru: 'Операция проверена', en: 'Operation checked' }],
            slaHours: 8,
          },
        ],
      },
      {
        key: 'accounting',
        tasks: [
          {
            key: 'contract_closing',
            role: 'back_office',
            title: { ru: 'Расторжение в учётной системе', en: 'Termination in the accounting system' },
            checklist: [
              {
                key: 'contract_terminated_in_system',
                ru: 'Договор расторгнут в учётной системе',
                en: 'Contract terminated in the accounting system',
              },
              { key: 'final_report_created', ru: 'Итоговый отчёт сформирован', en: 'Final report created' },
            ],
            slaHours: 24,
          },
        ],
      },
      {
        key: 'settlement',
        tasks: [
          {
            key: 'final_settlement',
            role: 'accountant',
            title: { ru: 'Окончательный расчёт', en: 'Final settlement' },
            checklist: [
              { key: 'tax_withheld', ru: 'Налог удержан', en: 'Tax withheld' },
              {
                key: 'cash_balance_paid',
                ru: 'Остаток денежных средств перечислен',
                en: 'Cash balance paid out',
              },
            ],
            slaHours: 24,
          },
        ],
      },
    ],
    routing: [],
    // All the client's assets leave the company: each stage is checked by someone who did not do another.
    segregationOfDuties: true,
  },
};
