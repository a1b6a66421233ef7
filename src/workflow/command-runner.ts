import { OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Em, Orm } from '../db/orm.js';
import { DomainError, notFound } from '../errors.js';
import { appendJournal } from '../journal/journal.js';
import { enqueueOutbox } from '../messaging/outbox.js';
import { applyEvents, decide, type Actor, type Command, type RoutingContext } from './domain/index.js';
import { getRequestType } from './domain/types/index.js';
import {
  exportDrafts,
  journalRecords,
  outboxDrafts,
  voidsSignature,
  type SignatureCodes,
} from './request.records.js';
import { inLoadOrder, type LoadedRequest, type RequestRepository } from './request.repository.js';
import { TaskSchema } from './task.entity.js';
import type { Metrics } from '../ops/metrics.js';

export interface CommandRunnerDeps {
  orm: Orm;
  routing: RoutingContext;
  now: () => Date;
  requests: RequestRepository;
  signatureCodes: SignatureCodes;
  /** Counts each command by type and outcome (docs/0027). */
  metrics?: Pick<Metrics, 'commands'>;
}

/**
 * How every command runs: load the request for the actor, let the pure core decide, persist the new state, its
 * journal entries and outbox rows, and void pending signing codes when the decision calls for it — one transaction
 * under an optimistic lock. A lost race or a duplicate insert becomes a `conflict` the caller can show.
 */
export class CommandRunner {
  constructor(private readonly deps: CommandRunnerDeps) {}

  /**
   * Runs a command on a request; `outer` joins the caller's transaction (signing: code, request, signature).
   * Answers the request as the command left it (the rows just written, no second read), or null once deleted.
   */
  async run(
    actor: Actor,
    requestId: string,
    buildCommand: (loaded: LoadedRequest, now: Date) => Command,
    evidence: Record<string, unknown> = {},
    outer?: Em,
  ): Promise<LoadedRequest | null> {
    const { metrics } = this.deps;
    // The command's type is known once the request is loaded; a refusal before that counts as `unknown`.
    let type = 'unknown';
    try {
      const decided = await this.apply(actor, requestId, buildCommand, evidence, outer, (t) => (type = t));
      metrics?.commands.inc({ command: type, outcome: 'applied' });
      return decided;
    } catch (error) {
      const outcome =
        error instanceof DomainError ? (error.code === 'conflict' ? 'conflict' : 'refused') : 'error';
      metrics?.commands.inc({ command: type, outcome });
      throw error;
    }
  }

  private async apply(
    actor: Actor,
    requestId: string,
    buildCommand: (loaded: LoadedRequest, now: Date) => Command,
    evidence: Record<string, unknown>,
    outer: Em | undefined,
    named: (type: string) => void,
  ): Promise<LoadedRequest | null> {
    const { requests, routing, signatureCodes } = this.deps;
    return this.transaction(async (em) => {
      const now = this.deps.now();
      const loaded = await requests.load(em, actor, requestId);
      const definition = getRequestType(loaded.row.typeCode, loaded.row.typeVersion);
      const command = buildCommand(loaded, now);
      named(command.type);
      const decision = decide(loaded.state, command, loaded.actor, { now, definition, routing });
      if (decision instanceof DomainError) throw decision;
      const next = applyEvents(loaded.state, decision.events);
      const created = requests.persist(em, loaded, next, decision.events, now);
      await appendJournal(em, journalRecords(actor, loaded.row, command, decision.events, evidence, now));
      enqueueOutbox(
        em,
        [...outboxDrafts(loaded.row, decision.effects), ...exportDrafts(loaded.row, decision.events)],
        now,
      );
      await em.flush();
      if (decision.events.some(voidsSignature)) await signatureCodes.voidPending(em, requestId);
      if (decision.events.some((e) => e.type === 'draft_deleted')) return null;
      return { ...loaded, tasks: inLoadOrder([...loaded.tasks, ...created]), state: next };
    }, outer);
  }

  /** Runs a command on a task's request; answers the request as the command left it. */
  async runOnTask(
    actor: Actor,
    taskId: string,
    command: (taskKey: string) => Command,
  ): Promise<LoadedRequest | null> {
    const task = await this.deps.orm.em.fork().findOne(TaskSchema, { id: taskId });
    if (!task) throw notFound('task');
    return this.run(actor, task.requestId, () => command(task.key));
  }

  async transaction<T>(work: (em: Em) => Promise<T>, outer?: Em): Promise<T> {
    try {
      return await (outer ?? this.deps.orm.em.fork()).transactional(work);
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
