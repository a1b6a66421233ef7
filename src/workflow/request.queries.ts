import { raw } from '@mikro-orm/core';
import type { Em, Orm } from '../db/orm.js';
import { DomainError, notFound } from '../errors.js';
import { fullNames } from '../db/user-names.js';
import {
  ACTIVE_TASK_STATUSES,
  allowedActions,
  findTaskDefinition,
  TASK_ROLES,
  type Actor,
  type Payload,
  type RequestStatus,
  type RoutingContext,
  type TaskRole,
  type TaskStatus,
} from './domain/index.js';
import { getRequestType } from './domain/types/index.js';
import type { Page } from './page.js';
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
import { RequestSchema, type RequestRow } from './request.entity.js';
import type { LoadedRequest, RequestRepository } from './request.repository.js';
import { readContext } from './request.rows.js';
import { TaskSchema } from './task.entity.js';
import { PRIVATE_STATUSES, seesAllSigned, workingRoles, type ClientManagerScope } from './visibility.js';

export interface RequestFilter {
  status?: string;
  type?: string;
  /** `exclude`: filed requests only (drafts are listed apart); `only`: drafts only. Default: everything. */
  drafts?: 'include' | 'exclude' | 'only';
  page?: number;
  pageSize?: number;
}

export interface TaskFilter {
  role?: string;
  status?: string;
  /** Only tasks past their due time. */
  overdue?: boolean;
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
  /** Who took it, as staff see each other. */
  assigneeName: string | null;
  approvalsRequired: number;
  approvals: number;
  dueAt: string;
  overdue: boolean;
  request: { id: string; number: string; type: string; status: string; summary: { ru: string; en: string } };
}

export interface RequestQueriesDeps {
  orm: Orm;
  routing: RoutingContext;
  now: () => Date;
  managerScope: ClientManagerScope;
  requests: RequestRepository;
}

/** The columns of a request a task list line shows. */
interface TaskListRequestRow {
  id: string;
  number: string;
  type_code: string;
  type_version: number;
  status: RequestStatus;
  payload: Payload | string;
}

/** What a request's list line shows. */
const LIST_COLUMNS = [
  'id',
  'number',
  'typeCode',
  'typeVersion',
  'status',
  'payload',
  'createdAt',
  'updatedAt',
  'submittedAt',
] as const;
type ListRow = Pick<RequestRow, (typeof LIST_COLUMNS)[number]>;

/** Reads of requests and tasks, each through the reader's presenter and within the reader's reach. */
export class RequestQueries {
  private readonly orm: Orm;
  private readonly routing: RoutingContext;
  private readonly now: () => Date;
  private readonly managerScope: ClientManagerScope;
  private readonly requests: RequestRepository;

  constructor(deps: RequestQueriesDeps) {
    this.orm = deps.orm;
    this.routing = deps.routing;
    this.now = deps.now;
    this.managerScope = deps.managerScope;
    this.requests = deps.requests;
  }

  async getRequest(actor: Actor, requestId: string): Promise<RequestView> {
    return (await this.getRequestWith(actor, requestId, {})).view;
  }

  /**
   * The request as the actor sees it and, read in the same statement, the `alongside` values (SQL expressions over
   * the request's row `r`, from code): only ever returned with a view the actor may see.
   */
  async getRequestWith(
    actor: Actor,
    requestId: string,
    alongside: Readonly<Record<string, string>>,
  ): Promise<{ view: RequestView; alongside: Record<string, unknown> }> {
    const em = this.orm.em.fork();
    // One statement: the request, its tasks and what its view shows beside them.
    const loaded = await this.requests.load(em, actor, requestId, { context: true, alongside });
    return { view: await this.present(actor, loaded, em), alongside: loaded.alongside ?? {} };
  }

  /** A request already in hand (a command's result) through the actor's presenter. */
  protected async present(
    actor: Actor,
    loaded: LoadedRequest,
    em: Em = this.orm.em.fork(),
  ): Promise<RequestView> {
    const definition = getRequestType(loaded.row.typeCode, loaded.row.typeVersion);
    const allowed = allowedActions(loaded.state, loaded.actor, {
      now: this.now(),
      definition,
      routing: this.routing,
    });
    const context = loaded.context;
    if (audienceOf(actor) === 'staff') {
      const wanted = [
        loaded.row.reviewerId,
        ...loaded.tasks.flatMap((task) => [task.assigneeId, ...task.approvals.map((a) => a.userId)]),
      ];
      const known = context?.names;
      const names = known && wanted.every((id) => !id || known.has(id)) ? known : await fullNames(em, wanted);
      return toStaffRequestView(loaded.row, loaded.tasks, definition, allowed, actor, names);
    }
    // The client knows its manager as the request's reviewer while there is one, else its own manager.
    const reviewer = loaded.row.reviewerId;
    const shown =
      context && (!reviewer || context.names.has(reviewer)) ? context : await readContext(em, loaded.row.id);
    return toClientRequestView(loaded.row, definition, allowed.request, {
      managerName: reviewer ? (shown.names.get(reviewer) ?? null) : shown.clientManagerName,
      statusReason: shown.statusReason,
    });
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
    // The caller's reach and the filters together: a filter narrows the reach, it never replaces a part of it
    // (a staff member's `status=awaiting_signature` must not lift "signed requests only").
    const where = {
      $and: [
        await this.visibleFilter(em, actor),
        ...(filter.drafts === 'exclude' ? [{ status: { $ne: 'draft' } }] : []),
        ...(filter.drafts === 'only' ? [{ status: 'draft' }] : []),
        ...(filter.status ? [{ status: filter.status }] : []),
        ...(filter.type ? [{ typeCode: filter.type }] : []),
      ],
    };
    // A list line's columns as plain rows and the total in the same statement (the bots' "My requests": P4).
    const rows = await em
      .createQueryBuilder(RequestSchema, 'r')
      .select([...LIST_COLUMNS, raw('count(*) over () as total')])
      .where(where as never)
      .orderBy({ createdAt: 'desc', number: 'desc' })
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute<(ListRow & { total: number | string })[]>('all', true);
    // A page past the end has no row to carry the total: count apart.
    const total =
      rows[0] !== undefined
        ? Number(rows[0].total)
        : page > 1
          ? await em.count(RequestSchema, where as never)
          : 0;
    return { items: rows.map((row) => toListItem(row)), page, pageSize, total };
  }

  /** The journal of one request the actor may see, oldest first, through the actor's presenter. */
  async requestJournal(actor: Actor, requestId: string): Promise<RequestJournal> {
    const em = this.orm.em.fork();
    await this.requests.load(em, actor, requestId);
    const entries = await this.requests.journal(em, requestId);
    if (audienceOf(actor) === 'client') {
      return { audience: 'client', items: toClientJournal(entries, actor.userId) };
    }
    return {
      audience: 'staff',
      items: toStaffJournal(
        entries,
        await fullNames(
          em,
          entries.map((e) => e.actorId),
        ),
      ),
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
    const now = this.now();
    const [tasks, total] = await em.findAndCount(
      TaskSchema,
      {
        ...this.taskScope(actor, roles as TaskRole[]),
        status: { $in: statuses as TaskStatus[] },
        ...(filter.overdue ? { dueAt: { $lt: now } } : {}),
      } as never,
      { orderBy: { dueAt: 'asc', id: 'asc' }, limit: pageSize, offset: (page - 1) * pageSize },
    );
    // The page's requests (only what a list line shows) and the assignees' names at once, as plain rows: at a
    // million requests hydrating them was most of this list's time (docs/0029, P6).
    const requestIds = [...new Set(tasks.map((t) => t.requestId))];
    const [requests, names] = await Promise.all([
      requestIds.length
        ? em
            .getConnection()
            .execute<TaskListRequestRow[]>(
              `select id, number, type_code, type_version, status, payload from requests where id = any(?::uuid[])`,
              [`{${requestIds.join(',')}}`],
            )
        : [],
      fullNames(
        em,
        tasks.map((t) => t.assigneeId),
      ),
    ]);
    const byId = new Map(
      requests.map((r) => [
        r.id,
        {
          id: r.id,
          number: r.number,
          typeCode: r.type_code,
          typeVersion: r.type_version,
          status: r.status,
          payload: typeof r.payload === 'string' ? (JSON.parse(r.payload) as Payload) : r.payload,
        },
      ]),
    );
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
        assigneeName: task.assigneeId ? (names.get(task.assigneeId) ?? null) : null,
        approvalsRequired: task.approvalsRequired,
        approvals: task.approvals.length,
        dueAt: task.dueAt.toISOString(),
        overdue: task.dueAt < now && (task.status === 'open' || task.status === 'claimed'),
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
      // A subquery, not the ids: a role of a big database has worked hundreds of thousands of requests.
      const worked = em
        .createQueryBuilder(TaskSchema, 'wt')
        .select('requestId')
        .where({ role: { $in: roles } });
      reachable.push({ id: { $in: worked } });
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
}
