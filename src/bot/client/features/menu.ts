import { Composer } from 'grammy';
import { settlePress } from '../../shared/callbacks-ui.js';
import { catalog } from '../../../i18n/index.js';
import { isAction } from '../../shared/kabinet-context.js';
import type { ClientContext, ClientFeatureDeps } from '../deps.js';
import {
  languageKeyboard,
  menuKeyboard,
  notificationsKeyboard,
  shareContactKeyboard,
  unlinkKeyboard,
} from '../keyboards/menu.js';
import { clientOf, requireClient } from './guards.js';

/** "Off" for Telegram pushes: muted until a date no one will reach. */
const MUTED_FOR_GOOD = new Date('9999-12-31T00:00:00Z');

/** The menu, /help, /language, notifications on/off and /unlink. */
export function menuFeature(deps: ClientFeatureDeps): Composer<ClientContext> {
  const composer = new Composer<ClientContext>();
  const feature = composer.chatType('private');

  const help = async (ctx: ClientContext): Promise<void> => {
    await ctx.reply(ctx.t.client.help, {
      parse_mode: 'HTML',
      reply_markup: ctx.person
        ? menuKeyboard(ctx.t, deps.callbacks, deps.miniAppUrl)
        : shareContactKeyboard(ctx.t),
    });
  };
  feature.command('help', help);
  feature.filter(isAction('menu.help'), async (ctx) => {
    await ctx.answerCallbackQuery();
    await help(ctx);
  });

  feature.command('menu', requireClient, async (ctx) => {
    await ctx.reply(ctx.t.client.menu.whatNext, {
      reply_markup: menuKeyboard(ctx.t, deps.callbacks, deps.miniAppUrl),
    });
  });
  feature.filter(isAction('menu'), requireClient, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t.client.menu.whatNext, {
      reply_markup: menuKeyboard(ctx.t, deps.callbacks, deps.miniAppUrl),
    });
  });

  const chooseLanguage = async (ctx: ClientContext): Promise<void> => {
    await ctx.reply(ctx.t.client.language.choose, { reply_markup: languageKeyboard(ctx.t, deps.callbacks) });
  };
  feature.command('language', requireClient, chooseLanguage);
  feature.filter(isAction('menu.language'), requireClient, async (ctx) => {
    await ctx.answerCallbackQuery();
    await chooseLanguage(ctx);
  });
  feature.filter(isAction('lang.ru', 'lang.en'), requireClient, async (ctx) => {
    const locale = ctx.action?.action === 'lang.en' ? 'en' : 'ru';
    await deps.accounts.setLocale(clientOf(ctx).actor.userId, locale);
    ctx.locale = locale;
    ctx.t = catalog(locale);
    await settlePress(ctx);
    await ctx.reply(ctx.t.client.language.changed, {
      reply_markup: menuKeyboard(ctx.t, deps.callbacks, deps.miniAppUrl),
    });
  });

  // Telegram pushes off = the link muted without end; the notifications skip muted links.
  const showNotifications = async (ctx: ClientContext): Promise<void> => {
    const until = await deps.accounts.mutedUntil(clientOf(ctx).linkId);
    const on = until === null || until <= deps.now();
    await ctx.reply(on ? ctx.t.client.notifications.on : ctx.t.client.notifications.off, {
      reply_markup: notificationsKeyboard(ctx.t, deps.callbacks, on),
    });
  };
  feature.filter(isAction('menu.notifications'), requireClient, async (ctx) => {
    await ctx.answerCallbackQuery();
    await showNotifications(ctx);
  });
  feature.filter(isAction('notify.on', 'notify.off'), requireClient, async (ctx) => {
    await deps.accounts.mute(
      clientOf(ctx).linkId,
      ctx.action?.action === 'notify.off' ? MUTED_FOR_GOOD : null,
    );
    await settlePress(ctx);
    await showNotifications(ctx);
  });

  feature.command('unlink', requireClient, async (ctx) => {
    await ctx.reply(ctx.t.client.unlink.question, { reply_markup: unlinkKeyboard(ctx.t, deps.callbacks) });
  });
  feature.filter(isAction('unlink.keep'), async (ctx) => {
    await settlePress(ctx);
    await ctx.reply(ctx.t.client.unlink.kept);
  });
  feature.filter(isAction('unlink.confirm'), requireClient, async (ctx) => {
    await deps.accounts.unlink('client', clientOf(ctx).actor.userId);
    if (ctx.chat) await deps.states.clear(ctx.chat.id, ctx.from.id);
    await settlePress(ctx);
    await ctx.reply(ctx.t.client.unlink.done, { reply_markup: shareContactKeyboard(ctx.t) });
  });

  return composer;
}

/** Last: whatever no feature took. A stranger is shown how to link; a client the menu. */
export function unhandledFeature(deps: ClientFeatureDeps): Composer<ClientContext> {
  const composer = new Composer<ClientContext>();
  composer.on('callback_query', (ctx) => ctx.answerCallbackQuery());
  composer.chatType('private').on('message', async (ctx) => {
    if (!ctx.person) {
      await ctx.reply(ctx.t.client.link.required, { reply_markup: shareContactKeyboard(ctx.t) });
      return;
    }
    await ctx.reply(ctx.t.client.unknown, {
      reply_markup: menuKeyboard(ctx.t, deps.callbacks, deps.miniAppUrl),
    });
  });
  return composer;
}
