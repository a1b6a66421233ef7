import { randomUUID } from 'node:crypto';
import type { Em } from '../db/orm.js';
import { OutboxMessageSchema, type OutboxMessage } from './outbox.entity.js';

export interface OutboxDraft {
  topic: string;
  requestId?: string | null;
  /** Ids and codes only: recipients and texts are resolved at delivery time. */
  payload: Record<string, unknown>;
}

/** Writes notifications into the outbox inside the caller's transaction: they commit or vanish with it. */
export function enqueueOutbox(em: Em, drafts: readonly OutboxDraft[], now = new Date()): OutboxMessage[] {
  return drafts.map((draft) =>
    em.create(OutboxMessageSchema, {
      id: randomUUID(),
      topic: draft.topic,
      requestId: draft.requestId ?? null,
      payload: draft.payload,
      status: 'pending',
      attempts: 0,
      availableAt: now,
      createdAt: now,
    }),
  );
}
