import type { RequestTypeDefinition } from '../definition.js';
import { fieldIssue, type FieldIssues } from '../validation/issues.js';
import { addYears, formatIsoDate, isoDateSchema } from '../validation/dates.js';
import { contractField } from './shared/fields.js';
import { defineForm, enumSchema, optionsOf, type FieldSpec, type PayloadOf } from './shared/form-kit.js';

const FORMATS = ['pdf', 'xlsx', 'xml'] as const;

/** How far back an electronic report may reach. */
const ELECTRONIC_DEPTH_YEARS = 3;

const specs = {
  contract: contractField,
  periodFrom: {
    kind: 'date',
    label: { ru: 'Период с', en: 'Period from' },
    prompt: { ru: 'Введите начало периода (ДД.ММ.ГГГГ)', en: 'Enter the start of the period (YYYY-MM-DD)' },
    schema: isoDateSchema,
  },
  periodTo: {
    kind: 'date',
    label: { ru: 'Период по', en: 'Period to' },
    prompt: { ru: 'Введите конец периода (ДД.ММ.ГГГГ)', en: 'Enter the end of the period (YYYY-MM-DD)' },
    schema: isoDateSchema,
  },
  format: {
    kind: 'enum',
    label: { ru: 'Формат', en: 'Format' },
    prompt: { ru: 'Выберите формат отчёта', en: 'Choose the report format' },
    schema: enumSchema(FORMATS),
    options: optionsOf(FORMATS, {
      pdf: { ru: 'PDF', en: 'PDF' },
      xlsx: { ru: 'XLSX', en: 'XLSX' },
      xml: { ru: 'XML', en: 'XML' },
    }),
  },
} satisfies Record<string, FieldSpec>;

export type BrokerReportPayload = PayloadOf<typeof specs>;

const form = defineForm(specs, [
  {
    reads: ['periodFrom', 'periodTo'],
    field: 'periodTo',
    message: 'period_reversed',
    holds: (p) => p.periodFrom <= p.periodTo,
  },
]);

function validateAt(p: BrokerReportPayload, today: string): FieldIssues {
  const errors: FieldIssues = {};
  if (p.periodTo > today) errors['periodTo'] = [fieldIssue('period_in_future')];
  if (p.periodFrom < addYears(today, -ELECTRONIC_DEPTH_YEARS)) {
    errors['periodFrom'] = [fieldIssue('period_too_old', { years: ELECTRONIC_DEPTH_YEARS })];
  }
  return errors;
}

/** Отчёт брокера, version 1. */
export const brokerReportV1: RequestTypeDefinition<BrokerReportPayload> = {
  code: 'broker_report',
  version: 1,
  title: { ru: 'Отчёт брокера', en: 'Broker report' },
  fields: form.fields,
  schema: form.schema,
  validateAt,
  summary: (p, locale) =>
    locale === 'ru'
      ? `отчёт брокера за ${formatIsoDate(p.periodFrom, 'ru')}–${formatIsoDate(p.periodTo, 'ru')}, ${p.format.toUpperCase()}`
      : `broker report for ${p.periodFrom} – ${p.periodTo}, ${p.format.toUpperCase()}`,
  process: {
    stages: [
      {
        key: 'report',
        tasks: [
          {
            key: 'report',
            role: 'back_office',
            title: { ru: 'Формирование отчёта', en: 'Preparing the report' },
            checklist: [
              { key: 'report_created', ru: 'Отчёт сформирован', en: 'Report created' },
              { key: 'report_sent', ru: 'Отчёт направлен клиенту', en: 'Report sent to the client' },
            ],
            slaHours: 24,
          },
        ],
      },
    ],
    routing: [],
    segregationOfDuties: false,
  },
};
