import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue } from 'bullmq';
import type { Config } from '../../../src/config.js';
import { verifyJournal } from '../../../src/journal/journal.js';
import { NotificationDeliverySchema } from '../../../src/notify/delivery.entity.js';
import { deliveryJournal } from '../../../src/notify/delivery-journal.js';
import { enqueueOutbox } from '../../../src/messaging/outbox.js';
import { queueName } from '../../../src/notify/queue/bullmq.js';
import { deliveryJobId, type DeliveryJob } from '../../../src/notify/relay.js';
import { startSmtpServer, type TestSmtpServer } from '../../support/peers/smtp.js';
import { dropPrefix, requireRedis, SHARED_REDIS_URL, startPrivateRedis } from '../../support/peers/redis.js';
import {
  createNotifyWorld,
  notifyConfig,
  TEST_TUNING,
  waitForSettled,
  type NotifyWorld,
} from '../../support/notify.js';
import type { RequestView } from '../../../src/workflow/presenters.js';

let w: NotifyWorld;
let smtp: TestSmtpServer;
const prefixes: string[] = [];

beforeAll(async () => {
  await requireRedis();
  [w, smtp] = await Promise.all([createNotifyWorld(), startSmtpServer()]);
  await w.bindRoleChat('client_manager');
});
afterEach(async () => {
  await w.stopServices();
});
afterAll(async () => {
  // The SMTP server goes first so a send it still holds fails while the database is open.
  await smtp.close();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await Promise.all([w.close(), ...prefixes.map((p) => dropPrefix(p))]);
});

const orm = () => w.f.db.orm;

function redisConfig(redisUrl: string, extra: Record<string, string> = {}): Config {
  const config = notifyConfig({ ...w.telegramEnv, SMTP_URL: smtp.url, REDIS_URL: redisUrl, ...extra });
  prefixes.push(config.notify.queuePrefix);
  return config;
}

/** `count` notices about one request, written the way a state change writes them (one transaction). */
async function burst(request: RequestView, count: number): Promise<void> {
  await orm()
    .em.fork()
    .transactional(async (em) => {
      enqueueOutbox(
        em,
        Array.from({ length: count }, () => ({
          topic: 'request_completed',
          requestId: request.id,
          payload: { requestId: request.id, number: request.number, type: request.type },
        })),
      );
      await em.flush();
    });
}

describe('notifications through BullMQ on Redis', () => {
  it('hands each delivery to its channel queue once, under a job id derived from the outbox id, with ids only', async () => {
    const config = redisConfig(SHARED_REDIS_URL);
    const service = w.service(config);
    const signed = await w.signed('tax_certificate');
    const jobs: DeliveryJob[] = await service.relay.relayBatch();
    expect(jobs.length).toBeGreaterThan(0);
    await service.queue.add(jobs);
    await service.queue.add(jobs); // a second hand-over (the sweeper's) adds nothing

    const telegram = new Queue(queueName('telegram', 'staff'), {
      connection: { url: SHARED_REDIS_URL },
      prefix: config.notify.queuePrefix,
    });
    try {
      const job = jobs.find((j) => j.channel === 'telegram');
      expect(job).toBeDefined();
      if (!job) throw new Error('no telegram job');
      const stored = await telegram.getJob(deliveryJobId(job));
      expect(stored?.id).toBe(`${job?.outboxId}.telegram.role-client_manager`);
      expect(Object.keys(stored?.data ?? {}).sort()).toEqual(
        ['bot', 'channel', 'deliveryId', 'outboxId', 'priority', 'recipientKey', 'recipientKind'].sort(),
      );
      const counts = await telegram.getJobCounts('wait', 'prioritized', 'delayed');
      expect((counts.wait ?? 0) + (counts.prioritized ?? 0)).toBe(
        jobs.filter((j) => j.channel === 'telegram').length,
      );
      expect(stored?.opts.priority).toBe(10);
    } finally {
      await telegram.close();
    }
    expect(await service.ping()).toBe(true);
    await service.start();
    const deliveries = await waitForSettled(orm(), { requestId: signed.id });
    expect(deliveries.every((d) => d.status === 'skipped' || (d.status === 'sent' && d.attempts === 1))).toBe(
      true,
    );
  });

  it('loses nothing and records nothing twice when Redis restarts (empty) in the middle of a burst', async () => {
    const redis = await startPrivateRedis();
    try {
      const client = await w.linkTelegram('company@demo.local', 'client');
      const config = redisConfig(redis.url);
      const service = w.service(config, {
        ...TEST_TUNING,
        sweepIntervalMs: 400,
        sweepGraceMs: 800,
        // Slow enough that the restart lands mid-burst.
        concurrency: { telegram: 2, email: 1, inapp: 1, sms: 1 },
        telegramTimeScale: 10,
      });
      await service.start();
      const signed = await w.signed('tax_certificate', 'company@demo.local');
      await waitForSettled(orm(), { requestId: signed.id });
      await burst(signed, 30);
      await waitUntil(async () => {
        const sent = await orm().em.fork().count(NotificationDeliverySchema, {
          requestId: signed.id,
          topic: 'request_completed',
          status: 'sent',
        });
        return sent >= 15;
      });
      await redis.restart(500);
      const deliveries = await waitForSettled(orm(), {
        requestId: signed.id,
        atLeast: 92,
        timeoutMs: 30_000,
      });
      const completed = deliveries.filter((d) => d.topic === 'request_completed');
      expect(completed).toHaveLength(90);
      expect(completed.every((d) => d.status === 'sent')).toBe(true);
      const journal = await deliveryJournal(orm(), { requestId: signed.id });
      const sentPerDelivery = new Map<unknown, number>();
      for (const e of journal.filter((x) => x.action === 'notify.sent'))
        sentPerDelivery.set(e.data.deliveryId, (sentPerDelivery.get(e.data.deliveryId) ?? 0) + 1);
      expect(sentPerDelivery.size).toBe(deliveries.filter((d) => d.status === 'sent').length);
      expect([...sentPerDelivery.values()].every((n) => n === 1)).toBe(true);
      // Workers journaled their outcomes side by side: the chain still holds link by link.
      expect(await verifyJournal(orm().em.fork())).toMatchObject({ ok: true });
      const telegramMessages = w.fake
        .botMessages(client.chat.id)
        .filter((m) => m.message.text?.includes(signed.number));
      expect(telegramMessages).toHaveLength(30);
    } finally {
      await w.stopServices();
      await redis.stop();
    }
  }, 60_000);

  it('delivers after a worker is killed mid-job (SIGKILL), once, when another worker takes the stalled job', async () => {
    const tuning = { ...TEST_TUNING, lockDurationMs: 1000, stalledIntervalMs: 500, leaseMs: 1500 };
    const config = redisConfig(SHARED_REDIS_URL);
    const signed = await w.signed('broker_report', 'ip@demo.local');
    await w.f.workflow.take(w.f.actor('manager@demo.local'), signed.id);
    const child = await startWorkerProcess(config, tuning);
    let killed = false;
    try {
      const before = smtp.received;
      smtp.holdNext();
      await w.f.workflow.returnForRework(w.f.actor('manager@demo.local'), signed.id, 'Укажите формат отчёта');
      await waitUntil(async () => smtp.received > before, 20_000);
      child.kill('SIGKILL');
      killed = true;
      const email = await orm().em.fork().findOneOrFail(NotificationDeliverySchema, {
        requestId: signed.id,
        topic: 'request_returned',
        channel: 'email',
      });
      expect(email.status).toBe('sending');

      const next = w.service(config, tuning);
      await next.start();
      const deliveries = await waitForSettled(orm(), { requestId: signed.id, atLeast: 4, timeoutMs: 20_000 });
      const after = deliveries.find((d) => d.id === email.id);
      expect(after).toMatchObject({ status: 'sent', attempts: 2 });
      expect(
        smtp.accepted.filter((m) => m.subject === `Заявка № ${signed.number} возвращена на доработку`),
      ).toHaveLength(1);
      const journal = await deliveryJournal(orm(), { requestId: signed.id });
      expect(
        journal.filter((e) => e.action === 'notify.sent' && e.data.deliveryId === email.id),
      ).toHaveLength(1);
    } finally {
      if (!killed) child.kill('SIGKILL');
    }
  });
});

async function startWorkerProcess(config: Config, tuning: object): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/notify-worker.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: w.f.db.url,
      REDIS_URL: config.redisUrl,
      NOTIFY_QUEUE_PREFIX: config.notify.queuePrefix,
      NOTIFY_BACKOFF_MS: String(config.notify.backoffMs),
      NOTIFY_MAX_ATTEMPTS: String(config.notify.maxAttempts),
      SMTP_URL: smtp.url,
      DATA_DIR: config.dataDir,
      PUBLIC_URL: 'https://cabinet.example.ru',
      TELEGRAM_WEBHOOK_SECRET: 'test-webhook-secret',
      ...w.telegramEnv,
      TEST_TUNING_JSON: JSON.stringify(tuning),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker process did not start: ${errors}`)), 20_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString('utf8').includes('ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`worker process exited (${code}): ${errors}`));
    });
  });
  return child;
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
}
