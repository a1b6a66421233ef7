import { Composer } from 'grammy';
import { normalizePhone } from '../../../identity/phone.js';
import { errorFields } from '../../shared/error-boundary.js';
import { esc } from '../../shared/format.js';
import { CodeRefused } from '../../../identity/bot-ports.js';
import type { ClientContext, ClientFeatureDeps } from '../deps.js';
import { menuKeyboard, shareContactKeyboard } from '../keyboards/menu.js';
import type { LinkCodeState, LinkPasswordState } from '../state.js';
import { chatOf } from './guards.js';

/** A deep-link token as the cabinet makes them: URL-safe, at most 64 characters (Telegram's limit). */
const TOKEN = /^[A-Za-z0-9_-]{8,64}$/;
const CODE = /^\d{6}$/;

/**
 * Linking a private chat to a client user: `/start <token>` with the cabinet's one-time deep link, or sharing
 * one's own phone contact, then the cabinet password (deleted from the chat once read), then the SMS code sent to
 * that phone — a SIM swap alone no longer links. A wrong password and a wrong code get the same answer. Either way
 * the client is told by e-mail and SMS (with a one-time undo link in the e-mail). A linked person's `/start` shows
 * the menu.
 */
export function linkingFeature(deps: ClientFeatureDeps): Composer<ClientContext> {
  const composer = new Composer<ClientContext>();
  const feature = composer.chatType('private');

  const linked = async (ctx: ClientContext): Promise<void> => {
    await ctx.reply(ctx.t.client.link.done, { reply_markup: { remove_keyboard: true } });
    await ctx.reply(ctx.t.client.menu.whatNext, {
      reply_markup: menuKeyboard(ctx.t, deps.callbacks, deps.miniAppUrl),
    });
  };

  feature.command('start', async (ctx) => {
    const token = ctx.match.trim();
    const { chatId, userId } = chatOf(ctx);
    if (token !== '') {
      const found = TOKEN.test(token) ? await deps.linking.findToken('client_link', token) : undefined;
      const done =
        found !== undefined &&
        (await deps.accounts.linkIf((em) => deps.linking.useToken(em, found.tokenId), {
          bot: 'client',
          userId: found.userId,
          chatId,
          telegramUserId: userId,
          username: ctx.from?.username,
          via: 'deep_link',
        }));
      if (!done) {
        await ctx.reply(ctx.t.client.link.badToken, { reply_markup: shareContactKeyboard(ctx.t) });
        return;
      }
      await deps.states.clear(chatId, userId);
      await linked(ctx);
      return;
    }
    if (ctx.person) {
      await ctx.reply(ctx.t.client.menu.whatNext, {
        reply_markup: menuKeyboard(ctx.t, deps.callbacks, deps.miniAppUrl),
      });
      return;
    }
    // A stranger may not be a client yet: the public questionnaire is offered beside linking (issue 12).
    const welcome = deps.openAccountUrl
      ? `${ctx.t.client.link.welcome}\n\n${ctx.t.client.link.openAccount(deps.openAccountUrl)}`
      : ctx.t.client.link.welcome;
    await ctx.reply(welcome, { reply_markup: shareContactKeyboard(ctx.t) });
  });

  feature.on('message:contact', async (ctx) => {
    const contact = ctx.message.contact;
    // Only one's own number: Telegram sets user_id when the person shared their own contact card.
    if (contact.user_id !== ctx.from.id) {
      await ctx.reply(ctx.t.client.link.notOwnContact, { reply_markup: shareContactKeyboard(ctx.t) });
      return;
    }
    const phone = normalizePhone(
      contact.phone_number.startsWith('+') ? contact.phone_number : `+${contact.phone_number}`,
    );
    if (phone === null) {
      await ctx.reply(ctx.t.client.link.notOwnContact, { reply_markup: shareContactKeyboard(ctx.t) });
      return;
    }
    const { chatId, userId } = chatOf(ctx);
    await deps.states.set(chatId, userId, { kind: 'link_password', phone });
    await ctx.reply(ctx.t.client.link.askPassword, { reply_markup: { remove_keyboard: true } });
  });

  feature.on('message:text', async (ctx, next) => {
    if (ctx.message.text.startsWith('/')) return next();
    const { chatId, userId } = chatOf(ctx);
    const state = await deps.states.get(chatId, userId);
    if (state?.kind === 'link_password') {
      await takePassword(ctx, state, ctx.message.text);
      return;
    }
    if (state?.kind !== 'link_code') return next();
    await confirmLinkCode(ctx, deps, state, ctx.message.text.replace(/[\s-]/g, ''));
  });

  /** Reads the password, deletes it from the chat, and sends the code (or answers like it, see the port). */
  const takePassword = async (
    ctx: ClientContext,
    state: LinkPasswordState,
    password: string,
  ): Promise<void> => {
    const { chatId, userId } = chatOf(ctx);
    try {
      await ctx.deleteMessage();
    } catch (error) {
      // Older than 48 hours or already gone: nothing more the bot can do; the person is asked to delete it.
      deps.logger.warn({ bot: 'client', ...errorFields(error) }, 'bot: could not delete a password message');
      await ctx.reply(ctx.t.client.link.deletePassword);
    }
    await deps.states.clear(chatId, userId);
    const sent = await deps.linking.startByPhone(state.phone, password, ctx.locale);
    await deps.states.set(chatId, userId, { kind: 'link_code', challengeId: sent.challengeId });
    await ctx.reply(ctx.t.client.link.codeSent(esc(sent.destination)), { parse_mode: 'HTML' });
  };

  const confirmLinkCode = async (
    ctx: ClientContext,
    d: ClientFeatureDeps,
    state: LinkCodeState,
    code: string,
  ): Promise<void> => {
    if (!CODE.test(code)) {
      await ctx.reply(ctx.t.client.link.notACode);
      return;
    }
    const { chatId, userId } = chatOf(ctx);
    try {
      await d.linking.confirm(state.challengeId, code, { telegramUserId: userId }, (em, linkedUserId) =>
        d.accounts.link(
          {
            bot: 'client',
            userId: linkedUserId,
            chatId,
            telegramUserId: userId,
            username: ctx.from?.username,
            via: 'contact_password_code',
          },
          em,
        ),
      );
    } catch (error) {
      if (!(error instanceof CodeRefused)) throw error;
      if (error.reason === 'wrong') {
        await ctx.reply(ctx.t.client.link.wrongCode(error.attemptsLeft));
        return;
      }
      await d.states.clear(chatId, userId);
      await ctx.reply(ctx.t.client.link.codeGone, { reply_markup: shareContactKeyboard(ctx.t) });
      return;
    }
    await d.states.clear(chatId, userId);
    await linked(ctx);
  };

  return composer;
}
