import { OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Em, Orm } from '../db/orm.js';
import { DomainError, notFound } from '../errors.js';
import { runParts } from '../db/statement.js';
import { journalParts, type JournalRecord } from '../journal/journal.js';
import { outboxPart } from '../messaging/outbox.js';
import {
  applyEvents,
  decide,
  type Actor,
  type Command,
  type RequestState,
  type RoutingContext,
} from './domain/index.js';
import { getRequestType } from './domain/types/index.js';
import {
  exportDrafts,
  journalRecords,
  outboxDrafts,
  voidsSignature,
  type SignatureCodes,
} from './request.records.js';
import {
  inLoadOrder,
  WRITTEN_VERSION,
  type LoadedRequest,
  type RequestRepository,
} from './request.repository.js';
import type { RowContext } from './request.rows.js';
import type { Metrics } from '../ops/metrics.js';

export interface CommandRunnerDeps {
  orm: Orm;
  routing: RoutingContext;
  now: () => Date;
  requests: RequestRepository;
  signatureCodes: SignatureCodes;
  /** Counts each command by type and outcome (docs/0027). */
  metrics?: Pick<Metrics, 'commands'>;
  /** Read with every command's request (`LoadOptions.alongside`) and handed back with its answer. */
  alongside?: Readonly<Record<string, string>>;
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
    return this.runOn(actor, { requestId }, buildCommand, evidence, outer);
  }

  private async runOn(
    actor: Actor,
    target: { requestId: string } | { taskId: string },
    buildCommand: (loaded: LoadedRequest, now: Date) => Command,
    evidence: Record<string, unknown> = {},
    outer?: Em,
  ): Promise<LoadedRequest | null> {
    const { metrics } = this.deps;
    // The command's type is known once the request is loaded; a refusal before that counts as `unknown`.
    let type = 'unknown';
    try {
      const decided = await this.apply(actor, target, buildCommand, evidence, outer, (t) => (type = t));
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
    target: { requestId: string } | { taskId: string },
    buildCommand: (loaded: LoadedRequest, now: Date) => Command,
    evidence: Record<string, unknown>,
    outer: Em | undefined,
    named: (type: string) => void,
  ): Promise<LoadedRequest | null> {
    const { requests, routing, signatureCodes } = this.deps;
    return this.transaction(async (em) => {
      const now = this.deps.now();
      // One statement reads the request, its tasks and what its answer shows beside them, and takes the journal's
      // lock (held to the commit).
      const options = {
        lockJournal: true,
        context: true,
        nameAlso: actor.userId,
        ...(this.deps.alongside ? { alongside: this.deps.alongside } : {}),
      };
      const loaded =
        'requestId' in target
          ? await requests.load(em, actor, target.requestId, options)
          : await requests.loadByTask(em, actor, target.taskId, options);
      const definition = getRequestType(loaded.row.typeCode, loaded.row.typeVersion);
      const command = buildCommand(loaded, now);
      named(command.type);
      const decision = decide(loaded.state, command, loaded.actor, { now, definition, routing });
      if (decision instanceof DomainError) throw decision;
      const next = applyEvents(loaded.state, decision.events);
      // Journal entries are built from the row as loaded (its number, its id) before it is brought up to date.
      const journal = journalRecords(actor, loaded.row, command, decision.events, evidence, now);
      const outbox = [
        ...outboxDrafts(loaded.row, decision.effects),
        ...exportDrafts(loaded.row, decision.events),
      ];
      const { parts, created, deleted } = requests.changes(loaded, next, decision.events, now);
      // One statement writes it all: the request under its version, its tasks, the journal, the outbox.
      const written = await runParts<{ version: number | null }>(
        em,
        [...parts, ...journalParts(journal, now), ...outboxPart(outbox, now)],
        WRITTEN_VERSION,
      );
      if (written?.version === null || written?.version === undefined) throw lostRace();
      if (decision.events.some(voidsSignature)) await signatureCodes.voidPending(em, loaded.row.id);
      if (deleted) return null;
      loaded.row.version = Number(written.version);
      const answer: LoadedRequest = {
        row: loaded.row,
        tasks: inLoadOrder([...loaded.tasks, ...created]),
        state: next,
        actor: loaded.actor,
      };
      const context = loaded.context && contextAfter(loaded.context, loaded.state, next, journal);
      if (context) answer.context = context;
      // Read under the journal's lock this command holds: nothing that changes them commits in between.
      if (loaded.alongside) answer.alongside = loaded.alongside;
      return answer;
    }, outer);
  }

  /** Runs a command on a task's request; answers the request as the command left it. */
  async runOnTask(
    actor: Actor,
    taskId: string,
    command: (taskKey: string) => Command,
  ): Promise<LoadedRequest | null> {
    return this.runOn(actor, { taskId }, (loaded) => {
      const task = loaded.tasks.find((t) => t.id === taskId);
      if (!task) throw notFound('task');
      return command(task.key);
    });
  }

  async transaction<T>(work: (em: Em) => Promise<T>, outer?: Em): Promise<T> {
    try {
      // Inside the caller's transaction the command is part of it (it fails, all fails): no savepoint of its own.
      return await (outer ? work(outer) : this.deps.orm.em.fork().transactional(work));
    } catch (error) {
      if (error instanceof OptimisticLockError || error instanceof UniqueConstraintViolationException) {
        throw lostRace();
      }
      throw error;
    }
  }
}

/**
 * What the answer shows beside the request, as the command left it, without reading it again: the names are the
 * load's (the actor's among them); the status's reason is the one this command journaled with its move into the
 * status, or the loaded one when the status stayed. Undefined when that cannot be told (the view then reads it).
 */
function contextAfter(
  before: RowContext,
  from: RequestState,
  to: RequestState,
  journal: readonly JournalRecord[],
): RowContext | undefined {
  const moved = journal.findLast(
    (record) => record.action === 'request.status_changed' && record.data?.['to'] === to.status,
  );
  if (moved) {
    const reason = moved.data?.['reason'];
    return { ...before, statusReason: typeof reason === 'string' ? reason : null };
  }
  return from.status === to.status ? before : undefined;
}

/** Someone else's command on the same request committed first. */
function lostRace(): DomainError {
  return new DomainError(
    'conflict',
    'the request was changed by someone else at the same time; reload and retry',
  );
}
