import { DelayedError, Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from '../../logger.js';
import { TELEGRAM_BOTS, type TelegramBot } from '../../telegram/telegram-link.entity.js';
import { CHANNELS, type Channel } from '../delivery.entity.js';
import type { DeliveryExecutor } from '../executor.js';
import { deliveryJobId, type DeliveryJob } from '../relay.js';
import { runDeliveryJob, type TelegramPacing } from './process.js';
import { pingRedis } from '../redis.js';
import type { DeliveryQueue, QueueDepth } from './types.js';

export interface BullmqQueueOptions {
  redisUrl: string;
  /** A connection of the caller's for the readiness ping (BullMQ's own stay inside it). */
  control: Redis;
  /** Key prefix; tests use a unique one each. */
  prefix: string;
  logger: Logger;
  maxAttempts: number;
  backoffMs: number;
  /** Messages per second for email and SMS: BullMQ's limiter, shared by every worker of the queue. */
  rates: Partial<Record<Channel, number>>;
  /** Jobs at once per worker and queue (for Telegram: per bot). */
  concurrency?: Partial<Record<Channel, number>>;
  /** Worker lock (ms); a worker that dies loses its jobs to another after this and the stalled check. */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  /** How long close() waits for running jobs before it closes the workers by force. */
  shutdownTimeoutMs?: number;
  /** Worker side; absent in a producer-only process. */
  worker?: { executor: DeliveryExecutor; telegram: TelegramPacing };
}

const DEFAULT_CONCURRENCY: Record<Channel, number> = { telegram: 32, email: 4, sms: 4, inapp: 8 };

/**
 * BullMQ priorities (lower first). Every job has one, so all wait in one ordered set: a job that had to wait
 * (its chat was busy, Telegram said retry_after) comes back ahead of fresh ones instead of behind the backlog —
 * otherwise a group's cards, limited to 20 a minute, would fall behind every waiting DM each time they wait.
 */
const PRIORITY = { urgent: 1, returning: 5, normal: 10 } as const;

/**
 * One queue per channel, and per bot for Telegram (`notify-telegram-client`, `notify-telegram-staff`): each bot
 * has its own 30/s, so a backlog of client DMs waiting for the client bot's slots never holds up the staff
 * bot's role-group cards (with one Telegram queue, those cards waited behind every DM queued before them).
 * A Telegram job without a bot belongs to the staff bot, as in `chatKeyOf`.
 */
export function queueName(channel: Channel, bot?: TelegramBot | null): string {
  return channel === 'telegram' ? `notify-telegram-${bot ?? 'staff'}` : `notify-${channel}`;
}

interface Lane {
  channel: Channel;
  name: string;
}

const LANES: readonly Lane[] = CHANNELS.flatMap((channel): Lane[] =>
  channel === 'telegram'
    ? TELEGRAM_BOTS.map((bot) => ({ channel, name: queueName(channel, bot) }))
    : [{ channel, name: queueName(channel) }],
);

/**
 * BullMQ on Redis, one queue per channel (`<prefix>:notify-<channel>`), so each channel has its own rate
 * limiter and a slow SMTP server never holds up Telegram. Producers fail fast (`enableOfflineQueue: false`):
 * a delivery that could not be added stays `queued` in the database and the sweeper adds it later.
 */
export class BullmqDeliveryQueue implements DeliveryQueue {
  readonly kind = 'bullmq' as const;
  /** By queue name (see `queueName`). */
  private readonly queues = new Map<string, Queue<DeliveryJob>>();
  private readonly workers: Worker<DeliveryJob>[] = [];
  /**
   * The producers' connection, ours (BullMQ treats a passed instance as shared and leaves it open): when Redis
   * was away at shutdown, BullMQ's own QUIT fails on a connection without an offline queue and ioredis would go
   * on reconnecting for ever, keeping the process alive; `disconnect()` here always ends it.
   */
  private readonly producer: Redis;

  constructor(private readonly options: BullmqQueueOptions) {
    this.producer = new Redis(options.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    this.producer.on('error', (error) => this.logRedisError('queue', error));
    for (const { name } of LANES) {
      const queue = new Queue<DeliveryJob>(name, {
        connection: this.producer,
        prefix: options.prefix,
        defaultJobOptions: {
          attempts: options.maxAttempts,
          backoff: { type: 'exponential', delay: options.backoffMs },
          removeOnComplete: true,
          removeOnFail: true,
        },
      });
      queue.on('error', (error) => this.logRedisError('queue', error));
      this.queues.set(name, queue);
    }
  }

  async add(jobs: readonly DeliveryJob[]): Promise<void> {
    const byQueue = new Map<string, DeliveryJob[]>();
    for (const job of jobs) {
      const name = queueName(job.channel, job.bot);
      byQueue.set(name, [...(byQueue.get(name) ?? []), job]);
    }
    for (const [name, list] of byQueue) {
      const queue = this.queues.get(name);
      if (!queue) continue;
      // The job id is derived from the outbox id: adding a delivery that is still waiting is a no-op.
      // Urgent deliveries (security notices) go ahead of everything else.
      await queue.addBulk(
        list.map((job) => ({
          name: job.channel,
          data: job,
          opts: {
            jobId: deliveryJobId(job),
            priority: job.priority === 'urgent' ? PRIORITY.urgent : PRIORITY.normal,
          },
        })),
      );
    }
  }

  async start(): Promise<void> {
    const side = this.options.worker;
    if (!side) throw new Error('this BullMQ queue was built without a worker side');
    for (const { channel, name } of LANES) {
      const rate = channel === 'telegram' ? undefined : this.options.rates[channel];
      const worker = new Worker<DeliveryJob>(name, (job, token) => this.process(job, token, side), {
        connection: { url: this.options.redisUrl, maxRetriesPerRequest: null },
        prefix: this.options.prefix,
        concurrency: this.options.concurrency?.[channel] ?? DEFAULT_CONCURRENCY[channel],
        // Telegram is paced per chat and per bot by the pacer; BullMQ's limiter serves email and SMS.
        ...(rate ? { limiter: { max: Math.max(1, Math.round(rate)), duration: 1000 } } : {}),
        lockDuration: this.options.lockDurationMs ?? 30_000,
        stalledInterval: this.options.stalledIntervalMs ?? 30_000,
        // A crash mid-job is not the delivery's fault: the row's attempt count is what limits retries.
        maxStalledCount: 10,
      });
      worker.on('error', (error) => this.logRedisError('worker', error));
      worker.on('failed', (job, error) => {
        if (error.name === 'DelayedError') return;
        this.options.logger.debug({ jobId: job?.id, channel, err: error.message }, 'delivery attempt failed');
      });
      this.workers.push(worker);
    }
    await Promise.all(this.workers.map((worker) => worker.waitUntilReady()));
  }

  private async process(
    job: Job<DeliveryJob>,
    token: string | undefined,
    side: NonNullable<BullmqQueueOptions['worker']>,
  ): Promise<string> {
    const outcome = await runDeliveryJob(job.data, side.executor, side.telegram);
    switch (outcome.kind) {
      case 'done':
        return outcome.status;
      case 'retry':
        // A failed attempt: BullMQ applies the exponential backoff (the row's next_attempt_at says the same).
        throw new Error(outcome.error);
      case 'defer':
        // Not an attempt (Telegram's retry_after, a busy chat, another worker's lease): wait without counting.
        // A job sent back to its turn in a chat carries it; any other wait drops an old one (it was used).
        if (outcome.turn || job.data.turn) await job.updateData({ ...job.data, turn: outcome.turn });
        if ((job.opts.priority ?? PRIORITY.normal) > PRIORITY.returning)
          await job.changePriority({ priority: PRIORITY.returning });
        await job.moveToDelayed(outcome.at.getTime(), token);
        throw new DelayedError();
    }
  }

  async close(): Promise<void> {
    const timeout = this.options.shutdownTimeoutMs ?? 10_000;
    await Promise.allSettled(
      this.workers.map(async (worker) => {
        const graceful = worker.close();
        const timer = new Promise<'timeout'>((resolve) =>
          setTimeout(() => resolve('timeout'), timeout).unref(),
        );
        // A job stuck past the timeout keeps its lease and is taken over after it by another worker.
        if ((await Promise.race([graceful, timer])) === 'timeout') await worker.close(true);
      }),
    );
    await Promise.allSettled([...this.queues.values()].map((queue) => queue.close()));
    this.producer.disconnect();
  }

  /** The BullMQ queues themselves, for the administrators' board (read-only there). */
  boardQueues(): Queue<DeliveryJob>[] {
    return [...this.queues.values()];
  }

  async depths(): Promise<QueueDepth[]> {
    const states = ['waiting', 'active', 'delayed', 'failed'] as const;
    const depths: QueueDepth[] = [];
    for (const [name, queue] of this.queues) {
      const counts = await queue.getJobCounts(...states);
      for (const state of states) depths.push({ queue: name, state, count: counts[state] ?? 0 });
    }
    return depths;
  }

  async ping(): Promise<boolean> {
    return pingRedis(this.options.control);
  }

  private lastErrorLog = 0;
  private logRedisError(side: string, error: Error): void {
    // Redis down makes every connection complain in a loop: one line a few seconds is enough.
    const now = Date.now();
    if (now - this.lastErrorLog < 5000) return;
    this.lastErrorLog = now;
    this.options.logger.warn({ side, err: error.message }, 'notifications: Redis connection trouble');
  }
}
