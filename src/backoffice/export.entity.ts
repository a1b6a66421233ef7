import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** What the company tells the back office (docs/0023-backoffice-exchange.md). */
export const EXPORT_KINDS = ['request_accepted', 'request_completed', 'client_created'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/**
 * `sent`: the file is in `out/`, no answer yet; `acknowledged`: the back office took it; `error`: it refused it with
 * a message — fixed and exported again (`attempt` + 1, back to `sent`).
 */
export const EXPORT_STATUSES = ['sent', 'acknowledged', 'error'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

/**
 * One event exported to the back office. The id is the outbox row's (the event's stable id): the file's name and
 * the acknowledgement's reference, so writing it again after a crash makes the same file, never a second one.
 */
export const BackofficeExportSchema = defineEntity({
  name: 'BackofficeExport',
  tableName: 'backoffice_exports',
  indexes: [{ properties: ['status', 'sentAt'] }, { properties: ['requestId'] }],
  properties: {
    id: p.uuid().primary(),
    kind: p.enum(EXPORT_KINDS),
    requestId: p.uuid().nullable(),
    clientId: p.uuid(),
    /** When the event happened (the outbox row's time): the XML's timestamp, the same in every attempt. */
    occurredAt: p.datetime(),
    attempt: p.integer().default(1),
    status: p.enum(EXPORT_STATUSES),
    fileName: p.string().length(200),
    sentAt: p.datetime(),
    acknowledgedAt: p.datetime().nullable(),
    /** The back office's own reference for the record it made (from the acknowledgement). */
    backofficeRef: p.string().length(100).nullable(),
    /** The back office's message when it refused the export. */
    error: p.text().nullable(),
    /** When the back office was alerted that this export waits too long for an answer (once per attempt). */
    stuckAlertedAt: p.datetime().nullable(),
    updatedAt: p.datetime(),
  },
});

export type BackofficeExport = InferEntity<typeof BackofficeExportSchema>;
