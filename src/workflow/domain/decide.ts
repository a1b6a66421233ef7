import { cancel, confirmSignature, deleteDraft, submit, updateDraft } from './client-commands.js';
import type { Command } from './commands.js';
import type { DecideContext } from './context.js';
import type { DomainError } from './errors.js';
import type { Decision } from './events.js';
import { accept, reject, returnForRework, take } from './review-commands.js';
import type { Actor } from './roles.js';
import type { RequestState } from './state.js';
import { claimTask, completeTask, rejectTask, reopenTask } from './task-commands.js';

export type { DecideContext } from './context.js';

/**
 * Decides a command on a request: the events that happen and the effects the outside world must carry out, or
 * the refusal. Pure: it reads only its arguments, never throws for a refused command, never mutates the state.
 * Refusals come in a fixed order: forbidden (no such role), invalid_transition (not now), then the checks on the
 * person (reviewer, assignee → conflict, 4-eyes, segregation), then validation_failed (the arguments).
 */
export function decide(
  state: RequestState,
  command: Command,
  actor: Actor,
  ctx: DecideContext,
): Decision | DomainError {
  switch (command.type) {
    case 'updateDraft':
      return updateDraft(state, command, actor);
    case 'deleteDraft':
      return deleteDraft(state, actor);
    case 'submit':
      return submit(state, actor);
    case 'confirmSignature':
      return confirmSignature(state, command, actor);
    case 'cancel':
      return cancel(state, command, actor);
    case 'take':
      return take(state, actor);
    case 'accept':
      return accept(state, command, actor, ctx);
    case 'returnForRework':
      return returnForRework(state, command, actor);
    case 'reject':
      return reject(state, command, actor);
    case 'claimTask':
      return claimTask(state, command, actor, ctx);
    case 'completeTask':
      return completeTask(state, command, actor, ctx);
    case 'rejectTask':
      return rejectTask(state, command, actor, ctx);
    case 'reopenTask':
      return reopenTask(state, command, actor, ctx);
    default: {
      const _exhaustive: never = command;
      return _exhaustive;
    }
  }
}
