import { randomUUID } from 'node:crypto';
import type { Em, Orm } from '../db/orm.js';
import { appendJournal } from '../journal/journal.js';
import type { Logger } from '../logger.js';
import { RoleChatSchema } from '../telegram/role-chat.entity.js';
import { TelegramLinkSchema, type TelegramBot } from '../telegram/telegram-link.entity.js';
import type { TelegramBotApi } from './channels/telegram.js';
import { DeliveryError, type EmailSender, type SmsProvider } from './channels/types.js';
import {
  NotificationDeliverySchema,
  type Channel,
  type DeliveryStatus,
  type RecipientKind,
} from './delivery.entity.js';
import { InAppNotificationSchema } from './inapp.entity.js';
import { prepareOutgoing, type DeliveryRecord, type OutboxRecord, type Outgoing } from './prepare.js';
import { describe, type JobTurn } from './relay.js';
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
}

/** The retry schedule: `backoffMs`, then twice as long each time (what BullMQ's exponential backoff does). */
export function backoffDelay(backoffMs: number, attempt: number): number {
  return backoffMs * 2 ** Math.max(0, attempt - 1);
}

interface Claimed {
  attempts: number;
  delivery: DeliveryRecord;
  outbox: OutboxRecord;
}

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

interface ClaimRow {
  id: string;
  outbox_id: string;
  request_id: string | null;
  topic: string;
  channel: Channel;
  recipient_kind: RecipientKind;
  recipient_key: string;
  recipient_user_id: string | null;
  recipient_role: string | null;
  bot: string | null;
  deferrals: number;
  attempts: number;
  payload: Record<string, unknown> | string;
  outbox_created_at: Date | string;
}

/**
 * Executes one delivery: claims the row (`sending`, attempt n, a lease), renders and sends, and records the
 * outcome with a conditional update on (status = sending, attempts = n) and its journal entry in one
 * transaction, so a delivery is recorded sent exactly once. A worker that dies after the provider accepted but
 * before recording leaves the lease to expire; the next attempt sends again (at-least-once, see docs/0007).
 */
export class DeliveryExecutor {
  private readonly now: () => Date;
  private readonly renderer: TelegramCardRenderer;

  constructor(private readonly deps: ExecutorDeps) {
    this.now = deps.now ?? (() => new Date());
    this.renderer = deps.cardRenderer ?? plainCardRenderer;
  }

  async execute(deliveryId: string, hooks: ExecuteHooks = {}): Promise<ExecutionOutcome> {
    const claimed = await this.claim(deliveryId);
    if ('outcome' in claimed) return claimed.outcome;
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
        await this.afterTelegramError(error, delivery, outgoing.chatId);
      return this.recordFailure(delivery, attempts, error);
    }
    return this.recordSent(delivery, attempts, providerMessageId, onSent);
  }

  /**
   * Takes the delivery for one attempt: `queued`, a `failed` one that is due, or a `sending` one whose lease
   * ran out. One statement claims it and returns it with its outbox row.
   */
  private async claim(deliveryId: string): Promise<Claimed | { outcome: ExecutionOutcome }> {
    const now = this.now();
    const em = this.deps.orm.em.fork();
    const rows = await em.execute<ClaimRow[]>(
      `update notification_deliveries d
          set status = 'sending', attempts = d.attempts + 1, next_attempt_at = ?, updated_at = ?
         from outbox o
        where d.id = ? and o.id = d.outbox_id
          and (d.status = 'queued'
           or (d.status = 'failed' and d.next_attempt_at <= ?)
           or (d.status = 'sending' and d.next_attempt_at <= ?))
        returning d.id, d.outbox_id, d.request_id, d.topic, d.channel, d.recipient_kind, d.recipient_key,
                  d.recipient_user_id, d.recipient_role, d.bot, d.deferrals, d.attempts,
                  o.payload, o.created_at as outbox_created_at`,
      [new Date(now.getTime() + this.deps.leaseMs), now, deliveryId, new Date(now.getTime() + 50), now],
    );
    const row = rows[0];
    if (row) {
      const delivery: DeliveryRecord = {
        id: row.id,
        outboxId: row.outbox_id,
        requestId: row.request_id,
        topic: row.topic,
        channel: row.channel,
        recipientKind: row.recipient_kind,
        recipientKey: row.recipient_key,
        recipientUserId: row.recipient_user_id,
        recipientRole: row.recipient_role,
        bot: row.bot,
        deferrals: Number(row.deferrals),
      };
      const payload =
        typeof row.payload === 'string' ? (JSON.parse(row.payload) as Record<string, unknown>) : row.payload;
      const outbox: OutboxRecord = {
        id: row.outbox_id,
        topic: row.topic,
        requestId: row.request_id,
        payload,
        createdAt: new Date(row.outbox_created_at),
      };
      return { attempts: Number(row.attempts), delivery, outbox };
    }
    const current = await em.findOne(NotificationDeliverySchema, { id: deliveryId });
    if (!current || ['sent', 'undeliverable', 'skipped'].includes(current.status))
      return { outcome: { kind: 'done', status: 'noop' } };
    // Another worker holds it (`sending`), or its retry is not due yet (`failed`).
    const at = new Date(Math.max(current.nextAttemptAt.getTime(), now.getTime() + 50));
    return { outcome: { kind: 'defer', at, reason: `delivery is ${current.status}` } };
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

  /** 403 blocks the person's link (they blocked the bot); a migrated group moves its role binding along. */
  private async afterTelegramError(
    error: DeliveryError,
    delivery: DeliveryRecord,
    chatId: string,
  ): Promise<void> {
    const em = this.deps.orm.em.fork();
    if (error.code === 'recipient_blocked' && delivery.recipientKind === 'user' && delivery.recipientUserId) {
      await em.nativeUpdate(
        TelegramLinkSchema,
        { userId: delivery.recipientUserId, chatId, status: 'active' },
        { status: 'blocked', blockedAt: this.now() },
      );
    }
    if (error.code === 'chat_migrated' && error.migrateToChatId)
      await em.nativeUpdate(RoleChatSchema, { chatId }, { chatId: error.migrateToChatId });
  }

  private async recordSent(
    delivery: DeliveryRecord,
    attempts: number,
    providerMessageId: string,
    onSent?: (tx: Em) => Promise<void>,
  ): Promise<ExecutionOutcome> {
    const now = this.now();
    const recorded = await this.deps.orm.em.fork().transactional(async (tx) => {
      const changed = await this.transition(tx, delivery.id, attempts, {
        status: 'sent',
        provider_message_id: providerMessageId,
        sent_at: now,
        last_error: null,
      });
      if (!changed) return false;
      await onSent?.(tx);
      await this.journal(tx, delivery, 'notify.sent', attempts, { providerMessageId });
      return true;
    });
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
    await this.deps.orm.em.fork().transactional(async (tx) => {
      const changed = await this.transition(tx, delivery.id, attempts, {
        status: 'sent',
        provider_message_id: id,
        sent_at: now,
        last_error: null,
      });
      if (!changed) return;
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
      await this.journal(tx, delivery, 'notify.sent', attempts, { providerMessageId: id });
    });
    return { kind: 'done', status: 'sent' };
  }

  private async recordFinal(
    delivery: DeliveryRecord,
    attempts: number,
    status: 'skipped' | 'undeliverable',
    reason: string,
  ): Promise<ExecutionOutcome> {
    await this.deps.orm.em.fork().transactional(async (tx) => {
      if (await this.transition(tx, delivery.id, attempts, { status, last_error: reason }))
        await this.journal(
          tx,
          delivery,
          status === 'skipped' ? 'notify.skipped' : 'notify.undeliverable',
          attempts,
          {
            reason,
          },
        );
    });
    return { kind: 'done', status };
  }

  private async recordFailure(
    delivery: DeliveryRecord,
    attempts: number,
    error: unknown,
  ): Promise<ExecutionOutcome> {
    const reason = describeFailure(error);
    const now = this.now();
    const deliveryError = error instanceof DeliveryError ? error : undefined;
    if (!(error instanceof DeliveryError))
      this.deps.logger.error({ deliveryId: delivery.id, err: reason }, 'delivery failed unexpectedly');

    const deferrable = deliveryError?.code === 'rate_limited' || deliveryError?.code === 'chat_migrated';
    if (deferrable && delivery.deferrals < (this.deps.maxDeferrals ?? 20)) {
      const waitMs = deliveryError.retryAfterMs ?? 0;
      const at = new Date(now.getTime() + waitMs);
      await this.deps.orm.em.fork().transactional(async (tx) => {
        const changed = await this.transition(tx, delivery.id, attempts, {
          status: 'failed',
          attempts: attempts - 1,
          deferrals: delivery.deferrals + 1,
          next_attempt_at: at,
          last_error: reason,
        });
        if (changed)
          await this.journal(tx, delivery, 'notify.failed', attempts, { reason, retryAfterMs: waitMs });
      });
      return {
        kind: 'defer',
        at,
        reason,
        ...(deliveryError.code === 'rate_limited' ? { holdChatMs: waitMs } : {}),
      };
    }

    if (deliveryError?.permanent || attempts >= this.deps.maxAttempts)
      return this.recordFinal(delivery, attempts, 'undeliverable', reason);

    const at = new Date(
      now.getTime() + Math.max(backoffDelay(this.deps.backoffMs, attempts), deliveryError?.retryAfterMs ?? 0),
    );
    await this.deps.orm.em.fork().transactional(async (tx) => {
      const changed = await this.transition(tx, delivery.id, attempts, {
        status: 'failed',
        next_attempt_at: at,
        last_error: reason,
      });
      if (changed) await this.journal(tx, delivery, 'notify.failed', attempts, { reason });
    });
    return { kind: 'retry', at, error: reason };
  }

  /** Gives the delivery back as it was before this claim: nothing was sent, nothing to journal. */
  private async unclaim(
    delivery: DeliveryRecord,
    attempts: number,
    waitMs: number,
  ): Promise<ExecutionOutcome> {
    const at = new Date(this.now().getTime() + waitMs);
    await this.deps.orm.em.fork().transactional((tx) =>
      this.transition(tx, delivery.id, attempts, {
        status: 'queued',
        attempts: attempts - 1,
        next_attempt_at: at,
      }),
    );
    return { kind: 'defer', at, reason: 'chat_paced' };
  }

  /** The conditional update every outcome goes through: only the holder of attempt n may record it. */
  private async transition(
    tx: Em,
    deliveryId: string,
    attempts: number,
    fields: Record<string, unknown>,
  ): Promise<boolean> {
    const entries = Object.entries({ ...fields, updated_at: this.now() });
    const result = await tx.execute<{ affectedRows?: number }>(
      `update notification_deliveries set ${entries.map(([column]) => `${column} = ?`).join(', ')}
        where id = ? and status = 'sending' and attempts = ?`,
      [...entries.map(([, value]) => value), deliveryId, attempts],
      'run',
    );
    return (result.affectedRows ?? 0) === 1;
  }

  private async journal(
    tx: Em,
    delivery: DeliveryRecord,
    action: string,
    attempt: number,
    data: Record<string, unknown>,
  ): Promise<void> {
    await appendJournal(tx, [
      {
        action,
        actorId: null,
        requestId: delivery.requestId,
        subjectUserId: delivery.recipientUserId,
        at: this.now(),
        data: {
          channel: delivery.channel,
          outboxId: delivery.outboxId,
          deliveryId: delivery.id,
          topic: delivery.topic,
          recipient: delivery.recipientKey,
          attempt,
          ...data,
        },
      },
    ]);
  }
}

function describeFailure(error: unknown): string {
  return error instanceof DeliveryError ? error.message.slice(0, 300) : describe(error);
}
