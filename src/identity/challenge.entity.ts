import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { UserSchema } from './user.entity.js';

/** What a confirmation code confirms. One mechanism serves them all (DESIGN §4). */
export const CHALLENGE_PURPOSES = [
  'login',
  'sign_request',
  'change_phone',
  'change_email',
  'change_password',
  'enrol_totp',
  'link_telegram',
] as const;
export type ChallengePurpose = (typeof CHALLENGE_PURPOSES)[number];

export const CODE_CHANNELS = ['sms', 'email', 'totp'] as const;
export type CodeChannel = (typeof CODE_CHANNELS)[number];

/**
 * One place a code went. `codeHash` is an HMAC of the code (never the code); `totp` destinations have none: the
 * code is checked against the user's authenticator secret. `address` is null for a decoy challenge.
 */
export interface ChallengeDestination {
  key: string;
  channel: CodeChannel;
  address: string | null;
  masked: string;
  codeHash: string | null;
  providerMessageId: string | null;
  /** No code was sent and none works: the address's owner was told instead (an email another account has). */
  inert?: boolean;
}

/**
 * A confirmation challenge: a code (or codes) sent for one purpose, bound to a target (a request, a user) and,
 * for signing, to the payload hash. Five minutes, five attempts, single use; resends keep the attempt count.
 * Every change goes through conditional UPDATEs (see challenge.repository.ts), which also bump `version`.
 */
export const ChallengeSchema = defineEntity({
  name: 'Challenge',
  tableName: 'challenges',
  // The second: a login's live challenge is looked up by its (login, network) target, decoy or not.
  indexes: [{ properties: ['userId', 'purpose', 'target'] }, { properties: ['target', 'purpose'] }],
  properties: {
    id: p.uuid().primary(),
    purpose: p.enum(CHALLENGE_PURPOSES),
    /** Null for a decoy (a login that does not exist or a wrong password): it can never succeed. */
    userId: () => p.manyToOne(UserSchema).mapToPk().nullable().fieldName('user_id').deleteRule('cascade'),
    /** What the code confirms: a request id for signing, the user id for profile changes and logins. */
    target: p.string().length(100).nullable(),
    /** The content the code is bound to: the request's payload hash for signing. */
    binding: p.string().length(64).nullable(),
    destinations: p.json<ChallengeDestination[]>(),
    /** What applying needs (a new phone, a new password's hash, an encrypted TOTP secret); never a code. */
    data: p.json<Record<string, unknown>>(),
    decoy: p.boolean().default(false),
    attempts: p.integer().default(0),
    maxAttempts: p.integer().default(5),
    sendCount: p.integer().default(1),
    createdAt: p.datetime(),
    lastSentAt: p.datetime(),
    expiresAt: p.datetime(),
    consumedAt: p.datetime().nullable(),
    /** Set when the challenge can no longer succeed for another reason: the payload was edited, a newer code. */
    invalidatedAt: p.datetime().nullable(),
    ip: p.string().length(64).nullable(),
    version: p.integer().version(),
  },
});

export type Challenge = InferEntity<typeof ChallengeSchema>;
