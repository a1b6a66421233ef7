import type { Command, CommandType } from './commands.js';
import type { RequestTypeDefinition } from './definition.js';
import { DomainError, forbidden, invalidTransition } from './errors.js';
import { isActiveTask, isSameDuty, resolveTaskDef, type ResolvedTask } from './process-plan.js';
import { hasRole, isClientActor, TASK_ROLES, type Actor } from './roles.js';
import type { RequestState, TaskState } from './state.js';
import type { RequestStatus } from './status.js';

/*
 * May this actor issue this command on this request now? Argument-free checks only, so `decide` and
 * `allowedActions` share them and cannot disagree. The order is fixed: an actor without the role the command
 * needs → forbidden; a status (or phase) that does not allow it → invalid_transition; then the finer checks on
 * the person (the reviewer, the assignee, 4-eyes, segregation of duties). Arguments are `decide`'s business.
 */

export type TaskCommandType = Extract<Command, { taskKey: string }>['type'];
export type RequestCommandType = Exclude<CommandType, TaskCommandType>;

export const TASK_COMMAND_TYPES: readonly TaskCommandType[] = [
  'claimTask',
  'completeTask',
  'rejectTask',
  'reopenTask',
];

export function isTaskCommandType(type: CommandType): type is TaskCommandType {
  return (TASK_COMMAND_TYPES as readonly CommandType[]).includes(type);
}

type ClientCommandType = 'updateDraft' | 'deleteDraft' | 'submit' | 'confirmSignature' | 'cancel';

const CLIENT_COMMAND_STATUSES: Record<ClientCommandType, readonly RequestStatus[]> = {
  updateDraft: ['draft', 'awaiting_signature', 'returned'],
  deleteDraft: ['draft', 'returned'],
  submit: ['draft'],
  confirmSignature: ['awaiting_signature'],
  cancel: ['draft', 'awaiting_signature', 'submitted', 'in_review', 'returned'],
};

export function wrongStatus(state: RequestState, command: CommandType): DomainError {
  return invalidTransition(`cannot ${command} a request in status ${state.status}`, {
    reason: 'request_status',
    status: state.status,
    command,
  });
}

/**
 * `in_review` has two phases: the first review after signing (accept, return, reject), and a review after a
 * task was rejected in work (return, reject, or reopen the task). A rejected task marks the second phase: when a
 * request leaves work, its rejected task is cancelled with the active ones, so a rejected task is always current.
 */
export function isReviewAfterTaskRejection(state: RequestState): boolean {
  return state.tasks.some((task) => task.status === 'rejected');
}

export function checkRequestCommand(
  type: RequestCommandType,
  state: RequestState,
  actor: Actor,
): DomainError | undefined {
  switch (type) {
    case 'updateDraft':
    case 'deleteDraft':
    case 'submit':
    case 'confirmSignature':
    case 'cancel':
      if (!isClientActor(actor) || actor.clientId !== state.clientId) {
        return forbidden(`only the client who filed the request may ${type} it`);
      }
      return CLIENT_COMMAND_STATUSES[type].includes(state.status) ? undefined : wrongStatus(state, type);
    case 'take':
      if (!hasRole(actor, 'client_manager')) return forbidden('only a client manager may take a request');
      return state.status === 'submitted' ? undefined : wrongStatus(state, type);
    case 'accept':
      if (!hasRole(actor, 'client_manager')) return forbidden(`only a client manager may ${type} a request`);
      if (state.status !== 'in_review') return wrongStatus(state, type);
      if (isReviewAfterTaskRejection(state)) {
        const message = 'the request is already accepted; return it, reject it, or reopen the task';
        return invalidTransition(message, { status: state.status, command: type });
      }
      return checkReviewer(state, actor, type);
    case 'returnForRework':
    case 'reject':
      if (!hasRole(actor, 'client_manager')) return forbidden(`only a client manager may ${type} a request`);
      if (state.status !== 'in_review') return wrongStatus(state, type);
      return checkReviewer(state, actor, type);
    default: {
      const _exhaustive: never = type;
      return _exhaustive;
    }
  }
}

function checkReviewer(state: RequestState, actor: Actor, command: CommandType): DomainError | undefined {
  if (state.reviewerId === actor.userId) return undefined;
  return new DomainError(
    'forbidden',
    `the request was taken for review by ${state.reviewerId ?? 'nobody'}; only that manager may ${command} it`,
    { details: { reviewerId: state.reviewerId } },
  );
}

/** The task a task command targets and the definition it was created from. */
export interface TargetTask extends ResolvedTask {
  task: TaskState;
}

export function checkTaskCommand(
  type: TaskCommandType,
  state: RequestState,
  actor: Actor,
  taskKey: string,
  definition: RequestTypeDefinition,
): TargetTask | DomainError {
  switch (type) {
    case 'claimTask':
    case 'completeTask':
    case 'rejectTask':
      return checkTaskWork(type, state, actor, taskKey, definition);
    case 'reopenTask': {
      if (!hasRole(actor, 'client_manager')) {
        return forbidden('only the reviewing client manager may reopen a task');
      }
      if (state.status !== 'in_review') return wrongStatus(state, type);
      if (!isReviewAfterTaskRejection(state)) {
        return invalidTransition('no task was rejected; there is nothing to reopen', {
          status: state.status,
          command: type,
        });
      }
      const reviewer = checkReviewer(state, actor, type);
      if (reviewer) return reviewer;
      const target = findTask(state, taskKey, definition);
      if (target instanceof DomainError) return target;
      if (target.task.status !== 'rejected') return wrongTaskStatus(target.task, type);
      return target;
    }
    default: {
      const _exhaustive: never = type;
      return _exhaustive;
    }
  }
}

function checkTaskWork(
  type: 'claimTask' | 'completeTask' | 'rejectTask',
  state: RequestState,
  actor: Actor,
  taskKey: string,
  definition: RequestTypeDefinition,
): TargetTask | DomainError {
  if (!TASK_ROLES.some((role) => hasRole(actor, role))) {
    return forbidden(`only staff of the task's role may ${type}`);
  }
  if (state.status !== 'in_progress') return wrongStatus(state, type);
  const target = findTask(state, taskKey, definition);
  if (target instanceof DomainError) return target;
  const { task } = target;
  if (!hasRole(actor, task.role)) return forbidden(`the task ${task.key} is for the ${task.role} role`);
  if (!isActiveTask(task)) return wrongTaskStatus(task, type);
  if (task.status === 'claimed') {
    if (task.assigneeId === actor.userId) {
      if (type === 'claimTask') {
        return invalidTransition(`the task ${task.key} is already yours`, {
          reason: 'already_yours',
          taskKey: task.key,
          command: type,
        });
      }
    } else {
      // The first valid press wins; the others learn it is taken, not by whom (the id is in details).
      return new DomainError('conflict', `the task ${task.key} is already taken by another employee`, {
        details: { reason: 'taken', taskKey: task.key, assigneeId: task.assigneeId },
      });
    }
  }
  // Claiming is refused on the same grounds as completing: a claim that can never end in an approval only blocks
  // the colleagues who could give it. Rejecting is a refusal, not an approval, so neither rule applies to it.
  if (type === 'rejectTask') return target;
  if (task.approvals.some((approval) => approval.userId === actor.userId)) {
    return new DomainError('forbidden', '4-eyes: a second, different person must complete this', {
      details: { reason: 'four_eyes', taskKey: task.key },
    });
  }
  if (definition.process.segregationOfDuties && approvedAnotherDuty(state, task, actor, definition)) {
    return new DomainError(
      'forbidden',
      'segregation of duties: you completed a task of another role on this request',
      { details: { reason: 'segregation', taskKey: task.key } },
    );
  }
  return target;
}

/**
 * Segregation is between roles (docs/0004): approvals given to another task of the request in a different role
 * count, whatever became of that task (done, cancelled by an `any` stage or a return). Two tasks of one role
 * (screening and mandatory control) may share a person — the 4-eyes rule still wants a second one. The same
 * duty re-created in a later round (`.r2`) is not "another task".
 */
function approvedAnotherDuty(
  state: RequestState,
  task: TaskState,
  actor: Actor,
  definition: RequestTypeDefinition,
): boolean {
  return state.tasks.some(
    (other) =>
      !isSameDuty(definition, other, task) &&
      other.role !== task.role &&
      other.approvals.some((approval) => approval.userId === actor.userId),
  );
}

function findTask(
  state: RequestState,
  taskKey: string,
  definition: RequestTypeDefinition,
): TargetTask | DomainError {
  const task = state.tasks.find((candidate) => candidate.key === taskKey);
  if (task === undefined) {
    return new DomainError('not_found', `the request has no task ${taskKey}`, { details: { taskKey } });
  }
  const resolved = resolveTaskDef(definition, task);
  if (resolved === undefined) {
    return new DomainError(
      'not_found',
      `the task ${taskKey} is not in ${definition.code} v${String(definition.version)}`,
      { details: { taskKey, typeCode: definition.code, typeVersion: definition.version } },
    );
  }
  return { task, ...resolved };
}

function wrongTaskStatus(task: TaskState, command: CommandType): DomainError {
  return invalidTransition(`cannot ${command} a task in status ${task.status}`, {
    reason: 'task_status',
    taskKey: task.key,
    taskStatus: task.status,
    command,
  });
}
