import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { UserSchema } from '../identity/user.entity.js';

export const TELEGRAM_BOTS = ['client', 'staff'] as const;
export type TelegramBot = (typeof TELEGRAM_BOTS)[number];

export const TELEGRAM_LINK_STATUSES = ['active', 'blocked', 'unlinked'] as const;
export type TelegramLinkStatus = (typeof TELEGRAM_LINK_STATUSES)[number];

/**
 * A user's private chat with one of the two bots. `blocked` is set when Telegram answers 403 (the user blocked
 * the bot): pushes stop until the user writes to the bot again. `unlinked` keeps the row for the journal's sake.
 */
export const TelegramLinkSchema = defineEntity({
  name: 'TelegramLink',
  tableName: 'telegram_links',
  uniques: [{ properties: ['bot', 'chatId'] }, { properties: ['userId', 'bot'] }],
  properties: {
    id: p.uuid().primary(),
    userId: () => p.manyToOne(UserSchema).mapToPk().fieldName('user_id').deleteRule('cascade'),
    bot: p.enum(TELEGRAM_BOTS),
    /** Telegram chat ids exceed 2^31 (and groups are negative): a bigint kept as a string. */
    chatId: p.bigint('string'),
    telegramUserId: p.bigint('string'),
    status: p.enum(TELEGRAM_LINK_STATUSES).default('active'),
    /** Staff `/mute`: pushes to this DM are held back while set and in the future (role chats still get them). */
    mutedUntil: p.datetime().nullable(),
    linkedAt: p.datetime(),
    blockedAt: p.datetime().nullable(),
  },
});

export type TelegramLink = InferEntity<typeof TelegramLinkSchema>;
