import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { CompanyRequisites } from '../config.js';
import { catalog, formatDateTime, formatDecimal, type Locale } from '../i18n/index.js';
import { applicableFields } from '../workflow/domain/form.js';
import { getRequestType } from '../workflow/domain/types/index.js';
import type { FieldDef, RequestTypeDefinition } from '../workflow/domain/index.js';

/** One line of "how the request went", already in the reader's words. */
export interface OutcomeLine {
  at: Date;
  text: string;
}

/** The signature record as the form prints it: never the full phone. */
export interface PrintedSignature {
  signedAt: Date;
  channel: 'web' | 'bot' | 'api';
  maskedPhone: string;
  /** SHA-256 of the document that was signed (the form rendered at submit). */
  documentHash: string;
  /** The public check of this form: its short code and the page's address (also as a QR code). */
  verification?: { code: string; url: string } | null;
}

/** Everything a print form shows (DESIGN §11). Pure data: building the document reads nothing else. */
export interface PrintFormInput {
  locale: Locale;
  company: CompanyRequisites;
  definition: RequestTypeDefinition;
  request: {
    number: string;
    status: string;
    payload: Record<string, unknown>;
    createdAt: Date;
    submittedAt: Date | null;
    closedAt: Date | null;
  };
  client: { name: string; kind: 'individual' | 'sole_proprietor' | 'legal_entity'; contractNumber: string };
  /** The process so far, in the audience's words (a client's copy never names internal checks). */
  outcome: readonly OutcomeLine[];
  signature: PrintedSignature | null;
  /** Awaiting the signature: where the code went (the document the client signs says so). */
  pendingSignature?: { maskedPhone: string } | null;
  /** A draft's preview: marked on every page as not an instruction. */
  preview: boolean;
  /** The document's moment (its creation date inside the PDF): fixed, so the same input gives the same bytes. */
  renderedAt: Date;
}

/** A field's value as the form prints it: options by their labels, money as in the SMS, everything in full. */
export function printedValue(field: FieldDef, value: unknown, locale: Locale): string {
  if (value === undefined || value === null || value === '') return '—';
  const text =
    typeof value === 'string' ? value : typeof value === 'number' ? String(value) : JSON.stringify(value);
  if (field.kind === 'enum') return field.options?.find((o) => o.value === text)?.label[locale] ?? text;
  if (field.kind === 'decimal') return formatDecimal(text, locale);
  return text;
}

type Margins = [number, number, number, number];

const NAVY = '#16295c';
const GREY = '#5c6370';
const RULE = '#c9ced6';

export function labelled(rows: readonly (readonly [string, string])[]): Content {
  return {
    table: {
      widths: [170, '*'],
      body: rows.map(([label, value]) => [
        { text: label, style: 'label' },
        { text: value, style: 'value' },
      ]),
    },
    layout: {
      hLineWidth: () => 0.5,
      vLineWidth: () => 0,
      hLineColor: () => RULE,
      paddingTop: () => 3,
      paddingBottom: () => 3,
      paddingLeft: () => 0,
    },
    margin: [0, 0, 0, 8],
  };
}

export const heading = (text: string): Content => ({ text, style: 'heading' });

/** Status words start a table cell: "исполнена" → "Исполнена". */
export const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The print form of a request (pdfmake document definition): the company's requisites, the title and number,
 * dates, the client, the type's fields as a labelled table, the progress, and the signature block. A4 with page
 * numbers; a preview is watermarked.
 */
export function printFormDocument(input: PrintFormInput): TDocumentDefinitions {
  const { locale, company, definition, request } = input;
  const t = catalog(locale).documents;
  const when = (at: Date | null) => (at ? formatDateTime(at, locale) : '—');
  const title = definition.title[locale];
  const fields = applicableFields(definition, request.payload).map(
    (field) => [field.label[locale], printedValue(field, request.payload[field.name], locale)] as const,
  );
  const statusWords = capitalised(
    (catalog(locale).status as Record<string, string>)[request.status] ?? request.status,
  );
  const content: Content[] = [
    ...companyHeader(company, locale),
    { text: t.formTitle(title, request.number), style: 'title' },
    labelled([
      [t.dates.status, statusWords],
      [t.dates.created, when(request.createdAt)],
      [t.dates.submitted, when(request.submittedAt)],
      ...(request.closedAt ? [[t.dates.closed, when(request.closedAt)] as const] : []),
    ]),
    heading(t.clientHeading),
    labelled([
      [t.client.name, input.client.name],
      [t.client.kind, t.clientKinds[input.client.kind]],
      [t.client.contract, input.client.contractNumber],
    ]),
    heading(t.fieldsHeading),
    labelled(fields),
  ];
  if (!input.preview && !input.pendingSignature) {
    content.push(heading(t.outcomeHeading));
    content.push(
      input.outcome.length === 0
        ? { text: t.outcomeEmpty, style: 'value', margin: [0, 0, 0, 12] }
        : labelled(input.outcome.map((line) => [formatDateTime(line.at, locale), line.text] as const)),
    );
  }
  const signature = input.signature;
  const block: Content = signature
    ? {
        table: {
          widths: [170, '*'],
          body: [
            [
              { text: t.signature.kind, style: 'label' },
              { text: t.signature.simple, style: 'value' },
            ],
            [
              { text: t.signature.phone, style: 'label' },
              { text: signature.maskedPhone, style: 'value' },
            ],
            [
              { text: t.signature.signedAt, style: 'label' },
              { text: when(signature.signedAt), style: 'value' },
            ],
            [
              { text: t.signature.channel, style: 'label' },
              { text: t.channels[signature.channel], style: 'value' },
            ],
            [
              { text: t.signature.hash, style: 'label' },
              { text: signature.documentHash, style: 'hash' },
            ],
            ...(signature.verification
              ? [
                  [
                    { qr: signature.verification.url, fit: 72, margin: [0, 2, 0, 2] as Margins },
                    {
                      stack: [
                        { text: t.signature.verifyCode(signature.verification.code), bold: true },
                        { text: t.signature.verifyHow(signature.verification.url), style: 'label' },
                      ],
                      margin: [0, 10, 0, 0] as Margins,
                    },
                  ],
                ]
              : []),
          ],
        },
        layout: {
          hLineWidth: (i: number, node: { table: { body: unknown[] } }) =>
            i === 0 || i === node.table.body.length ? 1 : 0.5,
          vLineWidth: (i: number) => (i === 0 || i === 2 ? 1 : 0),
          hLineColor: () => NAVY,
          vLineColor: () => NAVY,
          paddingTop: () => 5,
          paddingBottom: () => 5,
        },
      }
    : input.pendingSignature
      ? { text: t.signature.pending(input.pendingSignature.maskedPhone), style: 'value' }
      : { text: input.preview ? t.preview : t.notSigned, style: 'value' };
  // The signature block never starts on one page and ends on the next.
  content.push({ stack: [heading(t.signatureHeading), block], unbreakable: true });
  return {
    pageSize: 'A4',
    pageMargins: [40, 36, 40, 48],
    info: {
      title: t.formTitle(title, request.number),
      author: company.name,
      creator: company.name,
      producer: 'Kabinet',
      creationDate: input.renderedAt,
      modDate: input.renderedAt,
    },
    ...(input.preview
      ? {
          watermark: {
            text: t.preview.split(' — ')[0] ?? t.preview,
            color: '#b00020',
            opacity: 0.12,
            bold: true,
          },
        }
      : {}),
    footer: (page: number, pages: number) => ({
      columns: [
        { text: `${company.name} · ${request.number}`, style: 'footer' },
        { text: t.page(page, pages), style: 'footer', alignment: 'right' },
      ],
      margin: [40, 16, 40, 0],
    }),
    content,
    ...PRINT_STYLES,
  };
}

/** The house style of every printed document (request forms, questionnaires). */
export const PRINT_STYLES = {
  defaultStyle: { font: 'Roboto', fontSize: 9.5, lineHeight: 1.15, color: '#1f2430' },
  styles: {
    company: { fontSize: 13, bold: true, color: NAVY },
    requisites: { fontSize: 8.5, color: GREY },
    title: { fontSize: 14, bold: true, color: NAVY, margin: [0, 12, 0, 8] as Margins },
    heading: { fontSize: 11, bold: true, color: NAVY, margin: [0, 4, 0, 3] as Margins },
    label: { color: GREY },
    value: {},
    hash: { fontSize: 8.5, characterSpacing: 0.2 },
    footer: { fontSize: 8, color: GREY },
  },
} satisfies Pick<TDocumentDefinitions, 'defaultStyle' | 'styles'>;

/** The company's block at the top of every printed document, ruled off in navy. */
export function companyHeader(company: CompanyRequisites, locale: Locale): Content[] {
  const t = catalog(locale).documents;
  return [
    {
      columns: [
        [
          { text: company.name, style: 'company' },
          { text: t.licence(company.licence), style: 'requisites' },
          { text: t.innOgrn(company.inn, company.ogrn), style: 'requisites' },
          { text: company.address, style: 'requisites' },
        ],
      ],
      margin: [0, 0, 0, 8],
    },
    { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 515, y2: 0, lineWidth: 1.5, lineColor: NAVY }] },
  ];
}

/** The print form from plain data (the PDF worker's builder): the request type named by code and version. */
export function printFormFor(
  input: Omit<PrintFormInput, 'definition'> & { type: string; typeVersion: number },
): TDocumentDefinitions {
  const { type, typeVersion, ...rest } = input;
  return printFormDocument({ ...rest, definition: getRequestType(type, typeVersion) });
}
