import { z } from 'zod';
import type { RequestTypeDefinition } from '../definition.js';
import { fieldIssue, type FieldIssues } from '../validation/issues.js';
import { yearOf } from '../validation/dates.js';
import { unlessMissing } from '../validation/messages.js';
import {
  defineForm,
  enumSchema,
  optionsOf,
  textSchema,
  type FieldSpec,
  type PayloadOf,
} from './shared/form-kit.js';

const KINDS = ['ndfl_2', 'losses', 'iis_deduction'] as const;
const DELIVERIES = ['electronic', 'paper'] as const;

/** The first tax year the company issues certificates for. */
const FIRST_YEAR = 2015;

const specs = {
  year: {
    kind: 'year',
    label: { ru: 'Год', en: 'Year' },
    prompt: { ru: 'За какой год нужна справка?', en: 'For which year?' },
    schema: z
      .number({ error: unlessMissing('year_not_whole') })
      .int('year_not_whole')
      .min(FIRST_YEAR, 'year_too_early'),
  },
  kind: {
    kind: 'enum',
    label: { ru: 'Вид справки', en: 'Certificate' },
    prompt: { ru: 'Выберите вид справки', en: 'Choose the certificate' },
    schema: enumSchema(KINDS),
    options: optionsOf(KINDS, {
      ndfl_2: { ru: '2-НДФЛ (доходы и удержанный налог)', en: '2-NDFL (income and tax withheld)' },
      losses: { ru: 'Справка об убытках', en: 'Loss carry-forward certificate' },
      iis_deduction: {
        ru: 'Справка для налогового вычета по ИИС',
        en: 'Certificate for the IIS tax deduction',
      },
    }),
  },
  delivery: {
    kind: 'enum',
    label: { ru: 'Способ получения', en: 'Delivery' },
    prompt: { ru: 'Как вы хотите получить справку?', en: 'How would you like to receive it?' },
    schema: enumSchema(DELIVERIES),
    options: optionsOf(DELIVERIES, {
      electronic: { ru: 'Электронно, в кабинет', en: 'Electronically, in the cabinet' },
      paper: { ru: 'На бумаге, почтой', en: 'On paper, by post' },
    }),
  },
  postalAddress: {
    kind: 'textarea',
    label: { ru: 'Почтовый адрес', en: 'Postal address' },
    prompt: { ru: 'Введите почтовый адрес с индексом', en: 'Enter the postal address with the postcode' },
    schema: textSchema(300).optional(),
    when: (answers) => answers['delivery'] === 'paper',
  },
} satisfies Record<string, FieldSpec>;

export type TaxCertificatePayload = PayloadOf<typeof specs>;

const form = defineForm(specs);

const KIND_SUMMARY = {
  ndfl_2: { ru: 'справка 2-НДФЛ', en: '2-NDFL certificate' },
  losses: { ru: 'справка об убытках', en: 'loss certificate' },
  iis_deduction: { ru: 'справка для вычета по ИИС', en: 'IIS deduction certificate' },
} as const;

/** Налоговая справка, version 1. */
export const taxCertificateV1: RequestTypeDefinition<TaxCertificatePayload> = {
  code: 'tax_certificate',
  version: 1,
  title: { ru: 'Налоговая справка', en: 'Tax certificate' },
  fields: form.fields,
  schema: form.schema,
  // A certificate covers a finished tax year.
  validateAt: (p, today): FieldIssues =>
    p.year > yearOf(today) - 1 ? { year: [fieldIssue('year_too_late')] } : {},
  summary: (p, locale) => {
    const paper = p.delivery === 'paper';
    return locale === 'ru'
      ? `${KIND_SUMMARY[p.kind].ru} за ${p.year} год${paper ? ', почтой' : ''}`
      : `${KIND_SUMMARY[p.kind].en} for ${p.year}${paper ? ', by post' : ''}`;
  },
  process: {
    stages: [
      {
        key: 'certificate',
        tasks: [
          {
            key: 'certificate',
            role: 'accountant',
            title: { ru: 'Подготовка справки', en: 'Preparing the certificate' },
            checklist: [
              { key: 'tax_base_checked', ru: 'Налоговая база проверена', en: 'Tax base checked' },
              {
                key: 'certificate_signed',
                ru: 'Справка сформирована и подписана',
                en: 'Certificate prepared and signed',
              },
              {
                key: 'certificate_sent',
                ru: 'Справка направлена клиенту',
                en: 'Certificate sent to the client',
              },
            ],
            slaHours: 72,
          },
        ],
      },
    ],
    routing: [],
    segregationOfDuties: false,
  },
};
