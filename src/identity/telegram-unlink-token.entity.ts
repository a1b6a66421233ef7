import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { UserSchema } from './user.entity.js';

/**
 * A one-time "it was not me" link sent by e-mail when a Telegram account is linked to a client's cabinet. Only its
 * SHA-256 is stored. It undoes that linking only: it names the link row and the Telegram account linked then, so
 * an older e-mail cannot unlink an account linked later.
 */
export const TelegramUnlinkTokenSchema = defineEntity({
  name: 'TelegramUnlinkToken',
  tableName: 'telegram_unlink_tokens',
  properties: {
    id: p.uuid().primary(),
    userId: () => p.manyToOne(UserSchema).mapToPk().fieldName('user_id').deleteRule('cascade').index(),
    linkId: p.uuid(),
    /** The Telegram account the e-mail spoke of (a bigint kept as a string). */
    telegramUserId: p.bigint('string'),
    tokenHash: p.string().length(64).unique(),
    createdAt: p.datetime(),
    expiresAt: p.datetime(),
    usedAt: p.datetime().nullable(),
  },
});

export type TelegramUnlinkToken = InferEntity<typeof TelegramUnlinkTokenSchema>;
