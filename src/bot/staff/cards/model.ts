import type { Orm } from '../../../db/orm.js';
import { REVIEW_CHECKLIST } from '../../../workflow/domain/definition.js';
import type { Actor } from '../../../workflow/domain/roles.js';
import type { StaffRequestView, TaskView } from '../../../workflow/presenters.js';
import { TaskSchema } from '../../../workflow/task.entity.js';
import type { WorkflowService } from '../../../workflow/workflow.service.js';
import type { TelegramAccounts } from '../../shared/telegram-accounts.js';
import type { ChecklistMark } from '../checklist-draft.entity.js';
import type { ChecklistDrafts } from '../checklist-drafts.js';

/**
 * Cards are drawn from what the workflow says now, whoever looks: the reader is a system identity that sees
 * every signed request. What a presser may do is decided when they press, against their own identity.
 */
export const CARD_READER: Actor = {
  userId: '00000000-0000-0000-0000-000000000000',
  roles: ['admin'],
  displayName: 'Kabinet',
};

/** A person's display name by id, HTML-escaped, or a dash. */
export type NameOf = (id: string | null) => string;

/** Everything a task card shows, loaded: the renderers and keyboards are pure over it. */
export interface TaskCardModel {
  view: StaffRequestView;
  task: TaskView;
  active: boolean;
  marks: Record<string, ChecklistMark>;
  rejectedBy: string | null;
  names: ReadonlyMap<string, string>;
}

/** Everything a review card (the client managers' chat) shows, loaded. */
export interface ReviewCardModel {
  view: StaffRequestView;
  /** The first review: Take done, no task rejected yet; the review checklist is on the card. */
  firstReview: boolean;
  rejectedTasks: TaskView[];
  /** Who rejected each of `rejectedTasks`, in order. */
  taskRejecters: (string | null)[];
  marks: Record<string, ChecklistMark>;
  /** The manager's reason of a return or rejection. */
  reason: string;
  names: ReadonlyMap<string, string>;
}

export interface CardModelDeps {
  orm: Orm;
  workflow: WorkflowService;
  accounts: TelegramAccounts;
  drafts: ChecklistDrafts;
}

/** Loads what the cards show: the request's staff view, checklist drafts, who did what and their names. */
export class CardModels {
  constructor(private readonly deps: CardModelDeps) {}

  async findTask(taskId: string): Promise<{ taskId: string; requestId: string; role: string } | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(taskId)) return undefined;
    const row = await this.deps.orm.em
      .fork()
      .findOne(TaskSchema, { id: taskId }, { fields: ['id', 'requestId', 'role'] });
    return row ? { taskId: row.id, requestId: row.requestId, role: row.role } : undefined;
  }

  /** The request as the cards show it (undefined when it no longer exists). */
  async view(requestId: string): Promise<StaffRequestView | undefined> {
    try {
      return await this.deps.workflow.getStaffRequest(CARD_READER, requestId);
    } catch {
      return undefined;
    }
  }

  async task(view: StaffRequestView, task: TaskView): Promise<TaskCardModel> {
    const active = task.status === 'open' || task.status === 'claimed';
    const marks = active
      ? await this.deps.drafts.marks({ kind: 'task', id: task.id }, task.approvals.length)
      : {};
    const rejectedBy = task.status === 'rejected' ? await this.rejectedBy(task.id) : null;
    const names = await this.deps.accounts.displayNames([
      ...(task.assigneeId ? [task.assigneeId] : []),
      ...task.approvals.map((a) => a.userId),
      ...(rejectedBy ? [rejectedBy] : []),
      ...Object.values(marks).map((m) => m.by),
    ]);
    return { view, task, active, marks, rejectedBy, names };
  }

  async review(view: StaffRequestView): Promise<ReviewCardModel> {
    const rejectedTasks = view.tasks.filter((task) => task.status === 'rejected');
    const firstReview = view.status === 'in_review' && rejectedTasks.length === 0;
    const marks = firstReview ? await this.deps.drafts.marks({ kind: 'review', id: view.id }, 0) : {};
    const reason = ['returned', 'rejected'].includes(view.status) ? await this.statusReason(view) : '';
    const taskRejecters = await Promise.all(rejectedTasks.map((task) => this.rejectedBy(task.id)));
    const names = await this.deps.accounts.displayNames([
      ...(view.reviewerId ? [view.reviewerId] : []),
      ...taskRejecters.filter((id): id is string => id !== null),
      ...Object.values(marks).map((m) => m.by),
    ]);
    return { view, firstReview, rejectedTasks, taskRejecters, marks, reason, names };
  }

  /** The names of everyone who holds or finished a task of the request. */
  async taskPeople(view: StaffRequestView): Promise<ReadonlyMap<string, string>> {
    return this.deps.accounts.displayNames(
      view.tasks.flatMap((task) => [
        ...(task.assigneeId ? [task.assigneeId] : []),
        ...task.approvals.map((a) => a.userId),
      ]),
    );
  }

  /** Who rejected a task (the view does not carry it). */
  async rejectedBy(taskId: string): Promise<string | null> {
    const row = await this.deps.orm.em
      .fork()
      .findOne(TaskSchema, { id: taskId }, { fields: ['id', 'rejectedBy'] });
    return row?.rejectedBy ?? null;
  }

  private async statusReason(view: StaffRequestView): Promise<string> {
    const journal = await this.deps.workflow.staffJournal(CARD_READER, view.id);
    for (const entry of [...journal].reverse()) {
      if (entry.action === 'request.status_changed' && entry.data['to'] === view.status) {
        const reason = entry.data['reason'];
        return typeof reason === 'string' ? reason : '';
      }
    }
    return '';
  }
}

/** The review checklist as the cards list it. */
export const REVIEW_ITEMS = REVIEW_CHECKLIST.map((item) => ({ key: item.key, ru: item.ru, en: item.en }));
