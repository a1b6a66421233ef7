import { Composer } from 'grammy';
import { esc } from '../../shared/format.js';
import { CodeRefused } from '../../../identity/bot-ports.js';
import type { StaffContext, StaffFeatureDeps } from '../deps.js';

const TOKEN = /^[A-Za-z0-9_-]{8,64}$/;
const CODE = /^\d{6}$/;

/**
 * A staff member links their private chat by an administrator's invite (`/start <token>`), confirmed with the
 * code sent to their phone; the invite is consumed only together with a right code.
 */
export function staffLinkingFeature(deps: StaffFeatureDeps): Composer<StaffContext> {
  const composer = new Composer<StaffContext>();
  const feature = composer.chatType('private');

  feature.command('start', async (ctx) => {
    const token = ctx.match.trim();
    if (token === '') {
      const person = ctx.person;
      await ctx.reply(
        person ? ctx.t.staff.start.welcome(esc(person.actor.displayName ?? '')) : ctx.t.staff.start.stranger,
      );
      return;
    }
    const found = TOKEN.test(token) ? await deps.linking.findToken('staff_invite', token) : undefined;
    if (!found) {
      await ctx.reply(ctx.t.staff.start.badInvite);
      return;
    }
    const sent = await deps.linking.startForUser(found.userId, ctx.locale);
    await deps.states.set(ctx.chat.id, ctx.from.id, {
      kind: 'invite_code',
      challengeId: sent.challengeId,
      tokenId: found.tokenId,
    });
    await ctx.reply(ctx.t.staff.start.codeSent(esc(sent.destination)), { parse_mode: 'HTML' });
  });

  feature.on('message:text', async (ctx, next) => {
    if (ctx.message.text.startsWith('/')) return next();
    const state = await deps.states.get(ctx.chat.id, ctx.from.id);
    if (state?.kind !== 'invite_code') return next();
    const code = ctx.message.text.replace(/[\s-]/g, '');
    if (!CODE.test(code)) {
      await ctx.reply(ctx.t.staff.start.notACode);
      return;
    }
    const chatId = ctx.chat.id;
    const telegramUserId = ctx.from.id;
    try {
      await deps.linking.confirm(state.challengeId, code, { telegramUserId }, async (em, userId) => {
        if (!(await deps.linking.useToken(em, state.tokenId))) throw new CodeRefused('used', 0);
        await deps.accounts.link({ bot: 'staff', userId, chatId, telegramUserId }, em);
      });
    } catch (error) {
      if (!(error instanceof CodeRefused)) throw error;
      if (error.reason === 'wrong') {
        await ctx.reply(ctx.t.staff.start.wrongCode(error.attemptsLeft));
        return;
      }
      await deps.states.clear(chatId, telegramUserId);
      await ctx.reply(ctx.t.staff.start.codeGone);
      return;
    }
    await deps.states.clear(chatId, telegramUserId);
    const person = await deps.accounts.findPerson('staff', telegramUserId);
    await ctx.reply(ctx.t.staff.start.linked(esc(person?.actor.displayName ?? '')));
  });

  return composer;
}
