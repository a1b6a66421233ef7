/** New request: the type catalogue, the form, drafts. */
export const newRequest = {
  title: 'Новая заявка',
};
