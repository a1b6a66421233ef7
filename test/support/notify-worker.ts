/**
 * A notification worker in a process of its own, for the fault tests that kill it: `node --import tsx
 * test/support/notify-worker.ts` with the test's environment (DATABASE_URL, REDIS_URL, NOTIFY_QUEUE_PREFIX, …).
 * Prints "ready" once its BullMQ workers run.
 */
import { loadConfig } from '../../src/config.js';
import { initOrm } from '../../src/db/orm.js';
import { createLogger } from '../../src/logger.js';
import { NotificationService } from '../../src/notify/notification.service.js';

const config = loadConfig(process.env);
if (config.database.kind !== 'postgresql') throw new Error('the test worker needs DATABASE_URL');
const orm = await initOrm(config.database);
const service = new NotificationService({
  orm,
  logger: createLogger(config.logLevel),
  config,
  tuning: JSON.parse(process.env.TEST_TUNING_JSON ?? '{}') as Record<string, never>,
});
await service.start();
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  void service
    .close()
    .then(() => orm.close())
    .then(() => process.exit(0));
});
