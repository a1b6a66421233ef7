import './env-file.js';
import type { Server } from 'node:http';
import { createApp } from './api/app.js';
import { defaultWebDir, hasWebBuild } from './api/web-app.js';
import { createBotRuntime } from './bot/runtime.js';
import { ConfigError, loadConfig } from './config.js';
import { createContainer, PendingMigrationsError } from './container.js';
import { demoBanner } from './demo/banner.js';
import { seedDemoData } from './demo/seed.js';
import { createLogger } from './logger.js';
import { linkSandboxDemo } from './telegram/sandbox/demo-links.js';

/**
 * Stop taking work (bots, HTTP), let in-flight requests, commands and deliveries finish (the queues wait up to
 * their own timeouts), close the pools, exit — or exit 1 after this long.
 */
const SHUTDOWN_DEADLINE_SECONDS = 25;

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Kabinet refuses to start. ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  // A stop asked for while starting (a supervisor's SIGTERM right after a restart) is kept and honoured, gracefully,
  // as soon as the start is done — never the default of dying mid-start without closing anything.
  let stopAskedWhileStarting: string | null = null;
  const rememberStop = (signal: string): void => {
    stopAskedWhileStarting ??= signal;
  };
  process.on('SIGINT', rememberStop);
  process.on('SIGTERM', rememberStop);
  let container;
  try {
    container = await createContainer(config, logger);
  } catch (error) {
    if (error instanceof PendingMigrationsError) {
      logger.fatal(error.message);
      process.exit(3);
    }
    throw error;
  }

  if (config.seedDemoData) {
    const seeded = await seedDemoData(container);
    logger.info({ seeded: seeded !== null }, seeded ? 'demo data seeded' : 'demo data already present');
  }
  if (container.sandbox) {
    // The demo people's Telegram users and the role chats, linked where nothing is yet (docs/0028).
    const linked = await linkSandboxDemo(container.orm, container.sandbox);
    logger.info(linked, 'Telegram sandbox: demo people and role chats linked');
  }

  // The Telegram bots: webhook routes on the HTTP server when PUBLIC_URL is set, long polling otherwise.
  const bots =
    config.processRole === 'bots' || config.processRole === 'all' ? createBotRuntime(container) : undefined;
  let server: Server | undefined;
  if (config.processRole === 'bots' || config.processRole === 'worker') {
    // Every role answers /healthz, /readyz and /metrics on its port; the bots' webhooks come here too.
    const app = createApp({
      orm: container.orm,
      logger,
      readiness: container.readiness,
      cookieSecure: container.cookieSecure,
      metricsExposure: container.metricsExposure,
    });
    if (bots?.mode === 'webhook') app.use(bots.webhookMiddleware());
    server = app.listen(config.http.port, config.http.host);
    await new Promise<void>((resolve) => server?.once('listening', resolve));
    logger.info({ port: config.http.port, role: config.processRole }, 'health and metrics are up');
  }
  if (config.processRole === 'api' || config.processRole === 'all') {
    const webDir = defaultWebDir();
    if (!hasWebBuild(webDir))
      logger.warn({ webDir }, 'no web cabinet build: `npm start` builds it, or run `npm run build:web`');
    const app = createApp(container, { webDir });
    if (bots?.mode === 'webhook') app.use(bots.webhookMiddleware());
    server = app.listen(config.http.port, config.http.host);
    await new Promise<void>((resolve) => server?.once('listening', resolve));
    logger.info(
      { port: config.http.port, database: config.database.kind, role: config.processRole },
      `Kabinet is up on http://localhost:${config.http.port}`,
    );
  }
  if (config.processRole === 'worker' || config.processRole === 'all') {
    // The outbox relay and the delivery workers (BullMQ with REDIS_URL, in-process otherwise).
    await container.notifications.start();
    // The back-office exchange: exports to EXCHANGE_DIR/out, answers from EXCHANGE_DIR/in (docs/0023).
    container.exchangeWorker?.start();
    // Submitted questionnaires: PDF to the client managers, the exchange file; abandoned drafts deleted (issue 12).
    container.onboardingWorker.start();
  }
  await bots?.start();
  if (config.seedDemoData)
    console.log(demoBanner(config.http.port, config.dataDir, container.sandbox !== undefined));

  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // Bounded: whatever hangs (a peer that never answers), the process is gone in time for its manager.
    setTimeout(() => {
      logger.error({ seconds: SHUTDOWN_DEADLINE_SECONDS }, 'shutdown took too long: exiting');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_SECONDS * 1000).unref();
    await bots?.stop();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await container.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.off('SIGINT', rememberStop);
  process.off('SIGTERM', rememberStop);
  process.on('SIGINT', (s) => void shutdown(s));
  process.on('SIGTERM', (s) => void shutdown(s));
  if (stopAskedWhileStarting) void shutdown(stopAskedWhileStarting);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
