import { randomUUID } from 'node:crypto';
import { OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Em, Orm } from '../db/orm.js';
import { DomainError, notFound } from '../errors.js';
import { appendJournal } from '../journal/journal.js';
import { enqueueOutbox } from '../messaging/outbox.js';
import {
  applyEvents,
  decide,
  decideCreate,
  type Actor,
  type ChecklistInput,
  type Command,
  type Payload,
  type RoutingContext,
} from './domain/index.js';
import { parsePayload } from './domain/form.js';
import { getRequestType } from './domain/types/index.js';
import type { Page } from './page.js';
import { payloadHash } from './payload-hash.js';
import type {
  ClientJournalEntry,
  ClientRequestView,
  RequestJournal,
  RequestListItem,
  RequestView,
  StaffJournalEntry,
  StaffRequestView,
} from './presenters.js';
import { nextRequestNumber } from './request-number.js';
import { RequestSchema } from './request.entity.js';
import { RequestQueries, type RequestFilter, type TaskFilter, type TaskListItem } from './request.queries.js';
import { journalRecords, outboxDrafts, voidsSignature, type SignatureVoider } from './request.records.js';
import { RequestRepository, type LoadedRequest } from './request.repository.js';
import { TaskSchema } from './task.entity.js';
import type { ClientManagerScope } from './visibility.js';

export type { Page } from './page.js';
export type { RequestFilter, TaskFilter, TaskListItem } from './request.queries.js';
export type { SignatureVoider } from './request.records.js';
export { isUuid, toState } from './request.repository.js';

export interface WorkflowServiceDeps {
  orm: Orm;
  routing: RoutingContext;
  /** The clock; tests pass a fixed one. */
  now?: () => Date;
  /** `own` (default): a client manager works the clients they own; `all`: one shared pool (small firms). */
  clientManagerScope?: ClientManagerScope;
}

/**
 * The one door to requests: every command loads the request, asks the pure core to decide, and persists the
 * outcome, its journal entries and its outbox rows in one transaction under an optimistic lock.
 */
export class WorkflowService {
  private readonly orm: Orm;
  private readonly routing: RoutingContext;
  private readonly now: () => Date;
  private readonly requests: RequestRepository;
  private readonly queries: RequestQueries;
  private readonly signatureVoiders: SignatureVoider[] = [];

  constructor(deps: WorkflowServiceDeps) {
    this.orm = deps.orm;
    this.routing = deps.routing;
    this.now = deps.now ?? (() => new Date());
    const managerScope = deps.clientManagerScope ?? 'own';
    this.requests = new RequestRepository(managerScope);
    this.queries = new RequestQueries({
      orm: this.orm,
      routing: this.routing,
      now: this.now,
      managerScope,
      requests: this.requests,
    });
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
      throw new DomainError('validation_failed', 'the form has errors', { fieldIssues: parsed.issues });
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
          fieldIssues: parsed.issues,
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

  /** The request as the actor may see it: the client presenter for a client, the staff one for staff. */ async getRequest(
    actor: Actor,
    requestId: string,
  ): Promise<RequestView> {
    return this.queries.getRequest(actor, requestId);
  }

  async getStaffRequest(actor: Actor, requestId: string): Promise<StaffRequestView> {
    return this.queries.getStaffRequest(actor, requestId);
  }

  async getClientRequest(actor: Actor, requestId: string): Promise<ClientRequestView> {
    return this.queries.getClientRequest(actor, requestId);
  }

  async listRequests(actor: Actor, filter: RequestFilter = {}): Promise<Page<RequestListItem>> {
    return this.queries.listRequests(actor, filter);
  }

  async requestJournal(actor: Actor, requestId: string): Promise<RequestJournal> {
    return this.queries.requestJournal(actor, requestId);
  }

  async staffJournal(actor: Actor, requestId: string): Promise<StaffJournalEntry[]> {
    return this.queries.staffJournal(actor, requestId);
  }

  async clientJournal(actor: Actor, requestId: string): Promise<ClientJournalEntry[]> {
    return this.queries.clientJournal(actor, requestId);
  }

  async listTasks(actor: Actor, filter: TaskFilter = {}): Promise<Page<TaskListItem>> {
    return this.queries.listTasks(actor, filter);
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
    buildCommand: (loaded: LoadedRequest, now: Date) => Command,
    evidence: Record<string, unknown> = {},
    outer?: Em,
  ): Promise<void> {
    await this.transaction(async (em) => {
      const now = this.now();
      const loaded = await this.requests.load(em, actor, requestId);
      const definition = getRequestType(loaded.row.typeCode, loaded.row.typeVersion);
      const command = buildCommand(loaded, now);
      const decision = decide(loaded.state, command, loaded.actor, {
        now,
        definition,
        routing: this.routing,
      });
      if (decision instanceof DomainError) throw decision;
      const next = applyEvents(loaded.state, decision.events);
      this.requests.persist(em, loaded, next, decision.events, now);
      await appendJournal(em, journalRecords(actor, loaded.row, command, decision.events, evidence, now));
      enqueueOutbox(em, outboxDrafts(loaded.row, decision.effects), now);
      await em.flush();
      if (decision.events.some(voidsSignature)) {
        for (const voider of this.signatureVoiders) await voider(em, requestId);
      }
    }, outer);
  }

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

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export type { Payload };
