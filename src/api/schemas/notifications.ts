import { z } from 'zod';
import { isoDateTime, pageQuery } from './common.js';

export const notificationsQuery = z.object({
  unread: z.enum(['true', 'false']).optional().describe('only unread ones'),
  ...pageQuery,
});

export const notificationSchema = z
  .object({
    id: z.uuid(),
    topic: z.string(),
    requestId: z.uuid().nullable(),
    title: z.string(),
    body: z.string(),
    createdAt: isoDateTime,
    readAt: isoDateTime.nullable(),
  })
  .meta({ id: 'Notification' });

export const notificationPageSchema = z
  .object({
    items: z.array(notificationSchema),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
    unread: z.number().int(),
  })
  .meta({ id: 'NotificationPage' });
