/** The web cabinet's texts, in Russian (DESIGN §10, docs/0017, docs/0018). */
export const web = {
  brand: 'Кабинет',
  tagline: 'Личный кабинет клиента инвестиционной компании',
  language: 'Язык',
  languages: { ru: 'Русский', en: 'English' },
  loading: 'Загрузка…',
  signIn: {
    title: 'Вход в Кабинет',
    login: 'Электронная почта или телефон',
    password: 'Пароль',
    submit: 'Войти',
    codeTitle: 'Код подтверждения',
    codeSentTo: (destination: string) => `Мы отправили код в SMS на номер ${destination}.`,
    orAuthenticator: 'Если у вас подключено приложение-аутентификатор, введите код из него.',
    code: 'Код из 6 цифр',
    confirm: 'Подтвердить',
    resend: 'Отправить код ещё раз',
    resendIn: (seconds: number) => `Отправить ещё раз можно через ${seconds} с`,
    resent: 'Новый код отправлен.',
    back: 'Изменить логин',
    codeInvalid: 'Код неверный или больше не действует. Проверьте и введите ещё раз или запросите новый.',
    throttled: (seconds: number | null) =>
      seconds
        ? `Слишком много попыток. Попробуйте снова через ${seconds} с.`
        : 'Слишком много попыток. Подождите немного и попробуйте снова.',
    sessionExpired: 'Сеанс завершён. Войдите снова.',
  },
  home: {
    greeting: (name: string) => `Здравствуйте, ${name}!`,
    intro: 'Здесь будут ваши поручения, документы и уведомления.',
    signOut: 'Выйти',
  },
  notFound: 'Такой страницы нет.',
  toHome: 'На главную',
  failed: 'Что-то пошло не так. Попробуйте ещё раз чуть позже.',
};
