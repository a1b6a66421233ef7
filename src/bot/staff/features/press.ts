import type { InlineKeyboard } from 'grammy';
import type { LinkedPerson } from '../../shared/context.js';
import { esc } from '../../shared/format.js';
import type { Catalog } from '../../../i18n/index.js';
import type { Actor, StaffRole } from '../../../workflow/domain/roles.js';
import type { RequestStatus } from '../../../workflow/domain/status.js';
import type { StaffRequestView, TaskView } from '../../../workflow/presenters.js';
import type { StaffContext } from '../deps.js';

/** The linked staff member pressing, or undefined (then the press is refused and nothing changes). */
export function staffPresser(ctx: StaffContext): LinkedPerson | undefined {
  const person = ctx.person;
  return person && person.actor.clientId === undefined ? person : undefined;
}

export async function refuse(ctx: StaffContext, text: string): Promise<void> {
  await ctx.answerCallbackQuery({ text, show_alert: true });
}

/** Redraws the pressed card in place; "not modified" (nothing changed on it) is fine. */
export async function redraw(
  ctx: StaffContext,
  card: { text: string; keyboard: InlineKeyboard },
): Promise<void> {
  await ctx
    .editMessageText(card.text, {
      parse_mode: 'HTML',
      reply_markup: card.keyboard,
      link_preview_options: { is_disabled: true },
    })
    .catch((error: unknown) => {
      if (!(error instanceof Error && /not modified/i.test(error.message))) throw error;
    });
}

/** A mention of the presser that Telegram turns into a notification for them (selective force-reply). */
export function mention(ctx: StaffContext): string {
  const from = ctx.from;
  return from ? `<a href="tg://user?id=${from.id}">${esc(from.first_name)}</a>` : '';
}

type TaskCommand = 'claimTask' | 'completeTask' | 'rejectTask';

/**
 * Why this person may not do this to this task now, in words: the first valid press won ("already taken by
 * …", "already done by …"), the wrong role, 4-eyes, segregation of duties.
 */
export function explainTaskRefusal(
  t: Catalog,
  input: {
    view: StaffRequestView;
    task: TaskView;
    actor: Actor;
    command: TaskCommand;
    names: Map<string, string>;
    rejectedBy: string | null;
  },
): string {
  const { view, task, actor, command, names } = input;
  const name = (id: string | null): string => esc((id && names.get(id)) ?? '—');
  if (!actor.roles.includes(task.role as StaffRole)) {
    return t.staff.refuse.notYourRole(t.roles[task.role as StaffRole] ?? esc(task.role));
  }
  switch (task.status) {
    case 'done':
      return t.staff.refuse.alreadyDone(task.approvals.map((a) => name(a.userId)).join(', '));
    case 'rejected':
      return t.staff.refuse.alreadyRejected(name(input.rejectedBy));
    case 'cancelled':
      return t.staff.refuse.taskCancelled;
    case 'claimed':
      if (task.assigneeId !== actor.userId) return t.staff.refuse.alreadyTaken(name(task.assigneeId));
      if (command === 'claimTask') return t.staff.refuse.alreadyYours;
      break;
    default:
      break;
  }
  if (command !== 'rejectTask' && task.approvals.some((a) => a.userId === actor.userId))
    return t.staff.refuse.fourEyes;
  if (view.status !== 'in_progress')
    return t.staff.refuse.requestMovedOn(t.status[view.status as RequestStatus] ?? esc(view.status));
  return command === 'rejectTask' ? t.staff.refuse.notNow : t.staff.refuse.segregation;
}

type ReviewCommand = 'take' | 'accept' | 'returnForRework' | 'reject' | 'reopenTask';

/** Why this person may not take, accept, return or reject this request now, in words. */
export function explainReviewRefusal(
  t: Catalog,
  input: { view: StaffRequestView; actor: Actor; command: ReviewCommand; names: Map<string, string> },
): string {
  const { view, actor, command, names } = input;
  const reviewer = esc((view.reviewerId && names.get(view.reviewerId)) ?? '—');
  if (!actor.roles.includes('client_manager')) return t.staff.refuse.onlyManager;
  const status = view.status as RequestStatus;
  if (status === 'in_review') {
    if (command === 'take') return t.staff.refuse.reviewAlreadyTaken(reviewer);
    if (view.reviewerId !== actor.userId) return t.staff.refuse.onlyReviewer(reviewer);
    return t.staff.refuse.notNow;
  }
  if (view.reviewerId && ['in_progress', 'completed', 'returned', 'rejected'].includes(status)) {
    return t.staff.refuse.alreadyDone(reviewer);
  }
  return t.staff.refuse.requestMovedOn(t.status[status] ?? esc(view.status));
}
