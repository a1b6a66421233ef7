import type { CompanyRequisites } from '../config.js';
import { ClientSchema } from '../clients/client.entity.js';
import type { Em } from '../db/orm.js';
import { SignatureSchema } from '../identity/signature.entity.js';
import { applicableFields } from '../workflow/domain/form.js';
import { getRequestType } from '../workflow/domain/types/index.js';
import { RequestSchema } from '../workflow/request.entity.js';
import type { ExportKind } from './export.entity.js';
import type { ExportDocument, ExportedField, ExportedRequest } from './fansy/export-xml.js';

export interface ExportSubject {
  eventId: string;
  attempt: number;
  kind: ExportKind;
  occurredAt: Date;
  clientId: string;
  requestId: string | null;
}

/** A payload value as a machine reads it: strings as they are, numbers in full, anything else as JSON. */
const machineValue = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : JSON.stringify(value);

async function exportedRequest(em: Em, requestId: string): Promise<ExportedRequest> {
  const row = await em.findOneOrFail(RequestSchema, { id: requestId });
  const definition = getRequestType(row.typeCode, row.typeVersion);
  const signature = await em.findOne(
    SignatureSchema,
    { requestId },
    { orderBy: { signedAt: 'desc', id: 'desc' } },
  );
  const fields: ExportedField[] = [];
  for (const field of applicableFields(definition, row.payload)) {
    const value = row.payload[field.name];
    if (value === undefined || value === null || value === '') continue;
    const text = machineValue(value);
    fields.push({
      name: field.name,
      kind: field.kind,
      label: field.label.ru,
      value: text,
      valueLabel:
        field.kind === 'enum' ? field.options?.find((option) => option.value === text)?.label.ru : undefined,
    });
  }
  return {
    id: row.id,
    number: row.number,
    type: row.typeCode,
    typeVersion: row.typeVersion,
    title: definition.title.ru,
    status: row.status,
    submittedAt: row.submittedAt ?? null,
    closedAt: row.closedAt ?? null,
    signature: signature
      ? {
          signedAt: signature.signedAt,
          payloadHash: signature.payloadHash,
          printFormHash: signature.printFormHash ?? null,
        }
      : null,
    fields,
  };
}

/**
 * Reads what an export says from the database as it stands now (a re-export after a fix carries the fixed data;
 * the event's own time and id stay those of the event).
 */
export async function assembleExport(
  em: Em,
  subject: ExportSubject,
  company: CompanyRequisites,
): Promise<ExportDocument> {
  const client = await em.findOneOrFail(ClientSchema, { id: subject.clientId });
  return {
    eventId: subject.eventId,
    attempt: subject.attempt,
    kind: subject.kind,
    occurredAt: subject.occurredAt,
    sender: { inn: company.inn, name: company.name },
    client: {
      id: client.id,
      kind: client.kind,
      name: client.name,
      inn: client.inn,
      ogrn: client.ogrn ?? null,
      kpp: client.kpp ?? null,
      contractNumber: client.contractNumber,
      address: client.address ?? null,
      email: client.email ?? null,
      phone: client.phone ?? null,
    },
    request: subject.requestId ? await exportedRequest(em, subject.requestId) : null,
  };
}
