import type { Em } from '../db/orm.js';
import { runPrepared } from '../db/prepared.js';
import { JOURNAL_LOCK } from '../journal/journal.js';
import type { TaskApproval } from './domain/state.js';
import type { RequestRow } from './request.entity.js';
import type { TaskRow } from './task.entity.js';

/**
 * A request and its tasks read as plain rows in one statement (docs/0029, issue 13): the commands and the views
 * need them as data, not as managed entities — the ORM's identity map and change sets cost more than the reads.
 * Each command writes back what it decided by SQL (`RequestRepository.changes`) under the request's optimistic version.
 */
export interface RequestRecord {
  row: RequestRow;
  tasks: TaskRow[];
  /** The manager who owns the request's client (who may act on it as its client manager). */
  clientManagerId: string | null;
  /** With `context`: what the views show beside the request. */
  context?: RowContext;
  /** With `alongside`: each expression's value, by its name. */
  alongside?: Record<string, unknown>;
}

/** The client's manager's name, the status's reason (a client's view); staff names by id (a staff view). */
export interface RowContext {
  /** The name of the manager who owns the client (the client sees the reviewer's name while there is one). */
  clientManagerName: string | null;
  /** The reason journaled with the request's latest move into its current status. */
  statusReason: string | null;
  /** Names by id: the reviewer, the tasks' assignees and approvers, and `nameAlso`. */
  names: Map<string, string>;
}

export interface LoadOptions {
  /** Take the journal's lock in the same statement: a command that will append to it (journal.ts). */
  lockJournal?: boolean;
  /** Also read what the views show beside the rows (manager's name, the status's reason, staff names). */
  context?: boolean;
  /** With `context`: one more person whose name to read (a command's actor, who may become an assignee). */
  nameAlso?: string;
  /**
   * More values read in the same statement, by name: SQL expressions over the request's row `r`, written by the
   * code (never from input) — another module's data shown with the request (the API: its latest signature).
   */
  alongside?: Readonly<Record<string, string>>;
}

const TASKS = `coalesce((select json_agg(t order by t.stage_index, t.created_at, t.key) from tasks t where t.request_id = r.id), '[]'::json)`;

/** The manager who owns the request's client (the request's row is `r`). */
const CLIENT_MANAGER_ID = `(select c.manager_id from clients c where c.id = r.client_id)`;

/** What the views show beside the request, as columns over `r`; `?` is `nameAlso` (null when none). */
const CONTEXT = `
  (select u.full_name from users u where u.id = ${CLIENT_MANAGER_ID}) as client_manager_name,
  (select j.data->>'reason' from journal_entries j
    where j.request_id = r.id and j.action = 'request.status_changed' and j.data->>'to' = r.status
    order by j.id desc limit 1) as status_reason,
  (select json_object_agg(u.id, u.full_name) from users u where u.id in (
    select r.reviewer_id
    union select ?::uuid
    union select t.assignee_id from tasks t where t.request_id = r.id
    union select (a->>'userId')::uuid from tasks t, jsonb_array_elements(t.approvals) a where t.request_id = r.id)) as names`;

/** One statement: the request (by its id or one of its tasks' ids), its tasks in load order, its client's manager. */
export async function readRequest(
  em: Em,
  by: { requestId: string } | { taskId: string },
  options: LoadOptions = {},
): Promise<RequestRecord | null> {
  const where = 'requestId' in by ? 'r.id = ?' : 'r.id = (select t.request_id from tasks t where t.id = ?)';
  const extra = Object.entries(options.alongside ?? {});
  for (const [name] of extra) if (!/^[a-z_]+$/.test(name)) throw new Error(`bad alongside name ${name}`);
  const alongside = extra.map(([name, sql]) => `,\n       ${sql} as alongside_${name}`).join('');
  const rows = await runPrepared<Record<string, unknown>>(
    em,
    `select r.*, ${TASKS} as tasks_json,
       ${CLIENT_MANAGER_ID} as client_manager_id${options.context ? `,${CONTEXT}` : ''}${alongside}
       ${options.lockJournal ? `, ${JOURNAL_LOCK} is null as journal_locked` : ''}
     from requests r where ${where}`,
    [...(options.context ? [options.nameAlso ?? null] : []), 'requestId' in by ? by.requestId : by.taskId],
  );
  const raw = rows[0];
  if (!raw) return null;
  const record: RequestRecord = {
    row: toRequestRow(raw),
    tasks: (json<Record<string, unknown>[]>(raw['tasks_json']) ?? []).map(toTaskRow),
    clientManagerId: (raw['client_manager_id'] as string | null) ?? null,
  };
  if (extra.length > 0)
    record.alongside = Object.fromEntries(extra.map(([name]) => [name, raw[`alongside_${name}`] ?? null]));
  if (options.context) record.context = toContext(raw);
  return record;
}

function toContext(raw: Record<string, unknown>): RowContext {
  return {
    clientManagerName: (raw['client_manager_name'] as string | null) ?? null,
    statusReason: (raw['status_reason'] as string | null) ?? null,
    names: new Map(Object.entries(json<Record<string, string>>(raw['names']) ?? {})),
  };
}

/** What the views show beside a request, read again (when a command's answer cannot tell it): one statement. */
export async function readContext(em: Em, requestId: string): Promise<RowContext> {
  const rows = await runPrepared<Record<string, unknown>>(
    em,
    `select ${CONTEXT} from requests r where r.id = ?`,
    [null, requestId],
  );
  return toContext(rows[0] ?? {});
}

function toRequestRow(raw: Record<string, unknown>): RequestRow {
  return {
    id: raw['id'] as string,
    number: raw['number'] as string,
    typeCode: raw['type_code'] as RequestRow['typeCode'],
    typeVersion: Number(raw['type_version']),
    clientId: raw['client_id'] as string,
    createdBy: raw['created_by'] as string,
    status: raw['status'] as RequestRow['status'],
    payload: json<RequestRow['payload']>(raw['payload']) ?? {},
    payloadHash: raw['payload_hash'] as string,
    reviewerId: (raw['reviewer_id'] as string | null) ?? null,
    stageIndex: raw['stage_index'] === null ? null : Number(raw['stage_index']),
    createdAt: date(raw['created_at']),
    updatedAt: date(raw['updated_at']),
    submittedAt: nullableDate(raw['submitted_at']),
    closedAt: nullableDate(raw['closed_at']),
    version: Number(raw['version']),
  } as RequestRow;
}

function toTaskRow(raw: Record<string, unknown>): TaskRow {
  return {
    id: raw['id'] as string,
    requestId: raw['request_id'] as string,
    key: raw['key'] as string,
    stageIndex: Number(raw['stage_index']),
    role: raw['role'] as TaskRow['role'],
    status: raw['status'] as TaskRow['status'],
    approvalsRequired: Number(raw['approvals_required']),
    approvals: json<TaskApproval[]>(raw['approvals']) ?? [],
    assigneeId: (raw['assignee_id'] as string | null) ?? null,
    dueAt: date(raw['due_at']),
    checklist: json<TaskRow['checklist']>(raw['checklist']) ?? null,
    rejectedBy: (raw['rejected_by'] as string | null) ?? null,
    rejectReason: (raw['reject_reason'] as string | null) ?? null,
    escalations: Number(raw['escalations'] ?? 0),
    createdAt: date(raw['created_at']),
    updatedAt: date(raw['updated_at']),
  } as TaskRow;
}

/** The columns of a request's list line (`r` is the request), read as plain rows like the request itself. */
export const LIST_LINE_COLUMNS =
  'r.id, r.number, r.type_code, r.type_version, r.status, r.payload, r.created_at, r.updated_at, r.submitted_at';

/** A request's list line as `toListItem` takes it, from a row of `LIST_LINE_COLUMNS`. */
export type ListLine = Pick<
  RequestRow,
  | 'id'
  | 'number'
  | 'typeCode'
  | 'typeVersion'
  | 'status'
  | 'payload'
  | 'createdAt'
  | 'updatedAt'
  | 'submittedAt'
>;

export function toListLine(raw: Record<string, unknown>): ListLine {
  return {
    id: raw['id'] as string,
    number: raw['number'] as string,
    typeCode: raw['type_code'] as RequestRow['typeCode'],
    typeVersion: Number(raw['type_version']),
    status: raw['status'] as RequestRow['status'],
    payload: json<RequestRow['payload']>(raw['payload']) ?? {},
    createdAt: date(raw['created_at']),
    updatedAt: date(raw['updated_at']),
    submittedAt: nullableDate(raw['submitted_at']),
  };
}

/** json/jsonb arrive parsed from pg and PGlite; a string is parsed here (a driver that does not). */
function json<T>(value: unknown): T | null {
  if (value === null || value === undefined) return null;
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

function date(value: unknown): Date {
  return value instanceof Date ? value : new Date(value as string);
}

function nullableDate(value: unknown): Date | null {
  return value === null || value === undefined ? null : date(value);
}
