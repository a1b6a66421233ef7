import { randomUUID } from 'node:crypto';
import type { Em } from '../db/orm.js';
import { notFound } from '../errors.js';
import { ClientSchema } from '../clients/client.entity.js';
import { JournalEntrySchema, type JournalEntry } from '../journal/journal.entity.js';
import type { Actor, ChecklistInput, DomainEvent, RequestState, RequestTypeCode } from './domain/index.js';
import { RequestSchema, type RequestRow } from './request.entity.js';
import { TaskSchema, type TaskRow } from './task.entity.js';
import { actorOnRequest, canView, type ClientManagerScope } from './visibility.js';

/** A request as loaded for one actor: `actor` holds only the roles the actor has on this request. */
export interface LoadedRequest {
  row: RequestRow;
  tasks: TaskRow[];
  state: RequestState;
  actor: Actor;
}

/**
 * Requests and their tasks in the database: loading one for an actor (or `not_found` when the actor may not
 * see it), writing a decided state back, and the reads the presenters need (journal, the manager's name).
 */
export class RequestRepository {
  constructor(private readonly managerScope: ClientManagerScope) {}

  async load(em: Em, actor: Actor, requestId: string): Promise<LoadedRequest> {
    if (!isUuid(requestId)) throw notFound('request');
    const row = await em.findOne(RequestSchema, { id: requestId });
    if (!row) throw notFound('request');
    const tasks = await em.find(
      TaskSchema,
      { requestId },
      { orderBy: { stageIndex: 'asc', createdAt: 'asc', key: 'asc' } },
    );
    const onRequest = await this.actorOnRequest(em, actor, row);
    // Another client's request, or one outside a staff member's roles or clients, does not exist for the caller.
    if (!canView(row, tasks, onRequest)) throw notFound('request');
    return { row, tasks, state: toState(row, tasks), actor: onRequest };
  }

  /** The actor with the roles it holds on this request: client manager only for a client it owns. */
  private async actorOnRequest(em: Em, actor: Actor, row: RequestRow): Promise<Actor> {
    if (this.managerScope === 'all' || !actor.roles.includes('client_manager')) return actor;
    const client = await em.findOne(ClientSchema, { id: row.clientId }, { fields: ['id', 'managerId'] });
    return actorOnRequest(actor, client?.managerId ?? null, this.managerScope);
  }

  /** The name the client knows its manager by: the reviewer of the request, or the client's own manager. */
  async managerName(em: Em, row: RequestRow): Promise<string | null> {
    // One round trip: the reviewer if there is one, else the client's manager.
    const rows = await em.execute<{ full_name: string }[]>(
      `select u.full_name from users u
        where u.id = coalesce(?::uuid, (select c.manager_id from clients c where c.id = ?))`,
      [row.reviewerId ?? null, row.clientId],
    );
    return rows[0]?.full_name ?? null;
  }

  async journal(em: Em, requestId: string): Promise<JournalEntry[]> {
    return em.find(JournalEntrySchema, { requestId }, { orderBy: { id: 'asc' } });
  }

  persist(
    em: Em,
    loaded: LoadedRequest,
    next: RequestState,
    events: readonly DomainEvent[],
    now: Date,
  ): TaskRow[] {
    const { row } = loaded;
    if (events.some((e) => e.type === 'draft_deleted')) {
      em.remove(row);
      for (const task of loaded.tasks) em.remove(task);
      return [];
    }
    row.status = next.status;
    row.payload = next.payload;
    row.payloadHash = next.payloadHash;
    row.reviewerId = next.reviewerId;
    row.stageIndex = next.stageIndex;
    // Always touched, so every command bumps `version` and two racing commands cannot both commit.
    row.updatedAt = now;
    if (next.status === 'submitted' && loaded.state.status !== 'submitted') row.submittedAt = now;
    if (['completed', 'rejected', 'cancelled'].includes(next.status)) row.closedAt = now;
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
        if (taskChanged(existing, fields)) Object.assign(existing, fields, checklist ? { checklist } : {});
      } else {
        created.push(
          em.create(TaskSchema, {
            id: randomUUID(),
            requestId: row.id,
            key: task.key,
            createdAt: now,
            checklist: checklist ?? null,
            ...fields,
          }),
        );
      }
    }
    return created;
  }

  /** One transaction; a lost optimistic race or a duplicate insert becomes a `conflict` the caller can show. */
}

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
