import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { RequestSchema } from '../workflow/request.entity.js';
import { ChallengeSchema } from './challenge.entity.js';
import { UserSchema } from './user.entity.js';

export const SIGNATURE_CHANNELS = ['web', 'bot', 'api'] as const;
export type SignatureChannel = (typeof SIGNATURE_CHANNELS)[number];

/**
 * A simple electronic signature (63-FZ, ПЭП) of a request's content: what was signed (request version and payload
 * hash), by whom, with the code sent where and through which provider message, from where. Never the code.
 */
export const SignatureSchema = defineEntity({
  name: 'Signature',
  tableName: 'signatures',
  properties: {
    id: p.uuid().primary(),
    requestId: () =>
      p.manyToOne(RequestSchema).mapToPk().fieldName('request_id').deleteRule('cascade').index(),
    /** The request's version whose content was signed (the row version before the signing transition). */
    requestVersion: p.integer(),
    payloadHash: p.string().length(64),
    /** The print form's hash once print forms exist (DESIGN §10). */
    printFormHash: p.string().length(64).nullable(),
    userId: () => p.manyToOne(UserSchema).mapToPk().fieldName('user_id'),
    /** The phone the code was sent to. */
    phone: p.string().length(20),
    providerMessageId: p.string().length(200).nullable(),
    challengeId: () => p.manyToOne(ChallengeSchema).mapToPk().fieldName('challenge_id'),
    channel: p.enum(SIGNATURE_CHANNELS),
    ip: p.string().length(64).nullable(),
    userAgent: p.string().length(500).nullable(),
    telegramUserId: p.bigint('string').nullable(),
    attempts: p.integer(),
    signedAt: p.datetime(),
    /** The short code printed on the signed form (with its QR) for the public check (docs/0022). */
    verificationCode: p.string().length(16).nullable().unique(),
  },
});

export type Signature = InferEntity<typeof SignatureSchema>;
