/** The back-office exchange page (administrators and the back office, docs/0023). */
export const exchange = {
  title: 'Обмен с бэк-офисом',
  intro:
    'Выгрузки в FANSY: принятые и исполненные заявки, новые клиенты. Бэк-офис отвечает на каждую — принята или отклонена с причиной.',
  forRequest: (number: string) => `Выгрузки по заявке № ${number}`,
  forRequestId: 'Выгрузки по одной заявке',
  allExports: 'Все выгрузки',
  filters: { status: 'Состояние', any: 'Любое' },
  status: {
    sent: 'Ждёт ответа',
    acknowledged: 'Принята',
    error: 'Отклонена',
    overdue: 'Просрочена',
  },
  kind: {
    request_accepted: 'Заявка принята в работу',
    request_completed: 'Заявка исполнена',
    client_created: 'Новый клиент',
  },
  columns: {
    event: 'Событие',
    subject: 'Заявка / клиент',
    attempt: 'Попытка',
    status: 'Состояние',
    sentAt: 'Отправлено',
    answer: 'Ответ бэк-офиса',
  },
  reference: (ref: string) => `Номер в FANSY: ${ref}`,
  answeredAt: (time: string) => `Ответ: ${time}`,
  noAnswer: 'Ответа пока нет',
  reExport: 'Выгрузить снова',
  reExportHint:
    'Исправьте данные, затем выгрузите снова: бэк-офис получит новую попытку с актуальными данными.',
  reExported: (attempt: number) => `Выгружено снова: попытка ${attempt}.`,
  reExportFailed: 'Не удалось выгрузить снова: состояние уже изменилось. Обновите список.',
  empty: 'Выгрузок пока нет.',
  emptyFiltered: 'Таких выгрузок нет.',
  loadFailed: 'Не удалось загрузить выгрузки',
  off: 'Обмен с бэк-офисом выключен (EXCHANGE_DIR=off).',
  file: 'Файл',
};
