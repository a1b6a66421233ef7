import type { Orm } from '../db/orm.js';
import { fullNames } from '../db/user-names.js';
import { JournalEntrySchema } from '../journal/journal.entity.js';
import { RequestSchema } from '../workflow/request.entity.js';
import { NotificationDeliverySchema, type Channel, type DeliveryStatus } from './delivery.entity.js';

export interface DeliveryFilter {
  requestId?: string;
  /** The recipient. */
  userId?: string;
}

export interface DeliveryAttempt {
  id: string;
  at: string;
  /** `notify.queued`, `notify.sent`, `notify.failed`, `notify.undeliverable`, `notify.skipped`, `notify.receipt`. */
  action: string;
  requestId: string | null;
  recipientUserId: string | null;
  data: Record<string, unknown>;
}

export interface DeliveryState {
  id: string;
  outboxId: string;
  topic: string;
  channel: Channel;
  recipient: string;
  /** A person's id, or null for a role chat. */
  recipientUserId: string | null;
  /** The role of a role chat. */
  recipientRole: string | null;
  status: DeliveryStatus;
  attempts: number;
  providerMessageId: string | null;
  receiptStatus: string | null;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

function whereOf(filter: DeliveryFilter): Record<string, string> {
  if (!filter.requestId && !filter.userId) throw new Error('deliveriesFor needs a requestId or a userId');
  return {
    ...(filter.requestId ? { requestId: filter.requestId } : {}),
  };
}

/**
 * The delivery journal, per request and per recipient: every attempt as journaled (`notify.*` entries, ids and
 * reasons only), and each delivery's current state. Callers check who may see what.
 */
export async function deliveryJournal(orm: Orm, filter: DeliveryFilter): Promise<DeliveryAttempt[]> {
  const entries = await orm.em.fork().find(
    JournalEntrySchema,
    {
      action: { $like: 'notify.%' },
      ...whereOf(filter),
      ...(filter.userId ? { subjectUserId: filter.userId } : {}),
    },
    { orderBy: { id: 'asc' }, limit: 1000 },
  );
  return entries.map((entry) => ({
    id: entry.id,
    at: entry.at.toISOString(),
    action: entry.action,
    requestId: entry.requestId ?? null,
    recipientUserId: entry.subjectUserId ?? null,
    data: entry.data,
  }));
}

export async function deliveriesFor(orm: Orm, filter: DeliveryFilter): Promise<DeliveryState[]> {
  const rows = await orm.em
    .fork()
    .find(
      NotificationDeliverySchema,
      { ...whereOf(filter), ...(filter.userId ? { recipientUserId: filter.userId } : {}) },
      { orderBy: { createdAt: 'asc', id: 'asc' }, limit: 1000 },
    );
  return rows.map((row) => ({
    id: row.id,
    outboxId: row.outboxId,
    topic: row.topic,
    channel: row.channel,
    recipient: row.recipientKey,
    recipientUserId: row.recipientUserId ?? null,
    recipientRole: row.recipientRole ?? null,
    status: row.status,
    attempts: row.attempts,
    providerMessageId: row.providerMessageId ?? null,
    receiptStatus: row.receiptStatus ?? null,
    lastError: row.lastError ?? null,
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt ? row.sentAt.toISOString() : null,
  }));
}

/** One delivery as the administrator reads it: the person by name, a role chat by its role, no address. */
export interface DeliveryView {
  id: string;
  topic: string;
  channel: Channel;
  recipientKind: 'user' | 'role_chat';
  recipientName: string | null;
  recipientRole: string | null;
  status: DeliveryStatus;
  attempts: number;
  receiptStatus: string | null;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

/** The deliveries of a request for the administrator (null when there is no such request). */
export async function requestDeliveries(orm: Orm, requestId: string): Promise<DeliveryView[] | null> {
  const em = orm.em.fork();
  if (!(await em.findOne(RequestSchema, { id: requestId }, { fields: ['id'] }))) return null;
  const rows = await deliveriesFor(orm, { requestId });
  const names = await fullNames(
    em,
    rows.map((r) => r.recipientUserId),
  );
  return rows.map((row) => ({
    id: row.id,
    topic: row.topic,
    channel: row.channel,
    recipientKind: row.recipientUserId ? 'user' : 'role_chat',
    recipientName: row.recipientUserId ? (names.get(row.recipientUserId) ?? null) : null,
    recipientRole: row.recipientRole,
    status: row.status,
    attempts: row.attempts,
    receiptStatus: row.receiptStatus,
    lastError: row.lastError,
    createdAt: row.createdAt,
    sentAt: row.sentAt,
  }));
}
