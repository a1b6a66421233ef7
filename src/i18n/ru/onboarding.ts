/** Texts of account opening (issue 12) outside the web page: codes, letters, the questionnaire's PDF. */
export const onboarding = {
  phoneCode: (code: string) =>
    `Код для подтверждения телефона в анкете на открытие счёта: ${code}. Никому не сообщайте.`,
  emailCode: {
    subject: 'Подтверждение адреса в анкете на открытие счёта',
    text: (code: string) =>
      `Здравствуйте!\n\nКод для подтверждения адреса электронной почты в анкете на открытие счёта: ${code}.\n` +
      'Код действует 10 минут. Если вы не заполняли анкету, просто удалите это письмо.\n',
  },
  received: {
    subject: (number: string) => `Анкета ${number} получена`,
    text: (number: string) =>
      `Здравствуйте!\n\nМы получили вашу анкету на открытие счёта, её номер ${number}.\n` +
      'Клиентский менеджер проверит её и свяжется с вами, чтобы подписать договоры. После подписания вы ' +
      'получите ссылку для входа в Кабинет.\n',
  },
  toManagers: {
    subject: (number: string, kind: string) => `Новая анкета ${number}: ${kind}`,
    text: (number: string, kind: string, link: string) =>
      `Поступила анкета на открытие счёта ${number} (${kind}).\n` +
      `Анкета в формате PDF — во вложении. Открыть и импортировать: ${link}\n`,
  },
  pdf: {
    title: 'Анкета на открытие счёта',
    number: 'Номер анкеты',
    kind: 'Заявитель',
    submittedAt: 'Дата подачи',
    contactsConfirmed: 'Контакты подтверждены',
    byCode: 'кодом',
    byEsia: 'через Госуслуги',
    fromEsia: 'из Госуслуг',
    consent: (version: string) => `Согласие на обработку персональных данных (редакция ${version})`,
    given: 'дано',
    yes: 'да',
    no: 'нет',
    footer: 'Документ сформирован Кабинетом по данным, введённым заявителем.',
  },
};
