import { z } from 'zod';
import { CODE_CHANNELS, CHALLENGE_PURPOSES } from '../../identity/challenge.entity.js';

/*
 * Shared shapes of the API. These zod schemas validate input and, through z.toJSONSchema, make the OpenAPI
 * document: one source for both.
 */

export const isoDateTime = z.iso.datetime({ offset: true }).describe('ISO 8601 timestamp (UTC)');
export const localized = z.object({ ru: z.string(), en: z.string() });

/** A path id: anything but a UUID names nothing (404). */
export const idParams = z.object({ id: z.uuid() });
export const challengeParams = z.object({ challengeId: z.uuid() });

export const pageQuery = {
  page: z.coerce.number().int().min(1).max(100_000).optional().describe('1-based page number'),
  pageSize: z.coerce.number().int().min(1).max(100).optional().describe('items per page (at most 100)'),
};

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
  });
}

/** A six-digit confirmation code. */
export const codeSchema = z.string().regex(/^\d{6}$/, 'the code is 6 digits');

/** A free-text reason (return, reject, cancel). */
export const reasonSchema = z.string().trim().min(1, 'give a reason').max(2000);

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string().describe('stable machine-readable code: validation_failed, unauthorized, forbidden, …'),
    detail: z.string(),
    instance: z.string(),
    requestId: z.string(),
    errors: z
      .record(z.string(), z.array(z.string()))
      .optional()
      .describe('per-field messages (validation), in the caller’s language (Accept-Language: ru or en)'),
    issues: z
      .record(
        z.string(),
        z.array(
          z.object({
            code: z.string().describe('stable: bic_format, account_bic_checksum, required, too_long, …'),
            params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
          }),
        ),
      )
      .optional()
      .describe('the same per field as codes and parameters, for clients that word them themselves'),
    refusal: z
      .object({
        reason: z.enum(['wrong', 'expired', 'locked', 'used', 'changed']),
        attemptsLeft: z.number().int(),
      })
      .optional()
      .describe(
        'a signing code refused (code_invalid), told to the signed-in owner of the request only: why, and how ' +
          'many attempts are left (a login never says: no oracle before authentication)',
      ),
    reason: z
      .enum([
        'taken',
        'already_yours',
        'four_eyes',
        'segregation',
        'task_status',
        'request_status',
        'init_data_invalid',
        'init_data_stale',
        'init_data_replayed',
        'telegram_not_linked',
      ])
      .optional()
      .describe(
        'why a task or request command was refused: someone else took the task, it is already yours, 4-eyes, ' +
          'segregation of duties, the task or the request has moved on — reload the request to see by whom; ' +
          'why a Telegram Mini App sign-in was refused: the launch data is forged, too old or used before, or the ' +
          'Telegram account is linked to no cabinet',
      ),
  })
  .meta({ id: 'Problem' });

export const challengeDestinationSchema = z.object({
  key: z.string(),
  channel: z.enum(CODE_CHANNELS),
  destination: z.string().describe('masked: +7 *** ***-**-01, c***t@example.com, or "authenticator"'),
});

/** What a started confirmation answers: where the code(s) went and until when they are valid. */
export const challengeSchema = z
  .object({
    challengeId: z.uuid(),
    purpose: z.enum(CHALLENGE_PURPOSES),
    channel: z.enum(CODE_CHANNELS).describe('the first destination’s channel'),
    destination: z.string().describe('the first destination, masked'),
    expiresAt: isoDateTime,
    destinations: z.array(challengeDestinationSchema),
  })
  .meta({ id: 'Challenge' });
