import { Composer } from 'grammy';
import { DomainError } from '../../../workflow/domain/errors.js';
import { esc } from '../../shared/format.js';
import type { StaffContext, StaffFeatureDeps } from '../deps.js';
import type { ReasonState } from '../state.js';
import { explainReviewRefusal, staffPresser } from './press.js';

const MAX_REASON = 1000;

/**
 * The reason for a Reject or a Return: the next message of the person who pressed, in that chat — nobody
 * else's reply counts, since the waiting state belongs to that person. `/cancel` drops it.
 */
export function reasonsFeature(deps: StaffFeatureDeps): Composer<StaffContext> {
  const composer = new Composer<StaffContext>();

  const waiting = async (ctx: StaffContext): Promise<ReasonState | undefined> => {
    if (!ctx.chat || !ctx.from) return undefined;
    const state = await deps.states.get(ctx.chat.id, ctx.from.id);
    return state?.kind === 'reason' ? state : undefined;
  };

  composer.command('cancel', async (ctx, next) => {
    const state = await waiting(ctx);
    if (!state || !ctx.chat) return next();
    await deps.states.clear(ctx.chat.id, ctx.from?.id ?? 0);
    await ctx.reply(ctx.t.staff.reason.cancelled, {
      reply_parameters: { message_id: ctx.msgId ?? 0, allow_sending_without_reply: true },
    });
  });

  composer.on('message:text', async (ctx, next) => {
    if (ctx.message.text.startsWith('/')) return next();
    const state = await waiting(ctx);
    if (!state) return next();
    const person = staffPresser(ctx);
    const chatId = ctx.chat.id;
    if (!person) {
      await deps.states.clear(chatId, ctx.from.id);
      return next();
    }
    const reason = ctx.message.text.trim();
    if (reason.length > MAX_REASON) {
      await ctx.reply(ctx.t.staff.reason.tooLong);
      return;
    }
    await deps.states.clear(chatId, ctx.from.id);
    const actor = person.actor;
    const reply = (text: string) =>
      ctx.reply(text, {
        parse_mode: 'HTML',
        reply_parameters: { message_id: ctx.message.message_id, allow_sending_without_reply: true },
      });
    try {
      switch (state.action) {
        case 'task.reject': {
          const view = await deps.workflow.rejectTask(actor, state.targetId, reason);
          await redrawCard(ctx, deps, state, () => deps.cards.taskCard(state.targetId, ctx.locale));
          await reply(ctx.t.staff.reason.taskRejected(esc(view.number)));
          return;
        }
        case 'review.return': {
          const view = await deps.workflow.returnForRework(actor, state.targetId, reason);
          await redrawCard(ctx, deps, state, () => deps.cards.reviewCard(state.targetId, ctx.locale));
          await reply(ctx.t.staff.reason.returned(esc(view.number)));
          return;
        }
        case 'review.reject': {
          const view = await deps.workflow.reject(actor, state.targetId, reason);
          await redrawCard(ctx, deps, state, () => deps.cards.reviewCard(state.targetId, ctx.locale));
          await reply(ctx.t.staff.reason.rejected(esc(view.number)));
          return;
        }
        default: {
          const _exhaustive: never = state.action;
          return _exhaustive;
        }
      }
    } catch (error) {
      if (!(error instanceof DomainError) || state.action === 'task.reject') throw error;
      // Someone else decided first (or the request moved on) while this person was typing.
      const view = await deps.workflow.getStaffRequest(actor, state.targetId);
      const names = await deps.accounts.displayNames(view.reviewerId ? [view.reviewerId] : []);
      const command = state.action === 'review.return' ? 'returnForRework' : 'reject';
      await reply(explainReviewRefusal(ctx.t, { view, actor, command, names }));
    }
  });

  return composer;
}

async function redrawCard(
  ctx: StaffContext,
  deps: StaffFeatureDeps,
  state: ReasonState,
  render: () => Promise<{ text: string; keyboard: import('grammy').InlineKeyboard } | undefined>,
): Promise<void> {
  const card = await render();
  if (!card) return;
  try {
    await ctx.api.editMessageText(state.cardChatId, state.cardMessageId, card.text, {
      parse_mode: 'HTML',
      reply_markup: card.keyboard,
      link_preview_options: { is_disabled: true },
    });
  } catch (error) {
    // The card may be too old to edit, or unchanged: the reply below still says what happened.
    deps.logger.debug(
      { err: error instanceof Error ? error.message : String(error) },
      'staff bot: card not redrawn',
    );
  }
}
