import { optionalText, requireReason } from './arguments.js';
import { checklistProblems } from './checklist.js';
import type { Command } from './commands.js';
import type { DecideContext } from './context.js';
import { DomainError, validationFailed } from './errors.js';
import type { Decision, DomainEvent } from './events.js';
import { checkTaskCommand, type TargetTask } from './guards.js';
import { isActiveTask, slaDueAt, startStagesFrom } from './process-plan.js';
import type { Actor } from './roles.js';
import type { RequestState } from './state.js';

type CommandOf<T extends Command['type']> = Extract<Command, { type: T }>;

export function claimTask(
  state: RequestState,
  command: CommandOf<'claimTask'>,
  actor: Actor,
  ctx: DecideContext,
): Decision | DomainError {
  const target = checkTaskCommand('claimTask', state, actor, command.taskKey, ctx.definition);
  if (target instanceof DomainError) return target;
  return { events: [{ type: 'task_claimed', taskKey: target.task.key, userId: actor.userId }], effects: [] };
}

/**
 * One approval of a task. When it reaches the approvals the task needs, the task is done, and the stage may
 * complete by its rule (`any`: the other active tasks of the stage are cancelled), which starts the next stage or
 * completes the request. Short of that, the claim is released (see evolve) so a second person can take it.
 */
export function completeTask(
  state: RequestState,
  command: CommandOf<'completeTask'>,
  actor: Actor,
  ctx: DecideContext,
): Decision | DomainError {
  const target = checkTaskCommand('completeTask', state, actor, command.taskKey, ctx.definition);
  if (target instanceof DomainError) return target;
  const problems = checklistProblems(target.def.checklist, command.checklist);
  if (problems.length > 0) return validationFailed('the checklist is incomplete', { checklist: problems });
  const { task } = target;
  const comment = optionalText(command.comment);
  const approved: DomainEvent = {
    type: 'task_approved',
    taskKey: task.key,
    userId: actor.userId,
    at: ctx.now.toISOString(),
    checklist: command.checklist,
    ...(comment === undefined ? {} : { comment }),
  };
  if (task.approvals.length + 1 < task.approvalsRequired) return { events: [approved], effects: [] };
  const events: DomainEvent[] = [approved, { type: 'task_completed', taskKey: task.key }];
  const stageDone = finishStageIfDone(state, target, ctx);
  if (stageDone === undefined) return { events, effects: [] };
  const next = startStagesFrom(task.stageIndex + 1, state, ctx);
  return { events: [...events, ...stageDone, ...next.events], effects: next.effects };
}

/** The events that close the task's stage once this task is done, or undefined while the stage goes on. */
function finishStageIfDone(
  state: RequestState,
  { task }: TargetTask,
  ctx: DecideContext,
): DomainEvent[] | undefined {
  const others = state.tasks.filter(
    (other) => other.key !== task.key && other.stageIndex === task.stageIndex && isActiveTask(other),
  );
  const completed: DomainEvent = { type: 'stage_completed', stageIndex: task.stageIndex };
  const rule = ctx.definition.process.stages[task.stageIndex]?.rule ?? 'all';
  switch (rule) {
    case 'all':
      return others.length === 0 ? [completed] : undefined;
    case 'any':
      return [
        ...others.map((other): DomainEvent => ({ type: 'task_cancelled', taskKey: other.key })),
        completed,
      ];
    default: {
      const _exhaustive: never = rule;
      return _exhaustive;
    }
  }
}

export function rejectTask(
  state: RequestState,
  command: CommandOf<'rejectTask'>,
  actor: Actor,
  ctx: DecideContext,
): Decision | DomainError {
  const target = checkTaskCommand('rejectTask', state, actor, command.taskKey, ctx.definition);
  if (target instanceof DomainError) return target;
  const reason = requireReason(command.reason);
  if (typeof reason !== 'string') return reason;
  const taskKey = target.task.key;
  return {
    events: [
      { type: 'task_rejected', taskKey, userId: actor.userId, reason },
      { type: 'status_changed', from: state.status, to: 'in_review', reason },
    ],
    effects: [{ type: 'task_rejected', taskKey, reason }],
  };
}

/**
 * The reviewer sends a rejected task back to work: open again, approvals cleared, a fresh SLA from now. The
 * role is told as for a new task (`task_created` effect): its chat needs a card to work it again.
 */
export function reopenTask(
  state: RequestState,
  command: CommandOf<'reopenTask'>,
  actor: Actor,
  ctx: DecideContext,
): Decision | DomainError {
  const target = checkTaskCommand('reopenTask', state, actor, command.taskKey, ctx.definition);
  if (target instanceof DomainError) return target;
  const { task, def } = target;
  return {
    events: [
      { type: 'task_reopened', taskKey: task.key, dueAt: slaDueAt(def, state.payload, ctx.now) },
      { type: 'status_changed', from: state.status, to: 'in_progress' },
    ],
    effects: [{ type: 'task_created', taskKey: task.key, role: task.role }],
  };
}
