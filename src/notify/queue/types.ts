import type { DeliveryJob } from '../relay.js';

/** Hands deliveries to workers: BullMQ on Redis, or an in-process queue in the embedded mode. */
export interface DeliveryQueue {
  readonly kind: 'bullmq' | 'in-process';
  /** Adds jobs; a delivery already waiting is not added twice. May throw when the queue is unreachable. */
  add(jobs: readonly DeliveryJob[]): Promise<void>;
  /** Starts executing (the worker part); a producer-only process never calls it. */
  start(): Promise<void>;
  /** Stops taking jobs, lets running ones finish, closes connections. */
  close(): Promise<void>;
  /** True when the queue's backend answers (readiness). */
  ping(): Promise<boolean>;
  /** Jobs per queue and state (waiting, active, delayed, failed) for the metrics; throws when unreachable. */
  depths(): Promise<QueueDepth[]>;
}

export interface QueueDepth {
  /** `notify-email`, `notify-telegram-client`, …: one per channel (per bot for Telegram). */
  queue: string;
  state: 'waiting' | 'active' | 'delayed' | 'failed';
  count: number;
}
