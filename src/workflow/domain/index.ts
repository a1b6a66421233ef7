// The public API of the pure workflow core. Request-type modules, validators and the form module are added
// here by the lead once they land.
export * from './definition.js';
export * from './roles.js';
export * from './status.js';
export * from './errors.js';
export * from './state.js';
export * from './commands.js';
export * from './events.js';
export * from './context.js';
export { decide } from './decide.js';
export { evolve, applyEvents } from './evolve.js';
export { allowedActions, type AllowedActions } from './allowed-actions.js';
export { decideCreate, type CreateGrant } from './create.js';
export { checklistProblems } from './checklist.js';
export { payloadForStaff, readsInFull, FULL_READERS } from './account-reach.js';
export {
  TASK_COMMAND_TYPES,
  isTaskCommandType,
  isReviewAfterTaskRejection,
  type RequestCommandType,
  type TaskCommandType,
} from './guards.js';
export { findTaskDefinition, resolveTaskDef, isActiveTask, type ResolvedTask } from './process-plan.js';
