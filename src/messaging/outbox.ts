import { randomUUID } from 'node:crypto';
import type { Em } from '../db/orm.js';
import type { StatementPart } from '../db/statement.js';
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

/** The same rows as one part of a command's single write statement (docs/0029). */
export function outboxPart(drafts: readonly OutboxDraft[], now: Date): StatementPart[] {
  if (drafts.length === 0) return [];
  const at = now.toISOString();
  return [
    {
      name: 'outbox_insert',
      sql: `insert into outbox (id, topic, request_id, payload, status, attempts, available_at, created_at) values ${drafts
        .map(() => `(?::uuid, ?, ?::uuid, ?::jsonb, 'pending', 0, ?::timestamptz, ?::timestamptz)`)
        .join(', ')}`,
      params: drafts.flatMap((d) => [
        randomUUID(),
        d.topic,
        d.requestId ?? null,
        JSON.stringify(d.payload),
        at,
        at,
      ]),
    },
  ];
}
