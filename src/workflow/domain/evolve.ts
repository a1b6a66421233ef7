import type { DomainEvent } from './events.js';
import type { RequestState, TaskState } from './state.js';

/**
 * Applies one event to a request and returns the new state; the input is never changed. The result is what the
 * service stores, so every event's whole effect is here. Events only ever come from `decide`: one that does not
 * fit the state (a transition from another status, an unknown or duplicate task) is a bug and throws.
 *
 * `reviewerId` and `stageIndex` keep their last values when a request goes back for rework (they say who
 * reviewed it and how far it got); `take` and `accept` overwrite them in the next round.
 */
export function evolve(state: RequestState, event: DomainEvent): RequestState {
  switch (event.type) {
    case 'draft_updated':
      return { ...state, payload: event.payload, payloadHash: event.payloadHash };
    case 'status_changed':
      if (state.status !== event.from) {
        throw new Error(`status_changed from ${event.from}, but the request is ${state.status}`);
      }
      return { ...state, status: event.to };
    case 'review_taken':
      return { ...state, reviewerId: event.reviewerId };
    case 'stage_started':
      return { ...state, stageIndex: event.stageIndex };
    case 'task_created': {
      if (state.tasks.some((task) => task.key === event.taskKey)) {
        throw new Error(`task ${event.taskKey} already exists`);
      }
      const task: TaskState = {
        key: event.taskKey,
        stageIndex: event.stageIndex,
        role: event.role,
        status: 'open',
        approvalsRequired: event.approvalsRequired,
        approvals: [],
        assigneeId: null,
        dueAt: event.dueAt,
        rejectedBy: null,
        rejectReason: null,
      };
      return { ...state, tasks: [...state.tasks, task] };
    }
    case 'task_claimed':
      return updateTask(state, event.taskKey, (task) => ({
        ...task,
        status: 'claimed',
        assigneeId: event.userId,
      }));
    case 'task_approved':
      return updateTask(state, event.taskKey, (task) => {
        const approvals = [...task.approvals, { userId: event.userId, at: event.at }];
        // Short of the approvals needed, the claim is released so that a second person can take the task;
        // the final approver stays as the assignee (`task_completed` follows and marks it done).
        return approvals.length < task.approvalsRequired
          ? { ...task, approvals, status: 'open', assigneeId: null }
          : { ...task, approvals, assigneeId: event.userId };
      });
    case 'task_completed':
      return updateTask(state, event.taskKey, (task) => ({ ...task, status: 'done' }));
    case 'task_rejected':
      return updateTask(state, event.taskKey, (task) => ({
        ...task,
        status: 'rejected',
        rejectedBy: event.userId,
        rejectReason: event.reason,
      }));
    case 'task_reopened':
      // Back to a fresh start: the earlier approvals and the refusal are in the journal.
      return updateTask(state, event.taskKey, (task) => ({
        ...task,
        status: 'open',
        approvals: [],
        assigneeId: null,
        dueAt: event.dueAt,
        rejectedBy: null,
        rejectReason: null,
      }));
    case 'task_cancelled':
      return updateTask(state, event.taskKey, (task) => ({ ...task, status: 'cancelled' }));
    // Journal-only events: their effect on the state is carried by the events around them (status_changed,
    // stage_started), or, for draft_deleted, by the service deleting the request.
    case 'draft_deleted':
    case 'signature_requested':
    case 'signed':
    case 'accepted':
    case 'stage_completed':
      return state;
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

/** Applies events in order. */
export function applyEvents(state: RequestState, events: readonly DomainEvent[]): RequestState {
  return events.reduce(evolve, state);
}

function updateTask(
  state: RequestState,
  taskKey: string,
  change: (task: TaskState) => TaskState,
): RequestState {
  if (!state.tasks.some((task) => task.key === taskKey)) throw new Error(`no task ${taskKey}`);
  return { ...state, tasks: state.tasks.map((task) => (task.key === taskKey ? change(task) : task)) };
}
