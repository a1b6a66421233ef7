import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../../src/api/app.js';
import { createContainer, type Container } from '../../../src/container.js';
import { createLogger } from '../../../src/logger.js';
import { testConfig } from '../../support/app.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { startPrivateRedis, type PrivateRedis } from '../../support/peers/redis.js';
import { startTcpProxy, type TcpProxy } from '../../support/peers/tcp-proxy.js';

/*
 * Issue 14 item 2: /readyz checks PostgreSQL, and Redis when configured, answers 503 naming what is down while it
 * is down, and turns 200 again by itself when it returns — PostgreSQL taken away behind a TCP proxy, a private
 * redis-server killed and started again.
 */
let db: TestDatabase;
let proxy: TcpProxy;
let redis: PrivateRedis;
let container: Container;
let server: Server;
let readyz: string;

beforeAll(async () => {
  db = await createTestDatabase();
  const target = new URL(db.url);
  proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  const viaProxy = new URL(db.url);
  viaProxy.port = String(proxy.port);
  redis = await startPrivateRedis();
  const config = testConfig({
    DATABASE_URL: viaProxy.toString(),
    REDIS_URL: redis.url,
    SEED_DEMO_DATA: 'false',
  });
  container = await createContainer(config, createLogger('silent'));
  server = createServer(createApp(container).callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  readyz = `http://127.0.0.1:${(server.address() as AddressInfo).port}/readyz`;
}, 60_000);
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await container?.close().catch(() => undefined);
  await redis?.stop();
  await proxy?.close();
  await db?.drop();
});

async function check(): Promise<{
  status: number;
  body: { status: string; checks: Record<string, string> };
}> {
  const answer = await fetch(readyz);
  return { status: answer.status, body: (await answer.json()) as never };
}

async function until(want: (a: Awaited<ReturnType<typeof check>>) => boolean, ms = 20_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const answer = await check();
    if (want(answer)) return answer;
    if (Date.now() > deadline) throw new Error(`readiness stayed ${JSON.stringify(answer)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('/readyz', () => {
  it('is ready with both up', async () => {
    expect(await check()).toEqual({
      status: 200,
      body: { status: 'ready', checks: { database: 'ok', redis: 'ok' } },
    });
  });

  it('names PostgreSQL while it is away, and recovers by itself when it returns', async () => {
    await proxy.cut();
    const down = await until((a) => a.status === 503);
    expect(down.body).toEqual({ status: 'not_ready', checks: { database: 'down', redis: 'ok' } });
    await proxy.restore();
    const back = await until((a) => a.status === 200);
    expect(back.body.checks).toEqual({ database: 'ok', redis: 'ok' });
  });

  it('names Redis while it is down, and recovers by itself when it is back', async () => {
    const restarting = redis.restart(4000);
    const down = await until((a) => a.status === 503);
    expect(down.body).toEqual({ status: 'not_ready', checks: { database: 'ok', redis: 'down' } });
    await restarting;
    const back = await until((a) => a.status === 200);
    expect(back.body.checks).toEqual({ database: 'ok', redis: 'ok' });
  });
});
