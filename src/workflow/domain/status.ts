/** Request lifecycle statuses (DESIGN §2). */
export const REQUEST_STATUSES = [
  'draft',
  'awaiting_signature',
  'submitted',
  'in_review',
  'in_progress',
  'returned',
  'rejected',
  'cancelled',
  'completed',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const FINAL_STATUSES: readonly RequestStatus[] = ['rejected', 'cancelled', 'completed'];

/**
 * Task statuses. `open` waits for someone of the role; `claimed` has an assignee; `done` met its approvals;
 * `rejected` was refused by staff (request goes back to review); `cancelled` was dropped because the
 * request left work (returned, rejected, cancelled) or an `any` stage finished without it.
 */
export const TASK_STATUSES = ['open', 'claimed', 'done', 'rejected', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const ACTIVE_TASK_STATUSES: readonly TaskStatus[] = ['open', 'claimed'];
