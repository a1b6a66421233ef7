import type { CommandType, Locale, RequestTypeDefinition } from '../domain/index.js';
import type { RequestRow } from '../request.entity.js';

/** What every audience reads of a request: its identity, form, status and what the reader may do now. */
export interface CommonRequestView {
  id: string;
  number: string;
  type: string;
  typeVersion: number;
  title: { ru: string; en: string };
  summary: { ru: string; en: string };
  status: string;
  clientId: string;
  createdBy: string;
  payload: Record<string, unknown>;
  payloadHash: string;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  closedAt: string | null;
  version: number;
  allowedActions: CommandType[];
}

export function commonRequestView(
  row: RequestRow,
  definition: RequestTypeDefinition,
  allowed: CommandType[],
): CommonRequestView {
  const summary = (locale: Locale): string => definition.summary(row.payload, locale);
  return {
    id: row.id,
    number: row.number,
    type: row.typeCode,
    typeVersion: row.typeVersion,
    title: { ...definition.title },
    summary: { ru: summary('ru'), en: summary('en') },
    status: row.status,
    clientId: row.clientId,
    createdBy: row.createdBy,
    payload: row.payload,
    payloadHash: row.payloadHash,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    submittedAt: row.submittedAt?.toISOString() ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
    version: row.version,
    allowedActions: allowed,
  };
}
