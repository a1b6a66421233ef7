import type { CommandType, Locale, RequestTypeDefinition } from './domain/index.js';
import { findTaskDefinition } from './domain/index.js';
import type { RequestRow } from './request.entity.js';
import type { TaskRow } from './task.entity.js';

export interface TaskView {
  id: string;
  key: string;
  stageIndex: number;
  role: string;
  title: { ru: string; en: string };
  status: string;
  approvalsRequired: number;
  approvals: { userId: string; at: string }[];
  assigneeId: string | null;
  dueAt: string;
  checklist: { key: string; ru: string; en: string }[];
  checklistState: unknown;
  rejectReason: string | null;
  allowedActions: CommandType[];
}

export interface RequestView {
  id: string;
  number: string;
  type: string;
  typeVersion: number;
  title: { ru: string; en: string };
  summary: { ru: string; en: string };
  status: string;
  clientId: string;
  createdBy: string;
  payload: Record<string, unknown>;
  payloadHash: string;
  reviewerId: string | null;
  stageIndex: number | null;
  stages: number;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  closedAt: string | null;
  version: number;
  tasks: TaskView[];
  allowedActions: CommandType[];
}

export interface RequestListItem {
  id: string;
  number: string;
  type: string;
  status: string;
  createdAt: string;
  updatedAt: string;
}

export function toRequestView(
  row: RequestRow,
  tasks: readonly TaskRow[],
  definition: RequestTypeDefinition,
  allowed: { request: CommandType[]; tasks: Record<string, CommandType[]> },
): RequestView {
  const summary = (locale: Locale): string => definition.summary(row.payload, locale);
  return {
    id: row.id,
    number: row.number,
    type: row.typeCode,
    typeVersion: row.typeVersion,
    title: { ...definition.title },
    summary: { ru: summary('ru'), en: summary('en') },
    status: row.status,
    clientId: row.clientId,
    createdBy: row.createdBy,
    payload: row.payload,
    payloadHash: row.payloadHash,
    reviewerId: row.reviewerId ?? null,
    stageIndex: row.stageIndex ?? null,
    stages: definition.process.stages.length,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    submittedAt: row.submittedAt?.toISOString() ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
    version: row.version,
    allowedActions: allowed.request,
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
        approvals: task.approvals,
        assigneeId: task.assigneeId ?? null,
        dueAt: task.dueAt.toISOString(),
        checklist: def ? def.checklist.map((c) => ({ ...c })) : [],
        checklistState: task.checklist ?? null,
        rejectReason: task.rejectReason ?? null,
        allowedActions: allowed.tasks[task.key] ?? [],
      };
    }),
  };
}

export function toListItem(row: RequestRow): RequestListItem {
  return {
    id: row.id,
    number: row.number,
    type: row.typeCode,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
