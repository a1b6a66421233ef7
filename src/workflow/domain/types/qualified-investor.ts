import type { RequestTypeDefinition } from '../definition.js';
import {
  defineForm,
  enumSchema,
  optionsOf,
  textSchema,
  type FieldSpec,
  type PayloadOf,
} from './shared/form-kit.js';
import { lowerFirst } from './shared/masking.js';

const CRITERIA = [
  'assets',
  'transactions_experience',
  'professional_experience',
  'education',
  'turnover',
] as const;

const CRITERION_LABELS = {
  assets: { ru: 'Активы от 24 млн ₽', en: 'Assets of 24 million RUB or more' },
  transactions_experience: { ru: 'Опыт совершения сделок', en: 'Experience of transactions' },
  professional_experience: { ru: 'Профессиональный опыт', en: 'Professional experience' },
  education: { ru: 'Образование или сертификат', en: 'Education or certificate' },
  turnover: { ru: 'Оборот по сделкам', en: 'Transaction turnover' },
} as const;

const specs = {
  criterion: {
    kind: 'enum',
    label: { ru: 'Критерий', en: 'Criterion' },
    prompt: { ru: 'По какому критерию вы соответствуете?', en: 'Which criterion do you meet?' },
    schema: enumSchema(CRITERIA),
    options: optionsOf(CRITERIA, CRITERION_LABELS),
  },
  documents: {
    kind: 'textarea',
    label: { ru: 'Подтверждающие документы', en: 'Supporting documents' },
    prompt: {
      ru: 'Перечислите документы, подтверждающие соответствие критерию',
      en: 'List the documents that prove you meet the criterion',
    },
    schema: textSchema(2000),
  },
} satisfies Record<string, FieldSpec>;

export type QualifiedInvestorPayload = PayloadOf<typeof specs>;

const form = defineForm(specs);

/** Признание квалифицированным инвестором, version 1. */
export const qualifiedInvestorV1: RequestTypeDefinition<QualifiedInvestorPayload> = {
  code: 'qualified_investor',
  version: 1,
  title: { ru: 'Признание квалифицированным инвестором', en: 'Qualified investor status' },
  fields: form.fields,
  schema: form.schema,
  summary: (p, locale) =>
    locale === 'ru'
      ? `признание квалифицированным инвестором: ${lowerFirst(CRITERION_LABELS[p.criterion].ru, 'ru')}`
      : `qualified investor status: ${lowerFirst(CRITERION_LABELS[p.criterion].en, 'en')}`,
  process: {
    stages: [
      {
        key: 'documents',
        tasks: [
          {
            key: 'documents_check',
            role: 'back_office',
            title: { ru: 'Проверка документов', en: 'Checking the documents' },
            checklist: [
              { key: 'documents_checked', ru: 'Документы проверены', en: 'Documents checked' },
              {
                key: 'criterion_confirmed',
                ru: 'Соответствие критерию подтверждено',
                en: 'Criterion confirmed',
              },
            ],
            slaHours: 40,
            approvals: 2,
          },
        ],
      },
      {
        key: 'registration',
        tasks: [
          {
            key: 'register_and_access',
            role: 'brokerage',
            title: { ru: 'Реестр и доступ к инструментам', en: 'Register and access to instruments' },
            checklist: [
              {
                key: 'added_to_qualified_register',
                ru: 'Клиент внесён в реестр квалифицированных инвесторов',
                en: 'Client added to the register of qualified investors',
              },
              {
                key: 'qualified_instruments_access_opened',
                ru: 'Доступ к инструментам для квалифицированных инвесторов открыт',
                en: 'Access to instruments for qualified investors opened',
              },
            ],
            slaHours: 8,
          },
        ],
      },
    ],
    routing: [],
    // Status opens riskier instruments: those who confirmed the criterion must not also open the access.
    segregationOfDuties: true,
  },
};
