import { Composer } from 'grammy';
import { REVIEW_CHECKLIST, type ChecklistInput } from '../../../workflow/domain/definition.js';
import { DomainError } from '../../../workflow/domain/errors.js';
import type { StaffRequestView } from '../../../workflow/presenters.js';
import type { LinkedPerson } from '../../shared/context.js';
import { errorText } from '../../shared/error-boundary.js';
import { isAction } from '../../shared/kabinet-context.js';
import type { StaffContext, StaffFeatureDeps } from '../deps.js';
import { sendDetailsPrivately } from './details.js';
import { explainReviewRefusal, mention, redraw, refuse, staffPresser } from './press.js';

type ReviewCommand = 'take' | 'accept' | 'returnForRework' | 'reject' | 'reopenTask';

/**
 * Presses on the client-manager chat's cards of signed requests: Take, the review checklist, Accept, Return and
 * Reject (both ask the presser for a reason), and Reopen for a task staff rejected. Only a client manager
 * counts, and after Take only the one who took it.
 */
export function reviewCardFeature(deps: StaffFeatureDeps): Composer<StaffContext> {
  const composer = new Composer<StaffContext>();
  const { workflow, cards, drafts } = deps;

  const pressed = async (
    ctx: StaffContext,
    requestId: string,
  ): Promise<{ person: LinkedPerson; view: StaffRequestView } | undefined> => {
    const person = staffPresser(ctx);
    if (!person) {
      await refuse(ctx, ctx.t.staff.refuse.notLinked);
      return undefined;
    }
    if (!person.actor.roles.includes('client_manager')) {
      await refuse(ctx, ctx.t.staff.refuse.onlyManager);
      return undefined;
    }
    try {
      return { person, view: await workflow.getStaffRequest(person.actor, requestId) };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      await refuse(ctx, ctx.t.errors.not_found);
      return undefined;
    }
  };

  const explain = async (
    ctx: StaffContext,
    person: LinkedPerson,
    requestId: string,
    command: ReviewCommand,
  ): Promise<string> => {
    const view = await workflow.getStaffRequest(person.actor, requestId);
    const names = await deps.accounts.displayNames(view.reviewerId ? [view.reviewerId] : []);
    return explainReviewRefusal(ctx.t, { view, actor: person.actor, command, names });
  };

  /** Checks the press is allowed now, runs it, and explains a refusal (checked first, or a lost race). */
  const attempt = async (
    ctx: StaffContext,
    person: LinkedPerson,
    view: StaffRequestView,
    command: ReviewCommand,
    allowed: boolean,
    run: () => Promise<unknown>,
  ): Promise<boolean> => {
    if (!allowed) {
      await refuse(ctx, await explain(ctx, person, view.id, command));
      return false;
    }
    try {
      await run();
      return true;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const text =
        error.code === 'validation_failed'
          ? errorText(ctx.t, error)
          : await explain(ctx, person, view.id, command);
      await refuse(ctx, text);
      return false;
    }
  };

  const redrawReview = async (ctx: StaffContext, requestId: string): Promise<void> => {
    const card = await cards.reviewCard(requestId, ctx.locale);
    if (card) await redraw(ctx, card);
  };

  const requestId = (ctx: StaffContext): string => ctx.action?.args['id'] ?? '';

  composer.filter(isAction('review.take'), async (ctx) => {
    const p = await pressed(ctx, requestId(ctx));
    if (!p) return;
    const ok = await attempt(ctx, p.person, p.view, 'take', p.view.allowedActions.includes('take'), () =>
      workflow.take(p.person.actor, p.view.id),
    );
    if (!ok) return;
    await ctx.answerCallbackQuery({ text: ctx.t.staff.press.reviewTaken });
    await redrawReview(ctx, p.view.id);
  });

  composer.filter(isAction('review.toggle'), async (ctx) => {
    const p = await pressed(ctx, requestId(ctx));
    if (!p) return;
    const item = ctx.action?.args['item'] ?? '';
    if (!REVIEW_CHECKLIST.some((c) => c.key === item)) return refuse(ctx, ctx.t.errors.not_found);
    if (!p.view.allowedActions.includes('accept')) {
      await refuse(ctx, await explain(ctx, p.person, p.view.id, 'accept'));
      return;
    }
    const marks = await drafts.toggle({ kind: 'review', id: p.view.id }, 0, item, p.person.actor.userId);
    await ctx.answerCallbackQuery({
      text: marks[item] ? ctx.t.staff.press.ticked : ctx.t.staff.press.unticked,
    });
    await redrawReview(ctx, p.view.id);
  });

  composer.filter(isAction('review.accept'), async (ctx) => {
    const p = await pressed(ctx, requestId(ctx));
    if (!p) return;
    const allowed = p.view.allowedActions.includes('accept');
    if (allowed) {
      const marks = await drafts.marks({ kind: 'review', id: p.view.id }, 0);
      const missing = REVIEW_CHECKLIST.filter((item) => !marks[item.key]);
      if (missing.length > 0) return refuse(ctx, ctx.t.staff.press.checklistIncomplete(missing.length));
    }
    const checklist: ChecklistInput = Object.fromEntries(
      REVIEW_CHECKLIST.map((item) => [item.key, { status: 'done' as const }]),
    );
    const ok = await attempt(ctx, p.person, p.view, 'accept', allowed, () =>
      workflow.accept(p.person.actor, p.view.id, checklist),
    );
    if (!ok) return;
    await drafts.clear({ kind: 'review', id: p.view.id });
    await ctx.answerCallbackQuery({ text: ctx.t.staff.press.accepted });
    await redrawReview(ctx, p.view.id);
  });

  const askReason = (action: 'review.return' | 'review.reject', command: ReviewCommand) =>
    composer.filter(isAction(action), async (ctx) => {
      const p = await pressed(ctx, requestId(ctx));
      if (!p) return;
      if (!p.view.allowedActions.includes(command === 'returnForRework' ? 'returnForRework' : 'reject')) {
        await refuse(ctx, await explain(ctx, p.person, p.view.id, command));
        return;
      }
      const message = ctx.callbackQuery?.message;
      const chatId = ctx.chat?.id;
      if (!message || chatId === undefined || !ctx.from) return;
      await deps.states.set(chatId, ctx.from.id, {
        kind: 'reason',
        action,
        targetId: p.view.id,
        cardChatId: chatId,
        cardMessageId: message.message_id,
      });
      await ctx.answerCallbackQuery();
      const ask = action === 'review.return' ? ctx.t.staff.reason.askReturn : ctx.t.staff.reason.askReject;
      await ctx.reply(ask(mention(ctx), p.view.number), {
        parse_mode: 'HTML',
        reply_parameters: { message_id: message.message_id, allow_sending_without_reply: true },
        reply_markup: {
          force_reply: true,
          selective: true,
          input_field_placeholder: ctx.t.staff.reason.placeholder,
        },
      });
    });
  askReason('review.return', 'returnForRework');
  askReason('review.reject', 'reject');

  composer.filter(isAction('review.reopen'), async (ctx) => {
    const ref = await cards.findTask(ctx.action?.args['id'] ?? '');
    if (!ref) return refuse(ctx, ctx.t.errors.not_found);
    const p = await pressed(ctx, ref.requestId);
    if (!p) return;
    const task = p.view.tasks.find((candidate) => candidate.id === ref.taskId);
    const ok = await attempt(
      ctx,
      p.person,
      p.view,
      'reopenTask',
      task?.allowedActions.includes('reopenTask') ?? false,
      () => workflow.reopenTask(p.person.actor, ref.taskId),
    );
    if (!ok) return;
    await ctx.answerCallbackQuery({ text: ctx.t.staff.press.reopened });
    await redrawReview(ctx, p.view.id);
  });

  composer.filter(isAction('review.open'), async (ctx) => {
    if (!staffPresser(ctx)) return refuse(ctx, ctx.t.staff.refuse.notLinked);
    await sendDetailsPrivately(ctx, deps, requestId(ctx));
  });

  // From /tasks: a signed request's review card, with its buttons, in this chat.
  composer.filter(isAction('review.card'), async (ctx) => {
    const p = await pressed(ctx, requestId(ctx));
    if (!p) return;
    const card = await cards.renderReview(p.view, ctx.locale);
    await ctx.answerCallbackQuery();
    await ctx.reply(card.text, {
      parse_mode: 'HTML',
      reply_markup: card.keyboard,
      link_preview_options: { is_disabled: true },
    });
  });

  return composer;
}
