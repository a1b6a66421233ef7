import { Composer, InlineKeyboard } from 'grammy';
import { DomainError } from '../../../workflow/domain/errors.js';
import { TASK_ROLES } from '../../../workflow/domain/roles.js';
import { esc, formatDateTime } from '../../shared/format.js';
import { withoutEmptyRows } from '../../shared/keyboard.js';
import type { StaffContext, StaffFeatureDeps } from '../deps.js';
import { miniAppLink } from '../../shared/mini-app.js';
import { staffPresser } from './press.js';

const LIST_LIMIT = 20;
const DEFAULT_MUTE_HOURS = 8;

/** `/tasks` (open tasks of my roles, and signed requests waiting for a manager), `/mute`, `/help`. */
export function myTasksFeature(deps: StaffFeatureDeps): Composer<StaffContext> {
  const composer = new Composer<StaffContext>();
  const feature = composer.chatType('private');

  feature.command('help', (ctx) => ctx.reply(ctx.t.staff.help, { parse_mode: 'HTML' }));

  feature.command('tasks', async (ctx) => {
    const person = staffPresser(ctx);
    if (!person) return ctx.reply(ctx.t.staff.tasks.notStaff);
    const actor = person.actor;
    const keyboard = new InlineKeyboard();
    const lines: string[] = [];
    let count = 0;
    if (TASK_ROLES.some((role) => actor.roles.includes(role))) {
      try {
        const page = await deps.workflow.listTasks(actor, { pageSize: LIST_LIMIT });
        count += page.total;
        const tokens = await deps.callbacks.tokens(
          page.items.map((task) => ({ action: 'task.card', args: { id: task.id } })),
        );
        page.items.forEach((task, i) => {
          const state =
            task.status === 'claimed'
              ? task.assigneeId === actor.userId
                ? ctx.t.staff.tasks.mine
                : ctx.t.staff.tasks.taken
              : ctx.t.staff.tasks.free;
          const title = task.title[ctx.locale];
          lines.push(
            ctx.t.staff.tasks.line(
              esc(task.request.number),
              esc(title),
              formatDateTime(task.dueAt, ctx.locale),
              state,
            ),
          );
          keyboard.text(`${task.request.number} · ${title}`.slice(0, 60), tokens[i] ?? '').row();
        });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
      }
    }
    if (actor.roles.includes('client_manager')) {
      const waiting = await deps.workflow.listRequests(actor, { status: 'submitted', pageSize: LIST_LIMIT });
      count += waiting.total;
      const tokens = await deps.callbacks.tokens(
        waiting.items.map((r) => ({ action: 'review.card', args: { id: r.id } })),
      );
      waiting.items.forEach((request, i) => {
        lines.push(`<b>${esc(request.number)}</b> · ${ctx.t.status.submitted}`);
        keyboard.text(`${request.number} · ${ctx.t.status.submitted}`.slice(0, 60), tokens[i] ?? '').row();
      });
    }
    // The same list, live and with every detail, in the cabinet inside Telegram.
    const cabinet = deps.miniAppUrl ? miniAppLink(deps.miniAppUrl, '/tasks', 'staff') : undefined;
    if (count === 0)
      return ctx.reply(
        ctx.t.staff.tasks.none,
        cabinet ? { reply_markup: new InlineKeyboard().webApp(ctx.t.staff.tasks.cabinet, cabinet) } : {},
      );
    if (cabinet) keyboard.row().webApp(ctx.t.staff.tasks.cabinet, cabinet);
    await ctx.reply([ctx.t.staff.tasks.title(count), '', ...lines].join('\n'), {
      parse_mode: 'HTML',
      reply_markup: withoutEmptyRows(keyboard),
    });
  });

  feature.command(['mute', 'unmute'], async (ctx) => {
    const person = staffPresser(ctx);
    if (!person) return ctx.reply(ctx.t.staff.tasks.notStaff);
    const arg = ctx.match.trim().toLowerCase();
    if (ctx.message.text.startsWith('/unmute') || arg === 'off') {
      await deps.accounts.mute(person.linkId, null);
      return ctx.reply(ctx.t.staff.mute.off);
    }
    const hours = arg === '' ? DEFAULT_MUTE_HOURS : Number(arg);
    if (!Number.isInteger(hours) || hours < 1 || hours > 168) return ctx.reply(ctx.t.staff.mute.usage);
    const until = new Date(deps.now().getTime() + hours * 3600 * 1000);
    await deps.accounts.mute(person.linkId, until);
    await ctx.reply(ctx.t.staff.mute.on(formatDateTime(until, ctx.locale)));
  });

  return composer;
}

/** Last: a stranger in private is told how to link; in groups, words that are not commands are left alone. */
export function staffUnhandledFeature(): Composer<StaffContext> {
  const composer = new Composer<StaffContext>();
  composer.on('callback_query', (ctx) => ctx.answerCallbackQuery());
  composer.chatType('private').on('message', async (ctx) => {
    await ctx.reply(ctx.person ? ctx.t.staff.help : ctx.t.staff.start.stranger, { parse_mode: 'HTML' });
  });
  composer.chatType(['group', 'supergroup']).command('help', (ctx) => ctx.reply(ctx.t.staff.groupOnlyAdmin));
  return composer;
}
