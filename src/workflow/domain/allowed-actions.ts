import { COMMAND_TYPES } from './commands.js';
import type { DecideContext } from './context.js';
import { DomainError } from './errors.js';
import {
  checkRequestCommand,
  checkTaskCommand,
  isTaskCommandType,
  TASK_COMMAND_TYPES,
  type RequestCommandType,
  type TaskCommandType,
} from './guards.js';
import type { Actor } from './roles.js';
import type { RequestState } from './state.js';

export interface AllowedActions {
  /** Commands on the request itself, in COMMAND_TYPES order. */
  request: RequestCommandType[];
  /** For every task of the request (by key), the task commands the caller may issue on it; often empty. */
  tasks: Record<string, TaskCommandType[]>;
}

/**
 * What the caller may do now: exactly the commands `decide` would accept from them given valid arguments (it
 * runs the same checks). A task claimed by a colleague is not listed for the others (decide: conflict).
 */
export function allowedActions(state: RequestState, actor: Actor, ctx: DecideContext): AllowedActions {
  // The guards answer a refusal as a DomainError; here dozens are made per view only to be looked at, and capturing
  // each one's stack trace was the hottest line of `GET /requests/{id}` (docs/0029). Synchronous: nothing else runs
  // while the limit is down.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    const request: RequestCommandType[] = [];
    for (const type of COMMAND_TYPES) {
      if (!isTaskCommandType(type) && checkRequestCommand(type, state, actor) === undefined)
        request.push(type);
    }
    const tasks: Record<string, TaskCommandType[]> = {};
    for (const task of state.tasks) {
      tasks[task.key] = TASK_COMMAND_TYPES.filter(
        (type) => !(checkTaskCommand(type, state, actor, task.key, ctx.definition) instanceof DomainError),
      );
    }
    return { request, tasks };
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}
