import { GrammyError, InputFile } from 'grammy';
import { DomainError } from '../../../workflow/domain/errors.js';
import type { StaffContext, StaffFeatureDeps } from '../deps.js';
import { refuse, staffPresser } from './press.js';

/**
 * "Open": the request's details for the presser alone — in the private chat with the bot, not in the group.
 * Someone who never started the private chat is told to.
 */
export async function sendDetailsPrivately(
  ctx: StaffContext,
  deps: StaffFeatureDeps,
  requestId: string,
): Promise<void> {
  const person = staffPresser(ctx);
  if (!person || !ctx.from) return refuse(ctx, ctx.t.staff.refuse.notLinked);
  let view;
  try {
    view = await deps.workflow.getStaffRequest(person.actor, requestId);
  } catch (error) {
    if (error instanceof DomainError) return refuse(ctx, ctx.t.errors.not_found);
    throw error;
  }
  const text = await deps.cards.renderDetails(view, ctx.locale);
  const options = { parse_mode: 'HTML' as const, link_preview_options: { is_disabled: true } };
  const form = deps.printForms ? await deps.printForms.render(person.actor, requestId) : null;
  const sendForm = async () => {
    if (form) await ctx.api.sendDocument(ctx.from?.id ?? 0, new InputFile(form.pdf, `${form.number}.pdf`));
  };
  if (ctx.chat?.type === 'private') {
    await ctx.answerCallbackQuery();
    await ctx.reply(text, options);
    await sendForm();
    return;
  }
  try {
    await ctx.api.sendMessage(ctx.from.id, text, options);
    await sendForm();
  } catch (error) {
    if (error instanceof GrammyError && (error.error_code === 403 || error.error_code === 400)) {
      return refuse(ctx, ctx.t.staff.press.startPrivateFirst);
    }
    throw error;
  }
  await ctx.answerCallbackQuery({ text: ctx.t.staff.press.sentToPrivate });
}
