import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { CompanyRequisites } from '../config.js';
import { companyHeader, heading, labelled, PRINT_STYLES, printedValue } from '../documents/print-form.js';
import { renderDocument, siblingModule } from '../documents/pdf-worker.js';
import { catalog, formatDateTime, type Locale } from '../i18n/index.js';
import { applicableFields } from '../workflow/domain/form.js';
import { formatIsoDate, isIsoDate } from '../workflow/domain/validation/dates.js';
import { consentFor } from './questionnaire/consent.js';
import { QUESTIONNAIRES, type ApplicantKind } from './questionnaire/questionnaire.js';

/** What the questionnaire's PDF shows: pure data, so the same input gives the same bytes. */
export interface QuestionnairePrint {
  locale: Locale;
  company: CompanyRequisites;
  kind: ApplicantKind;
  number: string;
  answers: Record<string, unknown>;
  submittedAt: Date;
  contactsByEsia: boolean;
  prefilledFields: readonly string[];
  consentVersion: string;
}

/**
 * The submitted questionnaire as a document (issue 12 item 4): the company's header, the number and date, each
 * step's answers as a labelled table (fields from Gosuslugi marked), how the contacts were confirmed, and the
 * consent's text in the version the applicant agreed to. It goes to the client managers and the exchange folder.
 */
export function questionnaireDocument(input: QuestionnairePrint): TDocumentDefinitions {
  const { locale, company, kind, number, answers } = input;
  const t = catalog(locale).onboarding.pdf;
  const questionnaire = QUESTIONNAIRES[kind];
  const applicable = new Set(applicableFields(questionnaire, answers).map((field) => field.name));
  const fromEsia = new Set(input.prefilledFields);
  const value = (name: string): string => {
    const field = questionnaire.fields.find((f) => f.name === name);
    if (!field) return '—';
    const given = answers[name];
    const text =
      field.kind === 'checkbox'
        ? given === true
          ? t.yes
          : t.no
        : field.kind === 'date' && typeof given === 'string' && isIsoDate(given)
          ? formatIsoDate(given, locale)
          : printedValue(field, given, locale);
    return fromEsia.has(name) ? `${text} (${t.fromEsia})` : text;
  };
  const content: Content[] = [
    ...companyHeader(company, locale),
    { text: `${t.title} ${number}`, style: 'title' },
    labelled([
      [t.number, number],
      [t.kind, questionnaire.title[locale]],
      [t.submittedAt, formatDateTime(input.submittedAt, locale)],
      [t.contactsConfirmed, input.contactsByEsia ? t.byEsia : t.byCode],
    ]),
  ];
  for (const step of questionnaire.steps) {
    const rows = step.fields
      .filter((name) => applicable.has(name) && name !== 'consentPersonalData')
      .map((name) => {
        const field = questionnaire.fields.find((f) => f.name === name);
        return [field?.label[locale] ?? name, value(name)] as const;
      });
    if (rows.length === 0) continue;
    // A section's heading never ends a page without its table.
    content.push({ stack: [heading(step.title[locale]), labelled(rows)], unbreakable: rows.length <= 12 });
  }
  content.push({
    stack: [
      heading(t.consent(input.consentVersion)),
      { text: `${consentFor(company).text[locale]} — ${t.given}.`, style: 'value' },
    ],
    unbreakable: true,
  });
  return {
    pageSize: 'A4',
    pageMargins: [40, 36, 40, 48],
    info: {
      title: `${t.title} ${number}`,
      author: company.name,
      creator: company.name,
      producer: 'Kabinet',
      creationDate: input.submittedAt,
      modDate: input.submittedAt,
    },
    footer: (page: number, pages: number) => ({
      columns: [
        { text: `${company.name} · ${number} · ${t.footer}`, style: 'footer' },
        { text: catalog(locale).documents.page(page, pages), style: 'footer', alignment: 'right' },
      ],
      margin: [40, 16, 40, 0],
    }),
    content,
    ...PRINT_STYLES,
  };
}

/** The questionnaire's PDF, rendered off the event loop (documents/pdf-worker.ts). */
export async function renderQuestionnairePdf(input: QuestionnairePrint): Promise<Buffer> {
  return renderDocument({
    module: siblingModule(import.meta.url, 'application-pdf'),
    build: 'questionnaireDocument',
    input,
  });
}
