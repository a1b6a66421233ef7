import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { UserSchema } from './user.entity.js';

/**
 * `client_link`: a client's deep link into the client bot. `staff_invite`: a staff member's deep link into the
 * staff bot (an admin's invite, or the staff member's own link from the cabinet).
 */
export const LINK_TOKEN_PURPOSES = ['client_link', 'staff_invite'] as const;
export type LinkTokenPurpose = (typeof LINK_TOKEN_PURPOSES)[number];

/**
 * A one-time Telegram deep-link token (`/start <token>`). Only its SHA-256 is stored; the bots look it up by
 * hash, check `expiresAt` and `usedAt`, and set `usedAt` in the same conditional UPDATE that links the chat.
 */
export const TelegramLinkTokenSchema = defineEntity({
  name: 'TelegramLinkToken',
  tableName: 'telegram_link_tokens',
  properties: {
    id: p.uuid().primary(),
    purpose: p.enum(LINK_TOKEN_PURPOSES),
    userId: () => p.manyToOne(UserSchema).mapToPk().fieldName('user_id').deleteRule('cascade').index(),
    tokenHash: p.string().length(64).unique(),
    /** The admin who invited, or null for a user's own link. */
    createdBy: p.uuid().nullable(),
    createdAt: p.datetime(),
    expiresAt: p.datetime(),
    usedAt: p.datetime().nullable(),
  },
});

export type TelegramLinkToken = InferEntity<typeof TelegramLinkTokenSchema>;
