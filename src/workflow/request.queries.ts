import type { Em, Orm } from '../db/orm.js';
import { DomainError, notFound } from '../errors.js';
import { fullNames } from '../db/user-names.js';
import { runPooled, runPrepared } from '../db/prepared.js';
import {
  ACTIVE_TASK_STATUSES,
  allowedActions,
  findTaskDefinition,
  TASK_ROLES,
  TASK_STATUSES,
  REQUEST_STATUSES,
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
import type { LoadedRequest, RequestRepository } from './request.repository.js';
import { LIST_LINE_COLUMNS, readContext, toListLine } from './request.rows.js';
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

/** A line of the task list as read: the task, its request's list columns, the assignee's name, the total. */
interface TaskListRow {
  total: string | number;
  id: string | null;
  key: string;
  role: TaskRole;
  status: TaskStatus;
  assignee_id: string | null;
  assignee_name: string | null;
  approvals_required: number;
  approvals: number;
  due_at: Date | string;
  request_id: string;
  number: string;
  type_code: string;
  type_version: number;
  request_status: RequestStatus;
  payload: Payload | string;
}

/**
 * One statement for a counted page: the total of `counted` (a `from … where …` tail) and the rows of `page` beside
 * it — one row with null columns when the page is past the end, so the total still comes back.
 */
function countedPage(counted: string, page: string): string {
  return `select (select count(*) ${counted}) as total, p.*
     from (select 1) one
     left join lateral (${page}) p on true`;
}

/** Reads of requests and tasks, each through the reader's presenter and within the reader's reach. */
export class RequestQueries {
  private readonly orm: Orm;
  private readonly routing: RoutingContext;
  private readonly now: () => Date;
  private readonly managerScope: ClientManagerScope;
  protected readonly requests: RequestRepository;

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

  /**
   * A request already in hand (a command's result) through the actor's presenter. `em` is only needed when the
   * names or the client's context were not read with it (a fork is made then: MikroORM's forks are not free).
   */
  protected async present(actor: Actor, loaded: LoadedRequest, em?: Em): Promise<RequestView> {
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
      const names =
        known && wanted.every((id) => !id || known.has(id))
          ? known
          : await fullNames(em ?? this.orm.em.fork(), wanted);
      return toStaffRequestView(loaded.row, loaded.tasks, definition, allowed, actor, names);
    }
    // The client knows its manager as the request's reviewer while there is one, else its own manager.
    const reviewer = loaded.row.reviewerId;
    const shown =
      context && (!reviewer || context.names.has(reviewer))
        ? context
        : await readContext(em ?? this.orm.em.fork(), loaded.row.id);
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
    const page = Math.max(1, filter.page ?? 1);
    const pageSize = Math.min(100, Math.max(1, filter.pageSize ?? 20));
    // The caller's reach and the filters together: a filter narrows the reach, it never replaces a part of it
    // (a staff member's `status=awaiting_signature` must not lift "signed requests only").
    const reach = this.reachSql(actor);
    const parts = [reach.sql];
    const params = [...reach.params];
    if (filter.drafts === 'exclude') parts.push(`r.status <> 'draft'`);
    if (filter.drafts === 'only') parts.push(`r.status = 'draft'`);
    if (filter.status !== undefined) {
      parts.push('r.status = ?');
      params.push(filter.status);
    }
    if (filter.type !== undefined) {
      parts.push('r.type_code = ?');
      params.push(filter.type);
    }
    const where = parts.join(' and ');
    // One prepared statement, no entity: the count and a list line's columns of the page (the bots' "My requests"
    // and the cabinet's list: P4, P6).
    const rows = await runPooled<{ total: string | number; id: string | null } & Record<string, unknown>>(
      this.orm,
      countedPage(
        `from requests r where ${where}`,
        `select ${LIST_LINE_COLUMNS} from requests r where ${where}
          order by r.created_at desc, r.number desc
          limit ?::int offset ?::int`,
      ),
      [...params, ...params, pageSize, (page - 1) * pageSize],
    );
    const total = Number(rows[0]?.total ?? 0);
    const items = rows.filter((row) => row.id !== null).map((row) => toListItem(toListLine(row)));
    return { items, page, pageSize, total };
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
    // One statement: the count (from the index alone) and the page with its requests' list columns and the
    // assignees' names — at a million requests hydrating tasks and reading the rest apart was most of this list's
    // time (docs/0029, P6).
    const scope = this.taskScopeSql(actor, roles as TaskRole[]);
    // Roles and statuses are written into the text (known words only), so the plan is the index's: the active
    // tasks' partial index is used only where the statement says `status in ('open', 'claimed')` itself.
    const where = `${scope.sql} and t.status ${sqlWords(statuses, TASK_STATUSES)}${filter.overdue ? ' and t.due_at < ?::timestamptz' : ''}`;
    const whereParams = [...scope.params, ...(filter.overdue ? [now.toISOString()] : [])];
    const rows = await runPrepared<TaskListRow>(
      em,
      countedPage(
        `from tasks t where ${where}`,
        `select t.id, t.key, t.role, t.status, t.assignee_id, t.approvals_required,
                jsonb_array_length(t.approvals) as approvals, t.due_at,
                r.id as request_id, r.number, r.type_code, r.type_version, r.status as request_status, r.payload,
                (select u.full_name from users u where u.id = t.assignee_id) as assignee_name
           from tasks t join requests r on r.id = t.request_id
          where ${where}
          order by t.due_at asc, t.id asc
          limit ?::int offset ?::int`,
      ),
      [...whereParams, ...whereParams, pageSize, (page - 1) * pageSize],
    );
    const total = Number(rows[0]?.total ?? 0);
    const items: TaskListItem[] = [];
    for (const row of rows) {
      if (row.id === null) continue;
      const definition = getRequestType(row.type_code, row.type_version);
      const def = findTaskDefinition(definition, row.key);
      const dueAt = row.due_at instanceof Date ? row.due_at : new Date(row.due_at);
      const payload = typeof row.payload === 'string' ? (JSON.parse(row.payload) as Payload) : row.payload;
      items.push({
        id: row.id,
        key: row.key,
        role: row.role,
        title: def ? { ...def.title } : { ru: row.key, en: row.key },
        status: row.status,
        assigneeId: row.assignee_id,
        assigneeName: row.assignee_id ? row.assignee_name : null,
        approvalsRequired: Number(row.approvals_required),
        approvals: Number(row.approvals),
        dueAt: dueAt.toISOString(),
        overdue: dueAt < now && ACTIVE_TASK_STATUSES.includes(row.status),
        request: {
          id: row.request_id,
          number: row.number,
          type: row.type_code,
          status: row.request_status,
          summary: {
            ru: definition.summary(payload, 'ru'),
            en: definition.summary(payload, 'en'),
          },
        },
      });
    }
    return { items, page, pageSize, total };
  }

  /** The requests the actor may see, as SQL over the request `r` (`canView`'s rule for a list). */
  private reachSql(actor: Actor): { sql: string; params: unknown[] } {
    if (actor.roles.includes('client'))
      return {
        sql: 'r.client_id = ?::uuid',
        params: [actor.clientId ?? '00000000-0000-0000-0000-000000000000'],
      };
    const signed = `r.status not in ${sqlList(PRIVATE_STATUSES, REQUEST_STATUSES)}`;
    if (seesAllSigned(actor) && (this.managerScope === 'all' || actor.roles.includes('admin')))
      return { sql: signed, params: [] };
    const reachable: string[] = [];
    const params: unknown[] = [];
    if (actor.roles.includes('client_manager')) {
      reachable.push('exists (select 1 from clients c where c.id = r.client_id and c.manager_id = ?::uuid)');
      params.push(actor.userId);
    }
    const roles = workingRoles(actor);
    // A subquery, not the ids: a role of a big database has worked hundreds of thousands of requests.
    if (roles.length > 0)
      reachable.push(
        `r.id in (select wt.request_id from tasks wt where wt.role ${sqlWords(roles, TASK_ROLES)})`,
      );
    if (reachable.length === 0) return { sql: 'false', params: [] };
    return { sql: `${signed} and (${reachable.join(' or ')})`, params };
  }

  /**
   * The tasks of the given roles the actor may see, as SQL over the task `t`: a client manager's only on the clients
   * it owns (`CLIENT_MANAGER_SCOPE=own`).
   */
  private taskScopeSql(actor: Actor, roles: readonly TaskRole[]): { sql: string; params: unknown[] } {
    const scoped = this.managerScope === 'own' && roles.includes('client_manager');
    const others = scoped ? roles.filter((role) => role !== 'client_manager') : roles;
    const parts: string[] = [];
    const params: unknown[] = [];
    if (others.length > 0) parts.push(`t.role ${sqlWords(others, TASK_ROLES)}`);
    if (scoped) {
      parts.push(`(t.role = 'client_manager' and exists (select 1 from requests r2 join clients c on c.id = r2.client_id
        where r2.id = t.request_id and c.manager_id = ?::uuid))`);
      params.push(actor.userId);
    }
    return { sql: `(${parts.join(' or ')})`, params };
  }
}

/** `('a', 'b')` for words of a known set (anything else is a programming error, never SQL). */
function sqlList(words: readonly string[], known: readonly string[]): string {
  for (const word of words) if (!known.includes(word)) throw new Error(`not a known word: ${word}`);
  return `(${words.map((w) => `'${w}'`).join(', ')})`;
}

/** `= 'a'` or `in ('a', 'b')` for words of a known set. */
function sqlWords(words: readonly string[], known: readonly string[]): string {
  const list = sqlList(words, known);
  return words.length === 1 ? `= '${words[0]}'` : `in ${list}`;
}
