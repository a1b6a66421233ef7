import { Composer, InputFile } from 'grammy';
import { settlePress } from '../../shared/callbacks-ui.js';
import { esc } from '../../shared/format.js';
import { CodeRefused } from '../../../identity/bot-ports.js';
import { isAction } from '../../shared/kabinet-context.js';
import type { ClientContext, ClientFeatureDeps } from '../deps.js';
import { signingKeyboard } from '../keyboards/form.js';
import { menuKeyboard } from '../keyboards/menu.js';
import type { SigningState } from '../state.js';
import { chatOf, clientOf, requireClient } from './guards.js';

/** Six digits, typed with or without spaces or dashes ("123 456"). */
const CODE = /^\d{6}$/;

/**
 * Sends the SMS code that signs a request awaiting its signature and waits for it in the chat: the code is
 * bound to the request's payload hash, the signature records the bot channel and the Telegram user id.
 */
export async function beginSigning(
  ctx: ClientContext,
  deps: ClientFeatureDeps,
  requestId: string,
): Promise<void> {
  const { code: sent, request } = await deps.signing.start(clientOf(ctx).actor, requestId);
  const { chatId, userId } = chatOf(ctx);
  await deps.states.set(chatId, userId, {
    kind: 'signing',
    requestId: request.id,
    challengeId: sent.challengeId,
    number: request.number,
  });
  const text = ctx.t.client.signing.codeSent(
    esc(request.number),
    deps.strict ? esc(request.title[ctx.locale]) : esc(request.summary[ctx.locale]),
    esc(sent.destination),
  );
  // The document the code signs, before the code is typed (not in 149-FZ strict mode).
  if (deps.printForms && !deps.strict) {
    const form = await deps.printForms.render(clientOf(ctx).actor, request.id);
    await ctx.replyWithDocument(new InputFile(form.pdf, `${form.number}.pdf`), {
      caption: ctx.t.client.signing.formCaption(form.number),
    });
  }
  await ctx.reply(text, { parse_mode: 'HTML', reply_markup: signingKeyboard(ctx.t, deps.callbacks) });
}

/** Typing the code; asking for another; leaving the signature for later. */
export function signingFeature(deps: ClientFeatureDeps): Composer<ClientContext> {
  const composer = new Composer<ClientContext>();
  const feature = composer.chatType('private');

  const signingState = async (ctx: ClientContext): Promise<SigningState | undefined> => {
    const { chatId, userId } = chatOf(ctx);
    const state = await deps.states.get(chatId, userId);
    return state?.kind === 'signing' ? state : undefined;
  };

  feature.on('message:text', async (ctx, next) => {
    if (ctx.message.text.startsWith('/') || !ctx.person) return next();
    const { chatId, userId } = chatOf(ctx);
    const current = await deps.states.get(chatId, userId);
    const code = ctx.message.text.replace(/[\s-]/g, '');
    if (current?.kind === 'signed') {
      // The code of a signature already given, typed again: say so; anything else ends the signing for good.
      if (CODE.test(code)) {
        await ctx.reply(ctx.t.client.signing.used(esc(current.number)), {
          parse_mode: 'HTML',
          reply_markup: menuKeyboard(ctx.t, deps.callbacks, deps.miniAppUrl),
        });
        return;
      }
      await deps.states.clear(chatId, userId);
      return next();
    }
    if (current?.kind !== 'signing') return next();
    const state = current;
    if (!CODE.test(code)) {
      await ctx.reply(ctx.t.client.signing.notACode, {
        reply_markup: signingKeyboard(ctx.t, deps.callbacks),
      });
      return;
    }
    try {
      const view = await deps.signing.confirm(clientOf(ctx).actor, state.challengeId, code, {
        telegramUserId: userId,
      });
      await deps.states.set(chatId, userId, { kind: 'signed', requestId: view.id, number: view.number });
      await ctx.reply(ctx.t.client.signing.signed(esc(view.number)), {
        parse_mode: 'HTML',
        reply_markup: menuKeyboard(ctx.t, deps.callbacks, deps.miniAppUrl),
      });
    } catch (error) {
      if (!(error instanceof CodeRefused)) throw error;
      const t = ctx.t.client.signing;
      switch (error.reason) {
        case 'wrong':
          await ctx.reply(t.wrong(error.attemptsLeft), {
            reply_markup: signingKeyboard(ctx.t, deps.callbacks),
          });
          return;
        case 'expired':
          await ctx.reply(t.expired, { reply_markup: signingKeyboard(ctx.t, deps.callbacks) });
          return;
        case 'locked':
          await deps.states.clear(chatId, userId);
          await ctx.reply(t.locked, { reply_markup: menuKeyboard(ctx.t, deps.callbacks, deps.miniAppUrl) });
          return;
        case 'used':
          await deps.states.clear(chatId, userId);
          await ctx.reply(t.used(esc(state.number)), {
            parse_mode: 'HTML',
            reply_markup: menuKeyboard(ctx.t, deps.callbacks, deps.miniAppUrl),
          });
          return;
        case 'changed':
          await deps.states.clear(chatId, userId);
          await ctx.reply(t.changed(esc(state.number)), {
            parse_mode: 'HTML',
            reply_markup: menuKeyboard(ctx.t, deps.callbacks, deps.miniAppUrl),
          });
          return;
        default: {
          const _exhaustive: never = error.reason;
          return _exhaustive;
        }
      }
    }
  });

  feature.filter(isAction('sign.resend'), requireClient, async (ctx) => {
    const state = await signingState(ctx);
    if (!state) {
      await ctx.answerCallbackQuery({ text: ctx.t.client.signing.nothingToSign, show_alert: true });
      return;
    }
    const actor = clientOf(ctx).actor;
    let sent;
    try {
      sent = await deps.signing.resend(actor, state.challengeId);
    } catch (error) {
      // An expired or exhausted challenge cannot be resent: a fresh one is issued (the limits still apply).
      if (!(error instanceof CodeRefused)) throw error;
      sent = (await deps.signing.start(actor, state.requestId)).code;
    }
    await settlePress(ctx);
    const { chatId, userId } = chatOf(ctx);
    await deps.states.set(chatId, userId, { ...state, challengeId: sent.challengeId });
    await ctx.reply(ctx.t.client.signing.resent(esc(sent.destination)), {
      parse_mode: 'HTML',
      reply_markup: signingKeyboard(ctx.t, deps.callbacks),
    });
  });

  feature.filter(isAction('sign.later'), requireClient, async (ctx) => {
    await settlePress(ctx);
    const state = await signingState(ctx);
    const { chatId, userId } = chatOf(ctx);
    if (state) await deps.states.clear(chatId, userId);
    await ctx.reply(ctx.t.client.signing.laterText, {
      reply_markup: menuKeyboard(ctx.t, deps.callbacks, deps.miniAppUrl),
    });
  });

  return composer;
}
