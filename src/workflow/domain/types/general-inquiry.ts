import type { RequestTypeDefinition } from '../definition.js';
import {
  defineForm,
  enumSchema,
  optionsOf,
  textSchema,
  type FieldSpec,
  type PayloadOf,
} from './shared/form-kit.js';
import { clip, lowerFirst } from './shared/masking.js';

const CATEGORIES = ['question', 'complaint', 'other'] as const;

const CATEGORY_LABELS = {
  question: { ru: 'Вопрос', en: 'Question' },
  complaint: { ru: 'Жалоба', en: 'Complaint' },
  other: { ru: 'Другое', en: 'Other' },
} as const;

/** SLA of an answer: a complaint has fifteen working days (120 working hours), anything else a day. */
export const COMPLAINT_SLA_HOURS = 120;
export const INQUIRY_SLA_HOURS = 24;

const specs = {
  category: {
    kind: 'enum',
    label: { ru: 'Категория', en: 'Category' },
    prompt: { ru: 'Выберите категорию обращения', en: 'Choose the category' },
    schema: enumSchema(CATEGORIES),
    options: optionsOf(CATEGORIES, CATEGORY_LABELS),
  },
  subject: {
    kind: 'text',
    label: { ru: 'Тема', en: 'Subject' },
    prompt: {
      ru: 'Введите тему обращения (до 200 символов)',
      en: 'Enter the subject (up to 200 characters)',
    },
    schema: textSchema(200),
  },
  text: {
    kind: 'textarea',
    label: { ru: 'Текст обращения', en: 'Text' },
    prompt: { ru: 'Опишите вопрос (до 4000 символов)', en: 'Describe your request (up to 4,000 characters)' },
    schema: textSchema(4000),
  },
} satisfies Record<string, FieldSpec>;

export type GeneralInquiryPayload = PayloadOf<typeof specs>;

const form = defineForm(specs);

/** Обращение, version 1. */
export const generalInquiryV1: RequestTypeDefinition<GeneralInquiryPayload> = {
  code: 'general_inquiry',
  version: 1,
  title: { ru: 'Обращение', en: 'Inquiry' },
  fields: form.fields,
  schema: form.schema,
  summary: (p, locale) =>
    `${lowerFirst(CATEGORY_LABELS[p.category][locale], locale)}: ${clip(p.subject, 80)}`,
  process: {
    stages: [
      {
        key: 'answer',
        tasks: [
          {
            key: 'answer',
            role: 'client_manager',
            title: { ru: 'Ответ на обращение', en: 'Answering the inquiry' },
            checklist: [
              { key: 'answer_prepared', ru: 'Ответ подготовлен', en: 'Answer prepared' },
              { key: 'answer_sent', ru: 'Ответ направлен клиенту', en: 'Answer sent to the client' },
            ],
            slaHours: (payload) =>
              payload['category'] === 'complaint' ? COMPLAINT_SLA_HOURS : INQUIRY_SLA_HOURS,
          },
        ],
      },
    ],
    routing: [],
    segregationOfDuties: false,
  },
};
