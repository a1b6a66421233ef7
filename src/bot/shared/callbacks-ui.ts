import type { BotContext } from './context.js';

/**
 * Stops the button's spinner and takes the keyboard off the pressed message, so an answered question cannot be
 * answered twice. Best effort: an old message Telegram no longer lets us edit is fine as it is.
 */
export async function settlePress(ctx: BotContext, text?: string): Promise<void> {
  await ctx.answerCallbackQuery(text === undefined ? undefined : { text }).catch(() => undefined);
  if (ctx.callbackQuery?.message) await ctx.editMessageReplyMarkup().catch(() => undefined);
}
