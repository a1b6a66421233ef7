import {
  type Actor,
  type RequestState,
  type TaskRole,
  type TaskState,
  type TaskStatus,
} from '../../../src/workflow/domain/index.js';
import { everyRoleType } from '../../support/fixture-definitions.js';
import { admin, deepFreeze, draftOf, manager, otherClient, owner, reviewer, staff } from './support.js';

/*
 * One request of `everyRoleType` per status, for the lifecycle matrix and the allowedActions agreement test.
 * `in_review` appears twice: the first review after signing, and the review after a task was rejected in work.
 */

const definition = everyRoleType;

// ---- fixture states --------------------------------------------------------------------------------------

export function workTask(role: TaskRole, status: TaskStatus = 'open'): TaskState {
  return {
    key: `work.${role}`,
    stageIndex: 0,
    role,
    status,
    approvalsRequired: 1,
    approvals: status === 'done' ? [{ userId: `u-${role}`, at: '2026-03-01T10:00:00.000Z' }] : [],
    assigneeId: status === 'done' ? `u-${role}` : null,
    dueAt: '2026-03-02T17:00:00.000Z',
    rejectedBy: status === 'rejected' ? 'u-manager' : null,
    rejectReason: status === 'rejected' ? 'the client is on a list' : null,
  };
}

export const ROLES: readonly TaskRole[] = [
  'client_manager',
  'back_office',
  'fin_monitoring',
  'brokerage',
  'depositary',
  'trust_management',
  'accountant',
];

const draft = draftOf(definition, { amount: '5000.00', currency: 'RUB' });
const reviewed = { ...draft, reviewerId: reviewer.userId };

export const FIXTURES = {
  draft,
  awaiting_signature: { ...draft, status: 'awaiting_signature' },
  submitted: { ...draft, status: 'submitted' },
  in_review: { ...reviewed, status: 'in_review' },
  in_review_task_rejected: {
    ...reviewed,
    status: 'in_review',
    stageIndex: 0,
    tasks: ROLES.map((role) => workTask(role, role === 'client_manager' ? 'rejected' : 'open')),
  },
  in_progress: {
    ...reviewed,
    status: 'in_progress',
    stageIndex: 0,
    tasks: ROLES.map((role) => workTask(role)),
  },
  returned: { ...reviewed, status: 'returned' },
  rejected: { ...reviewed, status: 'rejected' },
  cancelled: { ...draft, status: 'cancelled' },
  completed: {
    ...reviewed,
    status: 'completed',
    stageIndex: 1,
    tasks: [
      ...ROLES.map((role) => workTask(role, 'done')),
      { ...workTask('back_office', 'done'), key: 'close.archive', stageIndex: 1 },
    ],
  },
} satisfies Record<string, RequestState>;
export type FixtureName = keyof typeof FIXTURES;
deepFreeze(FIXTURES);

// ---- actor kinds, in the column order of the table ---------------------------------------------------------

export const KINDS: readonly { kind: string; actor: Actor; taskRole: TaskRole }[] = [
  { kind: 'owning client', actor: owner, taskRole: 'back_office' },
  { kind: 'another client', actor: otherClient, taskRole: 'back_office' },
  { kind: 'client_manager (reviewer)', actor: reviewer, taskRole: 'client_manager' },
  { kind: 'client_manager (not reviewer)', actor: manager, taskRole: 'client_manager' },
  { kind: 'back_office', actor: staff('back_office'), taskRole: 'back_office' },
  { kind: 'fin_monitoring', actor: staff('fin_monitoring'), taskRole: 'fin_monitoring' },
  { kind: 'brokerage', actor: staff('brokerage'), taskRole: 'brokerage' },
  { kind: 'depositary', actor: staff('depositary'), taskRole: 'depositary' },
  { kind: 'trust_management', actor: staff('trust_management'), taskRole: 'trust_management' },
  { kind: 'accountant', actor: staff('accountant'), taskRole: 'accountant' },
  { kind: 'admin', actor: admin, taskRole: 'back_office' },
];
