import 'dotenv/config';
import type { Server } from 'node:http';
import { createApp } from './api/app.js';
import { ConfigError, loadConfig } from './config.js';
import { createContainer, PendingMigrationsError } from './container.js';
import { demoBanner } from './demo/banner.js';
import { seedDemoData } from './demo/seed.js';
import { createLogger } from './logger.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
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

  let server: Server | undefined;
  if (config.processRole === 'api' || config.processRole === 'all') {
    const app = createApp(container);
    server = app.listen(config.http.port, config.http.host);
    await new Promise<void>((resolve) => server?.once('listening', resolve));
    logger.info(
      { port: config.http.port, database: config.database.kind, role: config.processRole },
      `Kabinet is up on http://localhost:${config.http.port}`,
    );
  }
  if (config.seedDemoData) console.log(demoBanner(config.http.port, config.dataDir));

  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await container.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', (s) => void shutdown(s));
  process.on('SIGTERM', (s) => void shutdown(s));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
