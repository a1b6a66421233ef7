import { describeError } from '../../error-log.js';
import type { Logger } from '../../logger.js';
import { CHANNELS, type Channel } from '../delivery.entity.js';
import type { DeliveryExecutor } from '../executor.js';
import type { DeliveryJob } from '../relay.js';
import { backoffDelay } from '../retry-policy.js';
import { runDeliveryJob, type TelegramPacing } from './process.js';
import type { DeliveryQueue, QueueDepth } from './types.js';

export interface InProcessQueueOptions {
  executor: DeliveryExecutor;
  logger: Logger;
  telegram: TelegramPacing;
  /** Messages per second for email and SMS (Telegram is paced by `telegram`). */
  rates: Partial<Record<Channel, number>>;
  concurrency?: Partial<Record<Channel, number>>;
  backoffMs: number;
  /** How long close() waits for running deliveries (a stuck provider must not hold the shutdown). */
  shutdownTimeoutMs?: number;
}

const DEFAULT_CONCURRENCY: Record<Channel, number> = { telegram: 8, email: 3, sms: 3, inapp: 4 };

/**
 * The embedded mode's queue: per channel, ready jobs (urgent ones first), timers for retries, a concurrency
 * cap and a simple rate spacing. Nothing here is the truth: the deliveries table is, and the sweeper refills
 * this queue from it after a restart.
 */
export class InProcessDeliveryQueue implements DeliveryQueue {
  readonly kind = 'in-process' as const;
  private readonly ready = new Map<Channel, DeliveryJob[]>();
  private readonly running = new Map<Channel, number>();
  private readonly nextSlot = new Map<Channel, number>();
  /** Deliveries waiting, scheduled or running: a second add of one is ignored. */
  private readonly known = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private started = false;
  private closing = false;

  constructor(private readonly options: InProcessQueueOptions) {
    for (const channel of CHANNELS) {
      this.ready.set(channel, []);
      this.running.set(channel, 0);
    }
  }

  async add(jobs: readonly DeliveryJob[]): Promise<void> {
    if (this.closing) return;
    for (const job of jobs) {
      if (this.known.has(job.deliveryId)) continue;
      this.known.add(job.deliveryId);
      const list = this.ready.get(job.channel) ?? [];
      if (job.priority === 'urgent') list.unshift(job);
      else list.push(job);
    }
    this.pump();
  }

  async start(): Promise<void> {
    this.started = true;
    this.pump();
  }

  async close(): Promise<void> {
    this.closing = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    // Deliveries still running after the timeout keep their lease; the next process takes them over.
    await Promise.race([
      Promise.allSettled([...this.inFlight]),
      new Promise((resolve) => setTimeout(resolve, this.options.shutdownTimeoutMs ?? 10_000).unref()),
    ]);
  }

  async ping(): Promise<boolean> {
    return !this.closing;
  }

  async depths(): Promise<QueueDepth[]> {
    return CHANNELS.flatMap((channel) => [
      { queue: `notify-${channel}`, state: 'waiting' as const, count: this.ready.get(channel)?.length ?? 0 },
      { queue: `notify-${channel}`, state: 'active' as const, count: this.running.get(channel) ?? 0 },
    ]);
  }

  /** Jobs waiting or running, for tests and shutdown logs. */
  size(): number {
    return this.known.size;
  }

  private pump(): void {
    if (!this.started || this.closing) return;
    for (const channel of CHANNELS) {
      const list = this.ready.get(channel) ?? [];
      const limit = this.options.concurrency?.[channel] ?? DEFAULT_CONCURRENCY[channel];
      while (list.length > 0 && (this.running.get(channel) ?? 0) < limit) {
        const job = list.shift();
        if (job) this.run(job);
      }
    }
  }

  private run(job: DeliveryJob): void {
    const channel = job.channel;
    this.running.set(channel, (this.running.get(channel) ?? 0) + 1);
    const task = this.execute(job)
      .catch((error: unknown) => {
        // The database or a bug: try again later; the row keeps the truth.
        this.options.logger.error(
          { deliveryId: job.deliveryId, err: describeError(error) },
          'in-process delivery crashed',
        );
        this.later({ ...job, turn: undefined }, Date.now() + backoffDelay(this.options.backoffMs, 1));
      })
      .finally(() => {
        this.running.set(channel, (this.running.get(channel) ?? 1) - 1);
        this.inFlight.delete(task);
        this.pump();
      });
    this.inFlight.add(task);
  }

  private async execute(job: DeliveryJob): Promise<void> {
    await this.waitForRate(job.channel);
    const outcome = await runDeliveryJob(job, this.options.executor, this.options.telegram);
    if (outcome.kind === 'done') this.known.delete(job.deliveryId);
    // A job sent back to its turn in a chat carries it; any other wait drops an old one (it was used).
    else
      this.later({ ...job, turn: outcome.kind === 'defer' ? outcome.turn : undefined }, outcome.at.getTime());
  }

  private later(job: DeliveryJob, at: number): void {
    if (this.closing) {
      this.known.delete(job.deliveryId);
      return;
    }
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        this.ready.get(job.channel)?.push(job);
        this.pump();
      },
      Math.max(0, at - Date.now()),
    );
    this.timers.add(timer);
  }

  /** Email and SMS: at most `rate` starts a second, spaced evenly. */
  private async waitForRate(channel: Channel): Promise<void> {
    const rate = this.options.rates[channel];
    if (!rate || channel === 'telegram') return;
    const now = Date.now();
    const at = Math.max(now, this.nextSlot.get(channel) ?? 0);
    this.nextSlot.set(channel, at + 1000 / rate);
    if (at > now) await new Promise<void>((resolve) => setTimeout(resolve, at - now));
  }
}
