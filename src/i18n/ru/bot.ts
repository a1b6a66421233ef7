/*
 * Every text the bots show, in Russian (the default). `en/bot.ts` has the same shape; the compiler checks it.
 * Values that come from data are escaped by the caller (HTML parse mode) before they get here.
 */

export const bot = {
  common: {
    back: '← Назад',
    cancel: '✖ Отмена',
    staleButton: 'Эта кнопка больше не действует. Откройте меню заново.',
  },
  commands: {
    client: {
      start: 'Начать, привязать Telegram',
      new: 'Новая заявка',
      requests: 'Мои заявки',
      drafts: 'Черновики',
      help: 'Помощь',
      language: 'Язык / Language',
      unlink: 'Отвязать Telegram',
    },
    staff: {
      start: 'Начать',
      tasks: 'Мои открытые задачи',
      bind: 'Привязать группу к роли (администратор)',
      unbind: 'Отвязать группу (администратор)',
      mute: 'Пауза личных уведомлений',
      help: 'Помощь',
    },
  },

  client: {
    link: {
      welcome:
        'Здравствуйте! Это бот Кабинета клиента.\n\n' +
        'Чтобы подавать и подписывать заявки здесь, привяжите Telegram: откройте ссылку «Привязать Telegram» ' +
        'в Кабинете или нажмите кнопку ниже, чтобы поделиться номером телефона, — мы пришлём код в SMS.',
      openAccount: (url: string) => `Ещё не клиент? Откройте счёт онлайн — анкета здесь: ${url}`,
      shareContactButton: '📱 Поделиться номером телефона',
      required: 'Сначала привяжите Telegram к Кабинету: нажмите кнопку ниже или откройте ссылку из Кабинета.',
      badToken:
        'Ссылка недействительна: она одноразовая и действует недолго. Получите новую в Кабинете ' +
        'или поделитесь номером телефона.',
      notOwnContact: 'Поделитесь, пожалуйста, своим номером — кнопкой ниже.',
      askPassword:
        'Теперь отправьте пароль от Кабинета одним сообщением. Бот сразу удалит его из чата и пришлёт код в SMS.',
      deletePassword: 'Не удалось удалить сообщение с паролем: удалите его из чата сами.',
      codeSent: (destination: string) =>
        `Если номер и пароль верны, на номер ${destination} отправлен код. Введите код из SMS.`,
      notACode: 'Введите шестизначный код из SMS.',
      wrongCode: (left: number) => `Пароль или код не подошли. Осталось попыток: ${left}.`,
      codeGone:
        'Код больше не действует. Поделитесь номером ещё раз и введите пароль, чтобы получить новый код.',
      done: '✅ Telegram привязан к Кабинету.',
    },
    menu: {
      title: '☰ Меню',
      whatNext: 'Что сделать?',
      new: '➕ Новая заявка',
      requests: '📄 Мои заявки',
      drafts: '📝 Черновики',
      notifications: '🔔 Уведомления',
      language: '🌐 Язык',
      help: '❓ Помощь',
      /** The Mini App: the cabinet inside Telegram. */
      cabinet: '🏦 Открыть кабинет',
      menuButton: 'Кабинет',
      openInCabinet: '🏦 Открыть в кабинете',
    },
    help:
      '<b>Что умеет бот</b>\n' +
      '/new — новая заявка: бот задаст вопросы по шагам, в конце — подпись кодом из SMS\n' +
      '/requests — мои заявки, статусы и история\n' +
      '/drafts — черновики\n' +
      '/language — язык\n' +
      '/unlink — отвязать Telegram\n\n' +
      'На каждом шаге можно вернуться назад или отменить. Номера счетов в сообщениях скрыты, кроме последних цифр.',
    unknown: 'Не понял. Выберите действие в меню или наберите /help.',
    language: {
      choose: 'Выберите язык:',
      changed: 'Готово: бот говорит по-русски.',
      ru: 'Русский',
      en: 'English',
    },
    notifications: {
      on: 'Уведомления о заявках приходят сюда, в Telegram. Письма и уведомления в Кабинете приходят всегда.',
      off: 'Уведомления в Telegram выключены. Письма и уведомления в Кабинете приходят всегда.',
      turnOn: '🔔 Включить',
      turnOff: '🔕 Выключить',
    },
    unlink: {
      question: 'Отвязать Telegram от Кабинета? Уведомления сюда приходить перестанут.',
      confirmButton: 'Да, отвязать',
      keepButton: 'Нет',
      kept: 'Хорошо, всё остаётся как было.',
      done: 'Telegram отвязан. Чтобы привязать снова, поделитесь номером или откройте ссылку из Кабинета.',
    },
    form: {
      chooseType: 'Какую заявку подать?',
      step: (title: string, step: number, total: number) => `<b>${title}</b> · шаг ${step} из ${total}`,
      problem: (message: string) => `⚠️ ${message}. Исправьте, пожалуйста.`,
      optionalHint: '<i>Необязательно — можно пропустить.</i>',
      skip: 'Пропустить',
      summaryTitle: (title: string) => `<b>Проверьте заявку: ${title}</b>`,
      submit: '✍️ Подписать и отправить',
      saveDraft: '💾 Сохранить черновик',
      useButtons: 'Всё заполнено. Выберите: подписать и отправить, сохранить черновик или отменить.',
      noDialogue: 'Эта заявка уже не заполняется. Начните новую: /new',
      alreadyAnswered: 'На этот вопрос уже есть ответ.',
      cancelled: 'Заявка не создана.',
      editCancelled: 'Изменения не сохранены.',
      draftSaved: (number: string) => `💾 Черновик ${number} сохранён. Найти его: /drafts`,
    },
    signing: {
      formCaption: (number: string) =>
        `Печатная форма поручения № ${number} — именно этот документ вы подписываете кодом.`,
      codeSent: (number: string, summary: string, destination: string) =>
        `Заявка <b>${number}</b> ждёт подписи: ${summary}.\n\n` +
        `Мы отправили SMS с кодом на ${destination}. Введите код сюда, чтобы подписать (простая электронная подпись).`,
      notACode: 'Введите шестизначный код из SMS.',
      signed: (number: string) => `✅ Заявка <b>${number}</b> подписана и отправлена менеджеру.`,
      wrong: (left: number) => `Код неверный. Осталось попыток: ${left}.`,
      expired: 'Срок действия кода истёк. Нажмите «Новый код».',
      locked: 'Слишком много неверных попыток. Подпишите заявку позже из её карточки: /requests',
      used: (number: string) => `Этот код уже использован: заявка <b>${number}</b> уже подписана.`,
      changed: (number: string) =>
        `Заявку <b>${number}</b> изменили после отправки кода, код больше не действует. Откройте её и подпишите заново.`,
      nothingToSign: 'Сейчас нечего подписывать.',
      resend: '🔁 Новый код',
      later: 'Подписать позже',
      resent: (destination: string) => `Новый код отправлен на ${destination}. Введите его сюда.`,
      laterText: 'Заявка ждёт подписи. Подписать её можно из списка заявок: /requests',
    },
    requests: {
      title: (page: number, pages: number) => `<b>Мои заявки</b> (стр. ${page} из ${pages})`,
      draftsTitle: (page: number, pages: number) => `<b>Черновики</b> (стр. ${page} из ${pages})`,
      none: 'Заявок пока нет. Подать новую: /new',
      noDrafts: 'Черновиков нет.',
      previous: '◀ Назад',
      next: 'Дальше ▶',
    },
    details: {
      header: (number: string) => `<b>Заявка ${number}</b>`,
      status: (label: string) => `Статус: <b>${label}</b>`,
      returnedReason: (reason: string) => `Что исправить: ${reason}`,
      rejectedReason: (reason: string) => `Причина: ${reason}`,
      history: '<b>История</b>',
      submit: '✍️ Подписать и отправить',
      sign: '✍️ Подписать',
      edit: '✏️ Изменить',
      delete: '🗑 Удалить черновик',
      cancel: '✖ Отменить заявку',
      printForm: '📄 Печатная форма (PDF)',
      refresh: '🔄 Обновить',
      open: '🔎 Подробнее',
      strictNote: 'Содержание заявки — в Кабинете.',
      backToList: '← К списку',
      cancelQuestion: (number: string) => `Отменить заявку <b>${number}</b>? Это нельзя будет вернуть.`,
      cancelYes: 'Да, отменить',
      cancelNo: 'Нет',
      cancelled: (number: string) => `Заявка <b>${number}</b> отменена.`,
      deleted: (number: string) => `Черновик <b>${number}</b> удалён.`,
    },
    journal: {
      created: 'создана',
      signed: 'подписана кодом из SMS',
      status: (label: string) => `статус: ${label}`,
    },
  },

  staff: {
    start: {
      welcome: (name: string) =>
        `Здравствуйте, ${name}! Задачи ваших ролей: /tasks. Уведомления приходят сюда; пауза — /mute.`,
      stranger:
        'Это служебный бот Кабинета. Чтобы привязать Telegram, откройте ссылку-приглашение от администратора.',
      badInvite:
        'Приглашение недействительно: оно одноразовое и действует недолго. Попросите у администратора новое.',
      codeSent: (destination: string) =>
        `Для подтверждения мы отправили код на ${destination}. Введите его сюда.`,
      notACode: 'Введите шестизначный код.',
      wrongCode: (left: number) => `Код неверный. Осталось попыток: ${left}.`,
      codeGone: 'Код больше не действует. Откройте ссылку-приглашение ещё раз.',
      linked: (name: string) => `✅ Готово, ${name}: Telegram привязан. Задачи ваших ролей: /tasks`,
    },
    help:
      '<b>Служебный бот Кабинета</b>\n' +
      '/tasks — открытые задачи ваших ролей\n' +
      '/mute [часы] — пауза личных уведомлений (по умолчанию 8 ч), /mute off — снять паузу\n' +
      'В группе (только администратор): /bind &lt;роль&gt; — привязать чат к роли, /unbind — отвязать\n\n' +
      'Карточки задач приходят в чат роли. Кнопки: отметить пункты чек-листа, «Взять», «Готово», «Отклонить», «Открыть».',
    bind: {
      onlyGroups: 'Эта команда работает в группе, которую нужно привязать к роли.',
      onlyAdmin: 'Привязывать чаты к ролям может только администратор с привязанным Telegram.',
      usage: (roles: string) => `Укажите роль: /bind &lt;роль&gt;. Роли: ${roles}`,
      bound: (role: string) =>
        `Чат привязан к роли «${role}». Карточки задач этой роли будут приходить сюда.`,
      unbound: (roles: string) => `Чат отвязан от ролей: ${roles}.`,
      notBound: 'Этот чат не привязан ни к одной роли.',
    },
    tasks: {
      /** The Mini App: «Мои задачи» inside Telegram. */
      cabinet: '🗂 Мои задачи в кабинете',
      menuButton: 'Мои задачи',
      openInCabinet: '🗂 Открыть в кабинете',
      title: (count: number) => `<b>Открытые задачи ваших ролей</b>: ${count}`,
      none: 'Открытых задач нет. 🎉',
      notStaff: 'Команда для сотрудников с привязанным Telegram.',
      line: (number: string, title: string, due: string, state: string) =>
        `<b>${number}</b> · ${title} · до ${due} · ${state}`,
      mine: 'у вас',
      taken: 'взята',
      free: 'свободна',
    },
    mute: {
      on: (until: string) => `Личные уведомления на паузе до ${until}. Снять паузу: /mute off`,
      off: 'Личные уведомления снова включены.',
      usage: 'Использование: /mute [часы от 1 до 168] или /mute off',
    },
    card: {
      task: (title: string) => `📋 <b>${title}</b>`,
      review: (number: string) => `📥 <b>Заявка ${number}</b> — проверка менеджером`,
      request: (number: string, type: string) => `Заявка <b>${number}</b> · ${type}`,
      role: (role: string, due: string) => `Роль: ${role} · срок: ${due}`,
      state: (label: string) => `Состояние: <b>${label}</b>`,
      takenBy: (name: string) => `в работе у ${name}`,
      doneBy: (names: string) => `выполнено (${names})`,
      rejectedBy: (name: string, reason: string) => `отклонено (${name}): ${reason}`,
      approvals: (given: number, needed: number, names: string) =>
        `Подтверждения (4 глаза): ${given} из ${needed}${names ? ` — ${names}` : ''}`,
      checklist: 'Чек-лист:',
      ticked: (name: string) => ` — ${name}`,
      reviewer: (name: string) => `на рассмотрении у ${name}`,
      acceptedBy: (name: string) => `принята в работу (${name})`,
      returnedBy: (name: string, reason: string) => `возвращена клиенту (${name}): ${reason}`,
      requestRejectedBy: (name: string, reason: string) => `отклонена (${name}): ${reason}`,
      taskRejected: (title: string, name: string, reason: string) =>
        `задача «${title}» отклонена (${name}): ${reason}`,
      waiting: 'ждёт менеджера',
      strictNote: 'Подробности — в Кабинете.',
      cabinet: (url: string) => `<a href="${url}">Открыть в Кабинете</a>`,
      take: '🙋 Взять',
      done: '✅ Готово',
      reject: '⛔ Отклонить',
      open: '🔎 Открыть',
      accept: '✅ Принять в работу',
      return: '↩️ Вернуть клиенту',
      reopen: (title: string) => `🔁 Переоткрыть: ${title}`,
    },
    press: {
      taken: 'Задача ваша.',
      done: 'Готово, спасибо!',
      approvedOnce: 'Ваше подтверждение учтено. Нужен ещё один сотрудник.',
      ticked: 'Отмечено.',
      unticked: 'Отметка снята.',
      accepted: 'Заявка принята в работу.',
      reviewTaken: 'Заявка ваша: проверьте и примите, верните или отклоните.',
      reopened: 'Задача переоткрыта.',
      sentToPrivate: 'Подробности — в личных сообщениях с ботом.',
      startPrivateFirst: 'Напишите боту в личные сообщения (/start), чтобы он мог прислать подробности.',
      checklistIncomplete: (left: number) => `Отметьте все пункты чек-листа: осталось ${left}.`,
    },
    refuse: {
      notLinked: 'Вы не привязаны к Кабинету как сотрудник. Нажатие не засчитано.',
      notYourRole: (role: string) => `Эта задача для роли «${role}». Нажатие не засчитано.`,
      onlyManager: 'Это может сделать только клиентский менеджер.',
      onlyReviewer: (name: string) => `Заявку рассматривает ${name}: только он(а) может это сделать.`,
      alreadyTaken: (name: string) => `Уже взята: ${name}.`,
      alreadyYours: 'Задача уже у вас.',
      alreadyDone: (names: string) => `Уже выполнено: ${names}.`,
      alreadyRejected: (name: string) => `Уже отклонено: ${name}.`,
      taskCancelled: 'Задача снята: заявка ушла с этого этапа.',
      fourEyes: 'Принцип четырёх глаз: второе подтверждение даёт другой сотрудник.',
      segregation: 'Разделение обязанностей: вы выполняли задачу другой роли по этой заявке.',
      reviewAlreadyTaken: (name: string) => `Уже взята на рассмотрение: ${name}.`,
      requestMovedOn: (label: string) => `Уже сделано: заявка в статусе «${label}».`,
      notNow: 'Сейчас это сделать нельзя.',
    },
    reason: {
      askTask: (mention: string, title: string, number: string) =>
        `${mention}, напишите причину отклонения задачи «${title}» по заявке ${number} — ответом на это сообщение. Передумали: /cancel`,
      askReturn: (mention: string, number: string) =>
        `${mention}, напишите, что клиенту нужно исправить в заявке ${number}, — ответом на это сообщение. Передумали: /cancel`,
      askReject: (mention: string, number: string) =>
        `${mention}, напишите причину отклонения заявки ${number} — ответом на это сообщение. Передумали: /cancel`,
      placeholder: 'Причина',
      tooLong: 'Слишком длинно: не больше 1000 символов.',
      cancelled: 'Хорошо, ничего не меняем.',
      taskRejected: (number: string) => `Задача по заявке ${number} отклонена; менеджер получил уведомление.`,
      returned: (number: string) => `Заявка ${number} возвращена клиенту на доработку.`,
      rejected: (number: string) => `Заявка ${number} отклонена.`,
    },
    details: {
      header: (number: string, type: string) => `<b>Заявка ${number}</b> · ${type}`,
      status: (label: string) => `Статус: <b>${label}</b>`,
      tasks: '<b>Задачи</b>',
      taskLine: (title: string, role: string, state: string) => `• ${title} (${role}) — ${state}`,
    },
    groupOnlyAdmin: 'Команды в этом чате: /bind, /unbind (администратор), /help.',
  },
};

export type BotTexts = typeof bot;
