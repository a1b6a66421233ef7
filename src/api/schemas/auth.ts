import { z } from 'zod';
import { codeSchema, isoDateTime } from './common.js';
import { meSchema } from './me.js';

export const loginBody = z.object({
  login: z.string().trim().min(1, 'enter your email or phone').max(320),
  password: z.string().min(1, 'enter your password').max(200),
});

/** The one value of `codeFrom`: the login answer never says which of the two the account uses. */
export const LOGIN_CODE_FROM = 'sms_or_authenticator';

export const loginChallengeSchema = z
  .object({
    challengeId: z.uuid(),
    codeFrom: z
      .literal(LOGIN_CODE_FROM)
      .describe(
        'always the same: the code is the one sent by SMS to `destination` or, for an account with an ' +
          'authenticator (which then never gets an SMS), the authenticator app’s current code',
      ),
    destination: z
      .string()
      .describe(
        'masked phone: for a phone login the typed number’s own mask, for an email login the account’s ' +
          '(the same answer for every password, and for logins that do not exist)',
      ),
    expiresAt: isoDateTime,
  })
  .meta({ id: 'LoginChallenge' });

export const loginConfirmBody = z.object({
  challengeId: z.string().max(100),
  code: codeSchema,
});

export const telegramSignInBody = z.object({
  bot: z
    .enum(['client', 'staff'])
    .describe('the bot whose Mini App was opened (its token signed the launch data)'),
  initData: z
    .string()
    .min(1, 'the Telegram launch data is missing')
    .max(8192)
    .describe('Telegram.WebApp.initData, as the Telegram client gave it (the tgWebAppData launch parameter)'),
});

export const loginResendBody = z.object({
  challengeId: z.string().max(100),
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
