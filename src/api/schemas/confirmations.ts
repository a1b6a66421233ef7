import { z } from 'zod';
import { CHALLENGE_PURPOSES } from '../../identity/challenge.entity.js';
import { codeSchema } from './common.js';
import { meSchema } from './me.js';
import { requestSchema } from './requests.js';

export const confirmBody = z
  .object({
    code: codeSchema.optional().describe('the code, when it went to one place'),
    codes: z
      .record(z.string().max(50), codeSchema)
      .refine((c) => Object.keys(c).length <= 5, 'too many codes')
      .optional()
      .describe('a code per destination key (a phone change: current_phone and new_phone)'),
  })
  .refine((b) => (b.code === undefined) !== (b.codes === undefined), {
    message: 'give either code or codes',
    path: ['code'],
  });

export const confirmationResultSchema = z
  .object({
    purpose: z.enum(CHALLENGE_PURPOSES),
    request: requestSchema.optional().describe('signing: the request, now submitted'),
    user: meSchema.optional().describe('profile changes: the user as changed'),
  })
  .meta({ id: 'ConfirmationResult' });
