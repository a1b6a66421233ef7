import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { OutboxMessageSchema } from '../messaging/outbox.entity.js';

export const CHANNELS = ['telegram', 'email', 'sms', 'inapp'] as const;
export type Channel = (typeof CHANNELS)[number];

export const RECIPIENT_KINDS = ['user', 'role_chat'] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

/**
 * `queued` waits for (or sits in) the queue; `sending` is claimed by a worker for attempt `attempts`; `sent` is
 * final and recorded once; `failed` is a transient failure waiting for `nextAttemptAt`; `undeliverable` is final
 * (no contact, blocked bot, rejected number, attempts exhausted); `skipped` is final (channel off, muted).
 */
export const DELIVERY_STATUSES = ['queued', 'sending', 'sent', 'failed', 'undeliverable', 'skipped'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * One notification to one recipient by one channel: the relay's fan-out of an outbox row. The unique key makes
 * a repeated fan-out a no-op; the row, not the queue, is the truth about whether the message went out.
 */
export const NotificationDeliverySchema = defineEntity({
  name: 'NotificationDelivery',
  tableName: 'notification_deliveries',
  uniques: [{ properties: ['outboxId', 'channel', 'recipientKey'] }],
  indexes: [{ properties: ['status', 'nextAttemptAt'] }, { properties: ['recipientUserId', 'createdAt'] }],
  properties: {
    id: p.uuid().primary(),
    outboxId: () => p.manyToOne(OutboxMessageSchema).mapToPk().fieldName('outbox_id').deleteRule('cascade'),
    requestId: p.uuid().nullable().index(),
    topic: p.string().length(100),
    channel: p.enum(CHANNELS),
    recipientKind: p.enum(RECIPIENT_KINDS),
    /** `user:<uuid>` or `role:<role>`: part of the idempotency key. */
    recipientKey: p.string().length(100),
    recipientUserId: p.uuid().nullable(),
    recipientRole: p.string().length(50).nullable(),
    /** Telegram only: which bot speaks (`client` to clients, `staff` to staff DMs and role chats). */
    bot: p.string().length(10).nullable(),
    /** Codes and security notices jump the queue. */
    priority: p.enum(['urgent', 'normal'] as const).default('normal'),
    status: p.enum(DELIVERY_STATUSES).default('queued'),
    /** Attempts started; `maxAttempts` of them end in `undeliverable`. */
    attempts: p.integer().default(0),
    /** Waits Telegram asked for (429 retry_after): they do not spend attempts, but are capped too. */
    deferrals: p.integer().default(0),
    /**
     * When the row is next due: the retry time for `failed`, the lease end for `sending` (a worker that died
     * mid-send is taken over after it), the last hand-over to the queue for `queued` (the sweeper's clock).
     */
    nextAttemptAt: p.datetime(),
    providerMessageId: p.string().length(200).nullable().index(),
    /** SMPP delivery receipt state (`DELIVRD`, `UNDELIV`, …) when the provider reports one. */
    receiptStatus: p.string().length(20).nullable(),
    lastError: p.text().nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
    sentAt: p.datetime().nullable(),
  },
});

export type NotificationDelivery = InferEntity<typeof NotificationDeliverySchema>;
