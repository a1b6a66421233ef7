import type { MiddlewareFn } from 'grammy';
import type { TelegramBot } from '../../telegram/telegram-link.entity.js';
import type { CallbackRegistry } from './callback-data.js';
import type { BotContext } from './context.js';
import { catalog, resolveLocale } from '../../i18n/index.js';
import type { TelegramAccounts } from './telegram-accounts.js';

/**
 * Fills the Kabinet part of the context: who is writing (their linked user, by Telegram user id), their
 * language (the user's setting; for strangers Telegram's language, Russian unless English), and what a pressed
 * button means. A button whose data resolves to nothing is answered "no longer valid" and goes no further.
 */
export function kabinetContext<C extends BotContext>(deps: {
  bot: TelegramBot;
  accounts: TelegramAccounts;
  callbacks: CallbackRegistry;
}): MiddlewareFn<C> {
  return async (ctx, next) => {
    const from = ctx.from;
    ctx.person = from && !from.is_bot ? await deps.accounts.findPerson(deps.bot, from.id) : undefined;
    ctx.locale = ctx.person?.locale ?? resolveLocale(from?.language_code?.slice(0, 2));
    ctx.t = catalog(ctx.locale);
    ctx.action = undefined;
    const data = ctx.callbackQuery?.data;
    if (ctx.callbackQuery) {
      ctx.action = data === undefined ? undefined : await deps.callbacks.resolve(data);
      if (!ctx.action) {
        await ctx.answerCallbackQuery({ text: ctx.t.common.staleButton, show_alert: true });
        return;
      }
    }
    await next();
  };
}

/** A filter for one resolved button action. */
export function isAction(...actions: string[]) {
  return <C extends BotContext>(ctx: C): boolean =>
    ctx.action !== undefined && actions.includes(ctx.action.action);
}
