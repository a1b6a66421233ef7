import type { Payload, RequestTypeDefinition, StageDef, TaskDef } from './definition.js';
import type { DecideContext } from './context.js';
import type { Decision, DomainEvent, Effect } from './events.js';
import type { RequestState, TaskState } from './state.js';
import { ACTIVE_TASK_STATUSES } from './status.js';

/*
 * Task keys. A task is keyed `<stage key>.<task key>`, unique within its request. A request that went back for
 * rework keeps its earlier tasks (done, or cancelled when it left work) for the record, so when a later round
 * re-creates a task whose key is taken, the key gets a round suffix: `check.screening.r2`, `.r3`, … The suffix
 * is only ever added on a collision; `resolveTaskDef` maps either form back to its TaskDef.
 */

const HOUR_MS = 3_600_000;

export function isActiveTask(task: TaskState): boolean {
  return ACTIVE_TASK_STATUSES.includes(task.status);
}

/** A task's key before any repeat suffix: `<stage key>.<task key>`. */
export function baseKey(stage: StageDef, task: TaskDef): string {
  return `${stage.key}.${task.key}`;
}

/** The first free key for `base`: itself, else `base.r2`, `base.r3`, … */
export function uniqueTaskKey(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  let round = 2;
  while (taken.has(`${base}.r${round}`)) round += 1;
  return `${base}.r${round}`;
}

/** Every task a stage may hold: its own, then those routing rules can add to it (whether or not they apply). */
function possibleTasks(definition: RequestTypeDefinition, stage: StageDef): TaskDef[] {
  const routed = definition.process.routing
    .filter((rule) => rule.stage === stage.key)
    .map((rule) => rule.task);
  return [...stage.tasks, ...routed];
}

/** The tasks a stage gets for this payload: its own, plus those of routing rules that target it and apply. */
export function plannedTasks(stage: StageDef, payload: Payload, ctx: DecideContext): TaskDef[] {
  const routed = ctx.definition.process.routing
    .filter((rule) => rule.stage === stage.key && rule.applies(payload, ctx.routing))
    .map((rule) => rule.task);
  return [...stage.tasks, ...routed];
}

export interface ResolvedTask {
  def: TaskDef;
  /** The key without a round suffix: the same duty in every round. */
  baseKey: string;
}

/** Finds the TaskDef a task was created from (stage tasks and routed tasks alike). */
export function resolveTaskDef(
  definition: RequestTypeDefinition,
  task: Pick<TaskState, 'key' | 'stageIndex'>,
): ResolvedTask | undefined {
  const stage = definition.process.stages[task.stageIndex];
  if (stage === undefined) return undefined;
  const candidates = possibleTasks(definition, stage).map((def) => ({ def, baseKey: baseKey(stage, def) }));
  return (
    candidates.find((c) => c.baseKey === task.key) ??
    candidates.find((c) => isRoundKeyOf(task.key, c.baseKey))
  );
}

/** The TaskDef behind a task key alone (any stage), for views that show titles and checklists. */
export function findTaskDefinition(definition: RequestTypeDefinition, taskKey: string): TaskDef | undefined {
  for (const [stageIndex, stage] of definition.process.stages.entries()) {
    if (!taskKey.startsWith(`${stage.key}.`)) continue;
    const resolved = resolveTaskDef(definition, { key: taskKey, stageIndex });
    if (resolved !== undefined) return resolved.def;
  }
  return undefined;
}

function isRoundKeyOf(key: string, base: string): boolean {
  const prefix = `${base}.r`;
  return key.startsWith(prefix) && /^\d+$/.test(key.slice(prefix.length));
}

/** Two tasks are the same duty when they come from the same TaskDef (a later round re-creating it). */
export function isSameDuty(definition: RequestTypeDefinition, a: TaskState, b: TaskState): boolean {
  if (a.key === b.key) return true;
  if (a.stageIndex !== b.stageIndex) return false;
  const da = resolveTaskDef(definition, a);
  const db = resolveTaskDef(definition, b);
  return da !== undefined && db !== undefined && da.baseKey === db.baseKey;
}

export function slaDueAt(def: TaskDef, payload: Payload, now: Date): string {
  const hours = typeof def.slaHours === 'function' ? def.slaHours(payload) : def.slaHours;
  return new Date(now.getTime() + hours * HOUR_MS).toISOString();
}

/**
 * Starts stage `from` and creates its tasks. A stage that gets no task at all completes at once and the next
 * one starts; past the last stage the request is completed. Used by `accept` (from 0) and when a stage completes.
 */
export function startStagesFrom(from: number, state: RequestState, ctx: DecideContext): Decision {
  const events: DomainEvent[] = [];
  const effects: Effect[] = [];
  const taken = new Set(state.tasks.map((task) => task.key));
  const stages = ctx.definition.process.stages;
  for (let stageIndex = from; stageIndex < stages.length; stageIndex += 1) {
    const stage = stages[stageIndex];
    if (stage === undefined) break;
    events.push({ type: 'stage_started', stageIndex });
    const defs = plannedTasks(stage, state.payload, ctx);
    for (const def of defs) {
      const taskKey = uniqueTaskKey(baseKey(stage, def), taken);
      taken.add(taskKey);
      events.push({
        type: 'task_created',
        taskKey,
        stageIndex,
        role: def.role,
        approvalsRequired: def.approvals ?? 1,
        dueAt: slaDueAt(def, state.payload, ctx.now),
      });
      effects.push({ type: 'task_created', taskKey, role: def.role });
    }
    if (defs.length > 0) return { events, effects };
    events.push({ type: 'stage_completed', stageIndex });
  }
  events.push({ type: 'status_changed', from: 'in_progress', to: 'completed' });
  effects.push({ type: 'request_completed' });
  return { events, effects };
}

/**
 * A request leaving work (returned, rejected, cancelled) closes what is unfinished: the active tasks and a
 * rejected one. Done tasks stay done for the record. Closing the rejected task keeps one invariant the review
 * relies on: a task in status `rejected` always belongs to the current round.
 */
export function closeUnfinishedTasks(state: RequestState): DomainEvent[] {
  return state.tasks
    .filter((task) => isActiveTask(task) || task.status === 'rejected')
    .map((task) => ({ type: 'task_cancelled', taskKey: task.key }));
}
