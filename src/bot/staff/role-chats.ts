import { randomUUID } from 'node:crypto';
import type { Orm } from '../../db/orm.js';
import { appendJournal } from '../../journal/journal.js';
import { RoleChatSchema } from '../../telegram/role-chat.entity.js';
import type { TaskRole } from '../../workflow/domain/roles.js';

/** Group chats bound to task roles (`role_chats`): `/bind`, `/unbind`, and a supergroup migration. */
export class RoleChats {
  constructor(
    private readonly orm: Orm,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Binds the chat to the role (a role has one chat: binding another chat moves it); journaled. */
  async bind(input: { role: TaskRole; chatId: number; title: string; by: string }): Promise<void> {
    const now = this.now();
    await this.orm.em.fork().transactional(async (em) => {
      const existing = await em.findOne(RoleChatSchema, { role: input.role });
      const fields = {
        chatId: String(input.chatId),
        title: input.title.slice(0, 300),
        boundBy: input.by,
        boundAt: now,
      };
      if (existing) Object.assign(existing, fields);
      else em.create(RoleChatSchema, { id: randomUUID(), role: input.role, ...fields });
      await appendJournal(em, [
        {
          action: 'telegram.role_chat_bound',
          actorId: input.by,
          at: now,
          data: { role: input.role, chatId: String(input.chatId) },
        },
      ]);
    });
  }

  /** Unbinds the chat from the role given, or from all its roles; the roles unbound, journaled. */
  async unbind(input: { chatId: number; role?: TaskRole; by: string }): Promise<TaskRole[]> {
    const now = this.now();
    return this.orm.em.fork().transactional(async (em) => {
      const rows = await em.find(RoleChatSchema, {
        chatId: String(input.chatId),
        ...(input.role ? { role: input.role } : {}),
      });
      for (const row of rows) em.remove(row);
      const roles = rows.map((r) => r.role);
      if (roles.length > 0) {
        await appendJournal(em, [
          {
            action: 'telegram.role_chat_unbound',
            actorId: input.by,
            at: now,
            data: { roles, chatId: String(input.chatId) },
          },
        ]);
      }
      return roles;
    });
  }

  /** A group became a supergroup with a new id: its bindings follow it. */
  async migrate(fromChatId: number, toChatId: number): Promise<number> {
    return this.orm.em
      .fork()
      .nativeUpdate(RoleChatSchema, { chatId: String(fromChatId) }, { chatId: String(toChatId) });
  }

  async rolesOf(chatId: number): Promise<TaskRole[]> {
    const rows = await this.orm.em.fork().find(RoleChatSchema, { chatId: String(chatId) });
    return rows.map((r) => r.role);
  }
}
