import { bodyParser } from '@koa/bodyparser';
import type Router from '@koa/router';
import type { Context } from 'koa';
import { KabinetError } from '../../errors.js';
import { catalog, escapeHtml } from '../../i18n/index.js';
import { UNLINK_PAGE_PATH, type TelegramUnlinkService } from '../../identity/telegram-unlink.js';
import type { ApiState } from '../state.js';

/**
 * The page the e-mailed "it was not me" link opens. GET only shows a confirmation form (mail scanners and link
 * previews fetch links: a GET must change nothing); the form POSTs the token back, which unlinks. Plain HTML, no
 * script; the token in the address is kept out of Referer headers and caches.
 */
export function mountTelegramUnlinkPage(router: Router<ApiState>, unlink: TelegramUnlinkService): void {
  router.get(UNLINK_PAGE_PATH, async (ctx) => {
    const token = typeof ctx.query['token'] === 'string' ? ctx.query['token'] : '';
    try {
      const ticket = await unlink.describe(token);
      const t = catalog(ticket.locale).codes.unlinkPage;
      page(ctx, 200, t.title, [
        `<p>${escapeHtml(t.question(`id ${ticket.telegramUserId}`))}</p>`,
        `<form method="post" action="${UNLINK_PAGE_PATH}">`,
        `<input type="hidden" name="token" value="${escapeHtml(token)}">`,
        `<button type="submit">${escapeHtml(t.button)}</button>`,
        '</form>',
      ]);
    } catch (error) {
      refused(ctx, error);
    }
  });

  router.post(
    UNLINK_PAGE_PATH,
    bodyParser({ enableTypes: ['form'], formLimit: '2kb', encoding: 'utf-8' }),
    async (ctx) => {
      const body = ctx.request.body as Record<string, unknown> | undefined;
      const token = typeof body?.['token'] === 'string' ? body['token'] : '';
      try {
        const { outcome, locale } = await unlink.revoke(token);
        const t = catalog(locale).codes.unlinkPage;
        page(ctx, 200, t.title, [`<p>${escapeHtml(outcome === 'unlinked' ? t.done : t.already)}</p>`]);
      } catch (error) {
        refused(ctx, error);
      }
    },
  );
}

function refused(ctx: Context, error: unknown): void {
  if (!(error instanceof KabinetError) || error.code !== 'not_found') throw error;
  const t = catalog('ru').codes.unlinkPage;
  const en = catalog('en').codes.unlinkPage;
  page(ctx, 404, t.title, [`<p>${escapeHtml(t.invalid)}</p>`, `<p lang="en">${escapeHtml(en.invalid)}</p>`]);
}

function page(ctx: Context, status: number, title: string, body: string[]): void {
  ctx.status = status;
  ctx.set('Cache-Control', 'no-store');
  ctx.set('Referrer-Policy', 'no-referrer');
  ctx.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
  ctx.set('X-Frame-Options', 'DENY');
  ctx.type = 'text/html; charset=utf-8';
  ctx.body = [
    '<!doctype html>',
    '<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">',
    `<title>${escapeHtml(title)}</title></head>`,
    `<body style="font-family:sans-serif;max-width:36em;margin:2em auto"><h1>${escapeHtml(title)}</h1>`,
    ...body,
    '</body></html>',
  ].join('\n');
}
