import { z } from 'zod';
import { EXPORT_KINDS, EXPORT_STATUSES } from '../../backoffice/export.entity.js';
import { isoDateTime, pageOf, pageQuery } from './common.js';

export const exportQuery = z.object({
  ...pageQuery,
  requestId: z.uuid().optional().describe('only the exports of this request'),
  status: z
    .enum([...EXPORT_STATUSES, 'overdue'])
    .optional()
    .describe('`overdue`: sent and unanswered past EXCHANGE_ACK_TIMEOUT_MINUTES'),
});

export const exportSchema = z
  .object({
    id: z.uuid().describe('the event id: the file name and the acknowledgement refer to it'),
    kind: z.enum(EXPORT_KINDS),
    requestId: z.uuid().nullable(),
    requestNumber: z.string().nullable(),
    clientId: z.uuid(),
    clientName: z.string(),
    attempt: z.number().int().describe('1, then one more per re-export'),
    status: z
      .enum(EXPORT_STATUSES)
      .describe('sent → acknowledged, or → error (then re-exported: sent again)'),
    fileName: z.string().describe('the current attempt’s file in EXCHANGE_DIR/out'),
    occurredAt: isoDateTime,
    sentAt: isoDateTime,
    acknowledgedAt: isoDateTime.nullable(),
    backofficeRef: z
      .string()
      .nullable()
      .describe('the back office’s own reference, from its acknowledgement'),
    error: z.string().nullable().describe('the back office’s message when it refused the export'),
    overdue: z.boolean().describe('sent and unanswered past the timeout; the back office was alerted'),
  })
  .meta({ id: 'BackofficeExport' });

export const exportPageSchema = pageOf(exportSchema).meta({ id: 'BackofficeExportPage' });

export const reExportBody = z.object({
  attempt: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe('the attempt the caller saw: a second press (or a colleague’s) after it changed is a 409'),
});
