import type { Actor, CommandType, RequestTypeDefinition } from '../domain/index.js';
import { findTaskDefinition, payloadForStaff } from '../domain/index.js';
import { REVIEW_CHECKLIST } from '../domain/definition.js';
import type { JournalEntry } from '../../journal/journal.entity.js';
import type { RequestRow } from '../request.entity.js';
import type { TaskRow } from '../task.entity.js';
import type { CommonRequestView } from './common.js';
import { commonRequestView } from './common.js';

export interface TaskView {
  id: string;
  key: string;
  stageIndex: number;
  role: string;
  title: { ru: string; en: string };
  status: string;
  approvalsRequired: number;
  approvals: { userId: string; name: string | null; at: string }[];
  assigneeId: string | null;
  /** Who took it (staff see each other's names). */
  assigneeName: string | null;
  dueAt: string;
  checklist: { key: string; ru: string; en: string }[];
  checklistState: unknown;
  rejectReason: string | null;
  allowedActions: CommandType[];
}

/**
 * A request as staff read it: every task, checklist state, note and reason, and who did what by name; restricted
 * fields (accounts, documents) in full only for the roles that work with them (DESIGN §14).
 * `names` maps the staff ids the view mentions to their names.
 */
export interface StaffRequestView extends CommonRequestView {
  audience: 'staff';
  /** Restricted fields shown to this reader as their last characters only (their role does not need them). */
  maskedFields: string[];
  reviewerId: string | null;
  reviewerName: string | null;
  /** The client manager's review checklist, when the caller may accept now (what `accept` wants). */
  reviewChecklist: { key: string; ru: string; en: string }[] | null;
  stageIndex: number | null;
  stages: number;
  tasks: TaskView[];
}

/** One journal entry as staff read it: the event as recorded, with the actor's name. */
export interface StaffJournalEntry {
  id: string;
  at: string;
  action: string;
  actorId: string | null;
  actorName: string | null;
  data: Record<string, unknown>;
}

export function toStaffRequestView(
  row: RequestRow,
  tasks: readonly TaskRow[],
  definition: RequestTypeDefinition,
  allowed: { request: CommandType[]; tasks: Record<string, CommandType[]> },
  reader: Actor,
  names: ReadonlyMap<string, string> = new Map(),
): StaffRequestView {
  const { payload, maskedFields } = payloadForStaff(definition, row.payload, reader);
  const name = (id: string | null | undefined): string | null => (id ? (names.get(id) ?? null) : null);
  return {
    audience: 'staff',
    ...commonRequestView(row, definition, allowed.request),
    payload,
    maskedFields,
    reviewerId: row.reviewerId ?? null,
    reviewerName: name(row.reviewerId),
    reviewChecklist: allowed.request.includes('accept') ? REVIEW_CHECKLIST.map((c) => ({ ...c })) : null,
    stageIndex: row.stageIndex ?? null,
    stages: definition.process.stages.length,
    tasks: tasks.map((task) => {
      const def = findTaskDefinition(definition, task.key);
      return {
        id: task.id,
        key: task.key,
        stageIndex: task.stageIndex,
        role: task.role,
        title: def ? { ...def.title } : { ru: task.key, en: task.key },
        status: task.status,
        approvalsRequired: task.approvalsRequired,
        approvals: task.approvals.map((a) => ({ ...a, name: name(a.userId) })),
        assigneeId: task.assigneeId ?? null,
        assigneeName: name(task.assigneeId),
        dueAt: task.dueAt.toISOString(),
        checklist: def ? def.checklist.map((c) => ({ ...c })) : [],
        checklistState: task.checklist ?? null,
        rejectReason: task.rejectReason ?? null,
        allowedActions: allowed.tasks[task.key] ?? [],
      };
    }),
  };
}

export function toStaffJournal(
  entries: readonly JournalEntry[],
  names: ReadonlyMap<string, string>,
): StaffJournalEntry[] {
  return entries.map((e) => ({
    id: e.id,
    at: e.at.toISOString(),
    action: e.action,
    actorId: e.actorId ?? null,
    actorName: e.actorId ? (names.get(e.actorId) ?? null) : null,
    data: e.data,
  }));
}
