/** The Telegram sandbox page (issue 15, docs/0028). */
export const sandbox = {
  title: 'Telegram-песочница',
  intro:
    'Оба бота Кабинета без Telegram: выберите, кем вы будете, откройте чат и пишите, нажимайте кнопки, делитесь номером — как в Telegram.',
  who: 'Кто вы',
  kinds: { client: 'Клиенты', staff: 'Сотрудники', outsider: 'Посторонний' },
  /** The outsider's Telegram name, and how the page lists them. */
  outsider: { firstName: 'Гость', listed: 'Гость (не клиент)' },
  chats: 'Чаты',
  clientBot: 'Клиентский бот',
  staffBot: 'Бот сотрудников',
  group: 'Группа роли',
  noChat: 'Выберите чат слева.',
  empty: 'Сообщений пока нет. Начните с /start.',
  message: 'Сообщение',
  send: 'Отправить',
  shareContact: 'Поделиться номером',
  edited: 'изменено',
  document: (name: string) => `Документ: ${name}`,
  contact: (phone: string) => `Контакт: ${phone}`,
  opensCabinet: 'открывает Кабинет',
  phone: 'Телефон',
  phoneHint: 'SMS на номер этого человека (коды приходят сюда)',
  noSms: 'SMS ещё не было.',
  unavailable:
    'Песочница недоступна: она работает во встроенном демо-режиме (или для администраторов при TELEGRAM_SANDBOX=true).',
  pressFailed: 'Бот не ответил на нажатие.',
  sendFailed: 'Не удалось отправить. Попробуйте ещё раз.',
  deepLink: {
    title: 'Ссылка на бота',
    body: 'Эта ссылка открывает бота с параметром — как в Telegram, нажмите «Запустить».',
    start: 'Запустить',
    dismiss: 'Не сейчас',
  },
  openInSandbox: 'Открыть в песочнице',
  nav: 'Песочница',
  backToCabinet: 'В кабинет',
};
