import type { Orm } from '../db/orm.js';
import { DomainError } from '../errors.js';
import { InAppNotificationSchema, type InAppNotification } from './inapp.entity.js';

export interface InAppView {
  id: string;
  topic: string;
  requestId: string | null;
  title: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}

/** The bell in the cabinet: a user's in-app notifications, newest first, and marking one read. */
export class InAppInbox {
  constructor(
    private readonly orm: Orm,
    private readonly now: () => Date,
  ) {}

  async list(
    userId: string,
    filter: { unreadOnly?: boolean; page?: number; pageSize?: number } = {},
  ): Promise<{ items: InAppView[]; page: number; pageSize: number; total: number; unread: number }> {
    const page = Math.max(1, filter.page ?? 1);
    const pageSize = Math.min(100, Math.max(1, filter.pageSize ?? 20));
    const em = this.orm.em.fork();
    const where = filter.unreadOnly ? { userId, readAt: null } : { userId };
    const [rows, total] = await em.findAndCount(InAppNotificationSchema, where, {
      orderBy: { createdAt: 'desc', id: 'desc' },
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    const unread = await em.count(InAppNotificationSchema, { userId, readAt: null });
    return { items: rows.map(inAppView), page, pageSize, total, unread };
  }

  /** Marks one of the user's notifications read (idempotent); someone else's does not exist for them. */
  async markRead(userId: string, id: string): Promise<InAppView> {
    const em = this.orm.em.fork();
    const row = await em.findOne(InAppNotificationSchema, { id, userId });
    if (!row) throw new DomainError('not_found', 'notification not found');
    if (!row.readAt) {
      row.readAt = this.now();
      await em.flush();
    }
    return inAppView(row);
  }
}

function inAppView(row: InAppNotification): InAppView {
  return {
    id: row.id,
    topic: row.topic,
    requestId: row.requestId ?? null,
    title: row.title,
    body: row.body,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}
