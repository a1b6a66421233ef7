import type { requests as ruRequests } from '../../ru/web/requests.js';

/** My requests (the list) and the request page. */
export const requests: typeof ruRequests = {
  title: 'My requests',
};
