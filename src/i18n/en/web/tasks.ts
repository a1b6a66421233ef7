import type { tasks as ruTasks } from '../../ru/web/tasks.js';

/** My tasks: the staff's work list (issue 10 item 1, docs/0024). */
export const tasks: typeof ruTasks = {
  title: 'My tasks',
  intro:
    'Tasks of your roles, most urgent first. The list updates by itself when colleagues take or finish tasks.',
  filters: {
    role: 'Role',
    status: 'State',
    anyRole: 'All my roles',
    active: 'Open and in work',
    overdue: 'Overdue only',
  },
  columns: {
    request: 'Request',
    task: 'Task',
    role: 'Role',
    due: 'Due',
    state: 'State',
  },
  due: (time: string) => `by ${time}`,
  overdue: 'overdue',
  free: 'free',
  takenBy: (name: string) => `taken by ${name}`,
  approvals: (done: number, required: number) => `approvals: ${done} of ${required}`,
  incoming: {
    title: 'Incoming requests',
    submitted: 'Signed, waiting for a manager',
    inReview: 'Under review',
    empty: 'No new requests.',
    loadFailed: 'Could not load the incoming requests',
  },
  empty: 'No tasks. New ones will appear here by themselves.',
  emptyFiltered: 'No tasks like that.',
  loadFailed: 'Could not load the tasks',
  count: (n: number) => `Open tasks: ${n}`,
};
