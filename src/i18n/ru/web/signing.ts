/** Signing with the SMS code. */
export const signing = {
  title: 'Подписание',
};
