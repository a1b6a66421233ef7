import type { ValidationCode } from '../validation/issues.js';
import { z } from 'zod';
import type { Payload, RequestTypeDefinition } from '../definition.js';
import { fieldIssue, type FieldIssues } from '../validation/issues.js';
import { isoDateSchema } from '../validation/dates.js';
import { unlessMissing } from '../validation/messages.js';
import { reasonField } from './shared/fields.js';
import {
  defineForm,
  enumSchema,
  optionsOf,
  textSchema,
  type FieldSpec,
  type PayloadOf,
} from './shared/form-kit.js';
import { lowerFirst, maskTail } from './shared/masking.js';

const CHANGES = [
  'identity_document',
  'full_name',
  'registration_address',
  'actual_address',
  'tax_residency',
] as const;

const CHANGE_LABELS = {
  identity_document: { ru: 'Документ, удостоверяющий личность', en: 'Identity document' },
  full_name: { ru: 'ФИО', en: 'Full name' },
  registration_address: { ru: 'Адрес регистрации', en: 'Registration address' },
  actual_address: { ru: 'Фактический адрес', en: 'Actual address' },
  tax_residency: { ru: 'Налоговое резидентство', en: 'Tax residency' },
} as const;

/*
 * One change per request. A change of name comes with a new passport, so both ask for the new document.
 * The document is a Russian passport (series, number, division code); contacts (phone, email) are changed in
 * the profile with their own confirmation, not by this request.
 */
const documentChanges = (answers: Payload): boolean =>
  answers['change'] === 'identity_document' || answers['change'] === 'full_name';
const addressChanges = (answers: Payload): boolean =>
  answers['change'] === 'registration_address' || answers['change'] === 'actual_address';

/** Digits typed with spaces ("45 10") are read without them. */
function digitsSchema(count: number, message: ValidationCode) {
  return z
    .string({ error: unlessMissing(message) })
    .transform((value) => value.replace(/\s/g, ''))
    .refine((value) => new RegExp(`^\\d{${count}}$`).test(value), message);
}

const specs = {
  change: {
    kind: 'enum',
    label: { ru: 'Что изменилось', en: 'What changed' },
    prompt: { ru: 'Что изменилось?', en: 'What has changed?' },
    schema: enumSchema(CHANGES),
    options: optionsOf(CHANGES, CHANGE_LABELS),
  },
  newFullName: {
    kind: 'text',
    label: { ru: 'Новые ФИО', en: 'New full name' },
    prompt: { ru: 'Введите новые фамилию, имя и отчество', en: 'Enter the new full name' },
    schema: textSchema(200).optional(),
    when: (answers) => answers['change'] === 'full_name',
  },
  documentSeries: {
    restricted: 'identity_document',
    kind: 'text',
    label: { ru: 'Серия паспорта', en: 'Passport series' },
    prompt: { ru: 'Введите серию паспорта (4 цифры)', en: 'Enter the passport series (4 digits)' },
    schema: digitsSchema(4, 'passport_series_format').optional(),
    when: documentChanges,
  },
  documentNumber: {
    restricted: 'identity_document',
    kind: 'text',
    label: { ru: 'Номер паспорта', en: 'Passport number' },
    prompt: { ru: 'Введите номер паспорта (6 цифр)', en: 'Enter the passport number (6 digits)' },
    schema: digitsSchema(6, 'passport_number_format').optional(),
    when: documentChanges,
  },
  documentIssueDate: {
    kind: 'date',
    label: { ru: 'Дата выдачи', en: 'Date of issue' },
    prompt: { ru: 'Введите дату выдачи паспорта (ДД.ММ.ГГГГ)', en: 'Enter the date of issue (YYYY-MM-DD)' },
    schema: isoDateSchema.optional(),
    when: documentChanges,
  },
  documentIssuer: {
    kind: 'text',
    label: { ru: 'Кем выдан', en: 'Issued by' },
    prompt: { ru: 'Кем выдан паспорт?', en: 'Who issued the passport?' },
    schema: textSchema(300).optional(),
    when: documentChanges,
  },
  documentDivisionCode: {
    kind: 'text',
    label: { ru: 'Код подразделения', en: 'Division code' },
    prompt: { ru: 'Введите код подразделения (000-000)', en: 'Enter the division code (000-000)' },
    schema: z
      .string({ error: unlessMissing('division_code_format') })
      .trim()
      .regex(/^\d{3}-?\d{3}$/, 'division_code_format')
      .transform((value) => `${value.slice(0, 3)}-${value.slice(-3)}`)
      .optional(),
    when: documentChanges,
  },
  newAddress: {
    kind: 'textarea',
    label: { ru: 'Новый адрес', en: 'New address' },
    prompt: { ru: 'Введите новый адрес с индексом', en: 'Enter the new address with the postcode' },
    schema: textSchema(500).optional(),
    when: addressChanges,
  },
  taxResidency: {
    kind: 'text',
    label: { ru: 'Страны налогового резидентства', en: 'Countries of tax residency' },
    prompt: {
      ru: 'Укажите страну (страны) налогового резидентства',
      en: 'Enter the country (countries) of tax residency',
    },
    schema: textSchema(200).optional(),
    when: (answers) => answers['change'] === 'tax_residency',
  },
  reason: reasonField,
} satisfies Record<string, FieldSpec>;

export type PersonalDataChangePayload = PayloadOf<typeof specs>;

const form = defineForm(specs);

function summary(p: PersonalDataChangePayload, locale: 'ru' | 'en'): string {
  const what = lowerFirst(CHANGE_LABELS[p.change][locale], locale);
  // Only the last 4 digits of the passport number, never the whole document.
  const document =
    p.documentNumber === undefined
      ? ''
      : `, ${locale === 'ru' ? 'паспорт' : 'passport'} ${maskTail(p.documentNumber)}`;
  return locale === 'ru'
    ? `изменение анкетных данных: ${what}${document}`
    : `personal data change: ${what}${document}`;
}

/** Изменение анкетных данных, version 1. */
export const personalDataChangeV1: RequestTypeDefinition<PersonalDataChangePayload> = {
  code: 'personal_data_change',
  version: 1,
  title: { ru: 'Изменение анкетных данных', en: 'Change of personal data' },
  fields: form.fields,
  schema: form.schema,
  validateAt: (p, today): FieldIssues =>
    p.documentIssueDate !== undefined && p.documentIssueDate > today
      ? { documentIssueDate: [fieldIssue('issue_date_in_future')] }
      : {},
  summary,
  process: {
    stages: [
      {
        key: 'questionnaire',
        tasks: [
          {
            key: 'questionnaire_update',
            role: 'back_office',
            title: { ru: 'Обновление анкеты клиента', en: "Updating the client's questionnaire" },
            checklist: [
              {
                key: 'supporting_documents_checked',
                ru: 'Подтверждающие документы проверены',
                en: 'Supporting documents checked',
              },
              {
                key: 'client_questionnaire_updated',
                ru: 'Анкета клиента обновлена',
                en: "Client's questionnaire updated",
              },
            ],
            slaHours: 8,
          },
        ],
      },
      {
        key: 'checks',
        tasks: [
          {
            key: 'reidentification',
            role: 'fin_monitoring',
            title: { ru: 'Повторная идентификация (115-ФЗ)', en: 'Re-identification (115-FZ)' },
            checklist: [
              {
                key: 'client_reidentified',
                ru: 'Повторная идентификация проведена (115-ФЗ)',
                en: 'Client re-identified (115-FZ)',
              },
              {
                key: 'client_screened_against_lists',
                ru: 'Клиент проверен по перечням',
                en: 'Client screened against the lists',
              },
            ],
            slaHours: 8,
          },
          {
            key: 'depositor_questionnaire',
            role: 'depositary',
            title: { ru: 'Обновление анкеты депонента', en: "Updating the depositor's questionnaire" },
            checklist: [
              {
                key: 'depositor_questionnaire_updated',
                ru: 'Анкета депонента обновлена',
                en: "Depositor's questionnaire updated",
              },
            ],
            slaHours: 8,
          },
        ],
      },
    ],
    routing: [],
    segregationOfDuties: false,
  },
};
