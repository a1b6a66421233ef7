import type { Orm } from '../db/orm.js';
import { fullNames } from '../db/user-names.js';
import { TASK_ROLES, type TaskRole } from '../workflow/domain/roles.js';
import { RoleChatSchema } from './role-chat.entity.js';

export interface RoleChatBinding {
  role: TaskRole;
  /** null: no chat bound, the role's cards go nowhere. Never the chat's id. */
  chat: { title: string; boundAt: string; boundBy: string | null } | null;
}

/** Every task role with the group chat bound to it by the staff bot's `/bind`, for the administrator. */
export async function roleChatBindings(orm: Orm): Promise<RoleChatBinding[]> {
  const em = orm.em.fork();
  const chats = await em.find(RoleChatSchema, {});
  const names = await fullNames(
    em,
    chats.map((c) => c.boundBy),
  );
  return TASK_ROLES.map((role) => {
    const chat = chats.find((c) => c.role === role);
    return {
      role,
      chat: chat
        ? {
            title: chat.title,
            boundAt: chat.boundAt.toISOString(),
            boundBy: chat.boundBy ? (names.get(chat.boundBy) ?? null) : null,
          }
        : null,
    };
  });
}
