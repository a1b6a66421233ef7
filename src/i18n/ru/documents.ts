/** The print forms' texts (DESIGN §11): headings, labels and the signature block. */
export const documents = {
  formTitle: (title: string, number: string) => `Поручение № ${number}: ${title}`,
  preview: 'ПРОЕКТ — не подписан, не является поручением',
  licence: (licence: string) => `Лицензия ${licence}`,
  innOgrn: (inn: string, ogrn: string) => `ИНН ${inn} · ОГРН ${ogrn}`,
  dates: {
    created: 'Создано',
    submitted: 'Подано',
    closed: 'Завершено',
    status: 'Статус',
  },
  clientHeading: 'Клиент',
  client: {
    name: 'Наименование / ФИО',
    kind: 'Категория',
    contract: 'Договор',
  },
  clientKinds: {
    individual: 'Физическое лицо',
    sole_proprietor: 'Индивидуальный предприниматель',
    legal_entity: 'Юридическое лицо',
  },
  fieldsHeading: 'Содержание поручения',
  outcomeHeading: 'Ход исполнения',
  outcomeEmpty: 'Поручение ещё не принято в работу.',
  signatureHeading: 'Подпись',
  signature: {
    kind: 'Вид подписи',
    simple: 'Простая электронная подпись (63-ФЗ) кодом из SMS',
    phone: 'Телефон',
    signedAt: 'Подписано',
    channel: 'Канал',
    pending: (phone: string) =>
      `Подписывается простой электронной подписью (63-ФЗ): код подтверждения отправлен в SMS на номер ${phone}. Код связан с этим документом — после любого изменения поручения он недействителен.`,
    verifyCode: (code: string) => `Код проверки: ${code}`,
    verifyHow: (url: string) =>
      `Проверить подлинность этого документа: ${url} — отсканируйте QR-код или введите код проверки.`,
    hash: 'SHA-256 документа',
  },
  channels: { web: 'веб-кабинет', bot: 'Telegram-бот', api: 'API' },
  notSigned: 'Документ не подписан.',
  page: (page: number, pages: number) => `Стр. ${page} из ${pages}`,
  generated: (at: string) => `Сформировано ${at}`,
};
