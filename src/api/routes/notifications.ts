import { defineRoute, type ApiRoute } from '../route.js';
import { idParams } from '../schemas/common.js';
import { notificationPageSchema, notificationSchema, notificationsQuery } from '../schemas/notifications.js';
import type { ApiServices } from '../services.js';

const TAG = 'notifications';

export function notificationRoutes(s: ApiServices): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/notifications',
      operationId: 'listNotifications',
      tag: TAG,
      summary: 'The caller’s in-app notifications, newest first',
      access: 'user',
      query: notificationsQuery,
      success: { status: 200, description: 'a page, with the unread count', schema: notificationPageSchema },
      description:
        'Carries an ETag; a matching If-None-Match is answered 304 (poll the unread count cheaply).',
      conditional: true,
      handler: async ({ query, me }) =>
        s.inbox.list(me().user.id, {
          unreadOnly: query.unread === 'true',
          ...(query.page === undefined ? {} : { page: query.page }),
          ...(query.pageSize === undefined ? {} : { pageSize: query.pageSize }),
        }),
    }),
    defineRoute({
      method: 'post',
      path: '/notifications/{id}/read',
      operationId: 'markNotificationRead',
      tag: TAG,
      summary: 'Mark one read',
      access: 'user',
      params: idParams,
      success: { status: 200, description: 'the notification', schema: notificationSchema },
      problems: [404],
      handler: async ({ params, me }) => s.inbox.markRead(me().user.id, params.id),
    }),
  ];
}
