import type { newRequest as ruNewRequest } from '../../ru/web/new-request.js';

/** New request: the type catalogue, the form, drafts. */
export const newRequest: typeof ruNewRequest = {
  title: 'New request',
};
