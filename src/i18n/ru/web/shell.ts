/** The signed-in frame: navigation and the header's actions. */
export const shell = {
  nav: {
    label: 'Разделы кабинета',
    requests: 'Мои заявки',
    tasks: 'Мои задачи',
    allRequests: 'Заявки',
    newRequest: 'Новая заявка',
    notifications: 'Уведомления',
    profile: 'Профиль',
    exchange: 'Обмен с бэк-офисом',
    staff: 'Сотрудники',
    clients: 'Клиенты',
    applications: 'Анкеты',
  },
  openMenu: 'Открыть меню',
  closeMenu: 'Закрыть меню',
  unread: (count: number) => `Непрочитанных уведомлений: ${count}`,
  signOut: 'Выйти',
  comingSoon: 'Этот раздел скоро появится.',
};
