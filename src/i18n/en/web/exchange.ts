import type { exchange as ruExchange } from '../../ru/web/exchange.js';

/** The back-office exchange page (administrators and the back office, docs/0023). */
export const exchange: typeof ruExchange = {
  title: 'Back-office exchange',
  intro:
    'Exports to FANSY: accepted and completed requests, new clients. The back office answers each: taken, or refused with a reason.',
  forRequest: (number: string) => `Exports of request No. ${number}`,
  forRequestId: 'Exports of one request',
  allExports: 'All exports',
  filters: { status: 'State', any: 'Any' },
  status: {
    sent: 'Awaiting answer',
    acknowledged: 'Taken',
    error: 'Refused',
    overdue: 'Overdue',
  },
  kind: {
    request_accepted: 'Request accepted',
    request_completed: 'Request completed',
    client_created: 'New client',
  },
  columns: {
    event: 'Event',
    subject: 'Request / client',
    attempt: 'Attempt',
    status: 'State',
    sentAt: 'Sent',
    answer: 'Back office’s answer',
  },
  reference: (ref: string) => `FANSY reference: ${ref}`,
  answeredAt: (time: string) => `Answered: ${time}`,
  noAnswer: 'No answer yet',
  reExport: 'Export again',
  reExportHint: 'Fix the data, then export again: the back office gets a new attempt with the current data.',
  reExported: (attempt: number) => `Exported again: attempt ${attempt}.`,
  reExportFailed: 'Could not export again: the state has changed meanwhile. Reload the list.',
  empty: 'No exports yet.',
  emptyFiltered: 'No exports like that.',
  loadFailed: 'Could not load the exports',
  off: 'The back-office exchange is off (EXCHANGE_DIR=off).',
  file: 'File',
};
