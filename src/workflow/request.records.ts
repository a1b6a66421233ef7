import type { Em } from '../db/orm.js';
import type { JournalRecord } from '../journal/journal.js';
import type { OutboxDraft } from '../messaging/outbox.js';
import { BACKOFFICE_EXPORT_TOPIC } from '../messaging/topics.js';
import type { Actor, Command, DomainEvent, Effect } from './domain/index.js';
import type { RequestRow } from './request.entity.js';

/**
 * What a decided command leaves besides the request's new state: its journal entries and its outbox rows (the
 * notifications to deliver after commit), and whether it voids the request's pending signature codes.
 */

/**
 * The port through which a command voids a request's pending signing codes (an edit, a cancel, a delete), inside
 * the command's transaction, whichever edge (API, bot) issued it. Identity implements it; the workflow only
 * knows that codes exist.
 */
export interface SignatureCodes {
  voidPending(em: Em, requestId: string): Promise<void>;
}

export function voidsSignature(event: DomainEvent): boolean {
  return (
    event.type === 'draft_updated' ||
    event.type === 'draft_deleted' ||
    (event.type === 'status_changed' && event.to === 'cancelled')
  );
}

export function journalRecords(
  actor: Actor,
  row: RequestRow,
  command: Command,
  events: readonly DomainEvent[],
  evidence: Record<string, unknown>,
  at: Date,
): JournalRecord[] {
  return events.map((event) => {
    const { type, ...data } = event;
    const extra = event.type === 'signed' ? { evidence } : {};
    return {
      action: `request.${type}`,
      actorId: actor.userId,
      requestId: row.id,
      at,
      data: { ...data, ...extra, number: row.number, command: command.type },
    };
  });
}

/** Outbox rows carry ids and codes only; reasons and payloads stay in the database and the journal. */
export function outboxDrafts(row: RequestRow, effects: readonly Effect[]): OutboxDraft[] {
  return effects.map((effect) => {
    const base = { requestId: row.id, number: row.number, type: row.typeCode, clientId: row.clientId };
    switch (effect.type) {
      case 'task_created':
        return {
          topic: effect.type,
          requestId: row.id,
          payload: { ...base, taskKey: effect.taskKey, role: effect.role },
        };
      case 'task_rejected':
        return { topic: effect.type, requestId: row.id, payload: { ...base, taskKey: effect.taskKey } };
      case 'signature_required':
        return {
          topic: effect.type,
          requestId: row.id,
          payload: { ...base, payloadHash: effect.payloadHash },
        };
      case 'request_submitted':
      case 'request_returned':
      case 'request_rejected':
      case 'request_cancelled':
      case 'request_completed':
        return { topic: effect.type, requestId: row.id, payload: base };
      default: {
        const exhaustive: never = effect;
        throw new Error(`unknown effect ${JSON.stringify(exhaustive)}`);
      }
    }
  });
}

/**
 * What the back office must learn of these events (docs/0023): an accepted request and a completed one, as outbox
 * rows of the exchange's topic, in the same transaction — a rolled-back change exports nothing.
 */
export function exportDrafts(row: RequestRow, events: readonly DomainEvent[]): OutboxDraft[] {
  const drafts: OutboxDraft[] = [];
  const draft = (kind: 'request_accepted' | 'request_completed'): OutboxDraft => ({
    topic: BACKOFFICE_EXPORT_TOPIC,
    requestId: row.id,
    payload: { kind, requestId: row.id, clientId: row.clientId },
  });
  for (const event of events) {
    if (event.type === 'accepted') drafts.push(draft('request_accepted'));
    if (event.type === 'status_changed' && event.to === 'completed') drafts.push(draft('request_completed'));
  }
  return drafts;
}
