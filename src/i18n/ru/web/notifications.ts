/** In-app notifications. */
export const notifications = {
  title: 'Уведомления',
};
