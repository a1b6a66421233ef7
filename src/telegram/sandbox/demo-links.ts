import { randomUUID } from 'node:crypto';
import type { Orm } from '../../db/orm.js';
import { UserSchema } from '../../identity/user.entity.js';
import { appendJournal } from '../../journal/journal.js';
import { RoleChatSchema } from '../role-chat.entity.js';
import { TelegramLinkSchema } from '../telegram-link.entity.js';
import type { SandboxWorld } from './world.js';

/**
 * Links the demo people to their sandbox Telegram users and binds each role's sandbox group, where nothing is
 * linked or bound yet — so the first visit to the sandbox page already shows the cards of the seeded requests.
 * Idempotent; journaled once as `telegram.sandbox_linked` when it changed something.
 */
export async function linkSandboxDemo(
  orm: Orm,
  world: SandboxWorld,
): Promise<{ links: number; chats: number }> {
  const em = orm.em.fork();
  return em.transactional(async (tx) => {
    let links = 0;
    let chats = 0;
    for (const person of world.people) {
      if (!person.login) continue;
      const user = await tx.findOne(UserSchema, { email: person.login });
      if (!user) continue;
      const bot = person.kind === 'client' ? 'client' : 'staff';
      const chatId = String(person.user.id);
      const taken =
        (await tx.count(TelegramLinkSchema, { userId: user.id, bot, status: 'active' })) > 0 ||
        (await tx.count(TelegramLinkSchema, { bot, chatId })) > 0;
      if (taken) continue;
      tx.create(TelegramLinkSchema, {
        id: randomUUID(),
        userId: user.id,
        bot,
        chatId,
        telegramUserId: chatId,
        status: 'active',
        mutedUntil: null,
        linkedAt: new Date(),
        blockedAt: null,
      });
      links += 1;
    }
    for (const [role, chat] of world.roleChats) {
      if ((await tx.count(RoleChatSchema, { role })) > 0) continue;
      tx.create(RoleChatSchema, {
        id: randomUUID(),
        role,
        chatId: String(chat.id),
        title: chat.title ?? role,
        boundBy: null,
        boundAt: new Date(),
      });
      chats += 1;
    }
    await tx.flush();
    if (links + chats > 0)
      await appendJournal(tx, [{ action: 'telegram.sandbox_linked', actorId: null, data: { links, chats } }]);
    return { links, chats };
  });
}
