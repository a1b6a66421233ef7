import { randomUUID } from 'node:crypto';
import type { Em } from '../db/orm.js';
import { notFound } from '../errors.js';
import type { StatementPart } from '../db/statement.js';
import { JournalEntrySchema, type JournalEntry } from '../journal/journal.entity.js';
import type { Actor, ChecklistInput, DomainEvent, RequestState, RequestTypeCode } from './domain/index.js';
import { FINAL_STATUSES } from './domain/status.js';
import type { RequestRow } from './request.entity.js';
import { readRequest, type LoadOptions, type RequestRecord, type RowContext } from './request.rows.js';
import type { TaskRow } from './task.entity.js';
import { actorOnRequest, canView, type ClientManagerScope } from './visibility.js';

/** A request as loaded for one actor: `actor` holds only the roles the actor has on this request. */
export interface LoadedRequest {
  row: RequestRow;
  tasks: TaskRow[];
  state: RequestState;
  actor: Actor;
  /** What the views show beside it, when it was read with `context` (and kept up to date by the command). */
  context?: RowContext;
  /** What was read with it through `alongside`, by name. */
  alongside?: Record<string, unknown>;
}

/**
 * Requests and their tasks in the database: loading one for an actor (or `not_found` when the actor may not
 * see it), writing a decided state back, and the reads the presenters need (journal, the manager's name).
 */
export class RequestRepository {
  constructor(private readonly managerScope: ClientManagerScope) {}

  /** The request for the actor (one statement), or `not_found` when the actor may not see it. */
  async load(em: Em, actor: Actor, requestId: string, options: LoadOptions = {}): Promise<LoadedRequest> {
    if (!isUuid(requestId)) throw notFound('request');
    const record = await readRequest(em, { requestId }, options);
    if (!record) throw notFound('request');
    return this.forActor(actor, record);
  }

  /** The request of one of its tasks, for the actor: `not_found` for a task that does not exist. */
  async loadByTask(em: Em, actor: Actor, taskId: string, options: LoadOptions = {}): Promise<LoadedRequest> {
    if (!isUuid(taskId)) throw notFound('task');
    const record = await readRequest(em, { taskId }, options);
    if (!record) throw notFound('task');
    return this.forActor(actor, record);
  }

  private forActor(actor: Actor, record: RequestRecord): LoadedRequest {
    const { row, tasks } = record;
    // A client manager acts as one only on the clients it owns (unless the firm shares one pool).
    const onRequest = actorOnRequest(actor, record.clientManagerId, this.managerScope);
    // Another client's request, or one outside a staff member's roles or clients, does not exist for the caller.
    if (!canView(row, tasks, onRequest)) throw notFound('request');
    const loaded: LoadedRequest = { row, tasks, state: toState(row, tasks), actor: onRequest };
    if (record.context) loaded.context = record.context;
    if (record.alongside) loaded.alongside = record.alongside;
    return loaded;
  }

  /** A new draft's row, as a part of the statement that also journals its creation. */
  draftInsert(
    row: Omit<RequestRow, 'status' | 'reviewerId' | 'stageIndex' | 'submittedAt' | 'closedAt' | 'version'>,
  ): StatementPart {
    return {
      name: 'request_insert',
      sql: `insert into requests (id, number, type_code, type_version, client_id, created_by, status, payload,
          payload_hash, reviewer_id, stage_index, created_at, updated_at, version)
        values (?::uuid, ?, ?, ?, ?::uuid, ?::uuid, 'draft', ?::jsonb, ?, null, null, ?::timestamptz, ?::timestamptz, 1)`,
      params: [
        row.id,
        row.number,
        row.typeCode,
        row.typeVersion,
        row.clientId,
        row.createdBy,
        JSON.stringify(row.payload),
        row.payloadHash,
        row.createdAt.toISOString(),
        row.updatedAt.toISOString(),
      ],
    };
  }

  async journal(em: Em, requestId: string): Promise<JournalEntry[]> {
    return em.find(JournalEntrySchema, { requestId }, { orderBy: { id: 'asc' } });
  }

  /**
   * The decided state written back: the request's row under its optimistic version (the part named
   * `request_write`, returning the new version — none when someone else changed it first: `WRITTEN_VERSION`), its
   * changed tasks and the new ones. The rows in hand are brought up to date as the database will hold them.
   */
  changes(
    loaded: LoadedRequest,
    next: RequestState,
    events: readonly DomainEvent[],
    now: Date,
  ): { parts: StatementPart[]; created: TaskRow[]; deleted: boolean } {
    const { row } = loaded;
    if (events.some((e) => e.type === 'draft_deleted')) {
      // Its tasks go with it (the foreign key cascades).
      return {
        parts: [
          {
            name: 'request_write',
            sql: 'delete from requests where id = ? and version = ? returning version',
            params: [row.id, row.version],
          },
        ],
        created: [],
        deleted: true,
      };
    }
    const payloadChanged = next.payloadHash !== row.payloadHash;
    row.status = next.status;
    row.payload = next.payload;
    row.payloadHash = next.payloadHash;
    row.reviewerId = next.reviewerId;
    row.stageIndex = next.stageIndex;
    // Always touched, so every command bumps `version` and two racing commands cannot both commit.
    row.updatedAt = now;
    if (next.status === 'submitted' && loaded.state.status !== 'submitted') row.submittedAt = now;
    if (FINAL_STATUSES.includes(next.status)) row.closedAt = now;
    const parts: StatementPart[] = [
      {
        name: 'request_write',
        sql: `update requests set status = ?, reviewer_id = ?::uuid, stage_index = ?::int, updated_at = ?::timestamptz,
            submitted_at = ?::timestamptz, closed_at = ?::timestamptz${payloadChanged ? ', payload = ?::jsonb, payload_hash = ?' : ''},
            version = version + 1
          where id = ? and version = ? returning version`,
        params: [
          row.status,
          row.reviewerId ?? null,
          row.stageIndex ?? null,
          now.toISOString(),
          row.submittedAt?.toISOString() ?? null,
          row.closedAt?.toISOString() ?? null,
          ...(payloadChanged ? [JSON.stringify(row.payload), row.payloadHash] : []),
          row.id,
          row.version,
        ],
      },
    ];
    const byKey = new Map(loaded.tasks.map((t) => [t.key, t]));
    const created: TaskRow[] = [];
    const checklists = new Map<string, ChecklistInput>();
    for (const event of events)
      if (event.type === 'task_approved') checklists.set(event.taskKey, event.checklist);
    for (const task of next.tasks) {
      const existing = byKey.get(task.key);
      const fields = {
        stageIndex: task.stageIndex,
        role: task.role,
        status: task.status,
        approvalsRequired: task.approvalsRequired,
        approvals: [...task.approvals],
        assigneeId: task.assigneeId,
        dueAt: new Date(task.dueAt),
        rejectedBy: task.rejectedBy,
        rejectReason: task.rejectReason,
        updatedAt: now,
      };
      const checklist = checklists.get(task.key);
      if (existing) {
        if (!taskChanged(existing, fields)) continue;
        Object.assign(existing, fields, checklist ? { checklist } : {});
        parts.push({
          name: `task_write${parts.length}`,
          sql: `update tasks set stage_index = ?, role = ?, status = ?, approvals_required = ?, approvals = ?::jsonb,
              assignee_id = ?::uuid, due_at = ?::timestamptz, rejected_by = ?::uuid, reject_reason = ?,
              updated_at = ?::timestamptz${checklist ? ', checklist = ?::jsonb' : ''}
            where id = ?`,
          params: [...taskColumns(existing), ...(checklist ? [JSON.stringify(checklist)] : []), existing.id],
        });
      } else {
        created.push({
          id: randomUUID(),
          requestId: row.id,
          key: task.key,
          createdAt: now,
          checklist: checklist ?? null,
          escalations: 0,
          ...fields,
        } as TaskRow);
      }
    }
    if (created.length > 0)
      parts.push({
        name: 'task_insert',
        sql: `insert into tasks (id, request_id, key, created_at, checklist, escalations, stage_index, role, status,
            approvals_required, approvals, assignee_id, due_at, rejected_by, reject_reason, updated_at)
          values ${created
            .map(
              () =>
                '(?::uuid, ?::uuid, ?, ?::timestamptz, ?::jsonb, 0, ?, ?, ?, ?, ?::jsonb, ?::uuid, ?::timestamptz, ?::uuid, ?, ?::timestamptz)',
            )
            .join(', ')}`,
        params: created.flatMap((t) => [
          t.id,
          t.requestId,
          t.key,
          t.createdAt.toISOString(),
          t.checklist === null ? null : JSON.stringify(t.checklist),
          ...taskColumns(t),
        ]),
      });
    return { parts, created, deleted: false };
  }
}

/** A task's changeable columns, in the order the statements above name them. */
function taskColumns(t: TaskRow): unknown[] {
  return [
    t.stageIndex,
    t.role,
    t.status,
    t.approvalsRequired,
    JSON.stringify(t.approvals),
    t.assigneeId ?? null,
    t.dueAt.toISOString(),
    t.rejectedBy ?? null,
    t.rejectReason ?? null,
    t.updatedAt.toISOString(),
  ];
}

/** The final select of a command's write statement: the request's new version, or null when it lost the race. */
export const WRITTEN_VERSION = 'select (select version from request_write) as version';

/** Tasks in the order `load` reads them: by stage, then creation, then key. */
export function inLoadOrder(tasks: readonly TaskRow[]): TaskRow[] {
  return [...tasks].sort(
    (a, b) =>
      a.stageIndex - b.stageIndex ||
      a.createdAt.getTime() - b.createdAt.getTime() ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
}

export function toState(row: RequestRow, tasks: readonly TaskRow[]): RequestState {
  return {
    id: row.id,
    typeCode: row.typeCode as RequestTypeCode,
    typeVersion: row.typeVersion,
    clientId: row.clientId,
    createdBy: row.createdBy,
    status: row.status,
    payload: row.payload,
    payloadHash: row.payloadHash,
    reviewerId: row.reviewerId ?? null,
    stageIndex: row.stageIndex ?? null,
    tasks: tasks.map((t) => ({
      key: t.key,
      stageIndex: t.stageIndex,
      role: t.role,
      status: t.status,
      approvalsRequired: t.approvalsRequired,
      approvals: t.approvals,
      assigneeId: t.assigneeId ?? null,
      dueAt: t.dueAt.toISOString(),
      rejectedBy: t.rejectedBy ?? null,
      rejectReason: t.rejectReason ?? null,
    })),
  };
}

function taskChanged(existing: TaskRow, fields: Partial<TaskRow>): boolean {
  return (
    existing.status !== fields.status ||
    existing.assigneeId !== fields.assigneeId ||
    existing.approvals.length !== fields.approvals?.length ||
    existing.rejectReason !== fields.rejectReason ||
    existing.dueAt.getTime() !== fields.dueAt?.getTime()
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
