import { randomUUID } from 'node:crypto';
import { OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Em, Orm } from '../db/orm.js';
import { DomainError, notFound } from '../errors.js';
import { UserSchema } from '../identity/user.entity.js';
import { JournalEntrySchema } from '../journal/journal.entity.js';
import { appendJournal, type JournalRecord } from '../journal/journal.js';
import { enqueueOutbox, type OutboxDraft } from '../notify/outbox.js';
import {
  ACTIVE_TASK_STATUSES,
  allowedActions,
  applyEvents,
  findTaskDefinition,
  TASK_ROLES,
  decide,
  decideCreate,
  type Actor,
  type ChecklistInput,
  type Command,
  type DomainEvent,
  type Effect,
  type Payload,
  type RequestState,
  type RequestTypeCode,
  type RoutingContext,
  type TaskRole,
  type TaskStatus,
} from './domain/index.js';
import { parsePayload } from './domain/form.js';
import { getRequestType } from './domain/types/index.js';
import { payloadHash } from './payload-hash.js';
import { nextRequestNumber } from './request-number.js';
import { RequestSchema, type RequestRow } from './request.entity.js';
import { TaskSchema, type TaskRow } from './task.entity.js';
import {
  actorOnRequest,
  canView,
  PRIVATE_STATUSES,
  seesAllSigned,
  workingRoles,
  type ClientManagerScope,
} from './visibility.js';
import {
  audienceOf,
  toListItem,
  type ClientJournalEntry,
  type ClientRequestView,
  type RequestJournal,
  type RequestListItem,
  type RequestView,
  type StaffJournalEntry,
  type StaffRequestView,
} from './presenters.js';
import { toClientJournal, toClientRequestView } from './presenters/client.js';
import { toStaffJournal, toStaffRequestView } from './presenters/staff.js';
import { ClientSchema } from '../clients/client.entity.js';

export interface WorkflowServiceDeps {
  orm: Orm;
  routing: RoutingContext;
  /** The clock; tests pass a fixed one. */
  now?: () => Date;
  /** `own` (default): a client manager works the clients they own; `all`: one shared pool (small firms). */
  clientManagerScope?: ClientManagerScope;
}

export interface RequestFilter {
  status?: string;
  type?: string;
  page?: number;
  pageSize?: number;
}

export interface TaskFilter {
  role?: string;
  status?: string;
  page?: number;
  pageSize?: number;
}

export interface TaskListItem {
  id: string;
  key: string;
  role: string;
  title: { ru: string; en: string };
  status: string;
  assigneeId: string | null;
  approvalsRequired: number;
  approvals: number;
  dueAt: string;
  request: { id: string; number: string; type: string; status: string; summary: { ru: string; en: string } };
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

/** A request as loaded for one actor: `actor` holds only the roles the actor has on this request. */
type Loaded = { row: RequestRow; tasks: TaskRow[]; state: RequestState; actor: Actor };

/**
 * The one door to requests: every command loads the request, asks the pure core to decide, and persists the
 * outcome, its journal entries and its outbox rows in one transaction under an optimistic lock.
 */
export class WorkflowService {
  private readonly orm: Orm;
  private readonly routing: RoutingContext;
  private readonly now: () => Date;
  private readonly managerScope: ClientManagerScope;
  private readonly signatureVoiders: SignatureVoider[] = [];

  constructor(deps: WorkflowServiceDeps) {
    this.orm = deps.orm;
    this.routing = deps.routing;
    this.now = deps.now ?? (() => new Date());
    this.managerScope = deps.clientManagerScope ?? 'own';
  }

  // ---- commands -------------------------------------------------------------------------------------

  async createDraft(actor: Actor, input: { type: string; payload: unknown }): Promise<RequestView> {
    const now = this.now();
    const definition = getRequestType(input.type);
    const guard = decideCreate(actor);
    if (guard instanceof DomainError) throw guard;
    const clientId = actor.clientId;
    if (clientId === undefined) throw new DomainError('forbidden', 'only a client may file requests');
    const parsed = parsePayload(definition, input.payload, { today: isoDate(now) });
    if (!parsed.ok)
      throw new DomainError('validation_failed', 'the form has errors', { fieldErrors: parsed.fieldErrors });
    const id = await this.transaction(async (em) => {
      const requestId = randomUUID();
      const row = em.create(RequestSchema, {
        id: requestId,
        number: await nextRequestNumber(em, now),
        typeCode: definition.code,
        typeVersion: definition.version,
        clientId,
        createdBy: actor.userId,
        status: 'draft',
        payload: parsed.payload,
        payloadHash: payloadHash(requestId, definition.code, definition.version, parsed.payload),
        reviewerId: null,
        stageIndex: null,
        createdAt: now,
        updatedAt: now,
      });
      await appendJournal(em, [
        {
          action: 'request.created',
          actorId: actor.userId,
          requestId,
          at: now,
          data: {
            number: row.number,
            type: definition.code,
            typeVersion: definition.version,
            payload: parsed.payload,
          },
        },
      ]);
      return requestId;
    });
    return this.getRequest(actor, id);
  }

  async updateDraft(actor: Actor, requestId: string, payload: unknown): Promise<RequestView> {
    await this.run(actor, requestId, (loaded, now) => {
      const definition = getRequestType(loaded.row.typeCode, loaded.row.typeVersion);
      const parsed = parsePayload(definition, payload, { today: isoDate(now) });
      if (!parsed.ok)
        throw new DomainError('validation_failed', 'the form has errors', {
          fieldErrors: parsed.fieldErrors,
        });
      return {
        type: 'updateDraft',
        payload: parsed.payload,
        payloadHash: payloadHash(requestId, loaded.row.typeCode, loaded.row.typeVersion, parsed.payload),
      };
    });
    return this.getRequest(actor, requestId);
  }

  async deleteDraft(actor: Actor, requestId: string): Promise<void> {
    await this.run(actor, requestId, () => ({ type: 'deleteDraft' }));
  }

  /** Moves a draft to `awaiting_signature`; returns the hash the signature code must be bound to. */
  async submit(actor: Actor, requestId: string): Promise<{ request: RequestView; payloadHash: string }> {
    await this.run(actor, requestId, () => ({ type: 'submit' }));
    const request = await this.getRequest(actor, requestId);
    return { request, payloadHash: request.payloadHash };
  }

  /** Called by the identity work once the signing code checked out against `signedHash`. */
  async confirmSignature(
    actor: Actor,
    requestId: string,
    signedHash: string,
    evidence: Record<string, unknown> = {},
  ): Promise<RequestView> {
    await this.run(actor, requestId, () => ({ type: 'confirmSignature', payloadHash: signedHash }), evidence);
    return this.getRequest(actor, requestId);
  }

  /**
   * The signing transition inside the caller's transaction (the one that consumes the signing code and stores the
   * signature record), so the three commit together or not at all. Returns the request's version before signing.
   * The caller reads the request after its transaction commits.
   */
  async confirmSignatureWithin(
    em: Em,
    actor: Actor,
    requestId: string,
    signedHash: string,
    evidence: Record<string, unknown> = {},
  ): Promise<{ signedVersion: number }> {
    let signedVersion = 0;
    await this.run(
      actor,
      requestId,
      (loaded) => {
        signedVersion = loaded.row.version;
        return { type: 'confirmSignature', payloadHash: signedHash };
      },
      evidence,
      em,
    );
    return { signedVersion };
  }

  async cancel(actor: Actor, requestId: string, reason?: string): Promise<RequestView> {
    await this.run(actor, requestId, () =>
      reason === undefined ? { type: 'cancel' } : { type: 'cancel', reason },
    );
    return this.getRequest(actor, requestId);
  }

  async take(actor: Actor, requestId: string): Promise<RequestView> {
    await this.run(actor, requestId, () => ({ type: 'take' }));
    return this.getRequest(actor, requestId);
  }

  async accept(actor: Actor, requestId: string, checklist: ChecklistInput): Promise<RequestView> {
    await this.run(actor, requestId, () => ({ type: 'accept', checklist }));
    return this.getRequest(actor, requestId);
  }

  async returnForRework(actor: Actor, requestId: string, reason: string): Promise<RequestView> {
    await this.run(actor, requestId, () => ({ type: 'returnForRework', reason }));
    return this.getRequest(actor, requestId);
  }

  async reject(actor: Actor, requestId: string, reason: string): Promise<RequestView> {
    await this.run(actor, requestId, () => ({ type: 'reject', reason }));
    return this.getRequest(actor, requestId);
  }

  async claimTask(actor: Actor, taskId: string): Promise<RequestView> {
    return this.runOnTask(actor, taskId, (taskKey) => ({ type: 'claimTask', taskKey }));
  }

  async completeTask(
    actor: Actor,
    taskId: string,
    checklist: ChecklistInput,
    comment?: string,
  ): Promise<RequestView> {
    return this.runOnTask(actor, taskId, (taskKey) =>
      comment === undefined
        ? { type: 'completeTask', taskKey, checklist }
        : { type: 'completeTask', taskKey, checklist, comment },
    );
  }

  async rejectTask(actor: Actor, taskId: string, reason: string): Promise<RequestView> {
    return this.runOnTask(actor, taskId, (taskKey) => ({ type: 'rejectTask', taskKey, reason }));
  }

  async reopenTask(actor: Actor, taskId: string): Promise<RequestView> {
    return this.runOnTask(actor, taskId, (taskKey) => ({ type: 'reopenTask', taskKey }));
  }

  // ---- queries --------------------------------------------------------------------------------------

  /** The request as the actor may see it: the client presenter for a client, the staff one for staff. */
  async getRequest(actor: Actor, requestId: string): Promise<RequestView> {
    const em = this.orm.em.fork();
    const loaded = await this.load(em, actor, requestId);
    const definition = getRequestType(loaded.row.typeCode, loaded.row.typeVersion);
    const allowed = allowedActions(loaded.state, loaded.actor, {
      now: this.now(),
      definition,
      routing: this.routing,
    });
    if (audienceOf(actor) === 'staff')
      return toStaffRequestView(loaded.row, loaded.tasks, definition, allowed);
    const journal = await this.journalEntries(em, requestId);
    const managerName = await this.managerName(em, loaded.row);
    return toClientRequestView(loaded.row, definition, allowed.request, { managerName, journal });
  }

  /** The staff view, for staff edges (cards, task screens); a client gets `not_found`. */
  async getStaffRequest(actor: Actor, requestId: string): Promise<StaffRequestView> {
    const view = await this.getRequest(actor, requestId);
    if (view.audience !== 'staff') throw notFound('request');
    return view;
  }

  /** The client view, for client edges (the client bot); staff get `not_found`. */
  async getClientRequest(actor: Actor, requestId: string): Promise<ClientRequestView> {
    const view = await this.getRequest(actor, requestId);
    if (view.audience !== 'client') throw notFound('request');
    return view;
  }

  async listRequests(actor: Actor, filter: RequestFilter = {}): Promise<Page<RequestListItem>> {
    const em = this.orm.em.fork();
    const page = Math.max(1, filter.page ?? 1);
    const pageSize = Math.min(100, Math.max(1, filter.pageSize ?? 20));
    const where = {
      ...(await this.visibleFilter(em, actor)),
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.type ? { typeCode: filter.type } : {}),
    };
    const [rows, total] = await em.findAndCount(RequestSchema, where as never, {
      orderBy: { createdAt: 'desc', number: 'desc' },
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    return { items: rows.map((row) => toListItem(row)), page, pageSize, total };
  }

  /** The journal of one request the actor may see, oldest first, through the actor's presenter. */
  async requestJournal(actor: Actor, requestId: string): Promise<RequestJournal> {
    const em = this.orm.em.fork();
    await this.load(em, actor, requestId);
    const entries = await this.journalEntries(em, requestId);
    if (audienceOf(actor) === 'client') {
      return { audience: 'client', items: toClientJournal(entries, actor.userId) };
    }
    const actorIds = [
      ...new Set(entries.map((e) => e.actorId).filter((id): id is string => typeof id === 'string')),
    ];
    const users = actorIds.length
      ? await em.find(UserSchema, { id: { $in: actorIds } }, { fields: ['id', 'fullName'] })
      : [];
    return {
      audience: 'staff',
      items: toStaffJournal(entries, new Map(users.map((u) => [u.id, u.fullName]))),
    };
  }

  async staffJournal(actor: Actor, requestId: string): Promise<StaffJournalEntry[]> {
    const journal = await this.requestJournal(actor, requestId);
    if (journal.audience !== 'staff') throw notFound('request');
    return journal.items;
  }

  async clientJournal(actor: Actor, requestId: string): Promise<ClientJournalEntry[]> {
    const journal = await this.requestJournal(actor, requestId);
    if (journal.audience !== 'client') throw notFound('request');
    return journal.items;
  }

  /**
   * Tasks of the caller's task roles (optionally one role), by default the open and claimed ones, most urgent
   * first, each with its request's number, type and summary. Refuses a caller without a task role.
   */
  async listTasks(actor: Actor, filter: TaskFilter = {}): Promise<Page<TaskListItem>> {
    const mine = TASK_ROLES.filter((role) => actor.roles.includes(role));
    if (mine.length === 0) throw new DomainError('forbidden', 'only staff of a task role have tasks');
    if (filter.role !== undefined && !(mine as readonly string[]).includes(filter.role)) {
      throw new DomainError('forbidden', `the caller does not hold the role ${filter.role}`);
    }
    const roles = filter.role === undefined ? mine : [filter.role];
    const statuses = filter.status === undefined ? [...ACTIVE_TASK_STATUSES] : [filter.status];
    const page = Math.max(1, filter.page ?? 1);
    const pageSize = Math.min(100, Math.max(1, filter.pageSize ?? 50));
    const em = this.orm.em.fork();
    const [tasks, total] = await em.findAndCount(
      TaskSchema,
      { ...this.taskScope(actor, roles as TaskRole[]), status: { $in: statuses as TaskStatus[] } } as never,
      { orderBy: { dueAt: 'asc', id: 'asc' }, limit: pageSize, offset: (page - 1) * pageSize },
    );
    const requestIds = [...new Set(tasks.map((t) => t.requestId))];
    const requests = requestIds.length ? await em.find(RequestSchema, { id: { $in: requestIds } }) : [];
    const byId = new Map(requests.map((r) => [r.id, r]));
    const items: TaskListItem[] = [];
    for (const task of tasks) {
      const request = byId.get(task.requestId);
      if (!request) continue;
      const definition = getRequestType(request.typeCode, request.typeVersion);
      const def = findTaskDefinition(definition, task.key);
      items.push({
        id: task.id,
        key: task.key,
        role: task.role,
        title: def ? { ...def.title } : { ru: task.key, en: task.key },
        status: task.status,
        assigneeId: task.assigneeId ?? null,
        approvalsRequired: task.approvalsRequired,
        approvals: task.approvals.length,
        dueAt: task.dueAt.toISOString(),
        request: {
          id: request.id,
          number: request.number,
          type: request.typeCode,
          status: request.status,
          summary: {
            ru: definition.summary(request.payload, 'ru'),
            en: definition.summary(request.payload, 'en'),
          },
        },
      });
    }
    return { items, page, pageSize, total };
  }

  /** The request rows the actor may list (see `canView` for the same rule on one row). */
  private async visibleFilter(em: Em, actor: Actor): Promise<Record<string, unknown>> {
    if (actor.roles.includes('client'))
      return { clientId: actor.clientId ?? '00000000-0000-0000-0000-000000000000' };
    const signed = { status: { $nin: [...PRIVATE_STATUSES] } };
    if (seesAllSigned(actor) && (this.managerScope === 'all' || actor.roles.includes('admin'))) return signed;
    const reachable: Record<string, unknown>[] = [];
    if (actor.roles.includes('client_manager')) reachable.push({ clientId: { managerId: actor.userId } });
    const roles = workingRoles(actor);
    if (roles.length > 0) {
      const tasks = await em.find(TaskSchema, { role: { $in: roles } }, { fields: ['requestId'] });
      reachable.push({ id: { $in: [...new Set(tasks.map((t) => t.requestId))] } });
    }
    if (reachable.length === 0) return { ...signed, id: { $in: [] } };
    return { ...signed, $or: reachable };
  }

  /** The tasks of the given roles the actor may see: a client manager's only on the clients it owns. */
  private taskScope(actor: Actor, roles: readonly TaskRole[]): Record<string, unknown> {
    const scoped = this.managerScope === 'own' && roles.includes('client_manager');
    if (!scoped) return { role: { $in: roles } };
    const others = roles.filter((role) => role !== 'client_manager');
    const own = { role: 'client_manager', requestId: { clientId: { managerId: actor.userId } } };
    return others.length === 0 ? own : { $or: [{ role: { $in: others } }, own] };
  }

  // ---- the transaction --------------------------------------------------------------------------------

  /**
   * Registers work that must run, inside the command's transaction, whenever a request's pending signature codes
   * become void (an edit, a cancel, a delete) — whichever edge (API, bot) issued the command.
   */
  onSignatureVoid(voider: SignatureVoider): void {
    this.signatureVoiders.push(voider);
  }

  private async runOnTask(
    actor: Actor,
    taskId: string,
    command: (taskKey: string) => Command,
  ): Promise<RequestView> {
    const task = await this.orm.em.fork().findOne(TaskSchema, { id: taskId });
    if (!task) throw notFound('task');
    await this.run(actor, task.requestId, () => command(task.key));
    return this.getRequest(actor, task.requestId);
  }

  private async run(
    actor: Actor,
    requestId: string,
    buildCommand: (loaded: Loaded, now: Date) => Command,
    evidence: Record<string, unknown> = {},
    outer?: Em,
  ): Promise<void> {
    await this.transaction(async (em) => {
      const now = this.now();
      const loaded = await this.load(em, actor, requestId);
      const definition = getRequestType(loaded.row.typeCode, loaded.row.typeVersion);
      const command = buildCommand(loaded, now);
      const decision = decide(loaded.state, command, loaded.actor, {
        now,
        definition,
        routing: this.routing,
      });
      if (decision instanceof DomainError) throw decision;
      const next = applyEvents(loaded.state, decision.events);
      this.persist(em, loaded, next, decision.events, now);
      await appendJournal(em, journalRecords(actor, loaded, command, decision.events, evidence, now));
      enqueueOutbox(em, outboxDrafts(loaded.row, decision.effects), now);
      await em.flush();
      if (decision.events.some(voidsSignature)) {
        for (const voider of this.signatureVoiders) await voider(em, requestId);
      }
    }, outer);
  }

  private async load(em: Em, actor: Actor, requestId: string): Promise<Loaded> {
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
  private async managerName(em: Em, row: RequestRow): Promise<string | null> {
    let managerId = row.reviewerId ?? null;
    if (managerId === null) {
      const client = await em.findOne(ClientSchema, { id: row.clientId }, { fields: ['id', 'managerId'] });
      managerId = client?.managerId ?? null;
    }
    if (managerId === null) return null;
    const user = await em.findOne(UserSchema, { id: managerId }, { fields: ['id', 'fullName'] });
    return user?.fullName ?? null;
  }

  private async journalEntries(em: Em, requestId: string) {
    return em.find(JournalEntrySchema, { requestId }, { orderBy: { id: 'asc' } });
  }

  private persist(
    em: Em,
    loaded: Loaded,
    next: RequestState,
    events: readonly DomainEvent[],
    now: Date,
  ): void {
    const { row } = loaded;
    if (events.some((e) => e.type === 'draft_deleted')) {
      em.remove(row);
      for (const task of loaded.tasks) em.remove(task);
      return;
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
        em.create(TaskSchema, {
          id: randomUUID(),
          requestId: row.id,
          key: task.key,
          createdAt: now,
          checklist: checklist ?? null,
          ...fields,
        });
      }
    }
  }

  /** One transaction; a lost optimistic race or a duplicate insert becomes a `conflict` the caller can show. */
  private async transaction<T>(work: (em: Em) => Promise<T>, outer?: Em): Promise<T> {
    try {
      return await (outer ?? this.orm.em.fork()).transactional(work);
    } catch (error) {
      if (error instanceof OptimisticLockError || error instanceof UniqueConstraintViolationException) {
        throw new DomainError(
          'conflict',
          'the request was changed by someone else at the same time; reload and retry',
        );
      }
      throw error;
    }
  }
}

/** Runs in the command's transaction when a request's pending signature codes become void. */
export type SignatureVoider = (em: Em, requestId: string) => Promise<void>;

function voidsSignature(event: DomainEvent): boolean {
  return (
    event.type === 'draft_updated' ||
    event.type === 'draft_deleted' ||
    (event.type === 'status_changed' && event.to === 'cancelled')
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

function journalRecords(
  actor: Actor,
  loaded: Loaded,
  command: Command,
  events: readonly DomainEvent[],
  evidence: Record<string, unknown>,
  at: Date,
): JournalRecord[] {
  return events.map((event) => {
    const { type, ...data } = event;
    const extra = event.type === 'signed' ? { evidence } : {};
    return {
      action: `request.${type}`,
      actorId: actor.userId,
      requestId: loaded.row.id,
      at,
      data: { ...data, ...extra, number: loaded.row.number, command: command.type },
    };
  });
}

/** Outbox rows carry ids and codes only; reasons and payloads stay in the database and the journal. */
function outboxDrafts(row: RequestRow, effects: readonly Effect[]): OutboxDraft[] {
  return effects.map((effect) => {
    const base = { requestId: row.id, number: row.number, type: row.typeCode, clientId: row.clientId };
    switch (effect.type) {
      case 'task_created':
        return {
          topic: effect.type,
          requestId: row.id,
          payload: { ...base, taskKey: effect.taskKey, role: effect.role },
        };
      case 'task_rejected':
        return { topic: effect.type, requestId: row.id, payload: { ...base, taskKey: effect.taskKey } };
      case 'signature_required':
        return {
          topic: effect.type,
          requestId: row.id,
          payload: { ...base, payloadHash: effect.payloadHash },
        };
      case 'request_submitted':
      case 'request_returned':
      case 'request_rejected':
      case 'request_cancelled':
      case 'request_completed':
        return { topic: effect.type, requestId: row.id, payload: base };
      default: {
        const exhaustive: never = effect;
        throw new Error(`unknown effect ${JSON.stringify(exhaustive)}`);
      }
    }
  });
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export type { Payload };
