import type { RequestTypeDefinition } from '../definition.js';
import { fieldIssue, type FieldIssues } from '../validation/issues.js';
import { formatIsoDate, isoDateSchema } from '../validation/dates.js';
import { isinSchema } from '../validation/isin.js';
import {
  defineForm,
  enumSchema,
  optionsOf,
  positiveIntegerSchema,
  textSchema,
  type FieldSpec,
  type PayloadOf,
} from './shared/form-kit.js';

const DIRECTIONS = ['in', 'out'] as const;
const BASES = ['purchase_sale', 'gift', 'own_accounts', 'inheritance', 'other'] as const;

const specs = {
  direction: {
    kind: 'enum',
    label: { ru: 'Направление', en: 'Direction' },
    prompt: { ru: 'Зачисление или списание ценных бумаг?', en: 'Incoming or outgoing transfer?' },
    schema: enumSchema(DIRECTIONS),
    options: optionsOf(DIRECTIONS, {
      in: { ru: 'Зачисление', en: 'Incoming (credit)' },
      out: { ru: 'Списание', en: 'Outgoing (debit)' },
    }),
  },
  isin: {
    kind: 'isin',
    label: { ru: 'ISIN', en: 'ISIN' },
    prompt: {
      ru: 'Введите ISIN ценной бумаги (12 символов)',
      en: 'Enter the ISIN of the security (12 characters)',
    },
    schema: isinSchema,
  },
  securityName: {
    kind: 'text',
    label: { ru: 'Наименование ценной бумаги', en: 'Security name' },
    prompt: { ru: 'Введите наименование ценной бумаги', en: 'Enter the name of the security' },
    schema: textSchema(200),
  },
  quantity: {
    kind: 'integer',
    label: { ru: 'Количество, шт.', en: 'Quantity' },
    prompt: {
      ru: 'Введите количество ценных бумаг (целое число)',
      en: 'Enter the number of securities (whole number)',
    },
    schema: positiveIntegerSchema,
  },
  counterpartyDepositary: {
    kind: 'text',
    label: { ru: 'Депозитарий контрагента', en: 'Counterparty depositary' },
    prompt: { ru: 'Введите наименование депозитария контрагента', en: "Enter the counterparty's depositary" },
    schema: textSchema(200),
  },
  counterpartyAccount: {
    restricted: 'depo_account',
    kind: 'text',
    label: { ru: 'Счёт депо контрагента', en: 'Counterparty depo account' },
    prompt: {
      ru: 'Введите номер счёта депо контрагента',
      en: "Enter the counterparty's depo account number",
    },
    schema: textSchema(50),
  },
  basis: {
    kind: 'enum',
    label: { ru: 'Основание перевода', en: 'Basis of the transfer' },
    prompt: { ru: 'Выберите основание перевода', en: 'Choose the basis of the transfer' },
    schema: enumSchema(BASES),
    options: optionsOf(BASES, {
      purchase_sale: { ru: 'Договор купли-продажи', en: 'Purchase and sale' },
      gift: { ru: 'Договор дарения', en: 'Gift' },
      own_accounts: { ru: 'Перевод между своими счетами', en: 'Transfer between own accounts' },
      inheritance: { ru: 'Наследование', en: 'Inheritance' },
      other: { ru: 'Иное', en: 'Other' },
    }),
  },
  basisText: {
    kind: 'textarea',
    label: { ru: 'Основание (описание)', en: 'Basis (description)' },
    prompt: { ru: 'Опишите основание перевода', en: 'Describe the basis of the transfer' },
    schema: textSchema(500).optional(),
    when: (answers) => answers['basis'] === 'other',
  },
  settlementDate: {
    kind: 'date',
    label: { ru: 'Дата расчётов', en: 'Settlement date' },
    prompt: { ru: 'Введите дату расчётов (ДД.ММ.ГГГГ)', en: 'Enter the settlement date (YYYY-MM-DD)' },
    schema: isoDateSchema,
  },
} satisfies Record<string, FieldSpec>;

export type SecuritiesTransferPayload = PayloadOf<typeof specs>;

const form = defineForm(specs);

/** Депо-поручение на перевод ценных бумаг, version 1. */
export const securitiesTransferV1: RequestTypeDefinition<SecuritiesTransferPayload> = {
  code: 'securities_transfer',
  version: 1,
  title: { ru: 'Перевод ценных бумаг (депо-поручение)', en: 'Securities transfer (depo instruction)' },
  fields: form.fields,
  schema: form.schema,
  validateAt: (p, today): FieldIssues =>
    p.settlementDate < today ? { settlementDate: [fieldIssue('settlement_date_in_past')] } : {},
  summary: (p, locale) =>
    locale === 'ru'
      ? `${p.direction === 'in' ? 'зачисление' : 'списание'} ЦБ ${p.isin}, ${p.quantity} шт., ` +
        `дата расчётов ${formatIsoDate(p.settlementDate, 'ru')}`
      : `${p.direction === 'in' ? 'incoming' : 'outgoing'} transfer of ${p.quantity} × ${p.isin}, ` +
        `settlement ${formatIsoDate(p.settlementDate, 'en')}`,
  process: {
    stages: [
      {
        key: 'checks',
        tasks: [
          {
            key: 'depo_check',
            role: 'depositary',
            title: { ru: 'Проверка депо-поручения', en: 'Depo instruction check' },
            checklist: [
              {
                key: 'securities_availability_checked',
                ru: 'Наличие ценных бумаг на счёте депо проверено',
                en: 'Securities on the depo account checked (outgoing only; n/a for incoming)',
              },
              {
                key: 'counterparty_details_reconciled',
                ru: 'Реквизиты контрагента сверены',
                en: 'Counterparty details reconciled',
              },
              {
                key: 'counter_instruction_exchanged',
                ru: 'Встречное поручение направлено / получено',
                en: 'Counter instruction sent / received',
              },
            ],
            slaHours: 8,
          },
          {
            key: 'aml_screening',
            role: 'fin_monitoring',
            title: { ru: 'Проверка перевода (115-ФЗ)', en: 'AML/CFT screening of the transfer' },
            checklist: [
              {
                key: 'transfer_basis_checked',
                ru: 'Основание перевода проверено',
                en: 'Transfer basis checked',
              },
              {
                key: 'counterparty_screened',
                ru: 'Контрагент проверен по перечням',
                en: 'Counterparty screened against the lists',
              },
            ],
            slaHours: 4,
          },
        ],
      },
      {
        key: 'accounting',
        tasks: [
          {
            key: 'accounting',
            role: 'back_office',
            title: { ru: 'Отражение в учёте', en: 'Recording the operation' },
            checklist: [
              {
                key: 'recorded_in_accounting',
                ru: 'Операция отражена в учёте',
                en: 'Operation recorded in accounting',
              },
              {
                key: 'execution_report_created',
                ru: 'Отчёт об исполнении операции сформирован',
                en: 'Operation execution report created',
              },
            ],
            slaHours: 8,
          },
        ],
      },
    ],
    routing: [],
    // Securities leave or enter custody on a counterparty's word: the depositary's check and the AML check
    // must be independent of who records the operation.
    segregationOfDuties: true,
  },
};
