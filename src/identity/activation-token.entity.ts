import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { UserSchema } from './user.entity.js';

/**
 * A one-time link that lets a new client's user set their first password (issue 12: access after the contracts).
 * Only the SHA-256 of the link's secret is stored; the link is used once and expires.
 */
export const ActivationTokenSchema = defineEntity({
  name: 'ActivationToken',
  tableName: 'activation_tokens',
  properties: {
    id: p.uuid().primary(),
    userId: () => p.manyToOne(UserSchema).mapToPk().fieldName('user_id').deleteRule('cascade').index(),
    tokenHash: p.string().length(64).unique(),
    expiresAt: p.datetime(),
    usedAt: p.datetime().nullable(),
    createdAt: p.datetime(),
  },
});

export type ActivationToken = InferEntity<typeof ActivationTokenSchema>;
