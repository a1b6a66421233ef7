import type { Middleware } from 'koa';
import type { Logger } from '../../logger.js';
import type { ApiState } from '../state.js';

/** One line per call: method, path, status, time. Never bodies, query strings or headers. */
export function accessLog(logger: Logger): Middleware<ApiState> {
  return async (ctx, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      const fields = {
        requestId: ctx.state.requestId,
        method: ctx.method,
        path: ctx.path,
        status: ctx.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
      };
      if (ctx.status >= 500) logger.error(fields, 'request failed');
      else logger.debug(fields, 'request');
    }
  };
}
