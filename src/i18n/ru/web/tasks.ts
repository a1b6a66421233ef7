/** My tasks: the staff's work list (issue 10 item 1, docs/0024). */
export const tasks = {
  title: 'Мои задачи',
  intro:
    'Задачи ваших ролей, самые срочные сверху. Список обновляется сам, когда коллеги берут или выполняют задачи.',
  filters: {
    role: 'Роль',
    status: 'Состояние',
    anyRole: 'Все мои роли',
    active: 'Открытые и в работе',
    overdue: 'Только просроченные',
  },
  columns: {
    request: 'Заявка',
    task: 'Задача',
    role: 'Роль',
    due: 'Срок',
    state: 'Состояние',
  },
  due: (time: string) => `до ${time}`,
  overdue: 'просрочена',
  free: 'свободна',
  takenBy: (name: string) => `взял(а): ${name}`,
  approvals: (done: number, required: number) => `подтверждений: ${done} из ${required}`,
  incoming: {
    title: 'Входящие заявки',
    submitted: 'Подписаны и ждут менеджера',
    inReview: 'На рассмотрении',
    empty: 'Новых заявок нет.',
    loadFailed: 'Не удалось загрузить входящие заявки',
  },
  empty: 'Задач нет. Новые появятся здесь сами.',
  emptyFiltered: 'Таких задач нет.',
  loadFailed: 'Не удалось загрузить задачи',
  count: (n: number) => `Открытых задач: ${n}`,
};
