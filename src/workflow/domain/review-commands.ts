import { requireReason } from './arguments.js';
import { checklistProblems } from './checklist.js';
import type { Command } from './commands.js';
import type { DecideContext } from './context.js';
import { REVIEW_CHECKLIST } from './definition.js';
import { validationFailed, type DomainError } from './errors.js';
import type { Decision } from './events.js';
import { checkRequestCommand } from './guards.js';
import { closeUnfinishedTasks, startStagesFrom } from './process-plan.js';
import type { Actor } from './roles.js';
import type { RequestState } from './state.js';

type CommandOf<T extends Command['type']> = Extract<Command, { type: T }>;

/** Any client manager may take a signed request; the one who takes it becomes its reviewer. */
export function take(state: RequestState, actor: Actor): Decision | DomainError {
  const refused = checkRequestCommand('take', state, actor);
  if (refused) return refused;
  return {
    events: [
      { type: 'review_taken', reviewerId: actor.userId },
      { type: 'status_changed', from: state.status, to: 'in_review' },
    ],
    effects: [],
  };
}

/** Accepts into work with the review checklist complete, and starts the first stage. */
export function accept(
  state: RequestState,
  command: CommandOf<'accept'>,
  actor: Actor,
  ctx: DecideContext,
): Decision | DomainError {
  const refused = checkRequestCommand('accept', state, actor);
  if (refused) return refused;
  const problems = checklistProblems(REVIEW_CHECKLIST, command.checklist);
  if (problems.length > 0) {
    return validationFailed('the review checklist is incomplete', { checklist: problems });
  }
  const work = startStagesFrom(0, state, ctx);
  return {
    events: [
      { type: 'accepted', checklist: command.checklist },
      { type: 'status_changed', from: state.status, to: 'in_progress' },
      ...work.events,
    ],
    effects: work.effects,
  };
}

export function returnForRework(
  state: RequestState,
  command: CommandOf<'returnForRework'>,
  actor: Actor,
): Decision | DomainError {
  const refused = checkRequestCommand('returnForRework', state, actor);
  if (refused) return refused;
  const reason = requireReason(command.reason);
  if (typeof reason !== 'string') return reason;
  return {
    events: [
      ...closeUnfinishedTasks(state),
      { type: 'status_changed', from: state.status, to: 'returned', reason },
    ],
    effects: [{ type: 'request_returned', reason }],
  };
}

export function reject(
  state: RequestState,
  command: CommandOf<'reject'>,
  actor: Actor,
): Decision | DomainError {
  const refused = checkRequestCommand('reject', state, actor);
  if (refused) return refused;
  const reason = requireReason(command.reason);
  if (typeof reason !== 'string') return reason;
  return {
    events: [
      ...closeUnfinishedTasks(state),
      { type: 'status_changed', from: state.status, to: 'rejected', reason },
    ],
    effects: [{ type: 'request_rejected', reason }],
  };
}
