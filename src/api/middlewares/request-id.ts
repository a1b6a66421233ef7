import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { ApiState } from '../state.js';

const ACCEPTED = /^[A-Za-z0-9._-]{1,64}$/;

/** Every call gets an id (the caller's `X-Request-Id` when sane), echoed back and put in problems and logs. */
export function requestId(): Middleware<ApiState> {
  return async (ctx, next) => {
    const given = ctx.get('x-request-id');
    ctx.state.requestId = ACCEPTED.test(given) ? given : randomUUID();
    ctx.set('X-Request-Id', ctx.state.requestId);
    await next();
  };
}
