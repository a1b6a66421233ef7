import {
  applyEvents,
  decide,
  DomainError,
  REVIEW_CHECKLIST,
  resolveTaskDef,
  type Actor,
  type ChecklistInput,
  type ChecklistItemDef,
  type Command,
  type CommandType,
  type DecideContext,
  type Decision,
  type DomainErrorCode,
  type Effect,
  type DomainEvent,
  type Payload,
  type RequestState,
  type RequestTypeDefinition,
  type TaskRole,
  type TaskState,
} from '../../../src/workflow/domain/index.js';
import { FIXTURE_ROUTING } from '../../support/fixture-definitions.js';

export const NOW = new Date('2026-03-02T09:00:00.000Z');

export function contextFor(definition: RequestTypeDefinition, now: Date = NOW): DecideContext {
  return { now, definition, routing: FIXTURE_ROUTING };
}

export const CLIENT_ID = 'client-1';
export const owner: Actor = { userId: 'u-owner', roles: ['client'], clientId: CLIENT_ID };
export const otherClient: Actor = { userId: 'u-other-client', roles: ['client'], clientId: 'client-2' };
export const reviewer: Actor = { userId: 'u-reviewer', roles: ['client_manager'] };
export const manager: Actor = { userId: 'u-manager', roles: ['client_manager'] };
export const admin: Actor = { userId: 'u-admin', roles: ['admin'] };

/** A staff member of one role (or several); `name` tells two people of the same role apart. */
export function staff(role: TaskRole, name: string = role, ...more: TaskRole[]): Actor {
  return { userId: `u-${name}`, roles: [role, ...more] };
}

/** A stand-in for the service's SHA-256: deterministic and different for different payloads. */
export function hashOf(payload: Payload): string {
  return `hash:${JSON.stringify(payload)}`;
}

export function draftOf(definition: RequestTypeDefinition, payload: Payload = {}): RequestState {
  return {
    id: 'req-1',
    typeCode: definition.code,
    typeVersion: definition.version,
    clientId: CLIENT_ID,
    createdBy: owner.userId,
    status: 'draft',
    payload,
    payloadHash: hashOf(payload),
    reviewerId: null,
    stageIndex: null,
    tasks: [],
  };
}

export function checklistOf(items: readonly ChecklistItemDef[]): ChecklistInput {
  return Object.fromEntries(items.map((item) => [item.key, { status: 'done' as const }]));
}

export const REVIEW_DONE: ChecklistInput = checklistOf(REVIEW_CHECKLIST);

/** Every item of the task's definition ticked. */
export function taskChecklist(definition: RequestTypeDefinition, task: TaskState): ChecklistInput {
  const resolved = resolveTaskDef(definition, task);
  if (resolved === undefined) throw new Error(`no definition for ${task.key}`);
  return checklistOf(resolved.def.checklist);
}

export function isError(result: Decision | DomainError): result is DomainError {
  return result instanceof DomainError;
}

export function codeOf(result: Decision | DomainError): DomainErrorCode | 'ok' {
  return isError(result) ? result.code : 'ok';
}

export function eventTypes(result: Decision | DomainError): string[] {
  if (isError(result)) throw new Error(`expected a decision, got ${result.code}: ${result.message}`);
  return result.events.map((event) => event.type);
}

/** A command of the given type with valid arguments for this state (what a well-behaved caller sends). */
export function validCommand(
  type: CommandType,
  state: RequestState,
  definition: RequestTypeDefinition,
  taskKey = '',
): Command {
  const task = state.tasks.find((candidate) => candidate.key === taskKey);
  switch (type) {
    case 'updateDraft':
      return { type, payload: { ...state.payload, edited: 'yes' }, payloadHash: 'hash:edited' };
    case 'deleteDraft':
    case 'submit':
    case 'take':
      return { type };
    case 'confirmSignature':
      return { type, payloadHash: state.payloadHash };
    case 'cancel':
      return { type, reason: 'changed my mind' };
    case 'accept':
      return { type, checklist: REVIEW_DONE };
    case 'returnForRework':
    case 'reject':
      return { type, reason: 'documents missing' };
    case 'claimTask':
    case 'reopenTask':
      return { type, taskKey };
    case 'completeTask':
      return { type, taskKey, checklist: task ? taskChecklist(definition, task) : {} };
    case 'rejectTask':
      return { type, taskKey, reason: 'cannot be done' };
    default: {
      const _exhaustive: never = type;
      return _exhaustive;
    }
  }
}

/** Freezes a value and everything it holds, so a test fails if anything writes to it. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value)) deepFreeze(member);
  }
  return value;
}

/**
 * A request driven through `decide` and `evolve` as the service would drive it. Every state it passes through
 * is deep-frozen (nothing may mutate it) and kept in `history`.
 */
export class Scenario {
  state: RequestState;
  readonly history: RequestState[] = [];
  readonly events: DomainEvent[] = [];
  readonly effects: Effect[] = [];
  now: Date = NOW;

  constructor(
    readonly definition: RequestTypeDefinition,
    state: RequestState = draftOf(definition),
  ) {
    this.state = deepFreeze(state);
    this.history.push(this.state);
  }

  get ctx(): DecideContext {
    return contextFor(this.definition, this.now);
  }

  decide(command: Command, actor: Actor): Decision | DomainError {
    return decide(this.state, command, actor, this.ctx);
  }

  /** Decides and applies; fails the test with the refusal if the command is refused. */
  run(command: Command, actor: Actor): Decision {
    const result = this.decide(command, actor);
    if (isError(result)) {
      throw new Error(`${command.type} by ${actor.userId} refused: ${result.code}: ${result.message}`);
    }
    this.state = deepFreeze(applyEvents(this.state, result.events));
    this.history.push(this.state);
    this.events.push(...result.events);
    this.effects.push(...result.effects);
    return result;
  }

  /** Decides a command expected to be refused; fails the test if it is not. */
  refuse(command: Command, actor: Actor): DomainError {
    const result = this.decide(command, actor);
    if (!isError(result)) throw new Error(`${command.type} by ${actor.userId} was expected to be refused`);
    return result;
  }

  task(key: string): TaskState {
    const task = this.state.tasks.find((candidate) => candidate.key === key);
    if (task === undefined) throw new Error(`no task ${key}; tasks: ${this.taskKeys().join(', ')}`);
    return task;
  }

  taskKeys(): string[] {
    return this.state.tasks.map((task) => task.key);
  }

  /** Completes a task with its whole checklist. */
  complete(key: string, actor: Actor, comment?: string): Decision {
    const checklist = taskChecklist(this.definition, this.task(key));
    return this.run(
      comment === undefined
        ? { type: 'completeTask', taskKey: key, checklist }
        : { type: 'completeTask', taskKey: key, checklist, comment },
      actor,
    );
  }

  /** draft → awaiting_signature → submitted. */
  sign(): this {
    this.run({ type: 'submit' }, owner);
    this.run({ type: 'confirmSignature', payloadHash: this.state.payloadHash }, owner);
    return this;
  }

  /** submitted → in_review → in_progress, reviewed by `reviewer`. */
  review(): this {
    this.run({ type: 'take' }, reviewer);
    this.run({ type: 'accept', checklist: REVIEW_DONE }, reviewer);
    return this;
  }

  /** From a draft to work on the first stage. */
  toWork(): this {
    return this.sign().review();
  }
}
