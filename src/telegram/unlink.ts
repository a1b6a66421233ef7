import type { Em } from '../db/orm.js';
import { appendJournal } from '../journal/journal.js';
import { TelegramLinkSchema, type TelegramBot, type TelegramLink } from './telegram-link.entity.js';

/** Which live link to end: a user's link with a bot, or one exact link (an e-mailed undo names it). */
export type LinkToEnd =
  { userId: string; bot: TelegramBot } | { id: string; userId: string; telegramUserId: string };

/**
 * Ends a live Telegram link inside `tx`: the row stays, marked `unlinked`, and the journal says who ended it and
 * why (`/unlink` in the bot, the cabinet, the e-mailed undo link). The one place a link is ended; null when none
 * was live.
 */
export async function endTelegramLink(
  tx: Em,
  which: LinkToEnd,
  journal: { actorId: string; at: Date; reason: string },
): Promise<TelegramLink | null> {
  const link = await tx.findOne(TelegramLinkSchema, { ...which, status: { $ne: 'unlinked' } });
  if (!link) return null;
  link.status = 'unlinked';
  await tx.flush();
  await appendJournal(tx, [
    {
      action: 'telegram.unlinked',
      actorId: journal.actorId,
      subjectUserId: link.userId,
      at: journal.at,
      data: { bot: link.bot, reason: journal.reason, telegramUserId: link.telegramUserId },
    },
  ]);
  return link;
}
