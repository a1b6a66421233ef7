import Koa from 'koa';
import Router from '@koa/router';
import type { Container } from '../container.js';

/** The HTTP app. Health endpoints live outside /api/v1; the API routes come with the API work. */
export function createApp(container: Pick<Container, 'orm' | 'logger'>): Koa {
  const app = new Koa();
  app.proxy = true;
  const router = new Router();

  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });

  router.get('/readyz', async (ctx) => {
    const checks: Record<string, 'ok' | 'down'> = {};
    try {
      await container.orm.em.fork().execute('select 1');
      checks.database = 'ok';
    } catch (error) {
      container.logger.warn({ err: error }, 'readiness: database check failed');
      checks.database = 'down';
    }
    const ready = Object.values(checks).every((c) => c === 'ok');
    ctx.status = ready ? 200 : 503;
    ctx.body = { status: ready ? 'ready' : 'not_ready', checks };
  });

  app.use(router.routes());
  app.use(router.allowedMethods());
  return app;
}
