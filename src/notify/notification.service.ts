import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import type { Orm } from '../db/orm.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../ops/metrics.js';
import type { TelegramBot } from '../telegram/telegram-link.entity.js';
import { createEmailSender, createSmsProvider } from './channels/factory.js';
import { SmppSmsProvider } from './channels/smpp-sms.js';
import { TelegramBotApi } from './channels/telegram.js';
import type { EmailSender, SmsProvider } from '../messaging/channels.js';
import { DeliveryExecutor } from './executor.js';
import { MemoryPacer } from './pacing/memory-pacer.js';
import { telegramIntervals, type Pacer } from './pacing/pacer.js';
import { RedisPacer } from './pacing/redis-pacer.js';
import { BullmqDeliveryQueue } from './queue/bullmq.js';
import { InProcessDeliveryQueue } from './queue/in-process.js';
import type { TelegramPacing } from './queue/process.js';
import type { DeliveryQueue } from './queue/types.js';
import { recordSmsReceipt } from './receipts.js';
import { createControlConnection } from './redis.js';
import { describe, OutboxRelay, RELAY_BATCH, type DeliveryJob } from './relay.js';
import { SlaEscalator } from './sla.js';
import { sweepDueDeliveries } from './sweeper.js';
import type { TelegramCardRenderer } from './telegram-card.js';

/** Knobs tests and the benchmark turn; production takes the defaults from the config. */
export interface NotificationTuning {
  relayPollMs?: number;
  sweepIntervalMs?: number;
  /** How long a `queued` row may sit before the sweeper hands it over again. Default: the sweep interval. */
  sweepGraceMs?: number;
  leaseMs?: number;
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  /** Divides Telegram's time limits (the benchmark's scaled-down clock). */
  telegramTimeScale?: number;
  concurrency?: Partial<Record<'telegram' | 'email' | 'sms' | 'inapp', number>>;
  /** Run the SLA check on its timer (on by default). */
  slaTimer?: boolean;
  /** How long close() waits for running deliveries; default 10 s. */
  shutdownTimeoutMs?: number;
  /** Plan deliveries for these channels only (the benchmark measures Telegram alone). Default: all. */
  onlyChannels?: readonly ('telegram' | 'email' | 'sms' | 'inapp')[];
}

export interface NotificationServiceDeps {
  orm: Orm;
  logger: Logger;
  config: Pick<Config, 'dataDir' | 'redisUrl' | 'notify' | 'telegram' | 'http' | 'slaCheckIntervalSeconds'>;
  /** Shared with identity (codes); built from the config when absent. */
  sms?: SmsProvider;
  email?: EmailSender;
  cardRenderer?: TelegramCardRenderer;
  tuning?: NotificationTuning;
  now?: () => Date;
  /** Deliveries and Telegram 429s counted (docs/0027). */
  metrics?: Metrics;
}

/**
 * Notifications end to end (docs/0007): the outbox relay, the delivery queue (BullMQ when REDIS_URL is set,
 * in-process otherwise), the sweeper that re-hands deliveries a queue lost, the SLA check, SMS receipts.
 * Runs in the `worker` and `all` process roles.
 */
export class NotificationService {
  readonly queue: DeliveryQueue;
  readonly relay: OutboxRelay;
  readonly sla: SlaEscalator;
  readonly executor: DeliveryExecutor;
  readonly sms: SmsProvider;
  readonly email: EmailSender;
  private readonly control: Redis | undefined;
  private readonly pacer: Pacer;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly ownsSms: boolean;
  private readonly ownsEmail: boolean;
  private readonly now: () => Date;
  private relaying: Promise<void> | undefined;
  private running = false;
  private unsubscribeReceipts: (() => void) | undefined;

  constructor(private readonly deps: NotificationServiceDeps) {
    const { config, orm, logger } = deps;
    const tuning = deps.tuning ?? {};
    this.now = deps.now ?? (() => new Date());
    this.ownsSms = deps.sms === undefined;
    this.ownsEmail = deps.email === undefined;
    this.sms = deps.sms ?? createSmsProvider(config, logger);
    this.email = deps.email ?? createEmailSender(config);

    const telegram: Partial<Record<TelegramBot, TelegramBotApi>> = {};
    if (config.telegram.clientBotToken)
      telegram.client = new TelegramBotApi(config.telegram.clientBotToken, config.telegram.apiRoot);
    if (config.telegram.staffBotToken)
      telegram.staff = new TelegramBotApi(config.telegram.staffBotToken, config.telegram.apiRoot);
    const bots = new Set(Object.keys(telegram) as TelegramBot[]);

    const leaseMs = tuning.leaseMs ?? config.notify.leaseSeconds * 1000;
    this.executor = new DeliveryExecutor({
      orm,
      logger,
      channels: { telegram, email: this.email, sms: this.sms },
      ...(deps.cardRenderer ? { cardRenderer: deps.cardRenderer } : {}),
      publicUrl: (config.http.publicUrl ?? `http://localhost:${config.http.port}`).replace(/\/+$/, ''),
      strict: config.telegram.strict,
      maxAttempts: config.notify.maxAttempts,
      backoffMs: config.notify.backoffMs,
      leaseMs,
      now: this.now,
      ...(deps.metrics ? { metrics: deps.metrics } : {}),
    });
    this.relay = new OutboxRelay({
      orm,
      logger,
      recipients: () => ({ bots, now: this.now() }),
      ...(tuning.onlyChannels ? { onlyChannels: tuning.onlyChannels } : {}),
    });
    this.sla = new SlaEscalator({
      orm,
      repeatHours: config.notify.slaEscalationRepeatHours,
      maxSteps: config.notify.slaEscalationMaxSteps,
      now: this.now,
    });

    const intervals = telegramIntervals(config.notify.rates.telegramPerSecond, tuning.telegramTimeScale ?? 1);
    const rates = { email: config.notify.rates.emailPerSecond, sms: config.notify.rates.smsPerSecond };
    this.control = config.redisUrl ? createControlConnection(config.redisUrl) : undefined;
    this.pacer = this.control ? new RedisPacer(this.control, config.notify.queuePrefix) : new MemoryPacer();
    const pacing: TelegramPacing = {
      pacer: this.pacer,
      globalMs: intervals.globalMs,
      privateChatMs: intervals.privateChatMs,
      groupChatMs: intervals.groupChatMs,
      groupWindow: intervals.groupWindow,
    };
    this.queue =
      config.redisUrl && this.control
        ? new BullmqDeliveryQueue({
            redisUrl: config.redisUrl,
            control: this.control,
            prefix: config.notify.queuePrefix,
            logger,
            maxAttempts: config.notify.maxAttempts,
            backoffMs: config.notify.backoffMs,
            rates,
            ...(tuning.concurrency ? { concurrency: tuning.concurrency } : {}),
            // A job's lock and the stalled check follow the lease (at most BullMQ's 30 s defaults): a job of a
            // worker that died goes back to the queue about when its row's lease lets another worker claim it.
            lockDurationMs: tuning.lockDurationMs ?? Math.min(30_000, leaseMs / 2),
            stalledIntervalMs: tuning.stalledIntervalMs ?? Math.min(30_000, leaseMs / 2),
            ...(tuning.shutdownTimeoutMs ? { shutdownTimeoutMs: tuning.shutdownTimeoutMs } : {}),
            worker: { executor: this.executor, telegram: pacing },
          })
        : new InProcessDeliveryQueue({
            executor: this.executor,
            logger,
            telegram: pacing,
            rates,
            backoffMs: config.notify.backoffMs,
            ...(tuning.concurrency ? { concurrency: tuning.concurrency } : {}),
            ...(tuning.shutdownTimeoutMs ? { shutdownTimeoutMs: tuning.shutdownTimeoutMs } : {}),
          });
  }

  /** Starts the worker side: the queue's workers, the relay and sweeper loops, the SLA check, SMS receipts. */
  async start(): Promise<void> {
    const tuning = this.deps.tuning ?? {};
    await this.queue.start();
    this.running = true;
    if (this.sms instanceof SmppSmsProvider) {
      this.unsubscribeReceipts = this.sms.onReceipt((receipt) => {
        recordSmsReceipt(this.deps.orm, receipt, this.now()).catch((error: unknown) =>
          this.deps.logger.error({ err: describe(error) }, 'notifications: receipt not recorded'),
        );
      });
    }
    // Whatever was waiting when the previous process stopped (the in-process queue forgets everything).
    await this.sweep(0);
    const sweepMs = tuning.sweepIntervalMs ?? this.deps.config.notify.sweepIntervalSeconds * 1000;
    this.every(tuning.relayPollMs ?? 500, () => this.relayNow());
    this.every(sweepMs, () => this.sweep(tuning.sweepGraceMs ?? sweepMs));
    if (tuning.slaTimer !== false)
      this.every(this.deps.config.slaCheckIntervalSeconds * 1000, async () => {
        if ((await this.sla.checkOnce()) > 0) await this.relayNow();
      });
    this.deps.logger.info({ queue: this.queue.kind }, 'notifications: worker started');
  }

  /** Relays every pending outbox row now (the timer does it too); safe to call concurrently. */
  relayNow(): Promise<void> {
    this.relaying ??= this.relayAll().finally(() => {
      this.relaying = undefined;
    });
    return this.relaying;
  }

  private async relayAll(): Promise<void> {
    // Up to 10,000 rows a call; the timer's next call takes the rest.
    for (let round = 0; round < 10_000 / RELAY_BATCH; round += 1) {
      let jobs: DeliveryJob[];
      try {
        jobs = await this.relay.relayBatch();
      } catch (error) {
        this.deps.logger.error({ err: describe(error) }, 'notifications: relay failed');
        return;
      }
      if (jobs.length === 0) return;
      await this.handOver(jobs);
    }
  }

  /** Hands deliveries to the queue; if it is unreachable they stay `queued` and the sweeper tries again. */
  private async handOver(jobs: DeliveryJob[]): Promise<void> {
    try {
      await this.queue.add(jobs);
    } catch (error) {
      this.deps.logger.warn(
        { deliveries: jobs.length, err: describe(error) },
        'notifications: queue unreachable; the sweeper will hand these over later',
      );
    }
  }

  /** Re-hands deliveries the queue may have lost (`graceMs` = how long a queued row may sit first). */
  async sweep(graceMs: number): Promise<number> {
    let total = 0;
    for (let round = 0; round < 20; round += 1) {
      let jobs: DeliveryJob[];
      try {
        jobs = await sweepDueDeliveries(this.deps.orm, { now: this.now(), graceMs });
      } catch (error) {
        this.deps.logger.error({ err: describe(error) }, 'notifications: sweep failed');
        return total;
      }
      if (jobs.length === 0) break;
      total += jobs.length;
      await this.handOver(jobs);
      if (jobs.length < 500) break;
    }
    if (total > 0)
      this.deps.logger.info({ deliveries: total }, 'notifications: handed over again by the sweeper');
    return total;
  }

  async ping(): Promise<boolean> {
    return this.queue.ping();
  }

  /** Graceful: stops the loops, lets running deliveries finish, closes the queue and connections. */
  async close(): Promise<void> {
    this.running = false;
    for (const timer of this.timers) clearInterval(timer);
    this.timers.length = 0;
    this.unsubscribeReceipts?.();
    await this.relaying;
    await this.queue.close();
    if (this.ownsSms) await this.sms.close?.();
    if (this.ownsEmail) await this.email.close?.();
    if (this.control) this.control.disconnect();
  }

  private every(ms: number, work: () => Promise<unknown>): void {
    let busy = false;
    const timer = setInterval(() => {
      if (busy || !this.running) return;
      busy = true;
      work()
        .catch((error: unknown) =>
          this.deps.logger.error({ err: describe(error) }, 'notifications: loop failed'),
        )
        .finally(() => {
          busy = false;
        });
    }, ms);
    this.timers.push(timer);
  }
}
