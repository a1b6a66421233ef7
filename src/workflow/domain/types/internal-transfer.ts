import type { RequestTypeDefinition } from '../definition.js';
import { formatMoney } from '../validation/money.js';
import { amountField, contractField, contractSchema, currencyField } from './shared/fields.js';
import { defineForm, enumSchema, optionsOf, type FieldSpec, type PayloadOf } from './shared/form-kit.js';
import { lowerFirst } from './shared/masking.js';

const VENUES = ['stock_market', 'derivatives', 'fx_market', 'sub_account'] as const;
type Venue = (typeof VENUES)[number];

const VENUE_LABELS = {
  stock_market: { ru: 'Фондовый рынок', en: 'Stock market' },
  derivatives: { ru: 'Срочный рынок', en: 'Derivatives market' },
  fx_market: { ru: 'Валютный рынок', en: 'FX market' },
  sub_account: { ru: 'Другой субсчёт', en: 'Another sub-account' },
} as const;

const venueOptions = optionsOf(VENUES, VENUE_LABELS);

const specs = {
  contract: contractField,
  from: {
    kind: 'enum',
    label: { ru: 'Откуда', en: 'From' },
    prompt: { ru: 'Откуда перевести средства?', en: 'Transfer from where?' },
    schema: enumSchema(VENUES),
    options: venueOptions,
  },
  to: {
    kind: 'enum',
    label: { ru: 'Куда', en: 'To' },
    prompt: { ru: 'Куда перевести средства?', en: 'Transfer to where?' },
    schema: enumSchema(VENUES),
    options: venueOptions,
  },
  subAccount: {
    kind: 'text',
    label: { ru: 'Другой субсчёт', en: 'The other sub-account' },
    prompt: { ru: 'Введите номер другого субсчёта', en: 'Enter the number of the other sub-account' },
    schema: contractSchema.optional(),
    when: (answers) => answers['from'] === 'sub_account' || answers['to'] === 'sub_account',
  },
  amount: amountField,
  currency: currencyField,
} satisfies Record<string, FieldSpec>;

export type InternalTransferPayload = PayloadOf<typeof specs>;

const form = defineForm(specs, [
  {
    reads: ['from', 'to'],
    field: 'to',
    message: 'same_account',
    holds: (p) => p.from !== p.to,
  },
]);

function venue(value: Venue, locale: 'ru' | 'en'): string {
  return lowerFirst(VENUE_LABELS[value][locale], locale);
}

/** Перевод между счетами и площадками, version 1. */
export const internalTransferV1: RequestTypeDefinition<InternalTransferPayload> = {
  code: 'internal_transfer',
  version: 1,
  title: { ru: 'Перевод между счетами и площадками', en: 'Transfer between accounts and markets' },
  fields: form.fields,
  schema: form.schema,
  summary: (p, locale) =>
    locale === 'ru'
      ? `перевод ${formatMoney(p.amount, p.currency, 'ru')}: ${venue(p.from, 'ru')} → ${venue(p.to, 'ru')}`
      : `transfer of ${formatMoney(p.amount, p.currency, 'en')}: ${venue(p.from, 'en')} → ${venue(p.to, 'en')}`,
  process: {
    stages: [
      {
        key: 'transfer',
        tasks: [
          {
            key: 'transfer',
            role: 'brokerage',
            title: { ru: 'Перевод в торговой системе', en: 'Transfer in the trading system' },
            checklist: [
              { key: 'free_balance_checked', ru: 'Свободный остаток проверен', en: 'Free balance checked' },
              {
                key: 'transfer_executed',
                ru: 'Перевод выполнен в торговой системе',
                en: 'Transfer executed in the trading system',
              },
            ],
            slaHours: 2,
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
            ],
            slaHours: 4,
          },
        ],
      },
    ],
    routing: [],
    // Money stays within the client's own accounts at the company.
    segregationOfDuties: false,
  },
};
