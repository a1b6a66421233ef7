import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * Append-only journal. Each entry's `hash` covers its content and the previous entry's hash,
 * so a changed, removed or reordered row breaks the chain at that point.
 */
export const JournalEntrySchema = defineEntity({
  name: 'JournalEntry',
  tableName: 'journal_entries',
  // Append-only in the database too: updates and deletes are refused.
  triggers: [
    {
      name: 'journal_append_only',
      timing: 'before',
      events: ['update', 'delete'],
      forEach: 'row',
      body: "raise exception 'journal_entries is append-only (% refused)', tg_op using errcode = 'insufficient_privilege';",
    },
  ],
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    at: p.datetime(),
    /** The user who acted, or null for the system (SLA checks, deliveries). */
    actorId: p.uuid().nullable(),
    action: p.string().length(100),
    requestId: p.uuid().nullable().index(),
    /** The user the entry is about (profile changes, deliveries to a recipient). */
    subjectUserId: p.uuid().nullable().index(),
    data: p.json<Record<string, unknown>>(),
    prevHash: p.string().length(64),
    hash: p.string().length(64),
  },
});

export type JournalEntry = InferEntity<typeof JournalEntrySchema>;
