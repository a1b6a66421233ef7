import type { Transformer } from 'grammy';
import { describeError } from '../../error-log.js';
import type { Logger } from '../../logger.js';
import type { TelegramBot } from '../../telegram/telegram-link.entity.js';
import type { TelegramAccounts } from './telegram-accounts.js';

/**
 * Records a 403 from Telegram (the person blocked the bot, or the bot was removed from a group) on the chat's
 * link, so pushes stop until the person writes again. The error still reaches the caller.
 */
export function recordBlockedChats(
  bot: TelegramBot,
  accounts: TelegramAccounts,
  logger: Logger,
): Transformer {
  return async (prev, method, payload, signal) => {
    const result = await prev(method, payload, signal);
    if (!result.ok && result.error_code === 403) {
      const chatId = (payload as { chat_id?: unknown } | undefined)?.chat_id;
      logger.warn({ bot, telegramMethod: method, telegramError: 403 }, 'bot: Telegram refused, chat blocked');
      if (typeof chatId === 'number' || typeof chatId === 'string') {
        try {
          await accounts.markBlocked(bot, chatId);
        } catch (error) {
          logger.error({ bot, err: describeError(error) }, 'bot: could not record a blocked chat');
        }
      }
    }
    return result;
  };
}
