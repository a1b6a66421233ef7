import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { TELEGRAM_BOTS } from '../../telegram/telegram-link.entity.js';

/**
 * Where a person is in a bot dialogue (a form being filled, a code awaited, a reason asked for), one row per
 * bot, chat and Telegram user. The state is plain JSON with ids and answers, never ORM entities, so a restart
 * or another process picks the dialogue up where it was.
 */
export const BotChatStateSchema = defineEntity({
  name: 'BotChatState',
  tableName: 'bot_chat_states',
  properties: {
    /** `client:<chatId>:<userId>` or `staff:<chatId>:<userId>`. */
    key: p.string().length(80).primary(),
    bot: p.enum(TELEGRAM_BOTS),
    state: p.json<Record<string, unknown>>(),
    updatedAt: p.datetime().index(),
  },
});

export type BotChatState = InferEntity<typeof BotChatStateSchema>;

/** A webhook update already handled; Telegram repeats updates it thinks were not delivered. */
export const ProcessedUpdateSchema = defineEntity({
  name: 'ProcessedUpdate',
  tableName: 'bot_processed_updates',
  properties: {
    bot: p.enum(TELEGRAM_BOTS).primary(),
    updateId: p.bigint('number').primary().autoincrement(false),
    receivedAt: p.datetime().index(),
  },
});

export type ProcessedUpdate = InferEntity<typeof ProcessedUpdateSchema>;

/**
 * What an inline button means, kept on the server: the button carries only `t:<id>`, an opaque random id. The
 * same action with the same arguments always gets the same id (`digest`), so redrawing a card reuses it.
 */
export const CallbackTokenSchema = defineEntity({
  name: 'CallbackToken',
  tableName: 'bot_callback_tokens',
  properties: {
    id: p.string().length(16).primary(),
    bot: p.enum(TELEGRAM_BOTS),
    digest: p.string().length(64).unique(),
    action: p.string().length(50),
    args: p.json<Record<string, string>>(),
    createdAt: p.datetime(),
  },
});

export type CallbackToken = InferEntity<typeof CallbackTokenSchema>;
