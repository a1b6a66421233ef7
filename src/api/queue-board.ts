import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { KoaAdapter } from '@bull-board/koa';
import type { Queue } from 'bullmq';
import type { Middleware } from 'koa';
import { readSessionCookie } from './session-cookie.js';
import type { ApiState } from './state.js';
import type { SessionService } from '../identity/session.service.js';

/**
 * The board's page sets `<base href>` and styles itself inline: its own policy allows exactly that (scripts stay
 * our origin's files only; no third-party fonts); the cabinet's stricter one applies everywhere else.
 */
const BOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/** Where the board lives: outside the cabinet's own addresses (the SPA has /admin/*). */
export const QUEUE_BOARD_PATH = '/ops/queues';

/**
 * bull-board over the delivery queues (BullMQ, with REDIS_URL), for administrators only (docs/0027): a session of
 * a user with the admin role, by the cabinet's cookie; anyone else gets a 404 (no hint it is there). Read-only: the
 * deliveries' truth is their rows in PostgreSQL (the sweeper re-queues what a queue loses), so nobody retries or
 * deletes jobs by hand here.
 */
export function queueBoard(
  queues: readonly Queue[],
  options: { sessions: SessionService; cookieSecure: boolean },
): Middleware<ApiState> {
  const adapter = new KoaAdapter();
  adapter.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: queues.map((queue) => new BullMQAdapter(queue, { readOnlyMode: true })),
    serverAdapter: adapter,
    options: { uiConfig: { boardTitle: 'Kabinet queues' } },
  });
  const board = adapter.registerPlugin() as unknown as Middleware<ApiState>;
  return async (ctx, next) => {
    if (ctx.path !== QUEUE_BOARD_PATH && !ctx.path.startsWith(`${QUEUE_BOARD_PATH}/`)) return next();
    const token = readSessionCookie(ctx, options.cookieSecure);
    const auth = token ? await options.sessions.authenticate(token) : null;
    if (
      !auth?.user.roles.includes('admin') ||
      auth.user.passwordChangeRequired ||
      auth.user.authenticatorRequired
    ) {
      ctx.status = 404;
      ctx.body = { status: 'not_found' };
      return;
    }
    // The board's own pages are read and nothing else: its write endpoints are off (read-only mode) and a change
    // from another site would not carry the cookie (SameSite=Lax) anyway.
    ctx.set('Content-Security-Policy', BOARD_CSP);
    return board(ctx, next);
  };
}
