import { timingSafeEqual } from 'node:crypto';
import type Router from '@koa/router';
import type { Middleware } from 'koa';
import type { ApiState } from './state.js';
import type { Metrics } from '../ops/metrics.js';

export interface MetricsExposure {
  metrics: Metrics;
  /**
   * METRICS_TOKEN: the scraper sends `Authorization: Bearer <token>`. Without one, /metrics is open outside
   * production (the embedded demo, development) and absent in production (docs/0027).
   */
  token: string | undefined;
  production: boolean;
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** GET /metrics in the Prometheus text format, behind the token (a 404 without it: nothing to find here). */
export function mountMetrics(router: Router<ApiState>, exposure: MetricsExposure): void {
  router.get('/metrics', async (ctx) => {
    const { token, production } = exposure;
    const given = /^Bearer\s+(\S+)$/i.exec(ctx.get('authorization'))?.[1] ?? '';
    if (token ? !sameToken(given, token) : production) {
      ctx.status = 404;
      ctx.body = { status: 'not_found' };
      return;
    }
    const { contentType, body } = await exposure.metrics.render();
    ctx.set('Cache-Control', 'no-store');
    ctx.type = contentType;
    ctx.body = body;
  });
}

/**
 * Times every HTTP request by route template (`/api/v1/requests/:id`, never the id), method and status; what no
 * route matched counts as `static` (the web cabinet's files) or `unmatched`.
 */
export function httpMetrics(metrics: Metrics): Middleware<ApiState> {
  return async (ctx, next) => {
    const stop = metrics.httpDuration.startTimer();
    try {
      await next();
    } finally {
      const matched = (ctx as unknown as { _matchedRoute?: unknown })._matchedRoute;
      const route =
        typeof matched === 'string'
          ? matched
          : ctx.method === 'GET' && ctx.status < 400
            ? 'static'
            : 'unmatched';
      stop({ method: ctx.method, route, status: String(ctx.status) });
    }
  };
}
