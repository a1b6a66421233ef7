import type { notifications as ruNotifications } from '../../ru/web/notifications.js';

/** In-app notifications. */
export const notifications: typeof ruNotifications = {
  title: 'Notifications',
  unreadOnly: 'Unread only',
  empty: 'No notifications yet. News about your requests will appear here.',
  emptyUnread: 'Everything is read.',
  markRead: 'Mark as read',
  read: 'Read',
  unread: 'New',
  openRequest: 'Open the request',
  loadFailed: 'Could not load the notifications. Check the connection and try again.',
  counter: (count: number) => `Unread: ${count}`,
};
