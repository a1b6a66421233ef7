import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const OUTBOX_STATUSES = ['pending', 'dispatched', 'delivered', 'failed'] as const;

/**
 * Transactional outbox: a row per notification-worthy effect, written in the same transaction as the change
 * that causes it. The relay hands pending rows to the queue. Payloads carry ids only, never personal data.
 */
export const OutboxMessageSchema = defineEntity({
  name: 'OutboxMessage',
  tableName: 'outbox',
  indexes: [{ properties: ['status', 'availableAt'] }],
  properties: {
    id: p.uuid().primary(),
    topic: p.string().length(100),
    requestId: p.uuid().nullable(),
    payload: p.json<Record<string, unknown>>(),
    status: p.enum(OUTBOX_STATUSES).default('pending'),
    attempts: p.integer().default(0),
    availableAt: p.datetime(),
    createdAt: p.datetime(),
    dispatchedAt: p.datetime().nullable(),
    lastError: p.text().nullable(),
  },
});

export type OutboxMessage = InferEntity<typeof OutboxMessageSchema>;
