import type { ExportKind } from '../export.entity.js';

/** The namespace of the exchange's documents (docs/exchange/kabinet-exchange-1.xsd). */
export const EXCHANGE_NAMESPACE = 'urn:kabinet:exchange:1';

export interface ExportedClient {
  id: string;
  kind: string;
  name: string;
  inn: string;
  ogrn: string | null;
  kpp: string | null;
  contractNumber: string;
  address: string | null;
  email: string | null;
  phone: string | null;
}

export interface ExportedField {
  name: string;
  kind: string;
  label: string;
  /** The value as the machine reads it: a decimal with a point, an ISO date, an enum's code. */
  value: string;
  /** An enum value's words, for the operator reading the record. */
  valueLabel?: string | undefined;
}

export interface ExportedRequest {
  id: string;
  number: string;
  type: string;
  typeVersion: number;
  title: string;
  status: string;
  submittedAt: Date | null;
  closedAt: Date | null;
  signature: { signedAt: Date; payloadHash: string; printFormHash: string | null } | null;
  fields: readonly ExportedField[];
}

/** Everything one export file says; assembled from the database by the exchange, rendered here (pure). */
export interface ExportDocument {
  eventId: string;
  attempt: number;
  kind: ExportKind;
  occurredAt: Date;
  sender: { inn: string; name: string };
  client: ExportedClient;
  request: ExportedRequest | null;
}

/** The file's name: the event id and the attempt, so a rewrite of the same attempt is the same file. */
export function exportFileName(kind: ExportKind, eventId: string, attempt: number): string {
  return `${kind}_${eventId}_${String(attempt)}.xml`;
}

export const escapeText = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    // Characters XML 1.0 cannot carry at all: dropped rather than making a file the back office refuses.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');

const escapeAttribute = (text: string): string =>
  escapeText(text)
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');

export function attributes(values: Record<string, string | number | null | undefined>): string {
  return Object.entries(values)
    .filter((entry): entry is [string, string | number] => entry[1] !== null && entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeAttribute(String(value))}"`)
    .join('');
}

const element = (name: string, text: string | null, indent: string): string[] =>
  text === null ? [] : [`${indent}<${name}>${escapeText(text)}</${name}>`];

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

function clientLines(client: ExportedClient): string[] {
  return [
    `  <Client${attributes({
      id: client.id,
      kind: client.kind,
      contract: client.contractNumber,
      inn: client.inn,
      ogrn: client.ogrn,
      kpp: client.kpp,
    })}>`,
    ...element('Name', client.name, '    '),
    ...element('Address', client.address, '    '),
    ...element('Email', client.email, '    '),
    ...element('Phone', client.phone, '    '),
    '  </Client>',
  ];
}

function requestLines(request: ExportedRequest): string[] {
  const lines = [
    `  <Request${attributes({
      id: request.id,
      number: request.number,
      type: request.type,
      typeVersion: request.typeVersion,
      status: request.status,
    })}>`,
    ...element('Title', request.title, '    '),
    ...element('SubmittedAt', iso(request.submittedAt), '    '),
    ...element('ClosedAt', iso(request.closedAt), '    '),
  ];
  if (request.signature)
    lines.push(
      `    <Signature${attributes({
        signedAt: request.signature.signedAt.toISOString(),
        payloadHash: request.signature.payloadHash,
        printFormHash: request.signature.printFormHash,
      })}/>`,
    );
  lines.push('    <Fields>');
  for (const field of request.fields)
    lines.push(
      `      <Field${attributes({
        name: field.name,
        kind: field.kind,
        label: field.label,
        valueLabel: field.valueLabel,
      })}>${escapeText(field.value)}</Field>`,
    );
  lines.push('    </Fields>', '  </Request>');
  return lines;
}

/** The export as UTF-8 XML, byte for byte the same for the same document (so a rewrite changes nothing). */
export function renderExportXml(doc: ExportDocument): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<KabinetExport${attributes({
      xmlns: EXCHANGE_NAMESPACE,
      version: 1,
      eventId: doc.eventId,
      attempt: doc.attempt,
      kind: doc.kind,
      occurredAt: doc.occurredAt.toISOString(),
    })}>`,
    `  <Sender${attributes({ inn: doc.sender.inn, name: doc.sender.name })}/>`,
    ...clientLines(doc.client),
    ...(doc.request ? requestLines(doc.request) : []),
    '</KabinetExport>',
    '',
  ].join('\n');
}
