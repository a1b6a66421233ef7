import type { RequestTypeDefinition } from '../definition.js';
import { bankDetailsFields, bankDetailsRules } from './shared/bank-details.js';
import { reasonField } from './shared/fields.js';
import { defineForm, type FieldSpec, type PayloadOf } from './shared/form-kit.js';
import { maskTail } from './shared/masking.js';

const specs = {
  ...bankDetailsFields,
  reason: reasonField,
} satisfies Record<string, FieldSpec>;

export type BankDetailsChangePayload = PayloadOf<typeof specs>;

const form = defineForm(specs, bankDetailsRules<BankDetailsChangePayload>());

/** Изменение банковских реквизитов, version 1. */
export const bankDetailsChangeV1: RequestTypeDefinition<BankDetailsChangePayload> = {
  code: 'bank_details_change',
  version: 1,
  title: { ru: 'Изменение банковских реквизитов', en: 'Change of bank details' },
  fields: form.fields,
  schema: form.schema,
  summary: (p, locale) =>
    locale === 'ru'
      ? `новые банковские реквизиты: счёт ${maskTail(p.recipientAccount)}`
      : `new bank details: account ${maskTail(p.recipientAccount)}`,
  process: {
    stages: [
      {
        key: 'checks',
        tasks: [
          {
            key: 'details_update',
            role: 'back_office',
            title: { ru: 'Внесение реквизитов', en: 'Entering the bank details' },
            checklist: [
              {
                key: 'details_entered',
                ru: 'Новые реквизиты внесены в учётную систему',
                en: 'New bank details entered in the accounting system',
              },
            ],
            slaHours: 8,
          },
          {
            key: 'details_check',
            role: 'fin_monitoring',
            title: { ru: 'Проверка реквизитов (115-ФЗ)', en: 'AML/CFT check of the bank details' },
            checklist: [
              {
                key: 'details_belong_to_client',
                ru: 'Реквизиты принадлежат клиенту',
                en: 'Bank details belong to the client',
              },
              {
                key: 'recipient_bank_checked',
                ru: 'Банк получателя проверен',
                en: "Recipient's bank checked",
              },
            ],
            slaHours: 4,
          },
        ],
      },
    ],
    routing: [],
    segregationOfDuties: false,
  },
};
