import { z } from 'zod';
import { CODE_CHANNELS } from '../../identity/challenge.entity.js';
import { codeSchema, isoDateTime } from './common.js';
import { meSchema } from './me.js';

export const loginBody = z.object({
  login: z.string().trim().min(1, 'enter your email or phone').max(320),
  password: z.string().min(1, 'enter your password').max(200),
  channel: z
    .enum(['sms', 'totp'])
    .optional()
    .describe('staff with an authenticator may ask for an SMS instead'),
});

export const loginChallengeSchema = z
  .object({
    challengeId: z.uuid(),
    channel: z.enum(CODE_CHANNELS),
    destination: z.string().describe('masked phone, or "authenticator"'),
    expiresAt: isoDateTime,
  })
  .meta({ id: 'LoginChallenge' });

export const loginConfirmBody = z.object({
  challengeId: z.string().max(100),
  code: codeSchema,
});

export const loginResendBody = z.object({
  challengeId: z.string().max(100),
  channel: z.enum(['sms']).optional().describe('switch an authenticator login to an SMS code'),
});

export const sessionSchema = z
  .object({
    token: z
      .string()
      .describe('the session token for `Authorization: Bearer`; the web gets it as a cookie too'),
    expiresAt: isoDateTime.describe('absolute expiry; an idle session ends earlier'),
    user: meSchema,
  })
  .meta({ id: 'Session' });
