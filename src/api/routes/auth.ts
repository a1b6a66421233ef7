import { explainRefusal } from '../refusal.js';
import { defineRoute, type ApiRoute } from '../route.js';
import { writeSessionCookie } from '../session-cookie.js';
import { presentLoginChallenge } from '../presenters/challenge.js';
import { presentMe } from '../presenters/me.js';
import {
  loginBody,
  loginChallengeSchema,
  loginConfirmBody,
  loginResendBody,
  sessionSchema,
  telegramSignInBody,
} from '../schemas/auth.js';
import type { ApiServices } from '../services.js';

const TAG = 'auth';

export function authRoutes(s: ApiServices): ApiRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/auth/login',
      operationId: 'login',
      tag: TAG,
      summary: 'Password step of the login: sends a code',
      description:
        'Always 200 with the same fields and values (or 429 when throttled, decided before the password is ' +
        'checked), whether the login exists, the password is wrong or right, the account has an authenticator or ' +
        'not. Only a right password gets a working challenge: an SMS code to the phone, or — for an account with an ' +
        'authenticator, which never falls back to SMS — the authenticator app’s code.',
      access: 'public',
      body: loginBody,
      success: { status: 200, description: 'a code challenge', schema: loginChallengeSchema },
      async handler({ body, origin }) {
        return presentLoginChallenge(await s.login.start(body, origin));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/auth/login/confirm',
      operationId: 'confirmLogin',
      tag: TAG,
      summary: 'Code step of the login: opens a session',
      description:
        'Sets the HttpOnly session cookie for the web and returns the same token for `Authorization: Bearer`. ' +
        'With an initial password (set by an administrator) `user.passwordChangeRequired` is true and the ' +
        'session opens only GET /me, POST /me/password, its confirmation and POST /auth/logout. A refused code is ' +
        '422 `code_invalid` with `refusal` (why, attempts left), the same for a challenge of a wrong password.',
      access: 'public',
      body: loginConfirmBody,
      success: { status: 200, description: 'the session', schema: sessionSchema },
      problems: [422],
      async handler({ body, origin, ctx }) {
        const session = await explainRefusal(s, body.challengeId, () =>
          s.login.confirm(body.challengeId, body.code, origin),
        );
        writeSessionCookie(ctx, s.cookieSecure, session.token, session.expiresAt);
        return {
          token: session.token,
          expiresAt: session.expiresAt.toISOString(),
          user: await presentMe(s, session.userId),
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/auth/telegram',
      operationId: 'signInWithTelegram',
      tag: TAG,
      summary:
        'The cabinet opened in Telegram: signed Mini App launch data for a session of the linked account',
      description:
        'The `initData` must be signed with the named bot’s token (HMAC-SHA256 under the "WebAppData" key), at ' +
        'most TELEGRAM_INIT_DATA_MAX_AGE_SECONDS old (an hour by default), and is accepted once. The session is ' +
        'the account linked to that Telegram user in that bot — a client account in the client bot, a staff ' +
        'account in the staff bot — with the same cookie, token and limits as a login (an initial password or a ' +
        'required authenticator still has to be dealt with first). Refusals: 401 with `reason` ' +
        '`init_data_invalid`, `init_data_stale` or `init_data_replayed`; 403 `telegram_not_linked` for a Telegram ' +
        'user linked to no cabinet (link first: the bot’s /start).',
      access: 'public',
      body: telegramSignInBody,
      success: { status: 200, description: 'the session', schema: sessionSchema },
      async handler({ body, origin, ctx }) {
        const session = await s.miniApp.signIn(body, origin);
        writeSessionCookie(ctx, s.cookieSecure, session.token, session.expiresAt);
        return {
          token: session.token,
          expiresAt: session.expiresAt.toISOString(),
          user: await presentMe(s, session.userId),
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/auth/login/resend',
      operationId: 'resendLoginCode',
      tag: TAG,
      summary: 'A new login code by SMS (throttled; an authenticator has nothing to resend)',
      access: 'public',
      body: loginResendBody,
      success: {
        status: 200,
        description: 'the challenge with its new expiry',
        schema: loginChallengeSchema,
      },
      problems: [422],
      async handler({ body }) {
        return presentLoginChallenge(await s.login.resend(body.challengeId));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/auth/logout',
      operationId: 'logout',
      tag: TAG,
      summary: 'Ends the session',
      access: 'user',
      beforePasswordChange: true,
      success: { status: 204, description: 'signed out' },
      async handler({ me, ctx }) {
        await s.sessions.revoke(me().sessionId);
        writeSessionCookie(ctx, s.cookieSecure, null);
      },
    }),
  ];
}
