import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { RequestSchema } from './request.entity.js';
import { UserSchema } from '../identity/user.entity.js';
import { TASK_ROLES } from './domain/roles.js';
import { TASK_STATUSES } from './domain/status.js';
import type { TaskApproval } from './domain/state.js';
import type { ChecklistInput } from './domain/definition.js';

/** One role's piece of work on a request; `key` is unique within the request. */
export const TaskSchema = defineEntity({
  name: 'Task',
  tableName: 'tasks',
  uniques: [{ properties: ['requestId', 'key'] }],
  indexes: [
    {
      // A role's open work, most urgent first (GET /tasks, the bots' /tasks): only the few active tasks of a
      // database of millions are in it (docs/0029, P6).
      name: 'tasks_active_role_due_index',
      expression: `create index "tasks_active_role_due_index" on "tasks" ("role", "due_at", "id") where "status" in ('open', 'claimed')`,
    },
  ],
  properties: {
    id: p.uuid().primary(),
    requestId: () => p.manyToOne(RequestSchema).mapToPk().fieldName('request_id').deleteRule('cascade'),
    key: p.string().length(100),
    stageIndex: p.integer(),
    role: p.enum(TASK_ROLES).index(),
    status: p.enum(TASK_STATUSES).index(),
    approvalsRequired: p.integer(),
    approvals: p.json<TaskApproval[]>(),
    assigneeId: () => p.manyToOne(UserSchema).mapToPk().nullable().fieldName('assignee_id'),
    dueAt: p.datetime(),
    /** The checklist as last submitted (each approval's own copy is in the journal). */
    checklist: p.json<ChecklistInput>().nullable(),
    rejectedBy: () => p.manyToOne(UserSchema).mapToPk().nullable().fieldName('rejected_by'),
    rejectReason: p.text().nullable(),
    /** Escalation steps already notified for SLA breaches. */
    escalations: p.integer().default(0),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime(),
  },
});

export type TaskRow = InferEntity<typeof TaskSchema>;
