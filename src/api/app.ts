import Koa from 'koa';
import Router from '@koa/router';
import type { Orm } from '../db/orm.js';
import type { Logger } from '../logger.js';
import { mountDocs } from './docs.js';
import { mountTelegramUnlinkPage } from './pages/telegram-unlink.js';
import { mountEsiaCallback } from './pages/esia-callback.js';
import { accessLog } from './middlewares/access-log.js';
import { jsonBody, jsonOnly } from './middlewares/body.js';
import { problems } from './middlewares/problem.js';
import { requestId } from './middlewares/request-id.js';
import { securityHeaders } from './middlewares/security-headers.js';
import { API_PREFIX, buildOpenApi } from './openapi.js';
import { mount, type ApiRoute } from './route.js';
import { sessionCookieName } from './session-cookie.js';
import { apiRoutes } from './routes/index.js';
import type { ApiServices } from './services.js';
import type { ApiState } from './state.js';
import { serveWebApp } from './web-app.js';
import { httpMetrics, mountMetrics, type MetricsExposure } from './metrics-endpoint.js';
import { queueBoard } from './queue-board.js';

export const API_VERSION = '1.0.0';

/**
 * What the health endpoints need; the full API needs ApiServices. `readiness` adds named checks to /readyz
 * (Redis when REDIS_URL is set).
 */
export type HealthServices = {
  orm: Orm;
  logger: Logger;
  readiness?: Readonly<Record<string, () => Promise<boolean>>>;
  /** COOKIE_SECURE: served over HTTPS, so HSTS goes out (and the API's session cookie is `__Host-`). */
  cookieSecure?: boolean;
  /** The process's metrics at /metrics (docs/0027); absent in tests that do not ask for them. */
  metricsExposure?: MetricsExposure;
};

function isApiServices(services: HealthServices | ApiServices): services is ApiServices {
  return 'sessions' in services && 'workflow' in services;
}

export interface AppOptions {
  /** The built web cabinet (web/dist) to serve at `/`, with client-side routes falling back to its index.html. */
  webDir?: string;
}

/**
 * The HTTP app: /healthz and /readyz outside the API; the REST API under /api/v1 (JSON in and out, errors as
 * application/problem+json); its OpenAPI document at /api/openapi.json and a browsable page at /api/docs; the web
 * cabinet at `/` when `webDir` is given (docs/0018).
 */
export function createApp(services: HealthServices | ApiServices, options: AppOptions = {}): Koa<ApiState> {
  const app = new Koa<ApiState>();
  // Behind proxies, Koa reads only the last `maxIpsCount` X-Forwarded-For entries (those our proxies appended)
  // and takes the first of them as ctx.ip: the address the outermost trusted proxy saw. Entries to their left
  // were written by the client and are never read (docs/0013-login-without-oracles.md).
  app.proxy = isApiServices(services) ? services.trustProxy : false;
  const frameAncestors = isApiServices(services) ? (services.frameAncestors ?? []) : [];
  app.use(securityHeaders({ hsts: services.cookieSecure ?? false, csp: { frameAncestors } }));
  app.maxIpsCount = isApiServices(services) && services.trustProxy ? (services.proxyHops ?? 1) : 0;
  if (services.metricsExposure) app.use(httpMetrics(services.metricsExposure.metrics));
  app.use(requestId());
  app.use(accessLog(services.logger));
  app.use(problems(services.logger));
  app.use(async (ctx, next) => {
    if (ctx.path.startsWith(API_PREFIX)) ctx.set('Cache-Control', 'no-store');
    await next();
  });

  const router = new Router<ApiState>();
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    const checks: Record<string, 'ok' | 'down'> = {};
    try {
      await services.orm.em.fork().execute('select 1');
      checks.database = 'ok';
    } catch (error) {
      services.logger.warn({ err: error }, 'readiness: database check failed');
      checks.database = 'down';
    }
    const extra = 'readiness' in services ? services.readiness : undefined;
    for (const [name, check] of Object.entries(extra ?? {}))
      checks[name] = (await check().catch(() => false)) ? 'ok' : 'down';
    const ready = Object.values(checks).every((c) => c === 'ok');
    ctx.status = ready ? 200 : 503;
    ctx.body = { status: ready ? 'ready' : 'not_ready', checks };
  });

  if (services.metricsExposure) mountMetrics(router, services.metricsExposure);

  if (isApiServices(services)) {
    const routes: ApiRoute[] = apiRoutes(services);
    const api = new Router<ApiState>({ prefix: API_PREFIX });
    api.use(jsonOnly(), jsonBody());
    mount(api, routes, {
      sessions: services.sessions,
      allowedOrigins: services.allowedOrigins,
      cookieSecure: services.cookieSecure,
    });
    router.use(api.routes(), api.allowedMethods({ throw: true }));
    mountDocs(
      router,
      buildOpenApi(routes, { version: API_VERSION, sessionCookie: sessionCookieName(services.cookieSecure) }),
    );
    mountTelegramUnlinkPage(router, services.telegramUnlink);
    mountEsiaCallback(router, services.esia);
  }

  const boardQueues = isApiServices(services) ? services.deliveryQueue?.boardQueues?.() : undefined;
  if (isApiServices(services) && boardQueues?.length)
    app.use(queueBoard(boardQueues, { sessions: services.sessions, cookieSecure: services.cookieSecure }));
  if (options.webDir) app.use(serveWebApp(options.webDir));
  app.use(router.routes());
  app.use(router.allowedMethods({ throw: true }));
  return app;
}
