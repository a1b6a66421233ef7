import type { notifications as ruNotifications } from '../../ru/web/notifications.js';

/** In-app notifications. */
export const notifications: typeof ruNotifications = {
  title: 'Notifications',
};
