import { InlineKeyboard } from 'grammy';
import type { Orm } from '../../db/orm.js';
import { REVIEW_CHECKLIST, type Locale } from '../../workflow/domain/definition.js';
import type { Actor, StaffRole } from '../../workflow/domain/roles.js';
import type { RequestStatus, TaskStatus } from '../../workflow/domain/status.js';
import { clip } from '../../workflow/domain/types/shared/masking.js';
import type { StaffRequestView, TaskView } from '../../workflow/presenters.js';
import { TaskSchema } from '../../workflow/task.entity.js';
import type { WorkflowService } from '../../workflow/workflow.service.js';
import type { CallbackRegistry } from '../shared/callback-data.js';
import { esc, formatDateTime } from '../shared/format.js';
import { messages, type Messages } from '../shared/i18n.js';
import type { TelegramAccounts } from '../shared/telegram-accounts.js';
import type { ChecklistMark } from './checklist-draft.entity.js';
import type { ChecklistDrafts } from './checklist-drafts.js';

/**
 * Cards are drawn from what the workflow says now, whoever looks: the reader is a system identity that sees
 * every signed request. What a presser may do is decided when they press, against their own identity.
 */
export const CARD_READER: Actor = {
  userId: '00000000-0000-0000-0000-000000000000',
  roles: ['admin'],
  displayName: 'Kabinet',
};

export interface Card {
  text: string;
  keyboard: InlineKeyboard;
}

export interface StaffCardsDeps {
  orm: Orm;
  workflow: WorkflowService;
  accounts: TelegramAccounts;
  callbacks: CallbackRegistry;
  drafts: ChecklistDrafts;
  /** 149-FZ strict mode: no summaries in Telegram, only numbers, statuses and the cabinet link. */
  strict: boolean;
  publicUrl: string | undefined;
}

/** The task a card or a button is about, with its request. */
export interface TaskRef {
  taskId: string;
  requestId: string;
  role: StaffRole;
}

/**
 * Task cards (role chats: title, request, SLA, who holds it, checklist toggles, Take / Done / Reject / Open)
 * and review cards (the client-manager chat: Take, then checklist, Accept / Return / Reject).
 */
export class StaffCards {
  constructor(private readonly deps: StaffCardsDeps) {}

  async findTask(taskId: string): Promise<TaskRef | undefined> {
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

  async taskCard(taskId: string, locale: Locale): Promise<Card | undefined> {
    const ref = await this.findTask(taskId);
    const view = ref ? await this.view(ref.requestId) : undefined;
    const task = view?.tasks.find((candidate) => candidate.id === taskId);
    return view && task ? this.renderTask(view, task, locale) : undefined;
  }

  async reviewCard(requestId: string, locale: Locale): Promise<Card | undefined> {
    const view = await this.view(requestId);
    return view ? this.renderReview(view, locale) : undefined;
  }

  async renderTask(view: StaffRequestView, task: TaskView, locale: Locale): Promise<Card> {
    const t = messages(locale);
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
    const name = (id: string | null): string => esc((id && names.get(id)) ?? '—');
    const lines = [
      t.staff.card.task(esc(task.title[locale])),
      t.staff.card.request(esc(view.number), esc(view.title[locale])),
      ...this.summaryLines(t, view, locale),
      t.staff.card.role(
        t.roles[task.role as StaffRole] ?? esc(task.role),
        formatDateTime(task.dueAt, locale),
      ),
      t.staff.card.state(this.taskState(t, task, name, rejectedBy)),
    ];
    if (task.approvalsRequired > 1) {
      const approvers = task.approvals.map((a) => name(a.userId)).join(', ');
      lines.push(t.staff.card.approvals(task.approvals.length, task.approvalsRequired, approvers));
    }
    if (active && task.checklist.length > 0) {
      lines.push('', t.staff.card.checklist);
      lines.push(...checklistLines(t, task.checklist, marks, locale, name));
    }
    const keyboard = new InlineKeyboard();
    if (active) {
      const toggles = await this.deps.callbacks.tokens(
        task.checklist.map((item) => ({ action: 'task.toggle', args: { id: task.id, item: item.key } })),
      );
      task.checklist.forEach((item, i) => {
        keyboard
          .text(`${marks[item.key] ? '☑' : '☐'} ${i + 1}. ${clip(item[locale], 40)}`, toggles[i] ?? '')
          .row();
      });
      const [take, done, reject] = await this.deps.callbacks.tokens([
        { action: 'task.take', args: { id: task.id } },
        { action: 'task.done', args: { id: task.id } },
        { action: 'task.reject', args: { id: task.id } },
      ]);
      if (task.status === 'open') keyboard.text(t.staff.card.take, take ?? '');
      keyboard
        .text(t.staff.card.done, done ?? '')
        .row()
        .text(t.staff.card.reject, reject ?? '');
    }
    keyboard.text(t.staff.card.open, await this.deps.callbacks.token('task.open', { id: task.id }));
    return { text: lines.join('\n'), keyboard };
  }

  async renderReview(view: StaffRequestView, locale: Locale): Promise<Card> {
    const t = messages(locale);
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
    const name = (id: string | null): string => esc((id && names.get(id)) ?? '—');
    const reviewer = name(view.reviewerId);
    let state: string;
    switch (view.status as RequestStatus) {
      case 'submitted':
        state = t.staff.card.waiting;
        break;
      case 'in_review':
        state =
          rejectedTasks.length > 0
            ? rejectedTasks
                .map((task, i) =>
                  t.staff.card.taskRejected(
                    esc(task.title[locale]),
                    name(taskRejecters[i] ?? null),
                    esc(task.rejectReason ?? ''),
                  ),
                )
                .join('; ')
            : t.staff.card.reviewer(reviewer);
        break;
      case 'in_progress':
      case 'completed':
        state = `${t.status[view.status as RequestStatus]} · ${t.staff.card.acceptedBy(reviewer)}`;
        break;
      case 'returned':
        state = t.staff.card.returnedBy(reviewer, esc(reason));
        break;
      case 'rejected':
        state = t.staff.card.requestRejectedBy(reviewer, esc(reason));
        break;
      default:
        state = t.status[view.status as RequestStatus] ?? esc(view.status);
    }
    const lines = [
      t.staff.card.review(esc(view.number)),
      esc(view.title[locale]),
      ...this.summaryLines(t, view, locale),
      t.staff.card.state(state),
    ];
    if (firstReview) {
      const items = REVIEW_CHECKLIST.map((item) => ({ key: item.key, ru: item.ru, en: item.en }));
      lines.push('', t.staff.card.checklist, ...checklistLines(t, items, marks, locale, name));
    }
    const keyboard = new InlineKeyboard();
    const token = (action: string, args: Record<string, string>) => this.deps.callbacks.token(action, args);
    if (view.status === 'submitted')
      keyboard.text(t.staff.card.take, await token('review.take', { id: view.id })).row();
    if (firstReview) {
      for (const [i, item] of REVIEW_CHECKLIST.entries()) {
        const data = await token('review.toggle', { id: view.id, item: item.key });
        keyboard.text(`${marks[item.key] ? '☑' : '☐'} ${i + 1}. ${clip(item[locale], 40)}`, data).row();
      }
      keyboard.text(t.staff.card.accept, await token('review.accept', { id: view.id })).row();
    }
    for (const task of rejectedTasks) {
      keyboard
        .text(
          t.staff.card.reopen(clip(task.title[locale], 30)),
          await token('review.reopen', { id: task.id }),
        )
        .row();
    }
    if (view.status === 'in_review') {
      keyboard
        .text(t.staff.card.return, await token('review.return', { id: view.id }))
        .text(t.staff.card.reject, await token('review.reject', { id: view.id }))
        .row();
    }
    keyboard.text(t.staff.card.open, await token('review.open', { id: view.id }));
    return { text: lines.join('\n'), keyboard };
  }

  /** Details for one person (sent privately): status, every task and who holds it, the cabinet link. */
  async renderDetails(view: StaffRequestView, locale: Locale): Promise<string> {
    const t = messages(locale);
    const names = await this.deps.accounts.displayNames(
      view.tasks.flatMap((task) => [
        ...(task.assigneeId ? [task.assigneeId] : []),
        ...task.approvals.map((a) => a.userId),
      ]),
    );
    const lines = [
      t.staff.details.header(esc(view.number), esc(view.title[locale])),
      t.staff.details.status(t.status[view.status as RequestStatus] ?? esc(view.status)),
      ...this.summaryLines(t, view, locale),
    ];
    const tasks = view.tasks.filter((task) => task.status !== 'cancelled');
    if (tasks.length > 0) {
      lines.push('', t.staff.details.tasks);
      for (const task of tasks) {
        const who = [
          ...new Set([...task.approvals.map((a) => a.userId), ...(task.assigneeId ? [task.assigneeId] : [])]),
        ]
          .map((id) => esc(names.get(id) ?? '—'))
          .join(', ');
        const state = `${t.taskStatus[task.status as TaskStatus] ?? esc(task.status)}${who ? ` (${who})` : ''}`;
        lines.push(
          t.staff.details.taskLine(
            esc(task.title[locale]),
            t.roles[task.role as StaffRole] ?? esc(task.role),
            state,
          ),
        );
      }
    }
    return lines.join('\n');
  }

  private summaryLines(t: Messages, view: StaffRequestView, locale: Locale): string[] {
    const link = this.deps.publicUrl
      ? [t.staff.card.cabinet(`${this.deps.publicUrl}/requests/${view.id}`)]
      : [];
    if (this.deps.strict) return [t.staff.card.strictNote, ...link];
    return [esc(view.summary[locale]), ...link];
  }

  private taskState(
    t: Messages,
    task: TaskView,
    name: (id: string | null) => string,
    rejectedBy: string | null,
  ): string {
    switch (task.status as TaskStatus) {
      case 'open':
        return t.taskStatus.open;
      case 'claimed':
        return t.staff.card.takenBy(name(task.assigneeId));
      case 'done':
        return t.staff.card.doneBy(task.approvals.map((a) => name(a.userId)).join(', '));
      case 'rejected':
        return t.staff.card.rejectedBy(name(rejectedBy), esc(task.rejectReason ?? ''));
      case 'cancelled':
        return t.taskStatus.cancelled;
      default:
        return esc(task.status);
    }
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

function checklistLines(
  t: Messages,
  items: readonly { key: string; ru: string; en: string }[],
  marks: Record<string, ChecklistMark>,
  locale: Locale,
  name: (id: string | null) => string,
): string[] {
  return items.map((item, i) => {
    const mark = marks[item.key];
    return `${mark ? '☑' : '☐'} ${i + 1}. ${esc(item[locale])}${mark ? t.staff.card.ticked(name(mark.by)) : ''}`;
  });
}
