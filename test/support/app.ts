import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Koa from 'koa';
import { createApp } from '../../src/api/app.js';
import type { ApiState } from '../../src/api/state.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createContainer, type Container, type ContainerOverrides } from '../../src/container.js';
import { seedDemoAccounts } from '../../src/demo/seed.js';
import { DEFAULT_RATE_LIMITS, type RateLimits } from '../../src/identity/rate-limit.js';
import { createLogger, type Logger } from '../../src/logger.js';
import type { Actor } from '../../src/workflow/domain/roles.js';
import { createTestDatabase, type TestDatabase } from './database.js';

/** RUB_RATES of every test app. */
export const TEST_RATES: Readonly<Record<string, string>> = { USD: '95.00', EUR: '103.00', CNY: '13.00' };

/** CODE_SECRET of every test app; TOTP tests derive the same authenticator from its bytes. */
export const TEST_CODE_SECRET_TEXT = 'test-code-secret-0123456789abcdef0123456789';
export const TEST_CODE_SECRET = Buffer.from(TEST_CODE_SECRET_TEXT, 'utf8');

/** Limits loose enough that a test file's many logins from 127.0.0.1 never hit them (the throttling tests tighten). */
export const LOOSE_LIMITS: RateLimits = {
  ...DEFAULT_RATE_LIMITS,
  loginPerIp: { limit: 100_000, windowSeconds: 900 },
  loginPerAccountAddress: { limit: 100_000, windowSeconds: 900 },
  loginFailures: { delayAfter: 100_000, firstDelaySeconds: 1, maxDelaySeconds: 60, cap: 100_000 },
  codeAttemptsPerIp: { limit: 100_000, windowSeconds: 900 },
  codeAttemptsPerAccount: { limit: 100_000, windowSeconds: 900 },
  sendsPerAccount: { limit: 100_000, windowSeconds: 3600 },
  passwordChecksPerAccount: { limit: 100_000, windowSeconds: 900 },
};

/**
 * A config for tests: NODE_ENV=test, logs silent unless TEST_LOG_LEVEL says otherwise, a fresh temporary DATA_DIR,
 * the test CODE_SECRET and RUB_RATES; `env` on top.
 */
export function testConfig(env: Record<string, string | undefined> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'kabinet-test-')),
    CODE_SECRET: TEST_CODE_SECRET_TEXT,
    RUB_RATES: Object.entries(TEST_RATES)
      .map(([currency, rate]) => `${currency}=${rate}`)
      .join(','),
    ...env,
  });
}

export interface TestContainerOptions {
  /** Settings on top of the test defaults (bot tokens, TRUST_PROXY, fast notification retries, …). */
  env?: Record<string, string>;
  /** What createContainer takes in place of its own parts (recording providers, a movable clock, limits). */
  overrides?: ContainerOverrides;
  /** Default: pino at TEST_LOG_LEVEL (silent unless set). */
  logger?: Logger;
}

export interface TestContainer {
  /** The test database; its `orm` is the container's, the one the services use. */
  db: TestDatabase;
  config: Config;
  container: Container;
  actors: Record<string, Actor>;
  actor(login: string): Actor;
  close(): Promise<void>;
}

/**
 * The container exactly as `npm start` builds it, with the given overrides, on a fresh PostgreSQL database holding
 * the demo accounts (no requests), with a temporary DATA_DIR. Nothing is started: no HTTP, no notification loops.
 */
export async function createTestContainer(options: TestContainerOptions = {}): Promise<TestContainer> {
  const database = await createTestDatabase();
  let config: Config | undefined;
  const dispose = async (): Promise<void> => {
    await database.drop();
    if (config) rmSync(config.dataDir, { recursive: true, force: true });
  };
  let container: Container;
  let actors: Record<string, Actor>;
  try {
    actors = await seedDemoAccounts(database.orm);
    config = testConfig({
      DATABASE_URL: database.url,
      MIGRATE_ON_START: 'true',
      SEED_DEMO_DATA: 'false',
      ...options.env,
    });
    container = await createContainer(
      config,
      options.logger ?? createLogger(config.logLevel),
      options.overrides,
    );
  } catch (error) {
    await dispose();
    throw error;
  }
  return {
    db: { ...database, orm: container.orm },
    config,
    container,
    actors,
    actor(login) {
      const found = actors[login];
      if (!found) throw new Error(`no demo actor ${login}`);
      return found;
    },
    async close() {
      await container.close();
      await dispose();
    },
  };
}

export interface TestAppOptions extends TestContainerOptions {
  /** Answer 503 until `serve()`: for middleware that needs the app's address first (the bots' webhooks). */
  deferServing?: boolean;
  /** A built web cabinet to serve at `/` (createApp's webDir). */
  webDir?: string;
}

export interface TestApp extends TestContainer {
  app: Koa<ApiState>;
  /** `http://127.0.0.1:<port>`: the API and, in webhook mode, the Telegram webhooks. */
  base: string;
  /** Starts answering with the app as it is now (Koa composes its middleware when it starts serving). */
  serve(): void;
}

/** A test container behind createApp, served over real HTTP on 127.0.0.1 (a random port). */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const t = await createTestContainer(options);
  const app = createApp(t.container, { webDir: options.webDir });
  let handle: RequestListener = (_req, res) => res.writeHead(503).end();
  const server: Server = createServer((req, res) => handle(req, res));
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const serve = (): void => {
    handle = app.callback();
  };
  if (!options.deferServing) serve();
  return {
    ...t,
    app,
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    serve,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await t.close();
    },
  };
}
