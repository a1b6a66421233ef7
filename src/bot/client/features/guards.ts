import type { MiddlewareFn } from 'grammy';
import type { LinkedPerson } from '../../shared/context.js';
import { shareContactKeyboard } from '../keyboards/menu.js';
import type { ClientContext } from '../deps.js';

/** Lets only a linked client through; a stranger is told how to link. */
export const requireClient: MiddlewareFn<ClientContext> = async (ctx, next) => {
  if (ctx.person?.actor.clientId !== undefined) return next();
  if (ctx.callbackQuery) {
    await ctx.answerCallbackQuery({ text: ctx.t.client.link.required, show_alert: true });
    return;
  }
  await ctx.reply(ctx.t.client.link.required, { reply_markup: shareContactKeyboard(ctx.t) });
};

/** The linked person of a context that passed `requireClient`. */
export function clientOf(ctx: ClientContext): LinkedPerson {
  if (!ctx.person) throw new Error('requireClient must run first');
  return ctx.person;
}

/** The private chat and its person: the key of the dialogue state. */
export function chatOf(ctx: ClientContext): { chatId: number; userId: number } {
  const chatId = ctx.chat?.id;
  const userId = ctx.from?.id;
  if (chatId === undefined || userId === undefined) throw new Error('an update without a chat or a sender');
  return { chatId, userId };
}
