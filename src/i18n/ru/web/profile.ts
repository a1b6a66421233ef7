/** Profile: contacts, password, Telegram, language. */
export const profile = {
  title: 'Профиль',
};
