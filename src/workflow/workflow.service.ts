import { randomUUID } from 'node:crypto';
import type { Metrics } from '../ops/metrics.js';
import type { Em, Orm } from '../db/orm.js';
import { DomainError } from '../errors.js';
import { runParts } from '../db/statement.js';
import { journalParts } from '../journal/journal.js';
import {
  decideCreate,
  type Actor,
  type ChecklistInput,
  type Command,
  type Payload,
  type RoutingContext,
} from './domain/index.js';
import { CommandRunner } from './command-runner.js';
import { applicableFields, parsePayload } from './domain/form.js';
import type { FieldIssues } from './domain/validation/issues.js';
import { getRequestType } from './domain/types/index.js';
import { payloadHash } from './payload-hash.js';
import type { RequestView } from './presenters.js';
import { nextRequestNumber } from './request-number.js';
import { RequestQueries } from './request.queries.js';
import type { SignatureCodes } from './request.records.js';
import { RequestRepository, type LoadedRequest } from './request.repository.js';
import type { ClientManagerScope } from './visibility.js';

export type { Page } from './page.js';
export type { RequestFilter, TaskFilter, TaskListItem } from './request.queries.js';
export type { SignatureCodes } from './request.records.js';
export { isUuid, toState } from './request.repository.js';

export interface WorkflowServiceDeps {
  orm: Orm;
  routing: RoutingContext;
  /** The clock; tests pass a fixed one. */
  now?: () => Date;
  /** `own` (default): a client manager works the clients they own; `all`: one shared pool (small firms). */
  clientManagerScope?: ClientManagerScope;
  /** Voids a request's pending signing codes inside the command that makes them void (identity implements it). */
  signatureCodes: SignatureCodes;
  /** Counts commands by type and outcome (docs/0027). */
  metrics?: Pick<Metrics, 'commands'>;
  /**
   * Values every command's read also takes, by name (SQL over the request's row `r`, written by the wiring): another
   * module's data its answers show beside the request — the API's latest signature — read in the command's own
   * statement instead of one more after it. The answered view carries them (`alongsideOf`).
   */
  answerAlongside?: Readonly<Record<string, string>>;
}

/**
 * The one door to requests: the reads (RequestQueries, each through the reader's presenter) and the commands, each
 * run by the CommandRunner — load, decide in the pure core, persist with journal and outbox, one transaction.
 */
export class WorkflowService extends RequestQueries {
  private readonly clock: () => Date;
  private readonly runner: CommandRunner;

  constructor(deps: WorkflowServiceDeps) {
    const { orm, routing, signatureCodes } = deps;
    const now = deps.now ?? (() => new Date());
    const managerScope = deps.clientManagerScope ?? 'own';
    const requests = new RequestRepository(managerScope);
    super({ orm, routing, now, managerScope, requests });
    this.clock = now;
    this.runner = new CommandRunner({
      orm,
      routing,
      now,
      requests,
      signatureCodes,
      ...(deps.metrics ? { metrics: deps.metrics } : {}),
      ...(deps.answerAlongside ? { alongside: deps.answerAlongside } : {}),
    });
  }

  // ---- commands -------------------------------------------------------------------------------------

  /**
   * A form as it is being filled in, checked by the same rules as a save (nothing is stored): which fields apply to
   * the answers so far (conditional ones included), and every issue, keyed by field.
   */
  checkForm(type: string, payload: Payload): { fields: string[]; complete: boolean; issues: FieldIssues } {
    const definition = getRequestType(type);
    const fields = applicableFields(definition, payload).map((field) => field.name);
    const parsed = parsePayload(definition, payload, { today: isoDate(this.clock()) });
    return { fields, complete: parsed.ok, issues: parsed.ok ? {} : parsed.issues };
  }

  async createDraft(actor: Actor, input: { type: string; payload: unknown }): Promise<RequestView> {
    const now = this.clock();
    const definition = getRequestType(input.type);
    const guard = decideCreate(actor);
    if (guard instanceof DomainError) throw guard;
    const clientId = actor.clientId;
    if (clientId === undefined) throw new DomainError('forbidden', 'only a client may file requests');
    const parsed = parsePayload(definition, input.payload, { today: isoDate(now) });
    if (!parsed.ok)
      throw new DomainError('validation_failed', 'the form has errors', { fieldIssues: parsed.issues });
    const id = await this.runner.transaction(async (em) => {
      const requestId = randomUUID();
      // The number and the journal's lock in one statement; then the row and its journal entry in one more.
      const number = await nextRequestNumber(em, now, { lockJournal: true });
      await runParts(
        em,
        [
          this.requests.draftInsert({
            id: requestId,
            number,
            typeCode: definition.code,
            typeVersion: definition.version,
            clientId,
            createdBy: actor.userId,
            payload: parsed.payload,
            payloadHash: payloadHash(requestId, definition.code, definition.version, parsed.payload),
            createdAt: now,
            updatedAt: now,
          }),
          ...journalParts(
            [
              {
                action: 'request.created',
                actorId: actor.userId,
                requestId,
                at: now,
                data: {
                  number,
                  type: definition.code,
                  typeVersion: definition.version,
                  payload: parsed.payload,
                },
              },
            ],
            now,
          ),
        ],
        'select 1 as written',
      );
      return requestId;
    });
    return this.getRequest(actor, id);
  }

  async updateDraft(actor: Actor, requestId: string, payload: unknown): Promise<RequestView> {
    const decided = await this.runner.run(actor, requestId, (loaded, now) => {
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
    return this.answer(actor, requestId, decided);
  }

  async deleteDraft(actor: Actor, requestId: string): Promise<void> {
    await this.runner.run(actor, requestId, () => ({ type: 'deleteDraft' }));
  }

  /** Moves a draft to `awaiting_signature`; returns the hash the signature code must be bound to. */
  async submit(actor: Actor, requestId: string): Promise<{ request: RequestView; payloadHash: string }> {
    const request = await this.answer(
      actor,
      requestId,
      await this.runner.run(actor, requestId, () => ({ type: 'submit' })),
    );
    return { request, payloadHash: request.payloadHash };
  }

  /** Called by the identity work once the signing code checked out against `signedHash`. */
  async confirmSignature(
    actor: Actor,
    requestId: string,
    signedHash: string,
    evidence: Record<string, unknown> = {},
  ): Promise<RequestView> {
    const decided = await this.runner.run(
      actor,
      requestId,
      () => ({ type: 'confirmSignature', payloadHash: signedHash }),
      evidence,
    );
    return this.answer(actor, requestId, decided);
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
    await this.runner.run(
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
    const decided = await this.runner.run(actor, requestId, () =>
      reason === undefined ? { type: 'cancel' } : { type: 'cancel', reason },
    );
    return this.answer(actor, requestId, decided);
  }

  async take(actor: Actor, requestId: string): Promise<RequestView> {
    const decided = await this.runner.run(actor, requestId, () => ({ type: 'take' }));
    return this.answer(actor, requestId, decided);
  }

  async accept(actor: Actor, requestId: string, checklist: ChecklistInput): Promise<RequestView> {
    const decided = await this.runner.run(actor, requestId, () => ({ type: 'accept', checklist }));
    return this.answer(actor, requestId, decided);
  }

  async returnForRework(actor: Actor, requestId: string, reason: string): Promise<RequestView> {
    const decided = await this.runner.run(actor, requestId, () => ({ type: 'returnForRework', reason }));
    return this.answer(actor, requestId, decided);
  }

  async reject(actor: Actor, requestId: string, reason: string): Promise<RequestView> {
    const decided = await this.runner.run(actor, requestId, () => ({ type: 'reject', reason }));
    return this.answer(actor, requestId, decided);
  }

  async claimTask(actor: Actor, taskId: string): Promise<RequestView> {
    return this.onTask(actor, taskId, (taskKey) => ({ type: 'claimTask', taskKey }));
  }

  async completeTask(
    actor: Actor,
    taskId: string,
    checklist: ChecklistInput,
    comment?: string,
  ): Promise<RequestView> {
    return this.onTask(actor, taskId, (taskKey) =>
      comment === undefined
        ? { type: 'completeTask', taskKey, checklist }
        : { type: 'completeTask', taskKey, checklist, comment },
    );
  }

  async rejectTask(actor: Actor, taskId: string, reason: string): Promise<RequestView> {
    return this.onTask(actor, taskId, (taskKey) => ({ type: 'rejectTask', taskKey, reason }));
  }

  async reopenTask(actor: Actor, taskId: string): Promise<RequestView> {
    return this.onTask(actor, taskId, (taskKey) => ({ type: 'reopenTask', taskKey }));
  }

  /** A command on a task, answered with the task's request as the actor sees it after the commit. */
  private async onTask(
    actor: Actor,
    taskId: string,
    command: (taskKey: string) => Command,
  ): Promise<RequestView> {
    const decided = await this.runner.runOnTask(actor, taskId, command);
    if (!decided) throw new Error('a task command deleted its request');
    return this.answer(actor, decided.row.id, decided);
  }

  /** A command's answer: the request as it left it, without reading it again (or read, if it is gone). */
  private async answer(actor: Actor, requestId: string, decided: LoadedRequest | null): Promise<RequestView> {
    if (!decided) return this.getRequest(actor, requestId);
    const view = await this.present(actor, decided);
    if (decided.alongside) readAlongside.set(view, decided.alongside);
    return view;
  }
}

/** What a command's answer was read with (`answerAlongside`), by the view it answered; views never carry it. */
const readAlongside = new WeakMap<RequestView, Readonly<Record<string, unknown>>>();

/**
 * The `answerAlongside` values a command read with the request it answered with `view`, in its transaction and only
 * once the actor was allowed the request; undefined for a view no command answered (read them then).
 */
export function alongsideOf(view: RequestView): Readonly<Record<string, unknown>> | undefined {
  return readAlongside.get(view);
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export type { Payload };
