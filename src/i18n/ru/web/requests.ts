/** My requests (the list) and the request page. */
export const requests = {
  title: 'Мои поручения',
};
