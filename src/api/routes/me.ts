import type { ProfileCaller } from '../../identity/profile.service.js';
import { defineRoute, type ApiRoute, type Call } from '../route.js';
import { presentChallenge } from '../presenters/challenge.js';
import { presentMe } from '../presenters/me.js';
import { challengeSchema } from '../schemas/common.js';
import {
  emailChangeBody,
  meSchema,
  passwordChangeBody,
  phoneChangeBody,
  telegramLinkSchema,
  telegramUnlinkSchema,
  totpEnrolmentBody,
  totpEnrolmentSchema,
} from '../schemas/me.js';
import type { ApiServices } from '../services.js';

const TAG = 'me';

function caller(call: Pick<Call<unknown, unknown, unknown>, 'me' | 'origin'>): ProfileCaller {
  const me = call.me();
  return { userId: me.user.id, sessionId: me.sessionId, ip: call.origin.ip };
}

export function meRoutes(s: ApiServices): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/me',
      operationId: 'getMe',
      tag: TAG,
      summary: 'The signed-in user, roles and client',
      access: 'user',
      beforePasswordChange: true,
      success: { status: 200, description: 'the user', schema: meSchema },
      handler: async (call) => presentMe(s, call.me().user.id),
    }),
    defineRoute({
      method: 'post',
      path: '/me/password',
      operationId: 'changePassword',
      tag: TAG,
      summary: 'Change the password: the current one now, an SMS code to confirm',
      description:
        'Other sessions are ended on confirmation; a security notice goes to the user. The one endpoint (with ' +
        'its confirmation) open to a session that must replace an initial password.',
      access: 'user',
      beforePasswordChange: true,
      body: passwordChangeBody,
      success: {
        status: 202,
        description: 'applied once confirmed (POST /confirmations/{challengeId})',
        schema: challengeSchema,
      },
      problems: [422],
      handler: async (call) => presentChallenge(await s.profile.startPasswordChange(caller(call), call.body)),
    }),
    defineRoute({
      method: 'post',
      path: '/me/email',
      operationId: 'changeEmail',
      tag: TAG,
      summary: 'Change the email: a code to the new address and an SMS code',
      access: 'user',
      body: emailChangeBody,
      success: { status: 202, description: 'applied once both codes are confirmed', schema: challengeSchema },
      problems: [409],
      handler: async (call) => presentChallenge(await s.profile.startEmailChange(caller(call), call.body)),
    }),
    defineRoute({
      method: 'post',
      path: '/me/phone',
      operationId: 'changePhone',
      tag: TAG,
      summary: 'Change the phone: codes to the current and the new number',
      access: 'user',
      body: phoneChangeBody,
      success: { status: 202, description: 'applied once both codes are confirmed', schema: challengeSchema },
      handler: async (call) => presentChallenge(await s.profile.startPhoneChange(caller(call), call.body)),
    }),
    defineRoute({
      method: 'post',
      path: '/me/telegram-link',
      operationId: 'createTelegramLink',
      tag: TAG,
      summary: 'A one-time deep link into the caller’s bot',
      description:
        'Clients get the client bot, staff the staff bot; the link lives 15 minutes and works once.',
      access: 'user',
      success: { status: 201, description: 'the link', schema: telegramLinkSchema },
      handler: async (call) => {
        const link = await s.profile.telegramLink(caller(call));
        return { url: link.url, expiresAt: link.expiresAt.toISOString() };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/me/telegram-link',
      operationId: 'unlinkTelegram',
      tag: TAG,
      summary: 'Unlink the Telegram account linked to the caller’s bot',
      description: 'Also possible with /unlink in the bot and, for clients, the one-time link in the e-mail.',
      access: 'user',
      success: { status: 200, description: 'whether a link was ended', schema: telegramUnlinkSchema },
      handler: async (call) => ({ unlinked: await s.profile.unlinkTelegram(caller(call)) }),
    }),
    defineRoute({
      method: 'post',
      path: '/me/totp',
      operationId: 'enrolAuthenticator',
      tag: TAG,
      summary: 'Staff: enrol or replace an authenticator app (otpauth URI and QR code)',
      description:
        'Needs the current password now. Confirm at POST /confirmations/{challengeId} with `codes`: ' +
        '`authenticator` (the new app’s first code) and a code on the factor you already have — ' +
        '`current_authenticator` (the app being replaced) or, on a first enrolment, `phone` (the SMS code). ' +
        'Logins then ask for the app; a security notice goes by SMS and e-mail.',
      access: 'staff',
      beforeAuthenticator: true,
      body: totpEnrolmentBody,
      success: { status: 202, description: 'scan, then confirm', schema: totpEnrolmentSchema },
      problems: [422, 429],
      handler: async (call) => {
        const enrolment = await s.profile.startTotpEnrolment(caller(call), call.body);
        return {
          ...presentChallenge(enrolment.ticket),
          otpauthUri: enrolment.otpauthUri,
          qrDataUrl: enrolment.qrDataUrl,
        };
      },
    }),
  ];
}
