/** In-app notifications. */
export const notifications = {
  title: 'Уведомления',
  unreadOnly: 'Только непрочитанные',
  empty: 'Уведомлений пока нет. Здесь появятся новости о ваших заявках.',
  emptyUnread: 'Все уведомления прочитаны.',
  markRead: 'Отметить прочитанным',
  read: 'Прочитано',
  unread: 'Новое',
  openRequest: 'Открыть заявку',
  loadFailed: 'Не удалось загрузить уведомления. Проверьте соединение и попробуйте ещё раз.',
  counter: (count: number) => `Непрочитанных: ${count}`,
};
