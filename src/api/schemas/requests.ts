import { z } from 'zod';
import { SIGNATURE_CHANNELS } from '../../identity/signature.entity.js';
import { COMMAND_TYPES } from '../../workflow/domain/commands.js';
import { CLIENT_JOURNAL_ACTORS, CLIENT_JOURNAL_EVENTS } from '../../workflow/presenters/client.js';
import { REQUEST_TYPE_CODES } from '../../workflow/domain/definition.js';
import { REQUEST_STATUSES, TASK_STATUSES } from '../../workflow/domain/status.js';
import { TASK_ROLES } from '../../workflow/domain/roles.js';
import { challengeSchema, isoDateTime, localized, pageOf, pageQuery, reasonSchema } from './common.js';

/** A form's fields; each request type validates its own (GET /request-types gives their JSON Schemas). */
export const payloadSchema = z
  .record(z.string().max(100), z.unknown())
  .refine((p) => Object.keys(p).length <= 100, 'too many fields')
  .describe('the form of the request type, field by field');

export const createRequestBody = z.object({
  type: z.enum(REQUEST_TYPE_CODES),
  payload: payloadSchema,
});

export const updateRequestBody = z.object({ payload: payloadSchema });

export const listRequestsQuery = z.object({
  status: z.enum(REQUEST_STATUSES).optional(),
  type: z.enum(REQUEST_TYPE_CODES).optional(),
  drafts: z
    .enum(['include', 'exclude', 'only'])
    .default('include')
    .describe('`exclude`: filed requests only (drafts listed apart); `only`: drafts only'),
  ...pageQuery,
});

const checklistMark = z.union([
  z.object({ status: z.literal('done') }),
  z.object({ status: z.literal('na'), note: z.string().trim().min(1, 'a note is required').max(1000) }),
]);

/** Each item of the checklist ticked, or marked not applicable with a note. */
export const checklistSchema = z
  .record(z.string().max(100), checklistMark)
  .refine((c) => Object.keys(c).length <= 50, 'too many items')
  .describe('item key → {status: "done"} or {status: "na", note}');

export const cancelBody = z.object({ reason: reasonSchema.optional() });
export const reasonBody = z.object({ reason: reasonSchema });
export const acceptBody = z.object({ checklist: checklistSchema });
export const completeTaskBody = z.object({
  checklist: checklistSchema,
  comment: z.string().trim().max(2000).optional(),
});

const commandType = z.enum(COMMAND_TYPES);

export const taskViewSchema = z.object({
  id: z.uuid(),
  key: z.string(),
  stageIndex: z.number().int(),
  role: z.enum(TASK_ROLES),
  title: localized,
  status: z.enum(TASK_STATUSES),
  approvalsRequired: z.number().int(),
  approvals: z.array(z.object({ userId: z.uuid(), name: z.string().nullable(), at: isoDateTime })),
  assigneeId: z.uuid().nullable(),
  assigneeName: z.string().nullable().describe('who took it'),
  dueAt: isoDateTime,
  checklist: z.array(z.object({ key: z.string(), ru: z.string(), en: z.string() })),
  checklistState: z.unknown(),
  rejectReason: z.string().nullable(),
  allowedActions: z.array(commandType),
});

export const signatureSchema = z
  .object({
    id: z.uuid(),
    signedAt: isoDateTime,
    userId: z.uuid(),
    phone: z.string().describe('the phone the code went to, masked'),
    channel: z.enum(SIGNATURE_CHANNELS),
    payloadHash: z.string(),
    printFormHash: z
      .string()
      .nullable()
      .describe('SHA-256 of the print form signed (GET print.pdf?version=signed)'),
    requestVersion: z.number().int(),
    challengeId: z.uuid(),
    providerMessageId: z.string().nullable(),
    attempts: z.number().int(),
  })
  .meta({ id: 'Signature' });

const requestFields = {
  id: z.uuid(),
  number: z.string().describe('2026-000123'),
  type: z.enum(REQUEST_TYPE_CODES),
  typeVersion: z.number().int(),
  title: localized,
  summary: localized,
  status: z.enum(REQUEST_STATUSES),
  clientId: z.uuid(),
  createdBy: z.uuid(),
  payload: z.record(z.string(), z.unknown()),
  payloadHash: z
    .string()
    .describe('SHA-256 of the canonical payload and the request id: what a signature binds'),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  submittedAt: isoDateTime.nullable(),
  closedAt: isoDateTime.nullable(),
  version: z.number().int(),
  allowedActions: z.array(commandType).describe('what the caller may do now'),
  signature: signatureSchema.nullable(),
};

export const staffRequestSchema = z
  .object({
    audience: z.literal('staff'),
    ...requestFields,
    maskedFields: z
      .array(z.string())
      .describe(
        'payload fields shown to this caller as their last characters only: bank and depo accounts and identity ' +
          'documents are read in full only by the roles that work with them (client manager, financial ' +
          'monitoring, back office; the accountant for bank accounts, the depositary for depo accounts)',
      ),
    reviewerId: z.uuid().nullable(),
    reviewerName: z.string().nullable(),
    reviewChecklist: z
      .array(z.object({ key: z.string(), ru: z.string(), en: z.string() }))
      .nullable()
      .describe('the review checklist `accept` wants, when the caller may accept now; otherwise null'),
    stageIndex: z.number().int().nullable(),
    stages: z.number().int(),
    tasks: z.array(taskViewSchema),
  })
  .describe('the request as staff see it: every task, checklist state, note and reason')
  .meta({ id: 'StaffRequest' });

export const clientRequestSchema = z
  .object({
    audience: z.literal('client'),
    ...requestFields,
    manager: z.object({ name: z.string() }).nullable().describe('the client’s manager, by name only'),
    reason: z
      .string()
      .nullable()
      .describe('addressed to the client: what to correct (returned), why refused (rejected) or cancelled'),
  })
  .describe('the request as its client sees it: no tasks, checklists, staff notes or staff identities')
  .meta({ id: 'ClientRequest' });

export const requestSchema = z
  .discriminatedUnion('audience', [clientRequestSchema, staffRequestSchema])
  .describe('`audience` says which view the caller gets: `client` for its own requests, `staff` otherwise')
  .meta({ id: 'Request' });

export const requestListItemSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  type: z.enum(REQUEST_TYPE_CODES),
  title: localized,
  summary: localized.describe('one line of what the request is about, accounts masked'),
  status: z.enum(REQUEST_STATUSES),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  submittedAt: isoDateTime.nullable(),
});
export const requestPageSchema = pageOf(requestListItemSchema).meta({ id: 'RequestPage' });

export const submitResultSchema = challengeSchema
  .extend({ request: requestSchema })
  .meta({ id: 'SignatureChallenge' });

const staffJournalEntry = z.object({
  id: z.string(),
  at: isoDateTime,
  action: z.string().describe('request.created, request.status_changed, request.signed, …'),
  actorId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});

const clientJournalEntry = z.object({
  id: z.string(),
  at: isoDateTime,
  event: z.enum(CLIENT_JOURNAL_EVENTS),
  by: z.enum(CLIENT_JOURNAL_ACTORS).describe('the client itself, its manager, or the company'),
  status: z.enum(REQUEST_STATUSES).nullable().describe('the status reached (status_changed)'),
  reason: z.string().nullable().describe('a return’s, rejection’s or cancellation’s reason'),
  channel: z.string().nullable().describe('the channel of a notice to the client (notice_sent)'),
});

export const journalSchema = z
  .discriminatedUnion('audience', [
    z.object({ audience: z.literal('client'), items: z.array(clientJournalEntry) }),
    z.object({ audience: z.literal('staff'), items: z.array(staffJournalEntry) }),
  ])
  .meta({ id: 'RequestJournal' });

export const listTasksQuery = z.object({
  role: z.enum(TASK_ROLES).optional().describe('one of the caller’s roles (default: all of them)'),
  status: z.enum(TASK_STATUSES).optional().describe('default: open and claimed'),
  overdue: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional()
    .describe('`true`: only tasks past their due time'),
  ...pageQuery,
});

export const taskListItemSchema = z.object({
  id: z.uuid(),
  key: z.string(),
  role: z.enum(TASK_ROLES),
  title: localized,
  status: z.enum(TASK_STATUSES),
  assigneeId: z.uuid().nullable(),
  assigneeName: z.string().nullable().describe('who took it'),
  approvalsRequired: z.number().int(),
  approvals: z.number().int(),
  dueAt: isoDateTime,
  overdue: z.boolean().describe('open or claimed and past its due time'),
  request: z.object({
    id: z.uuid(),
    number: z.string(),
    type: z.enum(REQUEST_TYPE_CODES),
    status: z.enum(REQUEST_STATUSES),
    summary: localized,
  }),
});
export const taskPageSchema = pageOf(taskListItemSchema).meta({ id: 'TaskPage' });

/** GET /requests/{id}/print.pdf?lang=en */
export const printFormQuery = z.object({
  lang: z.enum(['ru', 'en']).optional().describe('the form’s language; default: the reader’s'),
  version: z
    .enum(['current', 'signed'])
    .default('current')
    .describe('`current`: the form as the request stands; `signed`: the document signed, byte for byte'),
});
