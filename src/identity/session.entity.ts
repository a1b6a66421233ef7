import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { SESSION_TRIGGERS } from './auth-triggers.js';
import { UserSchema } from './user.entity.js';

/**
 * A login session. The token itself is given to the client once; only its SHA-256 is stored. A session ends
 * at `expiresAt` (absolute), after the idle timeout since `lastSeenAt`, or when revoked (logout, password change).
 * The same session serves the web (HttpOnly cookie) and other clients (`Authorization: Bearer`).
 */
export const SessionSchema = defineEntity({
  name: 'Session',
  tableName: 'sessions',
  triggers: SESSION_TRIGGERS,
  properties: {
    id: p.uuid().primary(),
    tokenHash: p.string().length(64).unique(),
    userId: () => p.manyToOne(UserSchema).mapToPk().fieldName('user_id').deleteRule('cascade').index(),
    createdAt: p.datetime(),
    lastSeenAt: p.datetime(),
    expiresAt: p.datetime(),
    revokedAt: p.datetime().nullable(),
    ip: p.string().length(64).nullable(),
    userAgent: p.string().length(500).nullable(),
  },
});

export type Session = InferEntity<typeof SessionSchema>;
