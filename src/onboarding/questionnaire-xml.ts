import { attributes, escapeText } from '../backoffice/fansy/export-xml.js';
import { sha256Hex } from '../documents/pdf.js';
import { applicableFields } from '../workflow/domain/form.js';
import { QUESTIONNAIRES, type ApplicantKind } from './questionnaire/questionnaire.js';

/** The namespace of a questionnaire file (docs/exchange/kabinet-questionnaire-1.xsd). */
export const QUESTIONNAIRE_NAMESPACE = 'urn:kabinet:questionnaire:1';

export interface QuestionnaireFile {
  id: string;
  number: string;
  kind: ApplicantKind;
  submittedAt: Date;
  consentVersion: string;
  contactsConfirmedBy: 'code' | 'esia';
  sender: { inn: string; name: string };
  answers: Record<string, unknown>;
  prefilledFields: readonly string[];
  pdf: Buffer;
}

/** One file per questionnaire, named by its number: writing it again (a retry) replaces it, never adds one. */
export function questionnaireFileName(number: string): string {
  return `questionnaire_${number}.xml`;
}

/**
 * The questionnaire for the back office (issue 12 item 4): the answers that apply as machine values (ISO dates,
 * option codes, true/false) with their Russian labels, and the PDF inside, with its SHA-256. Byte for byte the same
 * for the same questionnaire.
 */
export function renderQuestionnaireXml(file: QuestionnaireFile): string {
  const questionnaire = QUESTIONNAIRES[file.kind];
  const fromEsia = new Set(file.prefilledFields);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<KabinetQuestionnaire xmlns="${QUESTIONNAIRE_NAMESPACE}" version="1">`,
    `  <Sender${attributes({ inn: file.sender.inn, name: file.sender.name })}/>`,
    `  <Application${attributes({
      id: file.id,
      number: file.number,
      kind: file.kind,
      submittedAt: file.submittedAt.toISOString(),
      consentVersion: file.consentVersion,
      contactsConfirmedBy: file.contactsConfirmedBy,
    })}>`,
  ];
  for (const field of applicableFields(questionnaire, file.answers)) {
    const value = file.answers[field.name];
    if (value === undefined || value === null) continue;
    const option = field.options?.find((o) => o.value === value);
    lines.push(
      `    <Field${attributes({
        name: field.name,
        kind: field.kind,
        label: field.label.ru,
        valueLabel: option?.label.ru,
        source: fromEsia.has(field.name) ? 'esia' : undefined,
      })}>${escapeText(typeof value === 'string' ? value : String(value as boolean))}</Field>`,
    );
  }
  lines.push(
    '  </Application>',
    `  <Document${attributes({
      mediaType: 'application/pdf',
      fileName: `${file.number}.pdf`,
      sha256: sha256Hex(file.pdf),
    })}>${file.pdf.toString('base64')}</Document>`,
    '</KabinetQuestionnaire>',
    '',
  );
  return lines.join('\n');
}
