import type { Em } from '../../db/orm.js';
import { RoleChatSchema } from '../../telegram/role-chat.entity.js';
import { TelegramLinkSchema } from '../../telegram/telegram-link.entity.js';
import type { RecipientKind } from '../delivery.entity.js';
import { DeliveryError } from '../../messaging/channels.js';

/** The Bot API's answer envelope: `ok` with a `result`, or an `error_code` with a description and parameters. */
export interface BotApiAnswer {
  ok: boolean;
  result?: unknown;
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

/**
 * Maps a refused Bot API call to DeliveryError: 429 waits `retry_after` (`rate_limited`), 403 (blocked, kicked)
 * is permanent (`recipient_blocked`), a group upgraded to a supergroup names its new id (`chat_migrated`).
 */
export function botApiError(method: string, httpStatus: number, answer: BotApiAnswer): DeliveryError {
  const code = answer.error_code ?? httpStatus;
  const description = (answer.description ?? 'no description').slice(0, 200);
  const message = `telegram ${code}: ${description}`;
  if (code === 429) {
    const seconds = answer.parameters?.retry_after ?? 1;
    return new DeliveryError(message, { retryAfterMs: Math.ceil(seconds * 1000), code: 'rate_limited' });
  }
  if (code === 403) return new DeliveryError(message, { permanent: true, code: 'recipient_blocked' });
  const migrateTo = answer.parameters?.migrate_to_chat_id;
  if (code === 400 && migrateTo !== undefined)
    return new DeliveryError(message, { code: 'chat_migrated', migrateToChatId: String(migrateTo) });
  // Bad requests and a refused token will not improve by retrying; server trouble may.
  if (code === 400 || code === 401 || code === 404)
    return new DeliveryError(`${message} (${method})`, { permanent: true });
  return new DeliveryError(message);
}

/**
 * What a Telegram refusal changes beyond the delivery: a 403 marks the person's link `blocked` (they blocked the
 * bot; no more pushes until they write to it again), a migrated group moves its role binding to the new chat id.
 */
export async function applyTelegramRefusal(
  em: Em,
  error: DeliveryError,
  recipient: { recipientKind: RecipientKind; recipientUserId: string | null },
  chatId: string,
  at: Date,
): Promise<void> {
  if (error.code === 'recipient_blocked' && recipient.recipientKind === 'user' && recipient.recipientUserId) {
    await em.nativeUpdate(
      TelegramLinkSchema,
      { userId: recipient.recipientUserId, chatId, status: 'active' },
      { status: 'blocked', blockedAt: at },
    );
  }
  if (error.code === 'chat_migrated' && error.migrateToChatId)
    await em.nativeUpdate(RoleChatSchema, { chatId }, { chatId: error.migrateToChatId });
}
