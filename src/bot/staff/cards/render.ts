import type { Locale } from '../../../workflow/domain/definition.js';
import type { StaffRole } from '../../../workflow/domain/roles.js';
import type { RequestStatus, TaskStatus } from '../../../workflow/domain/status.js';
import type { StaffRequestView, TaskView } from '../../../workflow/presenters.js';
import { esc, formatDateTime } from '../../shared/format.js';
import type { Catalog } from '../../../i18n/index.js';
import type { ChecklistMark } from '../checklist-draft.entity.js';
import { REVIEW_ITEMS, type NameOf, type ReviewCardModel, type TaskCardModel } from './model.js';

/** What every card prints about the request besides its status; strict mode (149-FZ) prints no summary. */
export interface CardOptions {
  strict: boolean;
  publicUrl: string | undefined;
}

/** Names from a loaded map, escaped; a dash for nobody. */
export function nameFrom(names: ReadonlyMap<string, string>): NameOf {
  return (id) => esc((id && names.get(id)) ?? '—');
}

/** The text of a task card (role chats): task, request, SLA, who holds it, 4-eyes progress, the checklist. */
export function taskCardText(t: Catalog, locale: Locale, m: TaskCardModel, options: CardOptions): string {
  const { view, task } = m;
  const name = nameFrom(m.names);
  const lines = [
    t.staff.card.task(esc(task.title[locale])),
    t.staff.card.request(esc(view.number), esc(view.title[locale])),
    ...summaryLines(t, view, locale, options),
    t.staff.card.role(t.roles[task.role as StaffRole] ?? esc(task.role), formatDateTime(task.dueAt, locale)),
    t.staff.card.state(taskState(t, task, name, m.rejectedBy)),
  ];
  if (task.approvalsRequired > 1) {
    const approvers = task.approvals.map((a) => name(a.userId)).join(', ');
    lines.push(t.staff.card.approvals(task.approvals.length, task.approvalsRequired, approvers));
  }
  if (m.active && task.checklist.length > 0) {
    lines.push('', t.staff.card.checklist);
    lines.push(...checklistLines(t, task.checklist, m.marks, locale, name));
  }
  return lines.join('\n');
}

/** The text of a review card (client managers' chat): status, reviewer, rejected tasks, the review checklist. */
export function reviewCardText(t: Catalog, locale: Locale, m: ReviewCardModel, options: CardOptions): string {
  const { view } = m;
  const lines = [
    t.staff.card.review(esc(view.number)),
    esc(view.title[locale]),
    ...summaryLines(t, view, locale, options),
    t.staff.card.state(reviewState(t, locale, m)),
  ];
  if (m.firstReview) {
    lines.push('', t.staff.card.checklist);
    lines.push(...checklistLines(t, REVIEW_ITEMS, m.marks, locale, nameFrom(m.names)));
  }
  return lines.join('\n');
}

/** Details for one person (sent privately): status, every task and who holds it, the cabinet link. */
export function detailsText(
  t: Catalog,
  locale: Locale,
  view: StaffRequestView,
  names: ReadonlyMap<string, string>,
  options: CardOptions,
): string {
  const lines = [
    t.staff.details.header(esc(view.number), esc(view.title[locale])),
    t.staff.details.status(t.status[view.status as RequestStatus] ?? esc(view.status)),
    ...summaryLines(t, view, locale, options),
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

function reviewState(t: Catalog, locale: Locale, m: ReviewCardModel): string {
  const name = nameFrom(m.names);
  const reviewer = name(m.view.reviewerId);
  switch (m.view.status as RequestStatus) {
    case 'submitted':
      return t.staff.card.waiting;
    case 'in_review':
      return m.rejectedTasks.length > 0
        ? m.rejectedTasks
            .map((task, i) =>
              t.staff.card.taskRejected(
                esc(task.title[locale]),
                name(m.taskRejecters[i] ?? null),
                esc(task.rejectReason ?? ''),
              ),
            )
            .join('; ')
        : t.staff.card.reviewer(reviewer);
    case 'in_progress':
    case 'completed':
      return `${t.status[m.view.status as RequestStatus]} · ${t.staff.card.acceptedBy(reviewer)}`;
    case 'returned':
      return t.staff.card.returnedBy(reviewer, esc(m.reason));
    case 'rejected':
      return t.staff.card.requestRejectedBy(reviewer, esc(m.reason));
    default:
      return t.status[m.view.status as RequestStatus] ?? esc(m.view.status);
  }
}

function summaryLines(t: Catalog, view: StaffRequestView, locale: Locale, options: CardOptions): string[] {
  const link = options.publicUrl ? [t.staff.card.cabinet(`${options.publicUrl}/requests/${view.id}`)] : [];
  if (options.strict) return [t.staff.card.strictNote, ...link];
  return [esc(view.summary[locale]), ...link];
}

function taskState(t: Catalog, task: TaskView, name: NameOf, rejectedBy: string | null): string {
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

function checklistLines(
  t: Catalog,
  items: readonly { key: string; ru: string; en: string }[],
  marks: Record<string, ChecklistMark>,
  locale: Locale,
  name: NameOf,
): string[] {
  return items.map((item, i) => {
    const mark = marks[item.key];
    return `${mark ? '☑' : '☐'} ${i + 1}. ${esc(item[locale])}${mark ? t.staff.card.ticked(name(mark.by)) : ''}`;
  });
}
