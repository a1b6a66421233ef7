import { z } from 'zod';
import { CLIENT_KINDS } from '../../clients/client.entity.js';
import { PASSWORD_MAX_LENGTH } from '../../identity/password-policy.js';
import { challengeSchema, isoDateTime } from './common.js';

export const meSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(['client', 'staff']),
    email: z.string(),
    phone: z.string().nullable(),
    fullName: z.string(),
    roles: z.array(z.string()),
    locale: z.string(),
    totpEnabled: z.boolean(),
    passwordChangeRequired: z
      .boolean()
      .describe('an initial password: only POST /me/password (and GET /me, logout) until it is replaced'),
    authenticatorRequired: z
      .boolean()
      .describe(
        'staff: an administrator requires an authenticator app not yet enrolled; only POST /me/totp and its ' +
          'confirmation (and GET /me, the password change, logout) are open until it is',
      ),
    client: z
      .object({ id: z.uuid(), kind: z.enum(CLIENT_KINDS), name: z.string(), contractNumber: z.string() })
      .nullable(),
    sandbox: z
      .boolean()
      .describe(
        'this user may open the Telegram sandbox (/sandbox, docs/0028): the embedded demo, or an administrator',
      ),
  })
  .meta({ id: 'Me' });

export const passwordChangeBody = z.object({
  currentPassword: z.string().min(1, 'enter your current password').max(PASSWORD_MAX_LENGTH),
  newPassword: z.string().min(1, 'enter a new password').max(PASSWORD_MAX_LENGTH),
});

export const totpEnrolmentBody = z.object({
  currentPassword: z.string().min(1, 'enter your current password').max(PASSWORD_MAX_LENGTH),
});

export const emailChangeBody = z.object({ email: z.string().trim().min(3).max(320) });
export const phoneChangeBody = z.object({ phone: z.string().trim().min(5).max(30) });

export const telegramLinkSchema = z
  .object({ url: z.url(), expiresAt: isoDateTime })
  .meta({ id: 'TelegramLink' });

export const telegramUnlinkSchema = z.object({ unlinked: z.boolean() }).meta({ id: 'TelegramUnlink' });

export const totpEnrolmentSchema = challengeSchema
  .extend({
    otpauthUri: z.string().describe('otpauth://totp/… for an authenticator app'),
    qrDataUrl: z.string().describe('the same URI as a QR code, data:image/png;base64,…'),
  })
  .meta({ id: 'TotpEnrolment' });
