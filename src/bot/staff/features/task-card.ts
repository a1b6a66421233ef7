import { Composer } from 'grammy';
import { DomainError } from '../../../workflow/domain/errors.js';
import type { ChecklistInput } from '../../../workflow/domain/definition.js';
import { staffView, type StaffRequestView, type TaskView } from '../../../workflow/presenters.js';
import type { LinkedPerson } from '../../shared/context.js';
import { errorText } from '../../shared/error-boundary.js';
import { isAction } from '../../shared/kabinet-context.js';
import type { TaskRef } from '../cards.js';
import type { StaffContext, StaffFeatureDeps } from '../deps.js';
import { explainTaskRefusal, mention, redraw, refuse, staffPresser } from './press.js';
import { sendDetailsPrivately } from './details.js';

type TaskCommand = 'claimTask' | 'completeTask' | 'rejectTask';

interface Pressed {
  person: LinkedPerson;
  ref: TaskRef;
  view: StaffRequestView;
  task: TaskView;
}

/**
 * Presses on task cards: checklist toggles, Take, Done, Reject (asks the presser for a reason), Open. Every
 * press is checked against the presser's own linked identity and roles; a refused press changes nothing and
 * says why. The card is redrawn from the workflow after every change.
 */
export function taskCardFeature(deps: StaffFeatureDeps): Composer<StaffContext> {
  const composer = new Composer<StaffContext>();
  const { workflow, cards, drafts } = deps;

  /** Who pressed, on which task; undefined (after a refusal) when the press does not count. */
  const pressed = async (ctx: StaffContext): Promise<Pressed | undefined> => {
    const person = staffPresser(ctx);
    if (!person) {
      await refuse(ctx, ctx.t.staff.refuse.notLinked);
      return undefined;
    }
    const ref = await cards.findTask(ctx.action?.args['id'] ?? '');
    if (!ref) {
      await refuse(ctx, ctx.t.errors.not_found);
      return undefined;
    }
    if (!person.actor.roles.includes(ref.role)) {
      await refuse(ctx, ctx.t.staff.refuse.notYourRole(ctx.t.roles[ref.role]));
      return undefined;
    }
    const view = await workflow.getStaffRequest(person.actor, ref.requestId);
    const task = view.tasks.find((candidate) => candidate.id === ref.taskId);
    if (!task) {
      await refuse(ctx, ctx.t.errors.not_found);
      return undefined;
    }
    return { person, ref, view, task };
  };

  /** The refusal for a press the workflow would not take (checked before, or lost in a race). */
  const explain = async (
    ctx: StaffContext,
    p: Pressed,
    command: TaskCommand,
    fresh: boolean,
  ): Promise<string> => {
    const view = fresh ? await workflow.getStaffRequest(p.person.actor, p.ref.requestId) : p.view;
    const task = view.tasks.find((candidate) => candidate.id === p.ref.taskId) ?? p.task;
    const rejectedBy = task.status === 'rejected' ? await cards.rejectedBy(task.id) : null;
    const names = await deps.accounts.displayNames([
      ...(task.assigneeId ? [task.assigneeId] : []),
      ...task.approvals.map((a) => a.userId),
      ...(rejectedBy ? [rejectedBy] : []),
    ]);
    return explainTaskRefusal(ctx.t, { view, task, actor: p.person.actor, command, names, rejectedBy });
  };

  /** Runs a task command; a refusal from the workflow (someone was faster) is explained and answered. */
  const attempt = async (
    ctx: StaffContext,
    p: Pressed,
    command: TaskCommand,
    run: () => Promise<unknown>,
  ): Promise<boolean> => {
    if (!p.task.allowedActions.includes(command)) {
      await refuse(ctx, await explain(ctx, p, command, false));
      return false;
    }
    try {
      await run();
      return true;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const text =
        error.code === 'validation_failed' ? errorText(ctx.t, error) : await explain(ctx, p, command, true);
      await refuse(ctx, text);
      return false;
    }
  };

  const redrawTask = async (ctx: StaffContext, taskId: string): Promise<void> => {
    const card = await cards.taskCard(taskId, ctx.locale);
    if (card) await redraw(ctx, card);
  };

  composer.filter(isAction('task.take'), async (ctx) => {
    const p = await pressed(ctx);
    if (!p) return;
    if (!(await attempt(ctx, p, 'claimTask', () => workflow.claimTask(p.person.actor, p.task.id)))) return;
    await ctx.answerCallbackQuery({ text: ctx.t.staff.press.taken });
    await redrawTask(ctx, p.task.id);
  });

  composer.filter(isAction('task.toggle'), async (ctx) => {
    const p = await pressed(ctx);
    if (!p) return;
    const item = ctx.action?.args['item'] ?? '';
    if (!p.task.checklist.some((c) => c.key === item)) {
      await refuse(ctx, ctx.t.errors.not_found);
      return;
    }
    // Ticking is part of completing: only someone who may complete the task now may tick.
    if (!p.task.allowedActions.includes('completeTask')) {
      await refuse(ctx, await explain(ctx, p, 'completeTask', false));
      return;
    }
    const marks = await drafts.toggle(
      { kind: 'task', id: p.task.id },
      p.task.approvals.length,
      item,
      p.person.actor.userId,
    );
    await ctx.answerCallbackQuery({
      text: marks[item] ? ctx.t.staff.press.ticked : ctx.t.staff.press.unticked,
    });
    await redrawTask(ctx, p.task.id);
  });

  composer.filter(isAction('task.done'), async (ctx) => {
    const p = await pressed(ctx);
    if (!p) return;
    if (!p.task.allowedActions.includes('completeTask')) {
      await refuse(ctx, await explain(ctx, p, 'completeTask', false));
      return;
    }
    const marks = await drafts.marks({ kind: 'task', id: p.task.id }, p.task.approvals.length);
    const missing = p.task.checklist.filter((item) => !marks[item.key]);
    if (missing.length > 0) {
      await refuse(ctx, ctx.t.staff.press.checklistIncomplete(missing.length));
      return;
    }
    const checklist: ChecklistInput = Object.fromEntries(
      p.task.checklist.map((item) => [item.key, { status: 'done' as const }]),
    );
    let after: StaffRequestView | undefined;
    const ok = await attempt(ctx, p, 'completeTask', async () => {
      after = staffView(await workflow.completeTask(p.person.actor, p.task.id, checklist));
    });
    if (!ok) return;
    await drafts.clear({ kind: 'task', id: p.task.id });
    const status = after?.tasks.find((task) => task.id === p.task.id)?.status;
    await ctx.answerCallbackQuery({
      text: status === 'done' ? ctx.t.staff.press.done : ctx.t.staff.press.approvedOnce,
    });
    await redrawTask(ctx, p.task.id);
  });

  composer.filter(isAction('task.reject'), async (ctx) => {
    const p = await pressed(ctx);
    if (!p) return;
    if (!p.task.allowedActions.includes('rejectTask')) {
      await refuse(ctx, await explain(ctx, p, 'rejectTask', false));
      return;
    }
    const message = ctx.callbackQuery?.message;
    const chatId = ctx.chat?.id;
    if (!message || chatId === undefined || !ctx.from) return;
    await deps.states.set(chatId, ctx.from.id, {
      kind: 'reason',
      action: 'task.reject',
      targetId: p.task.id,
      cardChatId: chatId,
      cardMessageId: message.message_id,
    });
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t.staff.reason.askTask(mention(ctx), p.task.title[ctx.locale], p.view.number), {
      parse_mode: 'HTML',
      reply_parameters: { message_id: message.message_id, allow_sending_without_reply: true },
      reply_markup: {
        force_reply: true,
        selective: true,
        input_field_placeholder: ctx.t.staff.reason.placeholder,
      },
    });
  });

  composer.filter(isAction('task.open'), async (ctx) => {
    const person = staffPresser(ctx);
    if (!person) return refuse(ctx, ctx.t.staff.refuse.notLinked);
    const ref = await cards.findTask(ctx.action?.args['id'] ?? '');
    if (!ref) return refuse(ctx, ctx.t.errors.not_found);
    if (!person.actor.roles.includes(ref.role) && !person.actor.roles.includes('client_manager')) {
      return refuse(ctx, ctx.t.staff.refuse.notYourRole(ctx.t.roles[ref.role]));
    }
    await sendDetailsPrivately(ctx, deps, ref.requestId);
  });

  // From /tasks: the task's card, with its buttons, in this chat.
  composer.filter(isAction('task.card'), async (ctx) => {
    const person = staffPresser(ctx);
    if (!person) return refuse(ctx, ctx.t.staff.refuse.notLinked);
    const ref = await cards.findTask(ctx.action?.args['id'] ?? '');
    if (!ref || !person.actor.roles.includes(ref.role)) return refuse(ctx, ctx.t.errors.not_found);
    const card = await cards.taskCard(ref.taskId, ctx.locale);
    await ctx.answerCallbackQuery();
    if (card)
      await ctx.reply(card.text, {
        parse_mode: 'HTML',
        reply_markup: card.keyboard,
        link_preview_options: { is_disabled: true },
      });
  });

  return composer;
}
