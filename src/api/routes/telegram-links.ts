import { z } from 'zod';
import { defineRoute, type ApiRoute } from '../route.js';
import type { ApiServices } from '../services.js';

const TAG = 'telegram';

const revokeBody = z.object({ token: z.string().min(1).max(100) });
const revokeResult = z
  .object({ outcome: z.enum(['unlinked', 'already_unlinked']) })
  .meta({ id: 'TelegramUnlinkResult' });

export function telegramLinkRoutes(s: ApiServices): ApiRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/telegram-links/revoke',
      operationId: 'revokeTelegramLink',
      tag: TAG,
      summary:
        'Undo a Telegram linking with the one-time token from the “a Telegram account was linked” e-mail',
      description:
        'Unlinks only the Telegram account that e-mail named; the token works once, for 7 days. The e-mail links ' +
        'to a page (GET /telegram-links/revoke?token=…, outside the API) whose form does the same; a used, ' +
        'expired or unknown token is 404.',
      access: 'public',
      body: revokeBody,
      success: { status: 200, description: 'done', schema: revokeResult },
      problems: [404],
      handler: async ({ body }) => ({ outcome: (await s.telegramUnlink.revoke(body.token)).outcome }),
    }),
  ];
}
