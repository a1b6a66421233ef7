import { randomUUID } from 'node:crypto';
import type { Em, Orm } from '../db/orm.js';
import type { Logger } from '../logger.js';
import type { DeliveryOutcome, Metrics } from '../ops/metrics.js';
import type { TelegramBot } from '../telegram/telegram-link.entity.js';
import type { TelegramBotApi } from './channels/telegram.js';
import { applyTelegramRefusal } from './channels/telegram-errors.js';
import { classifyFailure, DeliveryError, type EmailSender, type SmsProvider } from '../messaging/channels.js';
import type { DeliveryStatus } from './delivery.entity.js';
import { DeliveryStore } from './delivery-store.js';
import { InAppNotificationSchema } from './inapp.entity.js';
import { prepareOutgoing, type DeliveryRecord, type Outgoing } from './prepare.js';
import { describe, type JobTurn } from './relay.js';
import { decideRetry, DEFAULT_MAX_DEFERRALS, type RetryPolicy } from './retry-policy.js';
import { plainCardRenderer, type TelegramCardRenderer } from './telegram-card.js';

export type ExecutionOutcome =
  /** Nothing more to do: sent, final, or already handled elsewhere. */
  | { kind: 'done'; status: DeliveryStatus | 'noop' }
  /** A failed attempt: retry at `at` (the queue's exponential backoff, the same schedule). */
  | { kind: 'retry'; at: Date; error: string }
  /** Not an attempt: Telegram asked to wait, or another worker holds the lease. Come back at `at`. */
  | { kind: 'defer'; at: Date; reason: string; holdChatMs?: number; turn?: JobTurn | undefined };

export interface DeliveryChannels {
  telegram: Partial<Record<TelegramBot, TelegramBotApi>>;
  email: EmailSender;
  sms: SmsProvider;
}

export interface ExecutorDeps {
  orm: Orm;
  logger: Logger;
  channels: DeliveryChannels;
  cardRenderer?: TelegramCardRenderer;
  publicUrl: string;
  strict: boolean;
  maxAttempts: number;
  backoffMs: number;
  /** How long a claimed delivery is ours; after that another worker may take it over. */
  leaseMs: number;
  /** Telegram 429 waits allowed per delivery before they count as failures. */
  maxDeferrals?: number;
  now?: () => Date;
  /** Counts attempts by channel and outcome, and Telegram's 429s by bot (docs/0027). */
  metrics?: Pick<Metrics, 'deliveries' | 'telegramThrottled'>;
}

/** How a finished attempt counts in `kabinet_deliveries_total`; other ends (noop, queued again) are not attempts. */
const FINAL_OUTCOME: Partial<Record<DeliveryStatus | 'noop', DeliveryOutcome>> = {
  sent: 'sent',
  skipped: 'skipped',
  undeliverable: 'dead',
};

/** Thrown by a `beforeSend` hook: not now, the chat is busy; the claim is undone without counting an attempt. */
export class PacingDeferral extends Error {
  constructor(readonly waitMs: number) {
    super(`paced: the chat is busy for ${Math.round(waitMs)} ms`);
    this.name = 'PacingDeferral';
  }
}

/** What runs around a send: Telegram's pacing takes its slot here, right before the HTTP call. */
export interface ExecuteHooks {
  beforeSend?: () => Promise<void>;
}

/**
 * Executes one delivery: claims the row (`sending`, attempt n, a lease), renders and sends, and records the
 * outcome with a conditional update on (status = sending, attempts = n) and its journal entry in one
 * transaction, so a delivery is recorded sent exactly once. A worker that dies after the provider accepted but
 * before recording leaves the lease to expire; the next attempt sends again (at-least-once, see docs/0007).
 * The row's transitions are `DeliveryStore`'s; what a failure leads to is `decideRetry`'s.
 */
export class DeliveryExecutor {
  private readonly now: () => Date;
  private readonly renderer: TelegramCardRenderer;
  private readonly store: DeliveryStore;
  private readonly policy: RetryPolicy;

  constructor(private readonly deps: ExecutorDeps) {
    this.now = deps.now ?? (() => new Date());
    this.renderer = deps.cardRenderer ?? plainCardRenderer;
    this.store = new DeliveryStore({ orm: deps.orm, leaseMs: deps.leaseMs, now: this.now });
    this.policy = {
      maxAttempts: deps.maxAttempts,
      backoffMs: deps.backoffMs,
      maxDeferrals: deps.maxDeferrals ?? DEFAULT_MAX_DEFERRALS,
    };
  }

  async execute(deliveryId: string, hooks: ExecuteHooks = {}): Promise<ExecutionOutcome> {
    const claimed = await this.store.claim(deliveryId);
    if (claimed.kind === 'finished') return { kind: 'done', status: 'noop' };
    if (claimed.kind === 'not_due')
      return { kind: 'defer', at: claimed.at, reason: `delivery is ${claimed.status}` };
    const outcome = await this.attempt(claimed, hooks);
    this.count(claimed.delivery, outcome);
    return outcome;
  }

  private count(delivery: DeliveryRecord, outcome: ExecutionOutcome): void {
    const metrics = this.deps.metrics;
    if (!metrics) return;
    const label =
      outcome.kind === 'done'
        ? FINAL_OUTCOME[outcome.status]
        : outcome.kind === 'retry'
          ? 'retry'
          : outcome.holdChatMs !== undefined
            ? 'throttled'
            : undefined;
    if (label) metrics.deliveries.inc({ channel: delivery.channel, outcome: label });
    if (label === 'throttled' && delivery.bot) metrics.telegramThrottled.inc({ bot: delivery.bot });
  }

  private async attempt(
    claimed: Extract<Awaited<ReturnType<DeliveryStore['claim']>>, { kind: 'claimed' }>,
    hooks: ExecuteHooks,
  ): Promise<ExecutionOutcome> {
    const { delivery, outbox, attempts } = claimed;
    const em = this.deps.orm.em.fork();
    let outgoing: Outgoing;
    try {
      outgoing = await prepareOutgoing(em, delivery, outbox, {
        publicUrl: this.deps.publicUrl,
        strict: this.deps.strict,
        now: this.now(),
      });
    } catch (error) {
      return this.recordFailure(delivery, attempts, error);
    }
    if (outgoing.kind === 'skip') return this.recordFinal(delivery, attempts, 'skipped', outgoing.reason);
    if (outgoing.kind === 'inapp') return this.recordInApp(delivery, attempts, outgoing);
    let providerMessageId: string;
    let onSent: ((tx: Em) => Promise<void>) | undefined;
    try {
      await hooks.beforeSend?.();
      ({ providerMessageId, onSent } = await this.send(em, outgoing));
    } catch (error) {
      if (error instanceof PacingDeferral) return this.unclaim(delivery, attempts, error.waitMs);
      if (error instanceof DeliveryError && outgoing.kind === 'telegram')
        await applyTelegramRefusal(this.deps.orm.em.fork(), error, delivery, outgoing.chatId, this.now());
      return this.recordFailure(delivery, attempts, error);
    }
    return this.recordSent(delivery, attempts, providerMessageId, onSent);
  }

  private async send(
    em: Em,
    outgoing: Exclude<Outgoing, { kind: 'skip' | 'inapp' }>,
  ): Promise<{ providerMessageId: string; onSent?: (tx: Em) => Promise<void> }> {
    switch (outgoing.kind) {
      case 'email':
        return this.deps.channels.email.send({
          to: outgoing.to,
          subject: outgoing.subject,
          text: outgoing.text,
        });
      case 'sms':
        return this.deps.channels.sms.send({ to: outgoing.to, text: outgoing.text });
      case 'telegram': {
        const api = this.deps.channels.telegram[outgoing.bot];
        if (!api)
          throw new DeliveryError('telegram: the bot has no token', { permanent: true, code: 'channel_off' });
        const rendered = await this.renderer.render(outgoing.card, em);
        const { messageId } = await api.sendMessage({
          chatId: outgoing.chatId,
          text: rendered.text,
          parseMode: 'HTML',
          ...(rendered.replyMarkup ? { replyMarkup: rendered.replyMarkup } : {}),
        });
        const sentHook = this.renderer.sent?.bind(this.renderer);
        return {
          providerMessageId: `${outgoing.chatId}:${messageId}`,
          ...(sentHook
            ? { onSent: (tx: Em) => sentHook(outgoing.card, { chatId: outgoing.chatId, messageId }, tx) }
            : {}),
        };
      }
    }
  }

  private async recordSent(
    delivery: DeliveryRecord,
    attempts: number,
    providerMessageId: string,
    onSent?: (tx: Em) => Promise<void>,
  ): Promise<ExecutionOutcome> {
    const recorded = await this.store.markSent(
      delivery,
      attempts,
      { providerMessageId, sentAt: this.now() },
      onSent,
    );
    if (!recorded)
      this.deps.logger.warn(
        { deliveryId: delivery.id, channel: delivery.channel },
        'delivery sent, but another worker had taken it over (it may arrive twice)',
      );
    return { kind: 'done', status: 'sent' };
  }

  /** In-app rows are written in the same transaction that records the delivery: exactly once. */
  private async recordInApp(
    delivery: DeliveryRecord,
    attempts: number,
    outgoing: Extract<Outgoing, { kind: 'inapp' }>,
  ): Promise<ExecutionOutcome> {
    const now = this.now();
    const id = randomUUID();
    await this.store.markSent(delivery, attempts, { providerMessageId: id, sentAt: now }, async (tx) => {
      tx.create(InAppNotificationSchema, {
        id,
        userId: outgoing.userId,
        requestId: delivery.requestId,
        topic: delivery.topic,
        title: outgoing.title,
        body: outgoing.body,
        createdAt: now,
        readAt: null,
      });
      await tx.flush();
    });
    return { kind: 'done', status: 'sent' };
  }

  private async recordFinal(
    delivery: DeliveryRecord,
    attempts: number,
    status: 'skipped' | 'undeliverable',
    reason: string,
  ): Promise<ExecutionOutcome> {
    await this.store.markFinal(delivery, attempts, status, reason);
    return { kind: 'done', status };
  }

  private async recordFailure(
    delivery: DeliveryRecord,
    attempts: number,
    error: unknown,
  ): Promise<ExecutionOutcome> {
    const reason = describeFailure(error);
    if (!(error instanceof DeliveryError))
      this.deps.logger.error({ deliveryId: delivery.id, err: reason }, 'delivery failed unexpectedly');
    const decision = decideRetry(
      classifyFailure(error),
      { attempt: attempts, deferrals: delivery.deferrals },
      this.policy,
      this.now(),
    );
    switch (decision.action) {
      case 'defer':
        await this.store.defer(delivery, attempts, reason, decision.at, decision.waitMs);
        // A rate limit holds the whole chat, so its other messages wait too.
        return {
          kind: 'defer',
          at: decision.at,
          reason,
          ...(decision.holdRecipient ? { holdChatMs: decision.waitMs } : {}),
        };
      case 'give_up':
        return this.recordFinal(delivery, attempts, 'undeliverable', reason);
      case 'retry':
        await this.store.markFailed(delivery, attempts, reason, decision.at);
        return { kind: 'retry', at: decision.at, error: reason };
    }
  }

  /** Gives the delivery back as it was before this claim: nothing was sent, nothing to journal. */
  private async unclaim(
    delivery: DeliveryRecord,
    attempts: number,
    waitMs: number,
  ): Promise<ExecutionOutcome> {
    const at = new Date(this.now().getTime() + waitMs);
    await this.store.unclaim(delivery, attempts, at);
    return { kind: 'defer', at, reason: 'chat_paced' };
  }
}

function describeFailure(error: unknown): string {
  return error instanceof DeliveryError ? error.message.slice(0, 300) : describe(error);
}
