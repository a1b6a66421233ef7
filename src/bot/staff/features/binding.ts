import { Composer } from 'grammy';
import { TASK_ROLES, type TaskRole } from '../../../workflow/domain/roles.js';
import type { StaffContext, StaffFeatureDeps } from '../deps.js';
import { staffPresser } from './press.js';

function isTaskRole(value: string): value is TaskRole {
  return (TASK_ROLES as readonly string[]).includes(value);
}

/**
 * `/bind <role>` and `/unbind [role]` in a group, by a linked administrator only (checked against the sender's
 * Kabinet roles, not the group's admin list); a group's upgrade to a supergroup carries its bindings along.
 */
export function bindingFeature(deps: StaffFeatureDeps): Composer<StaffContext> {
  const composer = new Composer<StaffContext>();
  const groups = composer.chatType(['group', 'supergroup']);

  composer.chatType('private').command(['bind', 'unbind'], (ctx) => ctx.reply(ctx.t.staff.bind.onlyGroups));

  const adminOf = (ctx: StaffContext) => {
    const person = staffPresser(ctx);
    return person?.actor.roles.includes('admin') ? person : undefined;
  };

  groups.command('bind', async (ctx) => {
    const admin = adminOf(ctx);
    if (!admin) return ctx.reply(ctx.t.staff.bind.onlyAdmin);
    const role = ctx.match.trim();
    if (!isTaskRole(role))
      return ctx.reply(ctx.t.staff.bind.usage(TASK_ROLES.join(', ')), { parse_mode: 'HTML' });
    await deps.roleChats.bind({ role, chatId: ctx.chat.id, title: ctx.chat.title, by: admin.actor.userId });
    await ctx.reply(ctx.t.staff.bind.bound(ctx.t.roles[role]));
  });

  groups.command('unbind', async (ctx) => {
    const admin = adminOf(ctx);
    if (!admin) return ctx.reply(ctx.t.staff.bind.onlyAdmin);
    const wanted = ctx.match.trim();
    if (wanted !== '' && !isTaskRole(wanted)) {
      return ctx.reply(ctx.t.staff.bind.usage(TASK_ROLES.join(', ')), { parse_mode: 'HTML' });
    }
    const roles = await deps.roleChats.unbind({
      chatId: ctx.chat.id,
      by: admin.actor.userId,
      ...(wanted === '' ? {} : { role: wanted }),
    });
    if (roles.length === 0) return ctx.reply(ctx.t.staff.bind.notBound);
    await ctx.reply(ctx.t.staff.bind.unbound(roles.map((r) => ctx.t.roles[r]).join(', ')));
  });

  // The old group's last message names the new supergroup; the new one's first names the old group.
  composer.on('message:migrate_to_chat_id', async (ctx) => {
    const moved = await deps.roleChats.migrate(ctx.chat.id, ctx.message.migrate_to_chat_id);
    deps.logger.info({ moved }, 'staff bot: role chat migrated to a supergroup');
  });
  composer.on('message:migrate_from_chat_id', async (ctx) => {
    await deps.roleChats.migrate(ctx.message.migrate_from_chat_id, ctx.chat.id);
  });

  return composer;
}
